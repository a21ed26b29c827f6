"""`Tracker`: start, stop, add, edit, delete, continue and the queries behind both front ends.

Every change runs inside one store write transaction: what is running and what
overlaps is read inside it, the core rules decide, and the entry rows and their
outbox operations commit together. Listeners registered with `on_change` are
called after the commit with the changed `client_ref`s (the sync worker uses
this to wake up).
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from timo_desktop.core import timer
from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import (
    NO_TARGET,
    Entry,
    Source,
    Target,
    TargetNames,
    described,
    new_entry,
    normalize_tags,
)
from timo_desktop.core.errors import InvalidEntry, InvalidInput, NotFound, NothingRunning, TimoError
from timo_desktop.core.local_time import (
    FOREVER,
    MIDNIGHT,
    at_local,
    day_range,
    days_range,
    describe_instant,
    local,
    local_day,
    minute_floor,
    utc_now,
)
from timo_desktop.core.validation import (
    EntryRules,
    ReadOnly,
    TooLong,
    check_description,
    check_no_overlap,
    check_tags,
    check_times,
    check_unlocked,
    find_overlaps,
    fit_to_neighbours,
    trim_bounds,
)
from timo_desktop.platform.zone import zone_in_use
from timo_desktop.store.database import (
    REPLACED_BY_KEY,
    FileLost,
    Heartbeat,
    Reader,
    Store,
    WriteTransaction,
)
from timo_desktop.store.outbox import Op

if TYPE_CHECKING:
    from timo_desktop.core.catalog import Project, Record, Task
    from timo_desktop.sync.attention import Attention
    from timo_desktop.sync.fields import Settled

ChangeListener = Callable[[tuple[str, ...]], None]
Catalogued = TypeVar("Catalogued", "Project", "Record")

# The meta key of the desktop app's last clean exit: the heartbeat it wrote quitting.
CLEAN_EXIT_KEY = "desktop_clean_exit"
# The meta key of the heartbeat the desktop app wrote as the login session ended.
SESSION_END_KEY = "desktop_session_end"
# The meta key of when the person was last at the computer, had they been away as the
# desktop app went unasked: its last heartbeat's mark, a space, the moment.
AWAY_SINCE_KEY = "desktop_away_since"
# The desktop app beats every minute: a timer started longer than this after its last beat
# came after the app was gone (allowing for a beat or two held up by a busy moment).
BEATS_MISSED = timedelta(minutes=2)

# What `edit_each` changes: never the times, so neighbours are read once for all entries.
EACH_FIELDS = frozenset({"description", "target", "billable", "tags"})
# How many entries a reference several match names, so the next letter to type shows.
AMBIGUOUS_SHOWN = 3
_ALL_TAGS = 10_000  # more than a person keeps: every tag, for reports narrowed to some
Change = Callable[[Entry], Mapping[str, object]]


class Refused(InvalidEntry):
    """One of several entries refused a change, so none of them was changed."""

    def __init__(self, entry: Entry, reason: TimoError, zone: str, now: datetime) -> None:
        at = describe_instant(entry.start, zone, relative_to=now)
        super().__init__(f"“{isolated(described(entry.description))}” ({at}): {reason}")
        self.entry = entry
        self.reason = reason.message


class TargetClosed(InvalidEntry):
    """A new timer's or new finished entry's project, task or record takes no time any
    more, as the catalog last saw it (archived or deleted on Vmoox, closed to time): made,
    it would only wait for a new target once sent, and no other device would see it.
    `draft` is what was to start or be added, for a front end to offer it without that
    target; `why` names the target and what became of it (`project 'Website' is
    archived`); `verb` what was asked ("start", "add")."""

    def __init__(self, draft: timer.Draft, why: str, verb: str = "start") -> None:
        kind = "record" if draft.target.record_id else "project"
        super().__init__(
            f"{why}: {verb} '{isolated(described(draft.description))}' without it,"
            f" or with another {kind}"
        )
        self.draft = draft
        self.why = why


class AlreadyRunning(TimoError):
    """Starting or continuing what the running timer is already doing: nothing to start (a
    switch to the same would only leave a stopped entry of seconds behind, which rounding
    bills a whole step). `entry` is the running timer."""

    def __init__(self, entry: Entry, since: str) -> None:
        super().__init__(
            f"'{isolated(described(entry.description))}' is already running, since {since}"
        )
        self.entry = entry


@dataclass(frozen=True, slots=True)
class Catalog:
    """What time can be booked against, from the cache sync keeps."""

    projects: tuple[Project, ...]  # those that accept time, by name
    tasks: dict[str, tuple[Task, ...]]  # project id → its open tasks
    records: tuple[Record, ...]  # trackable ones, by name


@dataclass(frozen=True, slots=True)
class Recovery:
    """A timer found running at start-up, with when Timo was last known alive, and
    whether that was as the person logged out or shut down; `away_since`: the person had
    been away from the computer since then (on the timer, before `last_alive`)."""

    entry: Entry
    last_alive: datetime | None
    session_ended: bool = False
    away_since: datetime | None = None


class Tracker:
    """The application's one entry point for time tracking."""

    def __init__(
        self,
        store: Store,
        *,
        zone: str | None = None,
        clock: Callable[[], datetime] = utc_now,
        start_of_day: time = MIDNIGHT,
        source: str = Source.CLI,
        rules: EntryRules | None = None,
    ) -> None:
        """`zone`: the IANA zone days and times are read in, wherever the computer is (the
        `day.time_zone` setting); None follows this computer's zone."""
        self.store = store
        self._chosen_zone = zone  # a chosen zone stays; the machine's is followed
        self.zone = zone_in_use(zone)
        self.clock = clock
        self.start_of_day = start_of_day
        self.source = source
        self._given_rules = rules
        self._listeners: list[ChangeListener] = []
        self._batch = threading.local()  # the open batch() transaction, per thread

    @classmethod
    def open(cls, database: Path, *, reading: bool = False, **options: object) -> Tracker:
        """A tracker on the database file at `database` (created or migrated as needed);
        `reading`, for a command that only reads: none is created (`Store.open_to_read`)."""
        store = Store.open_to_read(database) if reading else Store.open(database)
        return cls(store, **options)  # type: ignore[arg-type]

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def close_lost(self) -> None:
        """Close the database after its file went (`Store.close_lost`)."""
        self.store.close_lost()

    def on_change(self, listener: ChangeListener) -> None:
        """Call `listener(client_refs)` after every committed change."""
        self._listeners.append(listener)

    def rules_of(self, of: Entry | Target) -> EntryRules:
        """The rules entry `of` follows, or a new entry for target `of`: given ones, else
        those of the workspace it is in or goes to as sync last kept them
        (`Reader.entry_rules`), else the defaults."""
        if self._given_rules is not None:
            return self._given_rules
        return self.store.entry_rules(of)

    def overlaps_refused(self, of: Entry | Target, others: Iterable[Entry]) -> list[Entry]:
        """Those of `others` that entry `of` (or a new entry for target `of`) may not share
        time with: none where its workspace allows overlaps, else those in its workspace.
        Vmoox checks overlaps within a workspace, so time in another one is no overlap of
        it; one whose workspace is not known yet counts as in it."""
        if self.rules_of(of).allow_overlap:
            return []
        where = self.store.workspace_of_entry(of)
        if where is None:
            return list(others)
        return [other for other in others if self.store.workspace_of_entry(other) in (None, where)]

    def overlap_refusal(self, of: Entry, others: Iterable[Entry]) -> str | None:
        """`which Northwind Agency does not allow`, said after the overlap of entry `of`
        with `others` where its workspace refuses it (`overlaps_refused`); None where not."""
        if not self.overlaps_refused(of, others):
            return None
        return f"which {self.rules_of(of).where} does not allow"

    @contextmanager
    def batch(self, wait_ms: int | None = None) -> Iterator[list[Settled]]:
        """Make the Tracker calls inside one transaction: all of them are saved, or none.

        Each call still sees the ones before it; listeners hear of every change
        once, after the commit. Yields the sync questions the changes settle (filled
        as they are made), which an Undo of them asks again (`taking_back`). `wait_ms`:
        how long another program's write lock is waited for, if not the busy timeout
        (`Store.write`).
        """
        outer: list[Settled] | None = getattr(self._batch, "settled", None)
        settled: list[Settled] = []
        self._batch.settled = settled
        try:
            with self._write(wait_ms):
                yield settled
        finally:
            self._batch.settled = outer
        if outer is not None:  # a batch within a batch: its questions are the outer's too
            outer.extend(settled)

    @contextmanager
    def taking_back(self, settled: Sequence[Settled]) -> Iterator[None]:
        """Take back a change (the calls inside: its Undo) in one transaction, and ask
        again the questions the change settled (`batch`), as they were. Only those whose
        field nothing changed since (`sync.fields.still_given`) and the Undo gave the
        server's value back (`sync.fields.ask_again`): one sync changed or asked anew is
        over, and one the Undo left changed stays settled."""
        from timo_desktop.sync.fields import ask_again, still_given

        with self._write() as tx:
            asked = still_given(tx.connection, settled)
            yield
            ask_again(tx.connection, asked)

    @contextmanager
    def _write(self, wait_ms: int | None = None) -> Iterator[WriteTransaction]:
        joined: WriteTransaction | None = getattr(self._batch, "tx", None)
        if joined is not None:  # inside batch() on this thread: part of its transaction
            yield joined
            return
        with self.store.write(wait_ms=wait_ms) as tx:
            self._batch.tx = tx
            try:
                yield tx
            finally:
                self._batch.tx = None
        refs = tuple(dict.fromkeys(tx.changed))
        for listener in self._listeners:
            listener(refs)

    def _save(self, tx: WriteTransaction, entry: Entry, op: Op, now: datetime) -> None:
        """Save a change made here (`WriteTransaction.save`); the conflicts it settles go
        with it (`sync.fields.settle_edited`), so no question stays about a value since
        changed. A `batch` open on this thread hears which."""
        from timo_desktop.sync.fields import settle_edited  # sync bookkeeping, only when writing

        before = tx.get(entry.client_ref)
        tx.save(entry, op, now)
        if before is not None:
            settled = settle_edited(tx.connection, before, entry)
            heard: list[Settled] | None = getattr(self._batch, "settled", None)
            if heard is not None:
                heard.extend(settled)

    # -- the timer --------------------------------------------------------------
    def start(
        self,
        description: str = "",
        *,
        target: Target = NO_TARGET,
        billable: bool | None = None,
        tags: Sequence[str] = (),
        at: datetime | None = None,
    ) -> timer.Transition:
        """Start a timer; one already running is stopped at the same instant, unless it is
        doing this already (`AlreadyRunning`, as `continue_entry`).

        `billable=None` follows the project's default. The new row is committed
        (and on disk) before this returns.
        """
        draft = timer.Draft(
            description.strip(),
            target,
            normalize_tags(tuple(tags)),
            self._billable(target, billable),
        )
        return self._start(draft, at)

    def continue_entry(
        self, ref: str | None = None, *, at: datetime | None = None, going_on: bool = False
    ) -> timer.Transition:
        """Start a new timer like entry `ref` (default: the most recent one).

        `AlreadyRunning` when the running timer is like it already (it is that entry, or
        one continuing it); `TargetClosed` when its target takes no time any more, unless
        `going_on`: the same timer going on after a stretch cut out of it (an away answer),
        not new work on that target."""
        if ref is None:
            recent = self.store.recent(1)
            if not recent:
                raise NotFound("there is no earlier entry to continue")
            past = recent[0]
        else:
            past = self.get(ref)
        return self._start(timer.Draft.like(past), at, going_on=going_on)

    def _start(
        self, draft: timer.Draft, at: datetime | None, *, going_on: bool = False
    ) -> timer.Transition:
        """Start `draft`, unless the running timer is doing it already (`AlreadyRunning`);
        `going_on`: as `continue_entry`'s."""
        with self._write() as tx:
            # Read once the database is ours: entries another process committed while this
            # waited for it (`timo start` run twice at once) are then before `now`.
            now = self.clock()
            running = tx.running()
            if running is not None and timer.Draft.like(running) == draft:
                since = describe_instant(running.start, self.zone, relative_to=now)
                raise AlreadyRunning(running, since)
            if not going_on:
                _refuse_closed(tx, draft, "start")
            if at is None:
                begin = _now_or_its_start(running, now)
            else:  # from 09:34 after an entry that ran to 09:34:56: from its end
                begin = self._fitted(tx, at, None, now)[0]
                if running is not None and begin <= running.start:
                    begin = at  # not from the running timer's own start, emptying it: refused
            rules = self.rules_of(draft.target)
            check_tags(draft.tags, rules)
            check_unlocked(begin, rules)
            nearby = tx.between(begin, FOREVER)  # a timer runs on over what starts after it
            with self._how_to_stop(now):
                result = timer.start(
                    running,
                    draft,
                    at=begin,
                    now=now,
                    zone=self.zone,
                    finished_nearby=nearby,
                    source=self.source,
                    rules=rules,
                    stopping=None if running is None else self.rules_of(running),
                )
            if result.stopped is not None:
                self._save(tx, result.stopped, Op.STOP, now)
            assert result.started is not None
            self._save(tx, result.started, Op.CREATE, now)
        return result

    def stop(self, at: datetime | None = None, *, ref: str | None = None) -> Entry:
        """Stop the running timer now or at `at`; `NothingRunning` when none runs, or when
        `ref` is given and the timer running is not that entry (it was stopped meanwhile,
        by another program too)."""
        with self._write() as tx:
            now = self.clock()  # once the database is ours, as in `_start`
            running = tx.running()
            if ref is not None and (running is None or running.client_ref != _latest_ref(tx, ref)):
                raise NothingRunning("that timer was stopped meanwhile")
            at = _now_or_its_start(running, now) if at is None else at
            with self._how_to_stop(now):
                stopped = timer.stop(
                    running, at=at, now=now, rules=self.rules_of(running or NO_TARGET)
                )
            self._save(tx, stopped, Op.STOP, now)
        return stopped

    @contextmanager
    def _how_to_stop(self, now: datetime) -> Iterator[None]:
        """A running timer too long to end then says the way out: an earlier end. (The
        front ends add how to give one: a command, a field.)"""
        try:
            yield
        except TooLong as error:
            latest = describe_instant(error.latest_end, self.zone, relative_to=now)
            raise TooLong(
                f"{error.message}, so stop the timer at an earlier time ({latest} at the latest)",
                error.latest_end,
            ) from error

    def reopen(self, ref: str) -> Entry:
        """Run stopped entry `ref` again from its own start, as if it had not been stopped
        (taking back a stop); refused while another timer runs."""
        now = self.clock()
        with self._write() as tx:
            current = self._live(tx, ref)
            if current.is_running:
                return current
            self._check_changeable(tx, current)
            running = tx.running()
            if running is not None:
                raise InvalidEntry(
                    "another timer is running; stop it before taking this one up again"
                )
            reopened = current.changed(now, end=None)
            self._check(tx, reopened, now)
            self._save(tx, reopened, Op.UPDATE, now)
        return reopened

    # -- manual entries -----------------------------------------------------------
    def add(
        self,
        description: str,
        start: datetime,
        end: datetime,
        *,
        target: Target = NO_TARGET,
        billable: bool | None = None,
        tags: Sequence[str] = (),
        going_on: bool = False,
    ) -> Entry:
        """Add a finished entry after checking times, length and overlaps; `TargetClosed`
        when its target takes no time any more (as a timer would not start on it), unless
        `going_on`: time a timer already had on it, kept between stretches cut out of it
        (an away answer), as `continue_entry`'s. Times overlapping a neighbour only within
        the minute they share are moved off it (`fit_to_neighbours`)."""
        now = self.clock()
        with self._write() as tx:
            fitted = self._fitted(tx, start, end, now)
            assert fitted[1] is not None  # an end is moved, never taken away
            entry = new_entry(
                start=fitted[0],
                end=fitted[1],
                zone=self.zone,
                now=now,
                description=description,
                target=target,
                tags=tuple(tags),
                billable=self._billable(target, billable),
                source=self.source,
            )
            if not going_on:
                _refuse_closed(tx, timer.Draft.like(entry), "add")
            self._check(tx, entry, now)
            self._save(tx, entry, Op.CREATE, now)
        return entry

    def edit(
        self,
        ref: str,
        *,
        description: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        target: Target | None = None,
        billable: bool | None = None,
        tags: Sequence[str] | None = None,
        typed: bool = False,
    ) -> Entry:
        """Change the given fields of entry `ref` (None leaves a field as it is). `typed`:
        the start and end are as a person typed them, to the minute (the list, `timo edit`);
        one that changes and overlaps a neighbour only within the minute they share is moved
        off it, as `add`'s. Other times (an Undo's, a trim's) are saved exactly as given."""
        now = self.clock()
        with self._write() as tx:
            current = self._live(tx, ref)
            self._check_changeable(tx, current)  # moving it out of a locked period too
            if end is not None and current.is_running:
                raise InvalidEntry("the timer is running; stop it to set its end")
            if typed:
                start, end = self._given_fitted(tx, current, start, end, now)
            fields: dict[str, object] = {
                "description": None if description is None else description.strip(),
                "start": start,
                "end": end,
                "target": target,
                "billable": billable,
                "tags": None if tags is None else normalize_tags(tuple(tags)),
            }
            changes = {k: v for k, v in fields.items() if v is not None}
            if not changes:
                raise InvalidInput("nothing to change; give at least one new value")
            edited = current.changed(now, **changes)
            _check_workspace(tx, edited, current)
            self._check(tx, edited, now, before=current)
            self._save(tx, edited, Op.UPDATE, now)
        return edited

    def edited_times(
        self, ref: str, *, start: datetime | None = None, end: datetime | None = None
    ) -> tuple[datetime, datetime | None]:
        """The start and end `edit` would give entry `ref` for `start` or `end` typed (None:
        as it is): moved off a neighbour overlapped only within a shared minute, as saved."""
        current = self.get(ref)
        start, end = self._given_fitted(self.store, current, start, end, self.clock())
        return start or current.start, end or current.end

    def _given_fitted(
        self,
        reader: Reader,
        current: Entry,
        start: datetime | None,
        end: datetime | None,
        now: datetime,
    ) -> tuple[datetime | None, datetime | None]:
        """`start` and `end` given for entry `current`, fitted (None: not given, left). One
        given as it is (an end left as it was while the start was retyped) is not moved."""
        if start is None and end is None:
            return None, None
        fitted = self._fitted(
            reader, start or current.start, end or current.end, now, exclude=current.client_ref
        )
        return _changed(start, current.start, fitted[0]), _changed(end, current.end, fitted[1])

    def _fitted(
        self,
        reader: Reader,
        start: datetime,
        end: datetime | None,
        now: datetime,
        *,
        exclude: str | None = None,
    ) -> tuple[datetime, datetime | None]:
        """`start` and `end` moved off what they overlap only within a shared minute."""
        nearby = reader.between(start, end or FOREVER)
        return fit_to_neighbours(start, end, nearby, now=now, exclude=exclude)

    def trim_around(
        self, start: datetime, end: datetime | None, refs: Iterable[str]
    ) -> list[Entry]:
        """Trim entries `refs` clear of [start, end) (`end` None: a running timer's), in one
        transaction: each ends at `start` or starts at `end` (`trim_bounds`). All or none:
        one that cannot be (it runs, or would be cut in two or left empty) is refused, named.
        Returns them as they were, for Undo; one clear of that time already is left alone."""
        now = self.clock()
        trimmed: list[Entry] = []
        with self._write() as tx:
            for ref in refs:
                current = self._live(tx, ref)
                if not find_overlaps(start, end, [current], now=now):
                    continue  # moved out of the way meanwhile (by sync, say)
                bounds = trim_bounds(current, start, end)
                with self._naming(current, now):
                    if bounds is None:
                        raise InvalidEntry(
                            "it cannot be trimmed without cutting it in two or leaving"
                            " nothing of it; change it first"
                        )
                    self.edit(current.client_ref, start=bounds[0], end=bounds[1])
                trimmed.append(current)
        return trimmed

    def delete(self, ref: str) -> Entry:
        """Soft-delete entry `ref` (a running timer is discarded); `undo_delete` brings it back."""
        now = self.clock()
        with self._write() as tx:
            current = self._live(tx, ref)
            self._check_changeable(tx, current)
            deleted = current.changed(now, deleted_at=now)
            self._save(tx, deleted, Op.DELETE, now)
        return deleted

    def undo_delete(self, ref: str | None = None) -> Entry:
        """Bring back a deleted entry (default: the one deleted last)."""
        now = self.clock()
        with self._write() as tx:
            gone = tx.last_deleted() if ref is None else self._resolve(tx, ref, deleted=True)
            if gone is None or not gone.is_deleted:
                raise NotFound("there is no deleted entry to bring back")
            back = replace(gone, deleted_at=None)
            if back.is_running and tx.running() is not None:
                raise InvalidEntry(
                    "another timer is running; stop it before bringing this one back"
                )
            self._check(tx, back, now, put_back=True)
            restored = tx.restore(gone, now)
        return restored

    def edit_each(self, refs: Iterable[str], change: Change) -> list[tuple[Entry, Entry]]:
        """Change several entries in one transaction: all of them, or none when one is
        refused (`Refused` names it). `change(entry)` gives an entry's new description,
        target, billable mark or tags from the entry as it is now; an entry it leaves as it
        is stays untouched. Returns (before, after) of each entry changed."""
        now = self.clock()
        with self._write() as tx:
            entries = [self._live(tx, ref) for ref in refs]
            done: list[tuple[Entry, Entry]] = []
            for entry in entries:
                fields = dict(change(entry))
                if not fields.keys() <= EACH_FIELDS:
                    raise InvalidInput(f"cannot change {', '.join(fields.keys() - EACH_FIELDS)}")
                if "description" in fields:
                    fields["description"] = str(fields["description"]).strip()
                if "tags" in fields:
                    fields["tags"] = normalize_tags(tuple(fields["tags"]))  # type: ignore[arg-type]
                fields = {k: v for k, v in fields.items() if getattr(entry, k) != v}
                if not fields:
                    continue
                edited = entry.changed(now, **fields)
                with self._naming(entry, now):
                    self._check_changeable(tx, entry)
                    _check_workspace(tx, edited, entry)
                # Times never change here, so no neighbour is in question.
                self._check_one_of_many(edited, entry, (), now, before=entry)
                self._save(tx, edited, Op.UPDATE, now)
                done.append((entry, edited))
        return done

    def delete_each(self, refs: Iterable[str]) -> list[Entry]:
        """Soft-delete several entries in one transaction (a running timer among them is
        discarded); `undo_delete_each` brings them back."""
        now = self.clock()
        with self._write() as tx:
            live = [self._live(tx, ref) for ref in refs]
            for entry in live:
                with self._naming(entry, now):
                    self._check_changeable(tx, entry)
            deleted = [entry.changed(now, deleted_at=now) for entry in live]
            for entry in deleted:
                self._save(tx, entry, Op.DELETE, now)
        return deleted

    def undo_delete_each(self, refs: Iterable[str]) -> list[Entry]:
        """Bring back several deleted entries in one transaction: all, or none when one no
        longer fits (the time was taken since; `Refused` names it). One brought back already
        (`timo undo`, another device) is as wanted, and left as it is: refusing the rest for
        it left them deleted, with no way back from the window."""
        now = self.clock()
        with self._write() as tx:
            gone = [
                self._resolve(tx, ref, deleted=True)
                for ref in refs
                if (here := tx.get(ref)) is None or here.is_deleted
            ]
            back = [replace(entry, deleted_at=None) for entry in gone]
            if any(entry.is_running for entry in back) and tx.running() is not None:
                raise InvalidEntry(
                    "another timer is running; stop it before bringing this one back"
                )
            # They come back together: each is checked against the others as well.
            live = sorted([*self._span(tx, back), *back], key=lambda e: e.start)
            neighbours = _Neighbours(live, now)
            for entry in back:
                self._check_one_of_many(entry, entry, neighbours.around(entry), now, put_back=True)
            return [tx.restore(entry, now) for entry in gone]

    def _span(self, tx: WriteTransaction, entries: Sequence[Entry]) -> list[Entry]:
        """The live entries sharing time with any of `entries`, read in one query."""
        if not entries:
            return []
        first = min(entry.start for entry in entries)
        last = max(entry.end or FOREVER for entry in entries)
        return tx.between(first, last)

    def _check_one_of_many(
        self,
        entry: Entry,
        shown_as: Entry,
        others: Iterable[Entry],
        now: datetime,
        *,
        before: Entry | None = None,
        put_back: bool = False,
    ) -> None:
        with self._naming(shown_as, now):
            self._check_entry(entry, others, now, before=before, put_back=put_back)

    @contextmanager
    def _naming(self, entry: Entry, now: datetime) -> Iterator[None]:
        """A refusal about one of several entries names it (`Refused`)."""
        try:
            yield
        except TimoError as error:
            raise Refused(entry, error, self.zone, now) from error

    def why_unchangeable(self, entry: Entry) -> str | None:
        """Why `entry` cannot be changed here (Vmoox keeps it read-only), in the words an
        edit of it is refused with; None when it can be."""
        found = self.read_only(entry)
        return found.refusal if found is not None else None

    def read_only(self, entry: Entry) -> ReadOnly | None:
        """Why Vmoox keeps `entry` read-only (None when it does not), by this Tracker's
        rules: the one rule (`Reader.read_only`) that refuses its edits and deletes here,
        and the choices sync asks about it that would change it there (`sync_attention`)."""
        return self.store.read_only(entry, self.rules_of(entry))

    def _check_changeable(self, tx: Reader, entry: Entry) -> None:
        """Refuse changing a stored entry Vmoox keeps read-only (`Reader.read_only`), which
        the next sync would only put back."""
        found = tx.read_only(entry, self.rules_of(entry))
        if found is not None:
            raise InvalidEntry(found.refusal)

    def duplicate(self, ref: str, *, start: datetime | None = None) -> Entry:
        """A copy of finished entry `ref` with the same length, starting at `start`
        (default: where `duplicate_slot` puts it; refused when it finds no room, or when
        the entry lasted under a minute)."""
        original, slot = self.duplicate_slot(ref)
        if start is not None:
            assert original.end is not None  # duplicate_slot refuses a running timer
            slot = (start, start + (original.end - original.start))
        if slot is None:
            raise InvalidEntry(
                f"there is no free {format_duration(_whole_minutes(original))} today before now;"
                " give the copy a start"
            )
        return self.add(
            original.description,
            *slot,
            target=original.target,
            billable=original.billable,
            tags=original.tags,
        )

    def duplicate_slot(self, ref: str) -> tuple[Entry, tuple[datetime, datetime] | None]:
        """Finished entry `ref`, and where a copy of it goes by default.

        "I did this again": the copy has the original's length (in whole minutes) and
        takes the latest free stretch of that length today that ends no later than now,
        whatever day the original was on. Today runs from local midnight (or the start
        of the working day, if later) so the copy is on one calendar date; a running
        timer counts as busy up to now. None when today has no such stretch. Overlaps
        are never proposed, even where the workspace allows them.

        One that lasted under a minute is refused (Duplicate and `timo duplicate` alike):
        its copy would be a minute, time never tracked, and one that lasted no time could
        have no copy at all (`check_times`).
        """
        original = self.get(ref)
        if original.end is None:
            raise InvalidEntry("the timer is running; use continue to start another like it")
        lasted = original.end - original.start
        if lasted < timedelta(minutes=1):
            why = (
                f"only {format_duration(lasted, seconds=True)}, and a copy lasts at least a"
                " minute, so it would count time you never tracked"
                if lasted
                else "no time (it was stopped the second it started), so a copy would have no"
                " length"
            )
            raise InvalidEntry(
                f"this entry lasted {why}; add the time you did with its own start and end"
            )
        now = self.clock()
        earliest = max(
            at_local(local(now, self.zone).date(), MIDNIGHT, self.zone),
            day_range(self.today(), self.zone, self.start_of_day)[0],
        )
        length = _whole_minutes(original)
        end = minute_floor(now)
        busy = [(e.start, e.end_or(now)) for e in self.between(earliest, end)]
        while end - length >= earliest:
            # The copy must end before every entry in its way starts, so try just before
            # the earliest of them (clock minutes, as the dialog shows and reads times).
            blocking = [begin for begin, stop in busy if begin < end and end - length < stop]
            if not blocking:
                return original, (end - length, end)
            end = minute_floor(min(blocking))
        return original, None

    def _check(
        self,
        tx: WriteTransaction,
        entry: Entry,
        now: datetime,
        *,
        before: Entry | None = None,
        put_back: bool = False,
    ) -> None:
        others = tx.between(entry.start, entry.end or FOREVER) if _moved(entry, before) else ()
        self._check_entry(entry, others, now, before=before, put_back=put_back)

    def _check_entry(
        self,
        entry: Entry,
        others: Iterable[Entry],
        now: datetime,
        *,
        before: Entry | None = None,
        put_back: bool = False,
    ) -> None:
        """The rules for `entry`; changed from `before`, only for what changed: a project or
        tags can be given to an entry that overlaps or outgrew a rule since (synced in from
        the phone, say), and fixing that first is not made the price of it. An entry
        `put_back` as it was (Undo of a delete) is not refused for the lock date: Vmoox
        keeps what it holds there, and one it does not take waits again, with its fixes
        (delete here, change the date), as it did before the delete. The rules are those of
        the entry's own workspace (`rules_of`), and so are the overlaps (`overlaps_refused`)."""
        rules = self.rules_of(entry)
        if before is None or entry.description != before.description:
            check_description(entry.description, rules)
        if before is None or entry.tags != before.tags:
            check_tags(entry.tags, rules)
        if not _moved(entry, before):
            return
        if not put_back:
            check_unlocked(entry.start, rules)  # moving it into a locked period
        check_times(entry.start, entry.end, now=now, zone=self.zone, rules=rules)
        check_no_overlap(
            entry.start,
            entry.end,
            self.overlaps_refused(entry, others),
            now=now,
            zone=self.zone,
            rules=rules,
            exclude=entry.client_ref,
        )

    def _billable(self, target: Target, billable: bool | None) -> bool:
        if billable is not None:
            return billable
        project = self.store.project(target.project_id) if target.project_id else None
        return project.billable_default if project else False

    # -- queries ------------------------------------------------------------------
    def running(self) -> Entry | None:
        """The running entry, if any."""
        return self.store.running()

    def get(self, ref: str) -> Entry:
        """The live entry whose `client_ref` is `ref` or starts with it (unique)."""
        return self._live(self.store, ref)

    def get_deleted(self, ref: str) -> Entry:
        """The deleted entry whose `client_ref` is `ref` or starts with it (unique)."""
        return self._resolve(self.store, ref, deleted=True)

    def _live(self, reader: Store | WriteTransaction, ref: str) -> Entry:
        return self._resolve(reader, ref, deleted=False)

    def _resolve(self, reader: Store | WriteTransaction, ref: str, *, deleted: bool) -> Entry:
        exact = reader.get(ref.strip())
        if exact is None:  # brought back under a new `client_ref`; Undo steps hold the old
            exact = reader.get(_latest_ref(reader, ref.strip()))
        if exact is not None and exact.is_deleted == deleted:
            return exact
        matches = reader.with_prefix(ref, deleted=deleted)
        if not matches:
            raise NotFound(f"no {'deleted ' if deleted else ''}entry '{ref}'")
        if len(matches) > 1:
            shown = ", ".join(e.client_ref[:8] for e in matches[:AMBIGUOUS_SHOWN])
            more = "…" if len(matches) > AMBIGUOUS_SHOWN else ""  # only when some are left out
            raise InvalidInput(f"'{ref}' matches several entries ({shown}{more}); type more of it")
        return matches[0]

    def between(self, start: datetime, end: datetime) -> list[Entry]:
        """Live entries sharing time with [start, end), by start."""
        return self.store.between(start, end)

    def days(self, first: date, last: date) -> list[Entry]:
        """Entries of working days `first` to `last`, in this tracker's zone and start of day."""
        return self.between(*days_range(first, last, self.zone, self.start_of_day))

    def follow_local_zone(self) -> bool:
        """Take up this machine's time zone again, as after travel or a change in the
        system settings; True when it moved. A chosen zone stays."""
        zone = zone_in_use(self._chosen_zone)
        moved, self.zone = zone != self.zone, zone
        return moved

    def choose_zone(self, zone: str | None) -> bool:
        """Read days and times in `zone` from now on, wherever the computer is (a new
        `day.time_zone`); None follows this computer's zone. True when the zone moved."""
        self._chosen_zone = zone
        return self.follow_local_zone()

    def today(self) -> date:
        """Today's working day."""
        return local_day(self.clock(), self.zone, self.start_of_day)

    def day_of(self, entry: Entry) -> date:
        """The working day an entry belongs to (by its start)."""
        return local_day(entry.start, self.zone, self.start_of_day)

    def recent(self, limit: int = 5, *, to_continue: bool = False) -> list[Entry]:
        """Most recent distinct entries (by description and target), newest first.
        `to_continue`: only what is worth starting again (the tray's list), so none without
        a description or target and none of no length (a timer started and stopped at once),
        which filled the list ahead of real work."""
        seen: dict[tuple[str, Target], Entry] = {}
        for entry in self.store.recent(limit * 5):
            blank = not entry.description and entry.target.is_empty
            if to_continue and (blank or entry.end == entry.start):
                continue
            seen.setdefault((entry.description, entry.target), entry)
        return list(seen.values())[:limit]

    def latest_described(self, description: str) -> Entry | None:
        """The newest entry with this description, to start another like it."""
        return self.store.latest_described(description)

    def descriptions(self, prefix: str = "", limit: int = 10) -> list[str]:
        """Earlier descriptions starting with `prefix`, most recent first."""
        return self.store.descriptions(prefix, limit)

    def tags(self, prefix: str = "", limit: int = 10) -> list[str]:
        """Earlier tags starting with `prefix`, most used first (then most recent)."""
        return self.store.tags(prefix, limit)

    def all_tags(self) -> list[str]:
        """Every tag a live entry has, most used first (the tags a report may be narrowed to)."""
        return self.store.tags("", _ALL_TAGS)

    # -- the catalog ----------------------------------------------------------------
    def find_project(self, text: str, *, to_track: bool = True) -> Project:
        """A project by id or name (part of a name will do: `catalog.find`). To track time:
        an active one, an archived one refused by name; for reports, any."""
        return self._find("project", text, self.store.projects(include_inactive=True), to_track)

    def find_task(self, text: str, project_id: str) -> Task:
        """A task of `project_id` by id or name; one of another project is refused naming
        the project it is in."""
        from timo_desktop.core.catalog import UnknownName, find

        try:
            return find("task", text, self.store.tasks(project_id))
        except UnknownName as unknown:
            try:
                elsewhere = find("task", text, self.store.tasks())
            except NotFound:
                raise unknown from None
            project = self.store.project(elsewhere.project_id)
            named = self.store.project(project_id)
            raise UnknownName(
                f"task '{isolated(elsewhere.name)}' is in project"
                f" '{isolated(project.name if project else elsewhere.project_id)}', not in"
                f" '{isolated(named.name if named else project_id)}'"
            ) from None

    def find_record(self, text: str, *, kind: str = "record", to_track: bool = True) -> Record:
        """A record by id or name, as `find_project`; `kind` names it in a refusal
        ("client" for `timo report --client`)."""
        return self._find(kind, text, self.store.records(include_inactive=True), to_track)

    def _find(
        self, kind: str, text: str, items: Sequence[Catalogued], to_track: bool
    ) -> Catalogued:
        from timo_desktop.core.catalog import closed_to_time, find
        from timo_desktop.sync.status import workspace_names

        workspaces = workspace_names(self.store)

        def workspace_of(item: Catalogued) -> str | None:
            workspace = item.workspace_id
            return isolated(workspaces.get(workspace, workspace)) if workspace else None

        if not to_track:
            return find(kind, text, items, workspace_of)
        active = [item for item in items if item.status == "active"]
        try:
            return find(kind, text, active, workspace_of)
        except NotFound as unknown:
            try:
                gone = find(
                    kind, text, [item for item in items if item.status != "active"], workspace_of
                )
            except NotFound:
                raise unknown from None  # unknown, or which active names are close
            raise NotFound(
                f"{kind} '{isolated(gone.name)}' {closed_to_time(gone)}; pick another"
            ) from None

    def target(
        self, *, project: str | None = None, task: str | None = None, record: str | None = None
    ) -> Target:
        """A target from ids or names given by a person (`--project`, `--task`, `--record`)."""
        if task and not project:
            raise InvalidInput("--task needs --project")
        if record and project:
            raise InvalidInput("an entry is for a project or a record, not both")
        from timo_desktop.core.catalog import closed_to_time

        if record:
            found: Project | Record = self.find_record(record)
        elif project:
            found = self.find_project(project)
        else:
            return NO_TARGET
        if why := closed_to_time(found):  # active, but closed to time
            raise InvalidEntry(
                f"{'record' if record else 'project'} '{isolated(found.name)}' {why}"
            )
        if record:
            return Target(record_id=found.id)
        task_id = self.find_task(task, found.id).id if task else None
        return Target(project_id=found.id, task_id=task_id)

    def closed_target(self, target: Target) -> str | None:
        """Why no more time can go to `target`, as the catalog last saw it (`project
        'Website' is archived`); None when it can, or when the catalog does not know it
        (never fetched: offline, never synced), which is left to Vmoox."""
        from timo_desktop.sync.targets import closed_target

        return closed_target(self.store, target)

    def names(self, target: Target) -> TargetNames:
        """Cached names for a target."""
        return TargetNames(*self.store.names(target))

    def catalog(self) -> Catalog:
        """Projects that accept time with their open tasks, and trackable records; none of
        a workspace sync found time cannot be tracked in (`closed_target` says why)."""
        from timo_desktop.sync.status import frozen_workspaces

        frozen = frozen_workspaces(self.store)
        projects = tuple(
            p for p in self.store.projects() if p.can_track and p.workspace_id not in frozen
        )
        taking = {p.id for p in projects}  # a closed project's tasks are cached for reports
        tasks: dict[str, list[Task]] = {}
        for task in self.store.tasks():
            if task.status == "open" and task.project_id in taking:
                tasks.setdefault(task.project_id, []).append(task)
        return Catalog(
            projects,
            {project: tuple(found) for project, found in tasks.items()},
            tuple(r for r in self.store.records() if r.trackable and r.workspace_id not in frozen),
        )

    def workspaces_named(self) -> dict[str, str]:
        """Project and record id → its workspace's name, for those whose name a project or
        record of another workspace has too (all cached, so an archived one's entries are
        told apart as well): shown, they name their workspace (`TargetNames.workspace`)."""
        from timo_desktop.core.catalog import in_several_workspaces
        from timo_desktop.core.folding import folded
        from timo_desktop.sync.status import workspace_names

        items = [
            *self.store.projects(include_inactive=True),
            *self.store.records(include_inactive=True),
        ]
        shared = in_several_workspaces(items)
        if not shared:
            return {}
        names = workspace_names(self.store)
        return {
            item.id: names.get(item.workspace_id, item.workspace_id)
            for item in items
            if item.workspace_id and folded(item.name) in shared
        }

    # -- changes made elsewhere -------------------------------------------------------
    def data_version(self) -> int:
        """Changes whenever another connection commits (the CLI, the sync worker); cheap
        enough to poll every second, and blind to this Tracker's own writes."""
        return self.store.data_version()

    def file_lost(self) -> FileLost | None:
        """Whether the database file was deleted or replaced under this Tracker, which holds
        the only copy of its data then (`save_copy` writes it out)."""
        return self.store.file_lost()

    def save_copy(self, target: Path) -> None:
        """Write all of this Tracker's data to a new database file at `target`."""
        self.store.save_copy(target)

    def queued_version(self) -> int:
        """Grows whenever any process queues an entry change for sync."""
        return self.store.outbox_head()

    def sync_attention(self) -> list[Attention]:
        """What sync needs the user to decide, each with its fix (see `sync.attention`);
        a question whose choice would change an entry Vmoox keeps read-only says why
        (`Attention.read_only`), so that only the choice letting it go is offered."""
        from timo_desktop.sync.attention import CHANGES_VMOOX, needs_attention
        from timo_desktop.sync.words import DELETED_ON_SERVER

        def said(item: Attention) -> Attention:
            found = self.read_only(item.entry) if item.entry is not None else None
            if found is None:
                return item
            if item.kind == "deleted":  # "restore it" is no fix of this one
                return replace(item, read_only=found, message=f"{DELETED_ON_SERVER}.")
            return replace(item, read_only=found)

        return [
            said(item) if item.kind in CHANGES_VMOOX else item
            for item in needs_attention(self.store, self.zone, self.start_of_day)
        ]

    # -- crash recovery -------------------------------------------------------------
    def beat(self) -> None:
        """Record that this process is alive now (the desktop app calls this every minute)."""
        with self.store.write() as tx:
            tx.beat(self.clock())

    def record_clean_exit(self) -> None:
        """Record that the person quit the desktop app (Quit, and a running timer kept
        running when asked): a timer it leaves running is kept on purpose, and `recover`
        asks nothing. The record is tied to this last heartbeat; the next run's first beat
        replaces it."""
        with self.store.write() as tx:
            self._record_exit(tx, CLEAN_EXIT_KEY)

    def record_last_seen(
        self, *, session_ended: bool = False, away_since: datetime | None = None
    ) -> None:
        """Record that the desktop app is going now, unasked (the login session ends, or
        the system tells it to stop): a last heartbeat, this moment, and no clean exit, so
        that `recover` asks about a timer left running and offers to stop it then.
        `session_ended`: as the person logs out or shuts down (Qt's `commitDataRequest`),
        which the question names. `away_since`: the person has been away from the computer
        since then, and the question offers to stop the timer then instead."""
        with self.store.write() as tx:
            beat = self._record_exit(tx, SESSION_END_KEY if session_ended else None)
            if away_since is not None:
                tx.set_meta(AWAY_SINCE_KEY, f"{_beat_mark(beat)} {away_since.isoformat()}")

    def _record_exit(self, tx: WriteTransaction, named_in: str | None) -> Heartbeat:
        # How the app went is told by a meta key naming its last heartbeat: any later
        # beat (the next run's, or this one's after a logout was cancelled) unnames it.
        tx.beat(self.clock())
        beat = tx.heartbeat()
        assert beat is not None
        if named_in is not None:
            tx.set_meta(named_in, _beat_mark(beat))
        return beat

    def recover(self) -> Recovery | None:
        """At start-up: the timer left running by an earlier run, and when Timo was last alive.

        None when nothing runs or the earlier run quit cleanly (a timer kept running on
        purpose). `last_alive` is the last heartbeat of another process; a timer started
        after it, within a missed beat or two, was started while Timo was alive (it died
        within a minute of the start), so then it is the timer's start. None if unknown:
        no heartbeat, or one so old that the timer was started (from the command line)
        while Timo was not running at all. `session_ended` when that last heartbeat was
        written as the person logged out or shut down (`record_last_seen`); `away_since`
        when the person had been away from the computer since then, on the timer.
        """
        running = self.store.running()
        if running is None:
            return None
        beat = self.store.heartbeat()
        if beat is None:
            return Recovery(running, None)
        mark = _beat_mark(beat)
        if self.store.meta(CLEAN_EXIT_KEY) == mark:
            return None
        if beat.pid == os.getpid():  # this process's own beat says nothing of an earlier run
            return Recovery(running, None)
        if beat.alive_at >= running.start:
            return Recovery(
                running,
                beat.alive_at,
                self.store.meta(SESSION_END_KEY) == mark,
                _away_since(self.store.meta(AWAY_SINCE_KEY), mark, running.start),
            )
        if running.start - beat.alive_at <= BEATS_MISSED:
            return Recovery(running, running.start)
        return Recovery(running, None)


class _Neighbours:
    """Live entries by start, to find those near one entry without a query for each."""

    def __init__(self, entries: Sequence[Entry], now: datetime) -> None:
        self._entries = entries
        self._starts = [entry.start for entry in entries]
        # No entry reaches further back than the longest one's length.
        self._longest = max(
            (entry.end_or(max(now, entry.start)) - entry.start for entry in entries),
            default=timedelta(0),
        )

    def around(self, entry: Entry) -> Sequence[Entry]:
        """The entries that may share time with `entry` (a few more, never fewer)."""
        end = entry.end or FOREVER  # a running one runs on over what starts after it
        first = bisect_right(self._starts, entry.start - self._longest)
        return self._entries[first : bisect_left(self._starts, end)]


def _away_since(recorded: str | None, mark: str, start: datetime) -> datetime | None:
    """The away start recorded with the heartbeat `mark` (`record_last_seen`), if any, and
    only when it lies on a timer started at `start`: away before it bills nothing."""
    found, _, since = (recorded or "").rpartition(" ")
    if found != mark:
        return None
    away = datetime.fromisoformat(since)
    return away if away > start else None


def _beat_mark(beat: Heartbeat) -> str:
    """A heartbeat as the clean-exit record names it (this process at that moment)."""
    return f"{beat.pid} {beat.alive_at.isoformat()}"


def _refuse_closed(reader: Reader, draft: timer.Draft, verb: str) -> None:
    """`TargetClosed` when `draft`'s target takes no time any more (`closed_target`): the
    one rule for a new timer and a new finished entry made here, never for edits or sync."""
    from timo_desktop.sync.targets import closed_target

    if why := closed_target(reader, draft.target):
        raise TargetClosed(draft, why, verb)


def _check_workspace(tx: WriteTransaction, entry: Entry, before: Entry) -> None:
    """An entry Vmoox has (or may have) stays in its workspace: a project or record of
    another one is refused, naming both (sent on, the change could never be applied there,
    and later changes, a stop too, would wait behind it)."""
    if entry.target == before.target:
        return
    theirs = tx.workspace_of(entry.target)
    where = tx.workspace_on_server(entry.client_ref) if theirs else None
    if where is None or where == theirs:
        return
    from timo_desktop.sync.status import workspace_names

    names = workspace_names(tx)
    project, _task, record = tx.names(entry.target)
    picked = f"{'project' if entry.target.project_id else 'record'} '{isolated(project or record)}'"
    here, there = isolated(names.get(where, where)), isolated(names.get(theirs, theirs))
    raise InvalidEntry(
        f"{picked} is in {there}, but this entry is in {here} on Vmoox"
        f" already; pick a project or record of {here}, or add the time again under"
        f" {picked} (and delete this entry)"
    )


def _latest_ref(reader: Store | WriteTransaction, client_ref: str) -> str:
    """The `client_ref` the entry once called `client_ref` has now: sync brings an entry
    back under a new one (`WriteTransaction.recreate`), maybe more than once."""
    while (newer := reader.meta(REPLACED_BY_KEY + client_ref)) is not None:
        client_ref = newer
    return client_ref


def _moved(entry: Entry, before: Entry | None) -> bool:
    """Whether `entry`'s times are new (or it is new): only then are they checked."""
    return before is None or (entry.start, entry.end) != (before.start, before.end)


def _whole_minutes(entry: Entry) -> timedelta:
    """A finished entry's length to the nearest minute."""
    assert entry.end is not None
    return timedelta(minutes=round((entry.end - entry.start).total_seconds() / 60))


def _now_or_its_start(running: Entry | None, now: datetime) -> datetime:
    """When "now" is for a switch or a stop: now, or the running timer's start if the
    clock has gone back since it started (a little is taken up here; more is refused
    by the core in plain words)."""
    return now if running is None else max(now, running.start)


def _changed(
    given: datetime | None, current: datetime | None, fitted: datetime | None
) -> datetime | None:
    """`fitted` for a `given` time that changes `current`; `given` itself otherwise."""
    return fitted if given is not None and given != current else given
