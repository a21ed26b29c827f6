"""Idempotency keys: a write sent twice commits once and answers the same both times."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import Request, Response
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vmoox_sandbox.clock import as_utc, to_db
from vmoox_sandbox.context import Sandbox
from vmoox_sandbox.errors import Problem
from vmoox_sandbox.faults import consume_latency
from vmoox_sandbox.models import IdempotencyRecord

MAX_KEY_LENGTH = 255
# Response headers worth replaying.
REPLAYED_HEADERS = ("Location", "ETag", "Content-Type")


def require_key(key: str | None) -> str:
    """400 idempotency-key-missing (or validation-failed) unless a usable key was sent."""
    if not key:
        raise Problem(
            400, "idempotency-key-missing", "Creating requests need an Idempotency-Key header."
        )
    if len(key) > MAX_KEY_LENGTH:
        raise Problem(
            400, "idempotency-key-invalid", f"Idempotency-Key is limited to {MAX_KEY_LENGTH} chars."
        )
    return key


def fingerprint(request: Request, body: Any) -> str:
    """What makes two requests "the same": method, path and the parsed body."""
    canonical = json.dumps([request.method, request.url.path, body], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def run_once(
    sandbox: Sandbox,
    request: Request,
    user_id: str,
    key: str | None,
    body: Any,
    operation: Callable[[Session], Response],
) -> Response:
    """Run ``operation`` in one transaction, at most once per key.

    The key is reserved first (a retry meanwhile gets ``409 idempotency-in-flight``),
    then the operation runs and its 2xx response is stored in the same
    transaction, so it is either applied and replayable or not applied at all.
    Failed attempts release the key so the client can retry once the cause is fixed.
    """
    if key is None:
        with sandbox.store.transaction() as session:
            return operation(session)
    request_print = fingerprint(request, body)
    now = sandbox.clock.now()
    with sandbox.store.transaction() as session:
        record = session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
            )
        )
        if record is not None and as_utc(record.expires_at) <= now:
            session.delete(record)
            session.flush()
            record = None
        if record is not None:
            return _replay_or_refuse(record, request_print)
        record = IdempotencyRecord(
            user_id=user_id,
            key=key,
            fingerprint=request_print,
            state="in_flight",
            expires_at=to_db(now + timedelta(seconds=sandbox.config.idempotency_seconds)),
        )
        session.add(record)
        session.flush()
        record_id = record.id
    delay = consume_latency(request.scope)
    if delay:
        time.sleep(delay)  # an injected slow server, observed while the key is in flight
    try:
        with sandbox.store.transaction() as session:
            response = operation(session)
            stored = session.get(IdempotencyRecord, record_id)
            if 200 <= response.status_code < 300 and stored is not None:
                stored.state = "done"
                stored.status_code = response.status_code
                stored.headers = {
                    h: response.headers[h] for h in REPLAYED_HEADERS if h in response.headers
                }
                stored.body = bytes(response.body).decode()
            elif stored is not None:
                session.delete(stored)
            return response
    except BaseException:
        with sandbox.store.transaction() as session:
            session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id))
        raise


def _replay_or_refuse(record: IdempotencyRecord, request_print: str) -> Response:
    if record.fingerprint != request_print:
        raise Problem(
            422,
            "idempotency-key-reused",
            "This Idempotency-Key was already used for a different request.",
        )
    if record.state != "done":
        raise Problem(
            409,
            "idempotency-in-flight",
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            headers={"Retry-After": "1"},
        )
    headers = dict(record.headers or {})
    headers["Idempotent-Replayed"] = "true"
    media_type = headers.pop("Content-Type", None)
    return Response(
        content=record.body or "",
        status_code=record.status_code or 200,
        headers=headers,
        media_type=media_type,
    )


def expire_all(session: Session) -> int:
    """Forget every stored key (sandbox control); returns how many were dropped."""
    result = session.execute(delete(IdempotencyRecord))
    return int(result.rowcount or 0)


def forget_in_flight(session: Session) -> None:
    """Drop reservations left by a server that stopped mid-request."""
    session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.state == "in_flight"))
