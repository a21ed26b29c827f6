"""The store's public API: `Store` for reads, `Store.write()` for the one write path.

    store = Store.open(paths.database)
    running = store.running()
    with store.write() as tx:            # BEGIN IMMEDIATE ... COMMIT
        tx.save(entry, Op.CREATE, now)   # entry row + outbox row, atomically

Reads use the same queries inside and outside a transaction; decisions that
depend on what is stored (is a timer running? does this overlap?) are taken
inside `write()` so two processes cannot both act on a stale view.
"""

from __future__ import annotations

import enum
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timo_desktop.core.entry import Entry, SyncState, Target
from timo_desktop.core.errors import InvalidEntry, InvalidInput
from timo_desktop.core.local_time import as_utc, from_text, to_text
from timo_desktop.paths import nothing_in_the_way
from timo_desktop.store import outbox
from timo_desktop.store.connection import (
    BUSY_TIMEOUT_MS,
    copy_database,
    open_connection,
    read,
    refuse_while_put_back,
    transaction,
)
from timo_desktop.store.errors import DatabaseReadOnly, translate
from timo_desktop.store.outbox import Op

if TYPE_CHECKING:  # the catalog types load only when the catalog is read
    import uuid

    from timo_desktop.core.catalog import Project, Record, Task
    from timo_desktop.core.validation import EntryRules, ReadOnly

ENTRY_COLUMNS = (
    "client_ref, start_at, end_at, timezone, created_at, updated_at, description,"
    " project_id, task_id, record_id, tags, billable, source, deleted_at, sync_state"
)
# The meta key of the default workspace's rules (JSON, with its id): kept by sync, read by
# the Tracker (`Reader.entry_rules`) and reports.
WORKSPACE_RULES_KEY = "workspace.rules"
# The meta key of each workspace's rules (JSON, as `WORKSPACE_RULES_KEY`), kept by sync:
# those its entries are checked by, the lock sync keeps and the capacity reports use. A
# `sync.` key, so signing in as someone else forgets them with the rest of sync's.
WORKSPACE_RULES_OF = "sync.workspace_rules.{}"
# The meta key of the timers running here that sync stopped, not yet read about (JSON: ref →
# end or deletion): written by `sync.running`, read by Needs attention and `timo status`.
STOPS_NOTED_KEY = "sync.stopped_running"
# The meta key of when each of those timers stopped running here, as the round that stopped
# it saw the time (JSON: ref → RFC 3339): what ran here past an end Vmoox set earlier.
RAN_UNTIL_KEY = "sync.stopped_running_until"
# Meta key prefix: an entry brought back under a new `client_ref` (`replace_ref`) → that ref.
REPLACED_BY_KEY = "entry.replaced_by."
# The namespace of the references entries are brought back under (`restored_ref`).
_RESTORED_REFS = "6f1b7f0e-3c55-5d1a-9a53-7e8d2c4b9a10"
_LIVE = "deleted_at IS NULL"
# The newest entries read for the descriptions offered while typing before the whole history.
_NEWEST_READ = 2000
_REF_PREFIX = re.compile(r"^[0-9a-f-]+$")


def restored_ref(client_ref: str) -> str:
    """The `client_ref` an entry Vmoox holds deleted comes back under (`recreate`): made
    from its own (a UUID 5), so two computers bringing back the same entry make one entry
    on Vmoox, and each knows the other's copy for it. A copy deleted and brought back again
    gets one made from its own reference."""
    import uuid  # not needed by read-only commands

    return str(uuid.uuid5(_restored_refs(), client_ref))


@cache
def _restored_refs() -> uuid.UUID:
    """The namespace of `restored_ref`, read once (a pull may ask for many)."""
    import uuid

    return uuid.UUID(_RESTORED_REFS)


def _instant(text: str | None) -> datetime | None:
    return from_text(text) if text is not None else None


# Looked up rather than made: the window reads every entry of 400 days at each change.
_SYNC_STATES = {state.value: state for state in SyncState}


def _entry(row: Sequence[object]) -> Entry:
    tags = str(row[10])
    return Entry(
        client_ref=str(row[0]),
        start=from_text(str(row[1])),
        end=_instant(row[2]),  # type: ignore[arg-type]
        zone=str(row[3]),
        created_at=from_text(str(row[4])),
        updated_at=from_text(str(row[5])),
        description=str(row[6]),
        target=Target(row[7], row[8], row[9]),  # type: ignore[arg-type]
        tags=() if tags == "[]" else tuple(json.loads(tags)),
        billable=bool(row[11]),
        source=str(row[12]),
        deleted_at=_instant(row[13]),  # type: ignore[arg-type]
        sync_state=_SYNC_STATES[str(row[14])],
    )


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for text starting with `prefix` taken literally."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def epoch(instant: datetime) -> int:
    """Whole seconds since 1970 UTC, as stored beside `to_text(instant)`."""
    return int(as_utc(instant).timestamp())


_ENTRY_COLUMNS = (
    "client_ref", "start_at", "end_at", "timezone", "created_at", "updated_at", "description",
    "project_id", "task_id", "record_id", "tags", "billable", "source", "deleted_at",
    "sync_state", "start_epoch", "end_epoch",
)  # fmt: skip
_KEPT_ON_OVERWRITE = {"client_ref", "created_at", "source"}
# Where the server knows the entry; an overwrite without them keeps them.
_LINK_COLUMNS = ("workspace_id", "remote_id", "remote_version")


def _upsert(*, linked: bool) -> str:
    columns = _ENTRY_COLUMNS + (_LINK_COLUMNS if linked else ())
    updates = [f"{c} = excluded.{c}" for c in _ENTRY_COLUMNS if c not in _KEPT_ON_OVERWRITE]
    if linked:
        updates += [
            "workspace_id = excluded.workspace_id",
            "remote_id = coalesce(excluded.remote_id, remote_id)",
            "remote_version = coalesce(excluded.remote_version, remote_version)",
        ]
    return (
        f"INSERT INTO entries ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (client_ref) DO UPDATE SET {', '.join(updates)}"
    )


_WRITE_ENTRY = _upsert(linked=False)
_WRITE_LINKED_ENTRY = _upsert(linked=True)


def _entry_row(entry: Entry) -> tuple[object, ...]:
    return (
        entry.client_ref,
        to_text(entry.start),
        to_text(entry.end) if entry.end else None,
        entry.zone,
        to_text(entry.created_at),
        to_text(entry.updated_at),
        entry.description,
        entry.target.project_id,
        entry.target.task_id,
        entry.target.record_id,
        json.dumps(list(entry.tags)),
        int(entry.billable),
        entry.source,
        to_text(entry.deleted_at) if entry.deleted_at else None,
        entry.sync_state.value,
        epoch(entry.start),
        epoch(entry.end) if entry.end else None,
    )


def write_entry(connection: sqlite3.Connection, entry: Entry) -> None:
    """Insert or overwrite an entry's row (no outbox row): the one statement that does.

    `WriteTransaction.save` adds the outbox row; sync writes the server's
    version of an entry through this alone. Start and end go in twice, as text
    and as epoch seconds for reports, so they cannot disagree.
    """
    connection.execute(_WRITE_ENTRY, _entry_row(entry))


Linked = tuple[str, str | None, int | None]  # workspace id, remote id, remote version


def write_entries(
    connection: sqlite3.Connection, entries: Sequence[Entry], links: Sequence[Linked]
) -> None:
    """`write_entry` for many entries in one prepared statement (a pulled page), each with
    where the server knows it, in the same row write (not a second pass over the rows)."""
    connection.executemany(
        _WRITE_LINKED_ENTRY,
        [(*_entry_row(entry), *link) for entry, link in zip(entries, links, strict=True)],
    )


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """When a Timo process last said it was alive."""

    alive_at: datetime
    pid: int


class Reader:
    """Queries over one connection; shared by `Store` and `WriteTransaction`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def _rows(self, sql: str, params: object = ()) -> list[sqlite3.Row]:
        return read(self.connection, self.path, sql, params)

    def _entries(self, where: str, params: object = (), tail: str = "") -> list[Entry]:
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries WHERE {where} {tail}"
        return [_entry(row) for row in self._rows(sql, params)]

    # entries
    def running(self) -> Entry | None:
        """The running entry, if any (at most one exists)."""
        found = self._entries(f"end_at IS NULL AND {_LIVE}")
        return found[0] if found else None

    def get(self, client_ref: str) -> Entry | None:
        """The entry with exactly this `client_ref` (deleted ones included)."""
        found = self._entries("client_ref = ?", (client_ref,))
        return found[0] if found else None

    def with_prefix(self, prefix: str, *, deleted: bool = False) -> list[Entry]:
        """Up to 10 live entries (`deleted`: deleted ones) whose `client_ref` starts with
        `prefix` (lower-case hex and dashes). Told apart before the limit, so that entries
        of the other kind matching first leave none out."""
        wanted = prefix.strip().lower()
        if not _REF_PREFIX.match(wanted):
            raise InvalidInput(f"'{prefix}' is not an entry reference")
        kind = "deleted_at IS NOT NULL" if deleted else _LIVE
        return self._entries(
            f"client_ref GLOB ? AND {kind}", (wanted + "*",), "ORDER BY client_ref LIMIT 10"
        )

    def between(self, start: datetime, end: datetime) -> list[Entry]:
        """Live entries sharing time with [start, end), running ones included, by start."""
        return self._entries(
            f"start_at < ? AND (end_at IS NULL OR end_at > ?) AND {_LIVE}",
            (to_text(end), to_text(start)),
            "ORDER BY start_at, client_ref",
        )

    def recent(self, limit: int = 20) -> list[Entry]:
        """The most recently started live entries, newest first."""
        return self._entries(_LIVE, (), f"ORDER BY start_at DESC LIMIT {int(limit)}")

    def latest_described(self, description: str) -> Entry | None:
        """The most recently started live entry with exactly this description."""
        found = self._entries(
            f"description = ? AND {_LIVE}", (description,), "ORDER BY start_at DESC LIMIT 1"
        )
        return found[0] if found else None

    def last_deleted(self) -> Entry | None:
        """The entry deleted most recently, for undo. `deleted_at` is kept to the second, so
        among entries deleted in the same second the one whose delete was queued last wins."""
        found = self._entries(
            "deleted_at = (SELECT max(deleted_at) FROM entries)",
            (),
            "ORDER BY (SELECT max(o.id) FROM outbox o WHERE o.client_ref = entries.client_ref"
            " AND o.op = 'delete') DESC LIMIT 1",
        )
        return found[0] if found else None

    def descriptions(self, prefix: str = "", limit: int = 10) -> list[str]:
        """Distinct descriptions used lately that start with `prefix` (for autocomplete),
        the most recently used first."""
        # The newest entries mostly hold them (~1 ms); the whole history is grouped only when
        # they do not, as it was at each refresh of the window (~40 ms with 29,000 entries).
        where = f"description LIKE ? ESCAPE '\\' AND description != '' AND {_LIVE}"
        newest = self._rows(
            f"SELECT description FROM entries WHERE {where} ORDER BY start_at DESC LIMIT ?",
            (_like_prefix(prefix), _NEWEST_READ),
        )
        found = list(dict.fromkeys(str(r[0]) for r in newest))
        if len(found) >= limit or len(newest) < _NEWEST_READ:
            return found[:limit]
        rows = self._rows(
            f"SELECT description FROM entries WHERE {where}"
            " GROUP BY description ORDER BY max(start_at) DESC LIMIT ?",
            (_like_prefix(prefix), limit),
        )
        return [str(r[0]) for r in rows]

    def tags(self, prefix: str = "", limit: int = 10) -> list[str]:
        """Distinct tags of live entries starting with `prefix` (ASCII letters in any case),
        for autocomplete: the most used first and, between equals, the most recently used."""
        # json_each unpacks the stored JSON list in SQL; skipping untagged rows first keeps
        # a year of entries a single quick pass with no entries built in Python.
        rows = self._rows(
            "SELECT tag.value FROM entries, json_each(entries.tags) AS tag"
            f" WHERE entries.tags != '[]' AND {_LIVE} AND tag.value LIKE ? ESCAPE '\\'"
            " GROUP BY tag.value ORDER BY count(*) DESC, max(entries.start_at) DESC, tag.value"
            " LIMIT ?",
            (_like_prefix(prefix), limit),
        )
        return [str(r[0]) for r in rows]

    def on_server(self, client_ref: str) -> bool:
        """Whether Vmoox has (or had) the entry, as far as sync knows: it answered with its
        copy. A create refused outright left nothing there."""
        from timo_desktop.store import sync_state  # sync bookkeeping, only when asked

        link = sync_state.links(self.connection, [client_ref]).get(client_ref)
        return link is not None and (link.remote_id is not None or link.base is not None)

    def locked_on_server(self, client_ref: str) -> bool:
        """Whether the server's copy, as last synced, is read-only (invoiced or locked)."""
        rows = self._rows(
            "SELECT 1 FROM sync_base WHERE client_ref = ? AND json_extract(fields, '$.locked')",
            (client_ref,),
        )
        return bool(rows)

    def deleted_on_server(self, client_ref: str) -> bool:
        """Whether Vmoox holds this `client_ref` deleted, as last synced (for good: it
        never takes a deleted `client_ref` back)."""
        rows = self._rows(
            "SELECT 1 FROM sync_base WHERE client_ref = ? AND json_extract(fields, '$.deleted')",
            (client_ref,),
        )
        return bool(rows)

    def restored_from(self, client_ref: str) -> dict[str, object] | None:
        """The fields Vmoox last confirmed of the entry that `client_ref` brings back (kept
        by `replace_ref`): what a copy brought back on another computer started from too.
        None when it brings none back."""
        rows = self._rows(
            "SELECT b.fields FROM meta m JOIN sync_base b ON b.client_ref = substr(m.key, ?)"
            " WHERE m.key LIKE ? ESCAPE '\\' AND m.value = ?",
            (len(REPLACED_BY_KEY) + 1, _like_prefix(REPLACED_BY_KEY), client_ref),
        )
        return dict(json.loads(rows[0][0])) if rows else None

    def read_only(self, entry: Entry, rules: EntryRules) -> ReadOnly | None:
        """Why Vmoox keeps a stored entry read-only (None when it does not): the one rule
        that refuses its edits and deletes here (`Tracker`) and the choices sync asks about
        it that would change it there (`sync.engine.Decisions`). It is before the lock
        date, as long as `rules` (the workspace's, as last pulled) have it (a change
        refused for a locked period is sent again once it is lifted:
        `SyncEngine._lock_lifted`), or Vmoox keeps it read-only for good (invoiced: brought
        back so by the last sync, or refused so, said then in the server's words while
        that refusal is shown). One Vmoox never had is not: the lock keeps what Vmoox
        holds, and deleting it here or moving it out of the locked period is how it stops
        waiting."""
        from timo_desktop.core.validation import ReadOnly, check_unlocked

        if not self.on_server(entry.client_ref):
            return None
        try:
            check_unlocked(entry.start, rules)
        except InvalidEntry as locked:
            return ReadOnly(str(locked), "its period is locked", "ask an admin to unlock it")
        if not self.locked_on_server(entry.client_ref):
            return None
        shown = entry.sync_state is SyncState.ATTENTION
        refusal = self.refusal(entry.client_ref) if shown else None
        said = "this entry is read-only in Vmoox (it has been invoiced)"
        if refusal is not None and refusal[0] == "entry-locked":
            said = refusal[1]
        return ReadOnly(said, "it has been invoiced")

    def refusal(self, client_ref: str) -> tuple[str, str] | None:
        """The server's problem code and reason while an entry waits for the user."""
        rows = self._rows(
            "SELECT last_error_code, coalesce(last_error_message, '') FROM entries"
            " WHERE client_ref = ? AND sync_state = 'attention' AND last_error_code IS NOT NULL",
            (client_ref,),
        )
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def outbox(self, client_ref: str | None = None) -> list[outbox.Operation]:
        """Outbox operations in order, all or for one entry."""
        return outbox.operations(self.connection, client_ref)

    # catalog
    def projects(self, *, include_inactive: bool = False) -> list[Project]:
        """Cached projects, by name."""
        from timo_desktop.core.catalog import Project

        where = "" if include_inactive else "WHERE status = 'active'"
        rows = self._rows(
            "SELECT id, name, client_record_id, status, billable_default, can_track,"
            " service_type, phase, estimate_minutes, workspace_id, tracked_minutes"
            f" FROM projects {where} ORDER BY name"
        )
        return [Project(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), *r[6:]) for r in rows]

    def project(self, project_id: str) -> Project | None:
        """One cached project by id, whatever its status."""
        found = [p for p in self.projects(include_inactive=True) if p.id == project_id]
        return found[0] if found else None

    def workspace_of(self, target: Target) -> str | None:
        """The workspace of a target's project or record, as the catalog last saw it."""
        if target.project_id:
            sql, key = "SELECT workspace_id FROM projects WHERE id = ?", target.project_id
        elif target.record_id:
            sql, key = "SELECT workspace_id FROM records WHERE id = ?", target.record_id
        else:
            return None
        rows = self._rows(sql, (key,))
        return str(rows[0][0]) if rows and rows[0][0] else None

    def unplaced_without_target(self) -> int:
        """Live entries without a project or record, not yet sent, whose workspace is not
        decided: they go to the default workspace as it is when they are first sent."""
        rows = self._rows(
            "SELECT count(*) FROM entries WHERE workspace_id IS NULL AND project_id IS NULL"
            " AND record_id IS NULL AND deleted_at IS NULL AND remote_id IS NULL"
        )
        return int(rows[0][0])

    def workspace_on_server(self, client_ref: str) -> str | None:
        """The workspace Vmoox has (or may have) an entry in; None while nothing of it can
        have reached Vmoox."""
        from timo_desktop.store import sync_state  # sync bookkeeping, only when asked

        return sync_state.workspace_on_server(self.connection, client_ref)

    def tasks(self, project_id: str | None = None) -> list[Task]:
        """Cached tasks, of one project or all, by name."""
        from timo_desktop.core.catalog import Task

        where, params = ("WHERE project_id = ?", (project_id,)) if project_id else ("", ())
        rows = self._rows(
            "SELECT id, project_id, name, status, estimate_minutes, tracked_minutes FROM tasks"
            f" {where} ORDER BY name",
            params,
        )
        return [Task(*r) for r in rows]

    def records(self, *, include_inactive: bool = False) -> list[Record]:
        """Cached records, by name."""
        from timo_desktop.core.catalog import Record

        where = "" if include_inactive else "WHERE status = 'active'"
        rows = self._rows(
            "SELECT id, type, display_name, subtitle, status, trackable, segment, workspace_id"
            f" FROM records {where} ORDER BY display_name"
        )
        return [Record(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in rows]

    def names(self, target: Target) -> tuple[str | None, str | None, str | None]:
        """Cached names of a target's project, task and record (None when unknown)."""
        lookups = (
            ("SELECT name FROM projects WHERE id = ?", target.project_id),
            ("SELECT name FROM tasks WHERE id = ?", target.task_id),
            ("SELECT display_name FROM records WHERE id = ?", target.record_id),
        )
        found: list[str | None] = []
        for sql, key in lookups:
            rows = self._rows(sql, (key,)) if key else []
            found.append(str(rows[0][0]) if rows else None)
        return found[0], found[1], found[2]

    # meta and heartbeat
    def meta(self, key: str) -> str | None:
        """A value from the key/value meta table."""
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def entry_rules(self, of: Entry | Target) -> EntryRules:
        """The rules of the workspace entry `of` is in, or a new entry for target `of` goes
        to (`workspace_of_entry`), as sync last kept them; the default workspace's where
        that one's are not kept (`WORKSPACE_RULES_KEY`: every entry's, before sync kept
        each workspace's), else the defaults. The workspace is named in them only where
        sync kept the rules of two or more: with one, "this workspace" says which."""
        from timo_desktop.core.validation import DEFAULT_RULES, rules_from_json

        workspace = self.workspace_of_entry(of)
        raw = self.meta(WORKSPACE_RULES_OF.format(workspace)) if workspace else None
        raw = raw or self.meta(WORKSPACE_RULES_KEY)
        if not raw:
            return DEFAULT_RULES
        rules = rules_from_json(raw)
        several = self._rows(
            "SELECT count(*) > 1 FROM meta WHERE key LIKE ? ESCAPE '\\'",
            (_like_prefix(WORKSPACE_RULES_OF.format("")),),
        )[0][0]
        return rules if several else replace(rules, workspace="")

    def workspace_of_entry(self, of: Entry | Target) -> str | None:
        """The workspace (id) entry `of` is in, or a new entry for target `of` goes to, as
        sync places it (`SyncEngine._workspace_of`): the one Vmoox has (or may have) it in,
        else its project's or record's, else the default workspace, whose rules sync keeps
        with its id; None where none of them is known (never synced)."""
        placed = self.workspace_on_server(of.client_ref) if isinstance(of, Entry) else None
        target = of.target if isinstance(of, Entry) else of
        if found := placed or self.workspace_of(target):
            return found
        default = json.loads(self.meta(WORKSPACE_RULES_KEY) or "{}").get("workspace_id")
        return str(default) if default else None

    def noted(self, key: str) -> dict[str, Any]:
        """What sync noted under the meta `key` of entries, to be told until read: ref → what
        it noted (`WriteTransaction.note`)."""
        noted: dict[str, Any] = json.loads(self.meta(key) or "{}")
        return noted

    def stops_noted(self) -> dict[str, str]:
        """The timers running here that sync stopped (ended or deleted), not yet read
        about: ref → end or deletion (RFC 3339), as `sync.running.note_stop` keeps them."""
        return self.noted(STOPS_NOTED_KEY)

    def heartbeat(self) -> Heartbeat | None:
        """The last heartbeat written, if any."""
        rows = self._rows("SELECT alive_at, pid FROM heartbeat WHERE id = 1")
        return Heartbeat(from_text(rows[0][0]), int(rows[0][1])) if rows else None

    def data_version(self) -> int:
        """Changes when another connection commits (for noticing outside writes cheaply)."""
        return int(self._rows("PRAGMA data_version")[0][0])

    def outbox_head(self) -> int:
        """The id of the newest outbox row: it grows whenever any process queues a change."""
        return int(self._rows("SELECT coalesce(max(id), 0) FROM outbox")[0][0])


class WriteTransaction(Reader):
    """Reads and writes inside one `BEGIN IMMEDIATE` transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(connection, path)
        self.changed: list[str] = []

    def save(self, entry: Entry, op: Op, now: datetime) -> None:
        """Insert or update `entry` and queue `op` for sync: the one write path for entries.

        Operations of the entry that wait for the user (parked after a refusal) are sent
        again, rebuilt from the entry as it now is: the change may be the fix, and if it
        is not, the server refuses again and says why. Otherwise they would hold every
        later change of the entry behind them for good.
        """
        # Imported here: read-only commands never load sync bookkeeping (it imports this).
        from timo_desktop.store import sync_state

        before = self.get(entry.client_ref)
        write_entry(self.connection, entry)
        outbox.enqueue(self.connection, entry, op, now)
        sync_state.unpark(self.connection, entry.client_ref)
        if before is not None and before.target != entry.target:
            sync_state.place_again(self.connection, entry.client_ref)
        self.changed.append(entry.client_ref)

    def restore(self, entry: Entry, now: datetime) -> Entry:
        """Undo a soft delete; returns the entry as it is back (every way back comes here
        or to `recreate`).

        A delete never sent is dropped, and Vmoox hears nothing. One Vmoox holds goes
        back as a new entry (`recreate`). One that may be on its way (sent, answer not
        yet in) gets an update queued behind it: if the delete went through, sync
        recreates the entry then. One Vmoox never had is queued as a create again, so
        it waits as a new entry does when Vmoox refuses it (say, for a lock date).
        """
        restored = entry.changed(now, deleted_at=None)
        from timo_desktop.store import sync_state  # sync bookkeeping, only when asked

        if outbox.cancel_unsent(self.connection, entry.client_ref, Op.DELETE) and (
            sync_state.has_open_ops(self.connection, entry.client_ref)
            or (self.on_server(entry.client_ref) and not self.deleted_on_server(entry.client_ref))
        ):
            # With nothing else queued it is as Vmoox has it again: synced, as before. Not
            # when what was queued before the delete went meanwhile, retired by a sync round
            # (a create that need not go) or sent as the delete: it is queued again below.
            self.connection.execute(
                "UPDATE entries SET deleted_at = NULL, updated_at = ?, sync_state = CASE WHEN"
                " EXISTS (SELECT 1 FROM outbox o WHERE o.client_ref = entries.client_ref"
                " AND o.state != 'done') THEN sync_state ELSE 'synced' END WHERE client_ref = ?",
                (to_text(now), entry.client_ref),
            )
            self.changed.append(entry.client_ref)
            back = self.get(entry.client_ref)
            assert back is not None  # the row was just updated
            return back
        if self.deleted_on_server(entry.client_ref):
            return self.recreate(entry, now)
        op = Op.UPDATE if self.on_server(entry.client_ref) else Op.CREATE
        self.save(restored, op, now)
        return restored

    def recreate(self, entry: Entry, now: datetime) -> Entry:
        """Bring back `entry`, whose `client_ref` Vmoox holds deleted, as a new entry with
        its times, target and fields; returns it.

        Vmoox never takes a deleted `client_ref` back, so the copy gets a new one, made
        from the old (`restored_ref`), and is queued as a create (its own idempotency key,
        kept for every retry; its `client_ref` saves it after the key expires). Another
        computer bringing back the same entry makes the same reference, so Vmoox holds it
        once: a copy that came here from there already is this entry, kept as it is (or
        brought back itself if deleted since), and two sent from both sides meet as one,
        merged by sync (`SyncEngine._adopt`). The old row goes (`replace_ref`).
        """
        copy_ref = restored_ref(entry.client_ref)
        self.replace_ref(entry.client_ref, copy_ref)
        there = self.get(copy_ref)
        if there is None:
            copy = replace(entry, client_ref=copy_ref, deleted_at=None).changed(now)
            self.save(copy, Op.CREATE, now)
            return copy
        if not there.is_deleted:
            return there
        if self.deleted_on_server(copy_ref):
            # That copy was deleted on Vmoox too: this one comes back past it, as it is here.
            return self.recreate(replace(entry, client_ref=copy_ref), now)
        return self.restore(there, now)

    def replace_ref(self, old: str, new: str) -> None:
        """Forget entry `old`, which Vmoox holds deleted, now that `new` brings it back: its
        row goes, with its queued operations and conflicts, so nothing can bring it back a
        second time; `old` leads to `new` (`REPLACED_BY_KEY`), so Undo steps holding it
        still find it. Its last confirmed fields stay (`restored_from`): what another
        computer bringing it back started from too, for merging the two."""
        from timo_desktop.store import sync_state

        sync_state.settle_all(self.connection, old)  # nothing can reach a deleted entry
        sync_state.clear_conflicts(self.connection, old)
        self.connection.execute("DELETE FROM entries WHERE client_ref = ?", (old,))
        self.set_meta(REPLACED_BY_KEY + old, new)
        self.changed.append(old)

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the key/value meta table."""
        self.connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def note(self, key: str, client_ref: str, value: Any) -> None:
        """Note `value` of an entry under the meta `key` (JSON), as `Reader.noted` reads it."""
        noted = self.noted(key)
        noted[client_ref] = value
        self.set_meta(key, json.dumps(noted, sort_keys=True))

    def forget_note(self, key: str, client_ref: str) -> None:
        """Forget what was noted of an entry under the meta `key` (it has been read)."""
        noted = self.noted(key)
        if noted.pop(client_ref, None) is not None:
            self.set_meta(key, json.dumps(noted, sort_keys=True))

    def beat(self, now: datetime) -> None:
        """Record that this process is alive at `now`."""
        self.connection.execute(
            "INSERT INTO heartbeat (id, alive_at, pid) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET alive_at = excluded.alive_at, pid = excluded.pid",
            (to_text(now), os.getpid()),
        )

    def put_projects(
        self, projects: Iterable[Project], *, counted_at: datetime | None = None
    ) -> None:
        """Insert or replace cached projects (sync fills these; tests seed them).

        `counted_at`: when Vmoox gave the projects' `tracked_minutes` (sync passes it);
        without it no count is kept (`_counts`).
        """
        wanted = list(projects)
        counts = self._counts(
            counted_at, [(p.id, p.tracked_minutes) for p in wanted], by_task=False
        )
        self.connection.executemany(
            "INSERT OR REPLACE INTO projects (id, name, client_record_id, status,"
            " billable_default, can_track, service_type, phase, estimate_minutes, workspace_id,"
            " tracked_minutes, tracked_at, tracked_own_seconds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.id,
                    p.name,
                    p.client_record_id,
                    p.status,
                    int(p.billable_default),
                    int(p.can_track),
                    p.service_type,
                    p.phase,
                    p.estimate_minutes,
                    p.workspace_id,
                    *count,
                )
                for p, count in zip(wanted, counts, strict=True)
            ],
        )

    def put_tasks(self, tasks: Iterable[Task], *, counted_at: datetime | None = None) -> None:
        """Insert or replace cached tasks (`counted_at` as for `put_projects`)."""
        wanted = list(tasks)
        counts = self._counts(counted_at, [(t.id, t.tracked_minutes) for t in wanted], by_task=True)
        self.connection.executemany(
            "INSERT OR REPLACE INTO tasks (id, project_id, name, status, estimate_minutes,"
            " tracked_minutes, tracked_at, tracked_own_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t.id, t.project_id, t.name, t.status, t.estimate_minutes, *count)
                for t, count in zip(wanted, counts, strict=True)
            ],
        )

    def _counts(
        self,
        counted_at: datetime | None,
        items: Sequence[tuple[str, int | None]],
        *,
        by_task: bool,
    ) -> list[tuple[int | None, str | None, int | None]]:
        """(tracked_minutes, tracked_at, tracked_own_seconds) to store for each (id, Vmoox's
        count): the count, when it was read, and the seconds of this computer's entries as
        Vmoox last confirmed them (`sync_base`) that it holds — finished and live ones on
        the project or task, as Vmoox counts. Reports take that much off the count and add
        the time here instead, so an entry counts once however it changed since."""
        if counted_at is None or all(count is None for _, count in items):
            return [(None, None, None)] * len(items)
        key = "$.target.task_id" if by_task else "$.target.id"
        own = {
            str(k): int(seconds)
            for k, seconds in self.connection.execute(
                f"SELECT json_extract(fields, '{key}'),"
                " sum(strftime('%s', json_extract(fields, '$.end'))"
                " - strftime('%s', json_extract(fields, '$.start')))"
                " FROM sync_base WHERE json_extract(fields, '$.target.type') = 'project'"
                " AND json_extract(fields, '$.end') IS NOT NULL"
                " AND NOT coalesce(json_extract(fields, '$.deleted'), 0) GROUP BY 1"
            )
            if k is not None
        }
        at = to_text(counted_at)
        return [
            (None, None, None) if count is None else (count, at, own.get(item, 0))
            for item, count in items
        ]

    def put_records(self, records: Iterable[Record]) -> None:
        """Insert or replace cached records."""
        self.connection.executemany(
            "INSERT OR REPLACE INTO records (id, type, display_name, subtitle, status,"
            " trackable, segment, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.id,
                    r.type,
                    r.display_name,
                    r.subtitle,
                    r.status,
                    int(r.trackable),
                    r.segment,
                    r.workspace_id,
                )
                for r in records
            ],
        )


class FileLost(enum.Enum):
    """What became of the database file at its path while a store held it open."""

    DELETED = "deleted"
    # Cut to nothing in place (same file): a Timo database is never empty, so all it held
    # lives on only in this connection, as for a deleted one.
    EMPTIED = "emptied"
    REPLACED = "replaced"  # another file there now (the folder moved, a copy put back)


class Store(Reader):
    """The local database. Open one per thread or share it: writes are serialized."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, on_disk: bool = True) -> None:
        """`on_disk`: `connection` reads the file at `path`; else a database in memory
        standing in for one not made there yet (`open_to_read`)."""
        super().__init__(connection, path)
        self._lock = threading.RLock()
        self._identity = _identity(os.stat(path)) if on_disk else None

    def file_lost(self) -> FileLost | None:
        """Whether the file at `path` is no longer the one open here: deleted or emptied (its
        data lives on only in this connection) or replaced by another. One `stat`, cheap to
        poll."""
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            return FileLost.DELETED
        if _identity(found) != self._identity:
            return FileLost.REPLACED
        return FileLost.EMPTIED if found.st_size == 0 else None

    def save_copy(self, target: Path) -> None:
        """Write everything this store holds to a new database file at `target`
        (`copy_database`); a `StoreError` says why not, leaving no part behind."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with self._lock:
                copy_database(self.connection, target)
        except sqlite3.Error as error:
            raise translate(error, target) from error
        except OSError as error:
            raise DatabaseReadOnly(f"cannot write {target}: {error.strerror or error}") from None

    @classmethod
    def open(
        cls, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, create: bool = True
    ) -> Store:
        """Open (migrating if needed) the database at `path`, creating it if `create`."""
        return cls(open_connection(path, busy_timeout_ms=busy_timeout_ms, create=create), path)

    @classmethod
    def open_to_read(cls, path: Path) -> Store:
        """The database at `path` (`open`) for a command that only reads it. Where none was
        made yet, an empty one in memory stands in (`fresh.in_memory`): it reads as
        a new database does, and a read leaves no file behind. Where none could be made
        (a file in its folder's place) that is said, as `open` says it."""
        if path.exists():
            return cls.open(path)
        refuse_while_put_back(path)
        nothing_in_the_way(path.parent)
        from timo_desktop.store.fresh import in_memory

        return cls(in_memory(path), path, on_disk=False)

    @contextmanager
    def write(
        self, *, durable: bool = True, wait_ms: int | None = None
    ) -> Iterator[WriteTransaction]:
        """A write transaction: everything inside commits together or not at all.
        `durable=False` only for what the server holds too; `wait_ms`: how long another
        program's write lock is waited for, if not the busy timeout (see `transaction`)."""
        with (
            self._lock,
            transaction(self.connection, self.path, durable=durable, wait_ms=wait_ms) as connection,
        ):
            yield WriteTransaction(connection, self.path)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def close_lost(self) -> None:
        """Close the connection to a file that went (`file_lost`), first emptying the log
        of changes beside its path (the -wal file) into the file held here: SQLite leaves
        that log behind when the file was moved or deleted, and a file put in its place
        would read it as its own."""
        with suppress(sqlite3.Error):  # another program holds the old file: the log stays
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _identity(found: os.stat_result) -> tuple[int, int]:
    """Which file `found` is: its device and inode (its file index on Windows)."""
    return found.st_dev, found.st_ino
