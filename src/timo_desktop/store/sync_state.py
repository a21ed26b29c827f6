"""What the sync engine keeps beside entries and the outbox (standard `sqlite3` only).

Tables (migration 0003), written only here, by the sync engine (and by the entry write
path, which sends parked operations again: `unpark`):

- `sync_requests`: for each outbox row that has been sent, the request as it
  was first sent (`request`, JSON) and the idempotency key of the batch that
  carried it (`batch_key`). A retry sends exactly this again.
- `sync_base`: per entry, its fields as the server last confirmed them (JSON)
  — the common ancestor for merging a `412` field by field.
- `sync_conflicts`: a local value the server's value replaced, per field,
  kept so the user can restore it with one click; beside an entry Vmoox refused as
  read-only, the values it kept instead, sent by themselves once unlocked, but for
  those of fields both sides changed (`ask_once_unlocked`), asked about then.

Entry rows written from the server go through `put_entry` (no outbox row: the
server already has the change). Every function runs on the caller's
connection, inside the caller's transaction (`Store.write()`), so recording an
answer and marking its operation done commit together.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from timo_desktop.core.bidi import without_isolates
from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.store.database import write_entries, write_entry
from timo_desktop.store.outbox import Op, OpState

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class QueuedOp:
    """An outbox row not yet done, with what sync knows about it."""

    id: int
    client_ref: str
    op: Op
    idempotency_key: str
    state: OpState
    attempts: int
    next_attempt_at: str | None
    workspace_id: str | None
    request: Json | None
    batch_key: str | None


@dataclass(frozen=True, slots=True)
class RemoteLink:
    """How a local entry is known on the server."""

    client_ref: str
    workspace_id: str | None
    remote_id: str | None
    remote_version: int | None
    base: Json | None
    sync_state: SyncState
    error_code: str | None
    error_message: str | None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field where the server's value replaced the local one."""

    id: int
    client_ref: str
    field: str
    local_value: Any
    server_value: Any
    created_at: str
    # Both sides changed the field while Vmoox kept the entry read-only: once unlocked it
    # is asked about, not sent by itself as the values kept beside a refusal are.
    ask_once_unlocked: bool = False


# Built once: `json.dumps` with options makes a new encoder on every call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), sort_keys=True)


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# -- reading ----------------------------------------------------------------------


def open_ops(connection: sqlite3.Connection) -> list[QueuedOp]:
    """Outbox rows not done (pending, in flight or parked), in order."""
    rows = connection.execute(
        "SELECT o.id, o.client_ref, o.op, o.idempotency_key, o.state, o.attempts,"
        " o.next_attempt_at, o.workspace_id, r.request, r.batch_key"
        " FROM outbox o LEFT JOIN sync_requests r ON r.outbox_id = o.id"
        " WHERE o.state != 'done' ORDER BY o.id"
    ).fetchall()
    return [
        QueuedOp(
            r[0],
            r[1],
            Op(r[2]),
            r[3],
            OpState(r[4]),
            r[5],
            r[6],
            r[7],
            json.loads(r[8]) if r[8] else None,
            r[9],
        )
        for r in rows
    ]


def links(connection: sqlite3.Connection, client_refs: Iterable[str]) -> dict[str, RemoteLink]:
    """Server identity and last confirmed fields of these entries."""
    refs = list(dict.fromkeys(client_refs))
    found: dict[str, RemoteLink] = {}
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in connection.execute(
            "SELECT e.client_ref, e.workspace_id, e.remote_id, e.remote_version, b.fields,"
            " e.sync_state, e.last_error_code, e.last_error_message"
            " FROM entries e LEFT JOIN sync_base b ON b.client_ref = e.client_ref"
            f" WHERE e.client_ref IN ({marks})",
            chunk,
        ):
            found[r[0]] = RemoteLink(
                r[0],
                r[1],
                r[2],
                r[3],
                json.loads(r[4]) if r[4] else None,
                SyncState(r[5]),
                r[6],
                r[7],
            )
    return found


def entries(connection: sqlite3.Connection, client_refs: Iterable[str]) -> dict[str, Entry]:
    """These entries by `client_ref` (deleted ones included), read in bulk."""
    from timo_desktop.store.database import ENTRY_COLUMNS, _entry

    refs = list(dict.fromkeys(client_refs))
    found: dict[str, Entry] = {}
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in connection.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE client_ref IN ({marks})", chunk
        ):
            entry = _entry(row)
            found[entry.client_ref] = entry
    return found


def has_open_ops(connection: sqlite3.Connection, client_ref: str) -> bool:
    """Whether an entry still has operations that are not done."""
    row = connection.execute(
        "SELECT 1 FROM outbox WHERE client_ref = ? AND state != 'done' LIMIT 1", (client_ref,)
    ).fetchone()
    return row is not None


def link_by_remote_id(connection: sqlite3.Connection, remote_id: str) -> str | None:
    """The `client_ref` of the local entry known on the server as `remote_id`."""
    row = connection.execute(
        "SELECT client_ref FROM entries WHERE remote_id = ?", (remote_id,)
    ).fetchone()
    return str(row[0]) if row else None


def open_refs(connection: sqlite3.Connection, among: Sequence[str] | None = None) -> set[str]:
    """Entries (all, or of `among`) that still have operations to send or waiting for
    the user."""
    sql = "SELECT DISTINCT client_ref FROM outbox WHERE state != 'done'"
    if among is None:
        return {str(r[0]) for r in connection.execute(sql)}
    found: set[str] = set()
    refs = list(among)
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            str(r[0]) for r in connection.execute(f"{sql} AND client_ref IN ({marks})", chunk)
        )
    return found


# The workspace an operation goes to, as `SyncEngine._workspace_of` decides it: the one
# its entry was placed in (or sent to), else its project's or record's, else the default
# workspace (`:default`). An entry is never placed in a workspace it cannot be sent to, so
# one held for such a workspace is counted by this, not by where it was placed.
_GOES_TO = (
    "coalesce(e.workspace_id, o.workspace_id,"
    " nullif((SELECT p.workspace_id FROM projects p WHERE p.id = e.project_id), ''),"
    " nullif((SELECT r.workspace_id FROM records r WHERE r.id = e.record_id), ''),"
    " :default)"
)


def counts(
    connection: sqlite3.Connection,
    frozen_workspaces: Sequence[str] = (),
    default: str | None = None,
) -> Json:
    """`pending` operations (those held for frozen workspaces left out, and entries with
    a parked operation, whose later ones wait with it for the user) and the
    `pending_entries` they belong to, `attention` entries and `frozen` operations;
    `default`: where entries without a project or record go. (Entries with values the
    server replaced are counted as Needs attention sorts them:
    `sync.attention.kinds_asked`.)"""
    names = {f"frozen{i}": ws for i, ws in enumerate(frozen_workspaces)}
    marks = ", ".join(f":{name}" for name in names) or "NULL"
    held = f"{_GOES_TO} IN ({marks})"
    pending, frozen, entries = connection.execute(
        f"SELECT sum(CASE WHEN {held} THEN 0 ELSE 1 END),"
        f" sum(CASE WHEN {held} THEN 1 ELSE 0 END),"
        f" count(DISTINCT CASE WHEN {held} THEN NULL ELSE o.client_ref END)"
        " FROM outbox o LEFT JOIN entries e ON e.client_ref = o.client_ref"
        " WHERE o.state IN ('pending', 'inflight')"
        " AND o.client_ref NOT IN (SELECT client_ref FROM outbox WHERE state = 'parked')",
        {**names, "default": default},
    ).fetchone()
    attention = connection.execute(
        "SELECT count(*) FROM entries WHERE sync_state = 'attention'"
    ).fetchone()[0]
    return {
        "pending": int(pending or 0),
        "pending_entries": int(entries or 0),
        "frozen": int(frozen or 0),
        "attention": int(attention),
    }


def unsent_entries(connection: sqlite3.Connection) -> int:
    """Entries with a change Vmoox has not accepted yet: queued, in flight, held for a
    workspace, parked, or waiting for the user."""
    return int(
        connection.execute(
            "SELECT count(*) FROM (SELECT client_ref FROM outbox WHERE state != 'done'"
            " UNION SELECT client_ref FROM entries WHERE sync_state = 'attention')"
        ).fetchone()[0]
    )


def attention(connection: sqlite3.Connection) -> list[tuple[str, str | None, str | None]]:
    """(client_ref, code, message) of every entry waiting for the user, oldest first."""
    return [
        (str(r[0]), r[1], r[2])
        for r in connection.execute(
            "SELECT client_ref, last_error_code, last_error_message FROM entries"
            " WHERE sync_state = 'attention' ORDER BY start_at"
        )
    ]


def waiting_after(connection: sqlite3.Connection, code: str) -> set[str]:
    """`client_ref`s with an operation waiting to be tried again after a refusal `code`,
    whether the entry still shows it or was changed here since (a timer stopped)."""
    return {
        str(r[0])
        for r in connection.execute(
            "SELECT DISTINCT client_ref FROM outbox WHERE state = 'pending'"
            " AND next_attempt_at IS NOT NULL AND last_error_code = ?",
            (code,),
        )
    }


def conflicts(connection: sqlite3.Connection, client_ref: str | None = None) -> list[Conflict]:
    """Field conflicts the server won, all or of one entry."""
    sql = (
        "SELECT id, client_ref, field, local_value, server_value, created_at,"
        " ask_once_unlocked FROM sync_conflicts"
    )
    params: tuple[str, ...] = ()
    if client_ref is not None:
        sql += " WHERE client_ref = ?"
        params = (client_ref,)
    return [
        Conflict(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], bool(r[6]))
        for r in connection.execute(sql + " ORDER BY id", params)
    ]


def records_in_use(connection: sqlite3.Connection, workspace_id: str) -> list[str]:
    """Ids of records that entries or projects of `workspace_id` point at, or already cached."""
    rows = connection.execute(
        "SELECT record_id FROM entries WHERE record_id IS NOT NULL"
        " AND coalesce(workspace_id, ?) = ?"
        " UNION SELECT client_record_id FROM projects WHERE client_record_id IS NOT NULL"
        " AND workspace_id = ?"
        " UNION SELECT id FROM records WHERE workspace_id = ?"
        " ORDER BY 1",
        (workspace_id, workspace_id, workspace_id, workspace_id),
    )
    return [str(r[0]) for r in rows]


def projects_in_use(connection: sqlite3.Connection) -> set[str]:
    """Ids of projects that entries here point at (a task of one names a report's row)."""
    rows = connection.execute(
        "SELECT DISTINCT project_id FROM entries WHERE project_id IS NOT NULL"
    )
    return {str(r[0]) for r in rows}


def uncached_records(connection: sqlite3.Connection) -> list[str]:
    """Record ids that entries point at but the catalog cache does not hold yet."""
    rows = connection.execute(
        "SELECT DISTINCT record_id FROM entries WHERE record_id IS NOT NULL"
        " AND record_id NOT IN (SELECT id FROM records) ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def entries_of_workspace(
    connection: sqlite3.Connection, workspace_id: str, default: str | None = None
) -> list[str]:
    """`client_ref`s of entries with operations queued for `workspace_id` (`default`: where
    entries without a project or record go)."""
    return [
        str(r[0])
        for r in connection.execute(
            "SELECT DISTINCT o.client_ref FROM outbox o"
            " LEFT JOIN entries e ON e.client_ref = o.client_ref"
            f" WHERE o.state != 'done' AND {_GOES_TO} = :workspace",
            {"workspace": workspace_id, "default": default},
        )
    ]


# -- sending ----------------------------------------------------------------------


def mark_sent(
    connection: sqlite3.Connection,
    op_id: int,
    now: str,
    *,
    workspace_id: str,
    request: Json | None = None,
    batch_key: str | None = None,
) -> None:
    """Record that op `op_id` is about to go out; the first time, freeze its request."""
    if request is not None:
        connection.execute(
            "INSERT OR REPLACE INTO sync_requests (outbox_id, request, batch_key) VALUES (?, ?, ?)",
            (op_id, _dumps(request), batch_key),
        )
    connection.execute(
        "UPDATE outbox SET state = 'inflight', attempts = attempts + 1, sent_at = ?,"
        " workspace_id = ?, next_attempt_at = NULL WHERE id = ?",
        (now, workspace_id, op_id),
    )


def rebatch(connection: sqlite3.Connection, op_ids: Sequence[int], batch_key: str) -> None:
    """Move frozen requests into a new batch (after a 413 split: nothing was applied)."""
    connection.executemany(
        "UPDATE sync_requests SET batch_key = ? WHERE outbox_id = ?",
        [(batch_key, op_id) for op_id in op_ids],
    )


def unfreeze(connection: sqlite3.Connection, op_id: int) -> None:
    """Forget the frozen request after the server refused it outright (nothing applied):
    the next send is rebuilt from the entry as it is then, under a new idempotency key."""
    connection.execute("DELETE FROM sync_requests WHERE outbox_id = ?", (op_id,))
    connection.execute(
        "UPDATE outbox SET idempotency_key = ?, state = 'pending' WHERE id = ?",
        (str(uuid.uuid4()), op_id),
    )


def retry_later(
    connection: sqlite3.Connection,
    op_id: int,
    next_attempt_at: str | None,
    code: str | None = None,
    message: str | None = None,
) -> None:
    """Back to pending, to be sent again (unchanged) at `next_attempt_at`."""
    connection.execute(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error_code = ?,"
        " last_error_message = ? WHERE id = ?",
        (next_attempt_at, code, _as_kept(message), op_id),
    )


def done(connection: sqlite3.Connection, op_ids: Iterable[int]) -> None:
    """The server has these operations (or they need no request)."""
    connection.executemany(
        "UPDATE outbox SET state = 'done', next_attempt_at = NULL, last_error_code = NULL,"
        " last_error_message = NULL WHERE id = ?",
        [(op_id,) for op_id in op_ids],
    )


def park(
    connection: sqlite3.Connection, op_id: int, client_ref: str, code: str, message: str
) -> None:
    """Stop sending `op_id` until the user acts; the entry shows the server's reason."""
    hold(connection, op_id, code, message)
    set_state(connection, client_ref, SyncState.ATTENTION, code, message)


def hold(connection: sqlite3.Connection, op_id: int, code: str, message: str) -> None:
    """Stop sending `op_id` until it is let go (`unpark`), its entry not asked about: it
    waits for another entry's question to be settled."""
    connection.execute(
        "UPDATE outbox SET state = 'parked', last_error_code = ?, last_error_message = ?"
        " WHERE id = ?",
        (code, _as_kept(message), op_id),
    )


def parked_after(connection: sqlite3.Connection, code: str) -> list[str]:
    """`client_ref`s with an operation parked after a refusal `code`, oldest first."""
    return [
        str(r[0])
        for r in connection.execute(
            "SELECT client_ref FROM outbox WHERE state = 'parked' AND last_error_code = ?"
            " GROUP BY client_ref ORDER BY min(id)",
            (code,),
        )
    ]


# Vmoox has the entry (it answered with its id), or may have it: a request for it went
# out and its answer is not in (the one kind of frozen request an outright refusal leaves).
_MAY_BE_ON_SERVER = (
    "(e.remote_id IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o JOIN sync_requests r"
    " ON r.outbox_id = o.id WHERE o.client_ref = e.client_ref))"
)


def workspace_on_server(connection: sqlite3.Connection, client_ref: str) -> str | None:
    """The workspace Vmoox has the entry in, or may have it in; None while nothing of it
    can have reached Vmoox."""
    row = connection.execute(
        "SELECT coalesce(e.workspace_id, (SELECT o.workspace_id FROM outbox o WHERE"
        " o.client_ref = e.client_ref AND o.workspace_id IS NOT NULL ORDER BY o.id DESC"
        f" LIMIT 1)) FROM entries e WHERE e.client_ref = ? AND {_MAY_BE_ON_SERVER}",
        (client_ref,),
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def place_again(connection: sqlite3.Connection, client_ref: str) -> None:
    """Let the next round decide afresh where an entry goes (its target changed), unless
    Vmoox has it or may have it: held for a workspace whose access was removed, say, it
    follows the project it was given."""
    connection.execute(
        f"UPDATE entries AS e SET workspace_id = NULL WHERE client_ref = ?"
        f" AND NOT {_MAY_BE_ON_SERVER}",
        (client_ref,),
    )
    connection.execute(
        "UPDATE outbox SET workspace_id = NULL WHERE client_ref = ? AND state != 'done'"
        " AND (SELECT workspace_id FROM entries WHERE client_ref = ?) IS NULL",
        (client_ref, client_ref),
    )


def place_unsent_again(connection: sqlite3.Connection, workspace_ids: Sequence[str]) -> None:
    """Let the next round decide afresh where the entries placed in `workspace_ids` (those
    it cannot send to) go, where nothing of them can have reached Vmoox: placed there
    before the workspace was lost, they follow the default or their project as if new."""
    marks = ", ".join("?" * len(workspace_ids))
    if marks:
        connection.execute(
            f"UPDATE entries AS e SET workspace_id = NULL WHERE workspace_id IN ({marks})"
            f" AND NOT {_MAY_BE_ON_SERVER}",
            tuple(workspace_ids),
        )


def forget_sent(connection: sqlite3.Connection, before: str) -> None:
    """Drop operations done before `before` (RFC 3339 UTC text) and their requests: sync
    answers for them were recorded long ago; open ones, and an entry's newer ones, stay."""
    connection.execute(
        "DELETE FROM sync_requests WHERE outbox_id IN"
        " (SELECT id FROM outbox WHERE state = 'done' AND created_at < ?)",
        (before,),
    )
    connection.execute("DELETE FROM outbox WHERE state = 'done' AND created_at < ?", (before,))


def unpark(connection: sqlite3.Connection, client_ref: str) -> int:
    """Queue an entry's parked operations again, rebuilt from its current state; returns
    how many there were (`WriteTransaction.save` calls this for every local change)."""
    ids = [
        int(r[0])
        for r in connection.execute(
            "SELECT id FROM outbox WHERE client_ref = ? AND state = 'parked'", (client_ref,)
        )
    ]
    for op_id in ids:
        unfreeze(connection, op_id)
    connection.executemany(
        "UPDATE outbox SET last_error_code = NULL, last_error_message = NULL,"
        " next_attempt_at = NULL WHERE id = ?",
        [(op_id,) for op_id in ids],
    )
    return len(ids)


def clear_wait(connection: sqlite3.Connection, client_ref: str) -> None:
    """Let an entry's waiting operations go at the next round."""
    connection.execute(
        "UPDATE outbox SET next_attempt_at = NULL WHERE client_ref = ? AND state = 'pending'",
        (client_ref,),
    )


def settle_all(connection: sqlite3.Connection, client_ref: str) -> None:
    """Mark every open operation of an entry done (the user discarded them)."""
    connection.execute(
        "UPDATE outbox SET state = 'done', last_error_code = NULL, last_error_message = NULL"
        " WHERE client_ref = ? AND state != 'done'",
        (client_ref,),
    )


def release_op(connection: sqlite3.Connection, op_id: int) -> None:
    """An operation frozen for sending that did not leave: pending again, still frozen."""
    connection.execute(
        "UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'inflight'", (op_id,)
    )


def release_inflight(connection: sqlite3.Connection) -> None:
    """In-flight rows left by a run that stopped before the answer: pending again, request
    still frozen, so the resend carries the same key and body."""
    connection.execute("UPDATE outbox SET state = 'pending' WHERE state = 'inflight'")


# -- entries from the server ---------------------------------------------------------


def set_state(
    connection: sqlite3.Connection,
    client_ref: str,
    state: SyncState,
    code: str | None = None,
    message: str | None = None,
) -> None:
    """The entry's sync badge and the reason shown with it."""
    connection.execute(
        "UPDATE entries SET sync_state = ?, last_error_code = ?, last_error_message = ?"
        " WHERE client_ref = ?",
        (state.value, code, _as_kept(message), client_ref),
    )


def mark_synced(connection: sqlite3.Connection, client_refs: Sequence[str]) -> None:
    """These entries agree with the server now."""
    connection.executemany(
        "UPDATE entries SET sync_state = 'synced', last_error_code = NULL,"
        " last_error_message = NULL WHERE client_ref = ?",
        [(ref,) for ref in client_refs],
    )


@dataclass(frozen=True, slots=True)
class Link:
    """The server's id, version and fields of an entry, to remember (`link`, `put_entries`)."""

    client_ref: str
    workspace_id: str
    remote_id: str | None
    remote_version: int | None
    base: Json


def link(
    connection: sqlite3.Connection,
    client_ref: str,
    *,
    workspace_id: str,
    remote_id: str | None,
    remote_version: int | None,
    base: Json,
) -> None:
    """Remember the server's id, version and fields of an entry."""
    connection.execute(
        "UPDATE entries SET workspace_id = ?, remote_id = coalesce(?, remote_id),"
        " remote_version = coalesce(?, remote_version) WHERE client_ref = ?",
        (workspace_id, remote_id, remote_version, client_ref),
    )
    _put_bases(connection, [Link(client_ref, workspace_id, remote_id, remote_version, base)])


def _put_bases(connection: sqlite3.Connection, found: Sequence[Link]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO sync_base (client_ref, fields) VALUES (?, ?)",
        [(k.client_ref, _dumps(k.base)) for k in found],
    )


def unlink(connection: sqlite3.Connection, client_ref: str) -> None:
    """Forget how an entry was known on the server (it no longer has it): the next
    operation is built as a create under the same `client_ref`."""
    connection.execute(
        "UPDATE entries SET remote_id = NULL, remote_version = NULL WHERE client_ref = ?",
        (client_ref,),
    )
    connection.execute("DELETE FROM sync_base WHERE client_ref = ?", (client_ref,))


def linked_in(connection: sqlite3.Connection, workspace_id: str) -> set[str]:
    """Live entries Vmoox had taken in `workspace_id` (it answered with their id), with
    nothing left to send."""
    return {
        str(r[0])
        for r in connection.execute(
            "SELECT client_ref FROM entries e WHERE workspace_id = ? AND remote_id IS NOT NULL"
            " AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
            " WHERE o.client_ref = e.client_ref AND o.state != 'done')",
            (workspace_id,),
        )
    }


def set_workspace(connection: sqlite3.Connection, client_ref: str, workspace_id: str) -> None:
    """The workspace an entry goes to, once decided."""
    connection.execute(
        "UPDATE entries SET workspace_id = ? WHERE client_ref = ? AND workspace_id IS NULL",
        (workspace_id, client_ref),
    )


def put_entry(connection: sqlite3.Connection, entry: Entry) -> None:
    """Insert or overwrite an entry's fields as the server has them (no outbox row)."""
    write_entry(connection, entry)


def put_entries(
    connection: sqlite3.Connection, found: Sequence[Entry], links: Sequence[Link]
) -> None:
    """Server entries and where the server knows them (a pulled page, `links[i]` for
    `found[i]`): one prepared statement for the rows, one for their bases."""
    write_entries(
        connection, found, [(k.workspace_id, k.remote_id, k.remote_version) for k in links]
    )
    _put_bases(connection, links)


# -- conflicts ------------------------------------------------------------------------


def add_conflict(
    connection: sqlite3.Connection,
    client_ref: str,
    field: str,
    local_value: Any,
    server_value: Any,
    now: str,
    *,
    ask_once_unlocked: bool = False,
) -> None:
    """Keep the local value the server's replaced (one row per field; newest wins)."""
    connection.execute(
        "DELETE FROM sync_conflicts WHERE client_ref = ? AND field = ?", (client_ref, field)
    )
    connection.execute(
        "INSERT INTO sync_conflicts (client_ref, field, local_value, server_value, created_at,"
        " ask_once_unlocked) VALUES (?, ?, ?, ?, ?, ?)",
        (client_ref, field, _dumps(local_value), _dumps(server_value), now, ask_once_unlocked),
    )


def follow_server(
    connection: sqlite3.Connection, now_there: Mapping[str, Mapping[str, Any]]
) -> None:
    """The server's values in open conflicts, as a pull now brings them (`now_there`: each
    entry's fields): one changed there again said the value before, and keep-theirs named
    a value the entry no longer had. A conflict whose kept value Vmoox now holds is over."""
    if not now_there:
        return
    for ref, field, local in connection.execute(
        "SELECT client_ref, field, local_value FROM sync_conflicts"
    ).fetchall():
        fields = now_there.get(ref)
        if fields is None or field not in fields:
            continue
        if json.loads(local) == fields[field]:
            clear_conflicts(connection, ref, [field])
        else:
            connection.execute(
                "UPDATE sync_conflicts SET server_value = ? WHERE client_ref = ? AND field = ?",
                (_dumps(fields[field]), ref, field),
            )


def ask_again(connection: sqlite3.Connection, found: Sequence[Conflict]) -> None:
    """Keep conflicts cleared before again, exactly as they were, under their own ids
    (never given to another: `AUTOINCREMENT`). A newer one of the same field stays."""
    connection.executemany(
        "INSERT INTO sync_conflicts (id, client_ref, field, local_value, server_value,"
        " created_at, ask_once_unlocked) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
        " (SELECT 1 FROM sync_conflicts WHERE client_ref = ? AND field = ?)",
        [
            (
                c.id,
                c.client_ref,
                c.field,
                _dumps(c.local_value),
                _dumps(c.server_value),
                c.created_at,
                c.ask_once_unlocked,
                c.client_ref,
                c.field,
            )
            for c in found
        ],
    )


def clear_conflicts(
    connection: sqlite3.Connection, client_ref: str, fields: Iterable[str] | None = None
) -> None:
    """Forget conflicts of an entry (all fields, or the named ones)."""
    if fields is None:
        connection.execute("DELETE FROM sync_conflicts WHERE client_ref = ?", (client_ref,))
        return
    connection.executemany(
        "DELETE FROM sync_conflicts WHERE client_ref = ? AND field = ?",
        [(client_ref, f) for f in fields],
    )


def _as_kept(message: str | None) -> str | None:
    """A reason as saved with an entry: names as typed. Worded in the desktop app, names in
    it are set apart for the screen (`core.bidi`); the command line reads it too."""
    return None if message is None else without_isolates(message)
