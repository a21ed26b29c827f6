"""The sync outbox: every local change, queued in the same transaction as the change.

Table `outbox` (one row per operation, processed in `id` order; operations for
one entry must be applied in that order):

- `id` INTEGER PRIMARY KEY AUTOINCREMENT: the order operations happened in.
- `client_ref`: the entry's UUID. `workspace_id`: NULL until known.
- `op`: `create`, `update`, `delete` or `stop`.
- `payload`: JSON of the entry at the change (see `payload_for`); the sync
  engine may rebuild it until the first send, after which it is frozen.
- `idempotency_key`: a UUID made at enqueue time and kept for every retry.
- `state`: `pending` -> `inflight` (sent, answer not yet recorded) -> `done`;
  `parked` while it waits for the user, until a change to the entry (saved
  through `WriteTransaction.save`) or "retry" queues it again.
- `attempts`, `next_attempt_at`: retry bookkeeping.
- `created_at`, `sent_at`: RFC 3339 UTC text.
- `last_error_code`, `last_error_message`: the server's problem `code` and text.

Rows are only added by `enqueue`, called from the single entry write path
(`store.database.WriteTransaction.save`). Rows done a month ago are dropped by
a sync round that goes through (`store.sync_state.forget_sent`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text


class Op(StrEnum):
    """What an outbox row asks the server to do."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    STOP = "stop"


class OpState(StrEnum):
    """Where an outbox row stands."""

    PENDING = "pending"
    INFLIGHT = "inflight"
    DONE = "done"
    PARKED = "parked"


@dataclass(frozen=True, slots=True)
class Operation:
    """One outbox row."""

    id: int
    client_ref: str
    op: Op
    payload: dict[str, object]
    idempotency_key: str
    state: OpState
    attempts: int
    created_at: str


def payload_for(entry: Entry) -> dict[str, object]:
    """The entry in the API's vocabulary (`target`, RFC 3339 UTC times, `timezone`)."""
    target: dict[str, object] | None = None
    if entry.target.record_id:
        target = {"type": "record", "id": entry.target.record_id}
    elif entry.target.project_id:
        target = {"type": "project", "id": entry.target.project_id}
        if entry.target.task_id:
            target["task_id"] = entry.target.task_id
    return {
        "client_ref": entry.client_ref,
        "target": target,
        "description": entry.description,
        "tags": list(entry.tags),
        "billable": entry.billable,
        "start": to_text(entry.start),
        "end": to_text(entry.end) if entry.end else None,
        "timezone": entry.zone,
        "deleted_at": to_text(entry.deleted_at) if entry.deleted_at else None,
    }


def enqueue(connection: sqlite3.Connection, entry: Entry, op: Op, now: datetime) -> None:
    """Queue `op` for `entry`; the caller's transaction makes it atomic with the change."""
    from timo_desktop.core.entry import new_client_ref  # a fresh UUID

    connection.execute(
        "INSERT INTO outbox (client_ref, op, payload, idempotency_key, state, created_at)"
        " VALUES (?, ?, ?, ?, 'pending', ?)",
        (
            entry.client_ref,
            op.value,
            json.dumps(payload_for(entry), separators=(",", ":")),
            new_client_ref(),
            to_text(now),
        ),
    )


def cancel_unsent(connection: sqlite3.Connection, client_ref: str, op: Op) -> bool:
    """Drop the newest operation `op` of `client_ref` if it was never sent; True if dropped."""
    cursor = connection.execute(
        "DELETE FROM outbox WHERE id = (SELECT max(id) FROM outbox WHERE client_ref = ?)"
        " AND op = ? AND state = 'pending' AND attempts = 0",
        (client_ref, op.value),
    )
    return cursor.rowcount > 0


def operations(connection: sqlite3.Connection, client_ref: str | None = None) -> list[Operation]:
    """Outbox rows in order, all of them or those of one entry."""
    sql = (
        "SELECT id, client_ref, op, payload, idempotency_key, state, attempts, created_at"
        " FROM outbox"
    )
    params: tuple[str, ...] = ()
    if client_ref is not None:
        sql += " WHERE client_ref = ?"
        params = (client_ref,)
    rows = connection.execute(sql + " ORDER BY id", params).fetchall()
    return [
        Operation(r[0], r[1], Op(r[2]), json.loads(r[3]), r[4], OpState(r[5]), r[6], r[7])
        for r in rows
    ]
