"""The per-workspace change sequence, sync tokens and the changes feed built on them."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from vmoox_sandbox.errors import Problem
from vmoox_sandbox.models import Project, TimeEntry, Workspace

# Tombstones are never purged, so this is how long a sync token stays usable.
SYNC_TOKEN_LIFETIME = timedelta(days=90)

Changed = TypeVar("Changed", TimeEntry, Project)


def next_seq(workspace: Workspace) -> int:
    """Take the next change number of a workspace (callers hold the store lock)."""
    workspace.last_seq += 1
    return workspace.last_seq


def encode_sync_token(workspace: Workspace, kind: str, seq: int, now: datetime) -> str:
    """A token meaning "everything of ``kind`` up to change ``seq`` has been seen"."""
    payload = {
        "w": workspace.id,
        "k": kind,
        "s": seq,
        "e": workspace.sync_epoch,
        "t": int(now.timestamp()),
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return "st_" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_sync_token(token: str, workspace: Workspace, kind: str, now: datetime) -> int:
    """The change number a token stands for; 400 if forged, 410 if expired."""
    try:
        if not token.startswith("st_"):
            raise ValueError(token)
        body = token[3:]
        payload: dict[str, Any] = json.loads(
            base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        )
        seq, epoch, issued = int(payload["s"]), int(payload["e"]), int(payload["t"])
        valid = payload["w"] == workspace.id and payload["k"] == kind and seq >= 0
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, OverflowError):
        valid = False
    if not valid:
        raise Problem(400, "invalid-sync-token", "The sync token is not one this feed handed out.")
    too_old = now.timestamp() - issued > SYNC_TOKEN_LIFETIME.total_seconds()
    if epoch != workspace.sync_epoch or too_old or seq > workspace.last_seq:
        raise Problem(
            410,
            "sync-token-expired",
            "The sync token has expired; start again without one for a full snapshot.",
        )
    return seq


def read_feed(
    session: Session,
    model: type[Changed],
    workspace: Workspace,
    kind: str,
    sync_token: str | None,
    limit: int,
    now: datetime,
    *conditions: ColumnElement[bool],
) -> tuple[list[Changed], str, bool]:
    """One page of changes in server order, tombstones included, and the token to go on with.

    Each object appears once, in its latest state, at its latest change number,
    so an object changed while a client pages reappears later and nothing is missed.
    """
    after = 0 if sync_token is None else decode_sync_token(sync_token, workspace, kind, now)
    rows = list(
        session.scalars(
            select(model)
            .where(model.workspace_id == workspace.id, model.seq > after, *conditions)
            .order_by(model.seq)
            .limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    seen = rows[-1].seq if has_more else workspace.last_seq
    return rows, encode_sync_token(workspace, kind, seen, now), has_more
