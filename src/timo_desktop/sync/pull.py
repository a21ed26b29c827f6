"""Bringing the server's side in: the catalog and the entries changes feed.

Projects come from their changes feed, tasks with the projects that changed,
and records only as far as entries and projects use them (`records:batchGet`;
others are searched on demand, not mirrored). Vmoox has no changes feed for
tasks, and a project's count of everyone's time (`tracked_minutes`) changes
without the project changing, so the whole catalog is read again (the projects
feed from its start, then the tasks of each active project and of each closed one
entries here use: one request per project) when asked (`timo sync`, Sync now, a
start) and once `CATALOG_REFRESH` has passed since the last such read. Which
projects' tasks are still owed is kept, so a read cut short goes on where it
stopped. Entries come from the changes feed; each page is applied and its sync
token saved in one transaction, so a crash never skips or repeats a page. A `410`
starts again from a full snapshot, which is applied by the same rules (one
`client_ref` is one entry, stale versions are ignored), so nothing is duplicated.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.core.local_time import from_text, to_text
from timo_desktop.core.validation import EntryRules, rules_from_json
from timo_desktop.store import sync_state
from timo_desktop.store.database import (
    WORKSPACE_RULES_KEY,
    WORKSPACE_RULES_OF,
    Reader,
    Store,
    WriteTransaction,
)
from timo_desktop.store.outbox import Op
from timo_desktop.sync import restored, running
from timo_desktop.sync.fields import (
    Fields,
    base_of,
    entry_from_server,
    kept_lock,
    server_fields,
    with_fields,
)
from timo_desktop.sync.status import KEPT_RUNNING, LAST_SUCCESS, LESS_TIME
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import NotFound, SyncTokenExpired
from timo_desktop.vmoox.models import TimeEntry, WorkspaceSettings

log = logging.getLogger(__name__)

T = TypeVar("T")
Call = Callable[[Callable[[], T]], T]

ENTRIES_TOKEN = "sync.entries_token.{}"
PROJECTS_TOKEN = "sync.projects_token.{}"
CATALOG_READ_AT = "sync.catalog_read_at.{}"  # when the whole catalog was last read
# When the whole read now under way began (empty when none is): it ends once no tasks are owed.
CATALOG_READING_SINCE = "sync.catalog_reading_since.{}"
TASKS_OWED = "sync.tasks_owed.{}"  # the projects, as a JSON list, whose tasks are still to read
# Vmoox keeps what was deleted at least this long (the contract's tombstones).
TOMBSTONES_KEPT = timedelta(days=90)
# How stale a task's estimate, name or status, and everyone's time to date, may get.
CATALOG_REFRESH = timedelta(minutes=60)
RECORDS_BATCH = 100


class Puller:
    """Pulls one workspace at a time through `call` (the engine's gate and error rules)."""

    def __init__(
        self,
        store: Store,
        client: VmooxClient,
        call: Call[Any],
        clock: Callable[[], datetime],
        page_size: int,
    ) -> None:
        self.store = store
        self.client = client
        self.call = call
        self.clock = clock
        self.page_size = page_size

    # -- catalog --------------------------------------------------------------------

    def catalog(self, workspace_id: str, *, whole: bool = False) -> None:
        """Projects changed since the last pull, their tasks, and the records in use; the
        whole catalog when `whole` or when it was last read `CATALOG_REFRESH` ago or more
        (or never, or the clock went back past it).

        Tasks are read one project at a time, and which projects' tasks are still owed is
        kept after each round: a read cut short (Vmoox asking Timo to slow down, say) goes
        on where it stopped, so a workspace with more projects than Vmoox answers at a
        stretch is read through in a few rounds instead of starting again each time."""
        key = PROJECTS_TOKEN.format(workspace_id)
        read_key = CATALOG_READ_AT.format(workspace_id)
        reading_key = CATALOG_READING_SINCE.format(workspace_id)
        owed_key = TASKS_OWED.format(workspace_id)
        now = self.clock()
        last = self.store.meta(read_key)
        reading = self.store.meta(reading_key)  # a whole read begun and not finished
        stale = not last or not timedelta(0) <= now - from_text(last) < CATALOG_REFRESH
        whole = (whole or stale) and not reading
        # From the feed's start (no token) Vmoox sends every project, archived and deleted too.
        token = None if whole else self.store.meta(key)
        changed: list[Project] = []
        while True:
            try:
                page = self.call(
                    partial(self.client.project_changes, workspace_id, token, limit=self.page_size)
                ).value
            except SyncTokenExpired:
                token = None
                continue
            changed.extend(
                Project(
                    p.id,
                    p.name,
                    p.client_record_id,
                    p.status,
                    p.billable_default,
                    p.can_track,
                    p.service_type,
                    p.phase,
                    p.estimate_minutes,
                    workspace_id,
                    p.tracked_minutes,
                )
                for p in page.data
            )
            token = page.sync_token
            if not page.has_more:
                break
        owed: list[str] = json.loads(self.store.meta(owed_key) or "[]")
        # A closed (archived, deleted) project's tasks still name and estimate report rows:
        # those of the ones entries here use are read, not of every project ever closed.
        used = sync_state.projects_in_use(self.store.connection)
        owed += [
            p.id for p in changed if (p.status == "active" or p.id in used) and p.id not in owed
        ]
        with self.store.write() as tx:
            # `now` was before the first request: the counts hold all Vmoox had by then.
            tx.put_projects(changed, counted_at=now)
            tx.set_meta(key, token or "")
            tx.set_meta(owed_key, json.dumps(owed))
            if whole:
                tx.set_meta(reading_key, to_text(now))
                reading = to_text(now)
        self._tasks_owed(workspace_id, owed)
        if reading:  # read through: the catalog is as fresh as the read's start
            with self.store.write() as tx:
                tx.set_meta(read_key, reading)
                tx.set_meta(reading_key, "")
        self.records(workspace_id, sync_state.records_in_use(self.store.connection, workspace_id))

    def _tasks_owed(self, workspace_id: str, owed: list[str]) -> None:
        """Read the tasks of each project in `owed`, keeping what was read, and what is
        still owed, should a request be cut short."""
        owed_key = TASKS_OWED.format(workspace_id)
        tasks: list[Task] = []
        done = 0
        now = self.clock()
        try:
            for project_id in owed:
                # One whose tasks Vmoox no longer gives (NotFound: deleted) is owed none; the
                # tasks cached keep naming its entries in reports.
                with suppress(NotFound):
                    tasks += self.call(partial(self._tasks, workspace_id, project_id))
                done += 1
        finally:
            if done:
                with self.store.write() as tx:
                    tx.put_tasks(tasks, counted_at=now)
                    tx.set_meta(owed_key, json.dumps(owed[done:]))

    def records(self, workspace_id: str, wanted: list[str]) -> None:
        """Fetch and cache these records (`records:batchGet`, 100 at a time)."""
        found: list[Record] = []
        for start in range(0, len(wanted), RECORDS_BATCH):
            chunk = wanted[start : start + RECORDS_BATCH]
            fetched = self.call(partial(self.client.batch_get_records, workspace_id, chunk))
            found.extend(
                Record(
                    r.id,
                    r.type,
                    r.display_name,
                    r.subtitle,
                    r.status,
                    r.trackable,
                    r.segment,
                    workspace_id,
                )
                for r in fetched.value
            )
        if found:
            with self.store.write() as tx:
                tx.put_records(found)

    def _tasks(self, workspace_id: str, project_id: str) -> list[Task]:
        return [
            Task(t.id, t.project_id, t.name, t.status, t.estimate_minutes, t.tracked_minutes)
            for t in self.client.iter_tasks(workspace_id, project_id)
        ]

    def rules(self, workspace_id: str, *, tracker: bool) -> EntryRules:
        """The workspace's entry rules, kept for it (its entries are checked by them,
        `Reader.entry_rules`, and what sync keeps of their locks follows them, `kept_lock`),
        and as the default workspace's when `tracker`."""
        settings: WorkspaceSettings = self.call(lambda: self.client.workspace(workspace_id)).value
        rules = {
            "allow_overlap": settings.allow_overlap,
            "max_entry_seconds": settings.max_entry_seconds,
            "future_tolerance_seconds": settings.future_tolerance_seconds,
            # Entries before midnight of this day, in the workspace's zone, are read-only.
            "lock_date": settings.lock_date.isoformat() if settings.lock_date else None,
            "timezone": settings.timezone,
            # The weekly capacity reports fall back to when Settings leave it unset, and
            # whose it is (`timo config get` and Settings name it).
            "capacity_hours_per_week": settings.capacity_hours_per_week,
            "name": settings.name,
            # Whose they are: the default's tell where entries with no project go.
            "workspace_id": workspace_id,
        }
        text = json.dumps(rules)
        with self.store.write() as tx:
            tx.set_meta(WORKSPACE_RULES_OF.format(workspace_id), text)
            if tracker:
                tx.set_meta(WORKSPACE_RULES_KEY, text)
        return rules_from_json(text)

    # -- entries ----------------------------------------------------------------------

    def entries(self, workspace_id: str) -> int:
        """Apply the entries changed since the last pull; returns how many were applied.

        The next page is asked for as soon as a page's token is known, so it is
        on the wire while this page is applied (one request in flight at a time;
        nothing is kept from a page until it is applied and its token saved).
        """
        key = ENTRIES_TOKEN.format(workspace_id)
        applied = 0
        token = self.store.meta(key) or None
        seen: set[str] | None = None if token else set()  # what a whole snapshot holds

        def ask(token: str | None) -> Future[Any]:
            fetch = partial(
                self.client.time_entry_changes, workspace_id, token, limit=self.page_size
            )
            # Through `call` so the gates are checked before the request leaves;
            # its answer is classified when `call` waits for it below.
            return self.call(lambda: wire.submit(fetch))  # type: ignore[no-any-return]

        with ThreadPoolExecutor(1, thread_name_prefix="timo-sync-pull") as wire:
            asked = ask(token)
            while True:
                try:
                    page = self.call(asked.result).value
                except SyncTokenExpired:
                    asked = ask(None)  # start again from a full snapshot
                    seen = set()
                    continue
                if seen is not None:
                    seen.update(remote.client_ref for remote in page.data)
                if page.has_more:
                    asked = ask(page.sync_token)
                # A page is the server's and comes again if a power cut undoes it, so it is
                # not flushed to disk at once (~15 % of a large pull); unless it carries a
                # running timer, which may stop the one running here (a local change).
                mirror_only = not any(remote.running for remote in page.data)
                done = not page.has_more
                whole = seen if done else None  # a whole snapshot read to its end
                # Entries to send again are local changes, flushed as every one is.
                lost = bool(whole is not None and self._lost(self.store, workspace_id, whole))
                with self.store.write(durable=not mirror_only or lost) as tx:
                    applied += self.apply(tx, page.data)
                    if whole is not None:
                        self._send_lost_again(tx, workspace_id, whole)
                    tx.set_meta(key, page.sync_token)
                if done:
                    return applied

    def _lost(self, reader: Reader, workspace_id: str, seen: set[str]) -> list[str]:
        """After a whole snapshot holding `seen`: entries Vmoox had taken that it no longer
        holds, not even deleted (its database put back from an older copy, say); none when
        the last round that reached it was longer ago than it keeps what was deleted (then
        a delete made there may be what left no trace)."""
        last = reader.meta(LAST_SUCCESS)
        if last is None or self.clock() - from_text(last) > TOMBSTONES_KEPT:
            return []
        return sorted(sync_state.linked_in(reader.connection, workspace_id) - seen)

    def _send_lost_again(self, tx: WriteTransaction, workspace_id: str, seen: set[str]) -> None:
        """Queue the entries Vmoox lost (`_lost`) to be sent again."""
        lost = self._lost(tx, workspace_id, seen)
        if lost:
            log.warning(
                "Vmoox no longer has %d entries it had taken; sending them again", len(lost)
            )
        now = self.clock()
        for entry in sync_state.entries(tx.connection, lost).values():
            send_again(tx, entry, now)

    def apply(self, tx: WriteTransaction, remotes: Iterable[TimeEntry]) -> int:
        """Apply server entries to the local database; returns how many changed it.

        Entries with local operations still open are left to the push, which
        merges them field by field when its `If-Match` fails; a new one that brings
        back such an entry (deleted on Vmoox, restored elsewhere) takes it up, its
        changes merged in (`sync.restored`). Rows are written
        a batch at a time (a few prepared statements per page, not per entry);
        the batch is flushed before a running timer is looked at, so the
        running-timer rule sees everything applied before it.
        """
        batch = list(remotes)
        connection = tx.connection
        busy = sync_state.open_refs(connection)
        known = sync_state.links(connection, (r.client_ref for r in batch))
        local = sync_state.entries(connection, known)
        # Versions here so far, this page's included (a page may carry a ref twice).
        versions = {ref: link.remote_version or 0 for ref, link in known.items()}
        rows: list[Entry] = []
        links: list[sync_state.Link] = []

        def flush() -> None:
            sync_state.put_entries(connection, rows, links)
            rows.clear()
            links.clear()

        applied = 0
        fresh: list[str] = []  # entries new here, which may bring back one being changed
        # Timers stopped here whose stop waits while Vmoox keeps them read-only (`kept-running`).
        kept = {r for r, code, _why in sync_state.attention(connection) if code == KEPT_RUNNING}
        # Each workspace's lock, as this round's rules have it (`rules`, pulled first).
        periods = {ws: kept_lock(tx, ws) for ws in {r.workspace_id for r in batch}}
        changed: dict[str, Fields] = {}  # entries here the server changed, as they now are
        for remote in batch:
            ref = remote.client_ref
            if ref in busy:
                if ref in kept and not remote.locked:
                    # No longer read-only there (taken off its invoice): the stop goes again,
                    # not before (refused again and again, it would cost a request a round).
                    sync_state.unpark(connection, ref)
                    sync_state.set_state(connection, ref, SyncState.PENDING)
                continue
            version = versions.get(ref)
            if version is not None and version >= remote.version:
                continue  # stale: an older state than the one already here
            if version is None and remote.deleted:
                continue  # made and deleted elsewhere before Timo saw it
            if remote.running:
                flush()
                runner = tx.running()
                if runner is not None and runner.client_ref != ref:
                    running.resolve(tx, runner, remote, self.clock())
                    busy.add(ref)
                    applied += 1
                    continue
            current = local.get(ref)
            if current is None:
                entry = entry_from_server(remote)
                fresh.append(ref)
            else:
                changed[ref] = server_fields(remote)
                merged = with_fields(current, changed[ref], deleted_at=remote.deleted_at)
                entry = replace(merged, sync_state=SyncState.SYNCED)
                running.note_if_stopped(tx, current, entry, self.clock(), remote.updated_at)
                note_less_time(tx, current, entry)
            rows.append(entry)
            links.append(
                sync_state.Link(
                    ref,
                    remote.workspace_id,
                    remote.id,
                    remote.version,
                    base_of(remote, periods[remote.workspace_id]),
                )
            )
            versions[ref] = remote.version
            applied += 1
        flush()
        sync_state.follow_server(connection, changed)
        restored.take_up_pulled(tx, fresh, busy, self.clock())
        return applied


def note_less_time(tx: WriteTransaction, here: Entry, pulled: Entry) -> None:
    """Note an entry that had its time here (`here`, finished) and that the pull finds
    deleted or shortened on Vmoox (`pulled`), by an admin or on the web, say: told once
    and listed until read (`sync.attention.less_time`), its time otherwise gone unseen.
    One noted before keeps the time it had then. A timer running here is told by its stop
    (`sync.running`); what this computer sent does not come back through the pull."""
    if here.end is None or here.is_deleted:
        return
    shorter = pulled.end is not None and pulled.end - pulled.start < here.end - here.start
    if not (pulled.is_deleted or shorter):
        return
    had = {"start": to_text(here.start), "end": to_text(here.end)}
    noted = tx.noted(LESS_TIME).get(pulled.client_ref, had)
    tx.note(LESS_TIME, pulled.client_ref, {**noted, "deleted": pulled.is_deleted})


def send_again(tx: WriteTransaction, entry: Entry, now: datetime) -> None:
    """A local entry the server does not have, queued as a create under its own
    `client_ref`, so it can never arrive twice; one whose `client_ref` Vmoox holds
    deleted goes as a new entry (`recreate`)."""
    if tx.deleted_on_server(entry.client_ref):
        tx.recreate(entry, now)
        return
    sync_state.settle_all(tx.connection, entry.client_ref)
    sync_state.unlink(tx.connection, entry.client_ref)
    tx.save(entry.changed(now), Op.CREATE, now)
