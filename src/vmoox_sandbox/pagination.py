"""Opaque cursors for keyset pagination, and the ``Link`` header that carries them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from fastapi import Query, Request

from vmoox_sandbox.errors import Problem

DEFAULT_LIMIT = 100
MAX_LIMIT = 500

LimitQuery = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="page size")
CursorQuery = Query(None, max_length=1000, description="next_cursor of the previous page")


def query_scope(*parts: Any) -> str:
    """A short fingerprint of the endpoint and filters a cursor belongs to."""
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def encode_cursor(scope: str, after: list[Any]) -> str:
    """Cursor that resumes after the row whose sort key is ``after``."""
    raw = json.dumps({"s": scope, "a": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, scope: str) -> list[Any]:
    """The sort key a cursor resumes after; 400 invalid-cursor if forged or from another query."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        after = payload["a"]
        valid = payload.get("s") == scope and isinstance(after, list)
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        valid = False
    if not valid:
        raise Problem(400, "invalid-cursor", "The cursor is not one this list handed out.")
    return after


def link_headers(request: Request, next_cursor: str | None) -> dict[str, str]:
    """``Link: <...>; rel="next"`` when there is a next page."""
    if next_cursor is None:
        return {}
    url = request.url.include_query_params(cursor=next_cursor)
    return {"Link": f'<{url}>; rel="next"'}
