"""`SyncEngine`: push the outbox, pull the server's changes, and the choices left to the user.

Plain Python on one `Store` and one `VmooxClient`, run by `timo sync` and by
the desktop worker thread alike. One `sync()` is one round: who am I (which
workspaces may be synced), push, then pull. Every answer is classified:

- accepted: the server's id, version and fields are recorded in the same
  transaction that marks the operation done;
- lost (timeout, reset, 5xx, in flight): the same frozen request is sent
  again later under the same idempotency key, after full-jitter backoff; a
  5xx storm opens the circuit breaker;
- `429`: nothing is sent until `Retry-After` has passed;
- connection refused: offline, the round ends, nothing is lost, and the next one
  waits longer each time (full-jitter backoff over such rounds in a row);
- `401` after the client's one refresh: signed out, the queue waits;
- `412`: merged field by field with the server's copy, then sent again;
- business refusals: that entry is parked with the server's reason and the
  others go on, until the entry is changed here; a revoked membership freezes
  that workspace's queue;
- a batch refused whole (`413`, or one operation's fields): split in halves
  until each refusal is one entry's.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, NoReturn, TypeVar

from timo_desktop.core.entry import Entry, SyncState, Target, new_entry
from timo_desktop.core.errors import InvalidEntry, TimoError
from timo_desktop.core.local_time import describe_instant, from_text, to_text, utc_now
from timo_desktop.core.validation import EntryRules, KeptReadOnly, in_locked_period
from timo_desktop.platform.zone import local_zone_name
from timo_desktop.store import sync_state
from timo_desktop.store.database import Store, WriteTransaction
from timo_desktop.store.errors import ConstraintFailed
from timo_desktop.store.outbox import Op, OpState
from timo_desktop.store.sync_state import Conflict, QueuedOp, RemoteLink
from timo_desktop.sync import owner, requests, restored, running, targets
from timo_desktop.sync.attention import kinds_asked, stopped_early
from timo_desktop.sync.backoff import Backoff, CircuitBreaker
from timo_desktop.sync.fields import (
    FIELD_NAMES,
    Fields,
    changed_here,
    changed_there_only,
    entry_from_server,
    kept_lock,
    link_remote,
    local_fields,
    merge,
    server_fields,
    together_with,
    with_fields,
)
from timo_desktop.sync.health import WINDOW_DAYS, HealthReport, reconcile
from timo_desktop.sync.owner import OtherAccount, Owner
from timo_desktop.sync.pull import Puller, send_again
from timo_desktop.sync.status import (
    ALSO_CHANGED,
    BEHIND_KEPT_RUNNING,
    CHANGED_SINCE_DELETED,
    CLOCK_OFF,
    CLOCK_SKEW,
    DEFAULT_WORKSPACE,
    DELETED_ON_SERVER,
    FROZEN,
    KEPT_RUNNING,
    LAST_ERROR,
    LAST_SUCCESS,
    LESS_TIME,
    NOT_RECORDED,
    NOT_SYNCED_WORDS,
    OFFLINE_WORDS,
    SIGNED_OUT_WORDS,
    SLOW_WORDS,
    TARGET_REFUSED,
    UNREACHABLE_WORDS,
    WORKSPACES,
    frozen_workspaces,
    held_for,
)
from timo_desktop.sync.turns import TURN_WAIT, SyncBusy, sync_turn
from timo_desktop.sync.words import (
    FIELD_WORDS,
    delete_not_made,
    deleted_there,
    duration_words,
    kept_as_changed_here,
    kept_running,
    not_recorded,
    not_taken_for_lock,
    refused_field,
    refused_fields,
    target_problem,
)
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.errors import (
    ApiError,
    BadRequest,
    ClientRefConflict,
    EntryInFuture,
    EntryLocked,
    IdempotencyInFlight,
    MembershipRevoked,
    NetworkError,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    RunningEntryExists,
    ServerError,
    TargetUnavailable,
    Unauthorized,
    Unprocessable,
    UntrustedServer,
    ValidationFailed,
    VersionMismatch,
)
from timo_desktop.vmoox.meta import ResponseMeta
from timo_desktop.vmoox.models import TimeEntry

T = TypeVar("T")
# What Vmoox answered about one operation: its copy of the entry (None for a delete) or a
# refusal.
Answer = TimeEntry | ApiError | None

# Meta keys (values are text); the status ones live in `sync.status`.
NOT_BEFORE = "sync.not_before"
DEVICE_ID = "sync.device_id"
BUSY_RETRY = 5.0  # seconds before a round that found another program syncing tries again
SENT_KEPT = timedelta(days=30)  # how long an operation done is kept (`forget_sent`)
# Why a timer started here waits while Vmoox keeps another running (`_locked`).
WAITS_FOR_KEPT_RUNNING = (
    "A timer started here waits: Vmoox keeps another timer of yours running (read-only) and"
    " takes no second one; it goes once your stop of that one does."
)
# Why a delete waits: the entry changed on another computer after the version deleted here.
_CHANGED_WORDS = (
    "This entry was changed on another computer since you deleted it; delete it anyway or"
    " keep their version."
)


def _again_at(when: datetime, now: datetime, zone: str) -> str:
    """`at 16:42:15`: when the next try is due, in `zone` (the one every time is shown in).
    Unlike "in 40 s", it stays true while the window, the tray or `timo sync status` shows
    it, with nothing ticking to count it down."""
    return f"at {describe_instant(when, zone, relative_to=now, seconds=True)}"


class Halt(Exception):
    """Ends a round early: offline, signed out, an untrusted server, or told to wait."""

    def __init__(self, state: str, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.state = state
        self.message = message
        self.wait = wait


@dataclass
class SyncReport:
    """What one round (or `sync_until_done`) did and what is left."""

    pushed: int = 0
    pulled: int = 0
    pending: int = 0
    attention: int = 0
    conflicts: int = 0
    frozen: int = 0
    errors: list[str] = field(default_factory=list)
    state: str = "idle"  # idle, offline, signed_out, attention, busy (another program's turn)
    wait: float | None = None  # seconds until queued work may be sent
    # The round stopped before its end (Vmoox not asked, or its changes not all fetched):
    # entries made elsewhere may be missing here, even with nothing left to send.
    cut_short: bool = False

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (`timo sync --json`)."""
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "pending": self.pending,
            "attention": self.attention,
            "conflicts": self.conflicts,
            "frozen": self.frozen,
            "errors": list(self.errors),
            "state": self.state,
            # Seconds until what is pending may be sent again (None with nothing pending).
            "next_try_in": round(self.wait or 0) if self.pending else None,
        }


@dataclass
class _Work:
    op: QueuedOp
    entry: Entry
    link: RemoteLink | None
    workspace_id: str
    request: dict[str, Any]


class Decisions:
    """The user's choices about what sync could not settle. Each one only changes this
    computer's database; the next round sends what it queued. `SyncEngine` makes them in
    the window; `timo restore`, `timo keep-mine` and the like make them without signing
    in, on a `Decisions` of their own. A choice that would change the entry on Vmoox
    (keep mine, restore, delete anyway) is refused (`KeptReadOnly`, nothing queued) while
    Vmoox keeps it read-only, by the rules as they stand when it is made."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def restore_local_value(self, client_ref: str, field_name: str | None = None) -> None:
        """Put back the local value(s) the server replaced in a conflict, as a new edit; a
        start or end with the other end of its range (`fields.TOGETHER`). Refused when one
        of them was changed here since (in a database from before such changes settled
        their question, `fields.settle_edited`): putting back the older value would undo
        the newer one. Such a question is settled then, and the others stay."""
        now = self.clock()
        wanted = None if field_name is None else together_with(field_name)
        with self.store.write() as tx:
            entry = _changeable(tx, client_ref)
            found = sync_state.conflicts(tx.connection, client_ref)
            chosen = [c for c in found if wanted is None or c.field in wanted]
            changed = [c.field for c in changed_here(entry, chosen)]
            if changed:
                sync_state.clear_conflicts(tx.connection, client_ref, changed)
            elif chosen:
                _put_back(tx, entry, chosen, now)
        if changed:
            raise InvalidEntry(f"{kept_as_changed_here(changed)} and nothing was put back")

    def dismiss_conflicts(self, client_ref: str) -> None:
        """Keep the server's values; forget the local ones it replaced (and a note that sync
        stopped the timer while it ran here, or that Vmoox deleted or shortened the entry:
        it has been read)."""
        with self.store.write() as tx:
            sync_state.clear_conflicts(tx.connection, client_ref)
            running.forget_stop(tx, client_ref)
            tx.forget_note(LESS_TIME, client_ref)

    def restore_deleted(self, client_ref: str) -> str:
        """An entry Vmoox holds deleted while it is live here, or a timer it deleted while
        it ran here: keep the local version as a new entry (`WriteTransaction.recreate`);
        when another computer brought it back already and that copy is here, this one's
        changes merge into it instead (`sync.restored`). Returns its `client_ref`.

        A timer comes back with the time it ran here: it ends where Vmoox deleted it, when
        it stopped running here (`sync.attention.deleted_while_running`); Continue goes on
        with it."""
        now = self.clock()
        with self.store.write() as tx:
            entry = _changeable(tx, client_ref)
            running.forget_stop(tx, client_ref)
            copy = restored.restoration_here(tx, entry)
            if copy is not None:
                return restored.take_up(tx, entry, copy, now).client_ref
            if entry.deleted_at is not None and entry.end is None:
                entry = replace(entry, end=max(entry.start, entry.deleted_at))
            return tx.recreate(entry, now).client_ref

    def add_time_ran_here(self, client_ref: str) -> str:
        """A timer Vmoox stopped at an earlier time while it ran on here (`stopped-early`):
        the time from Vmoox's end until it stopped running here, as an entry of its own
        with the timer's project, description, tags and billable. The timer keeps Vmoox's
        end, so no minute is counted twice. Returns the new entry's `client_ref`."""
        now = self.clock()
        with self.store.write() as tx:
            entry = _changeable(tx, client_ref)
            ran = [until for found, until in stopped_early(tx) if found.client_ref == client_ref]
            if not ran or entry.end is None:
                raise InvalidEntry("it ran here no longer than Vmoox has it, so nothing is added")
            running.forget_stop(tx, client_ref)
            added = new_entry(
                start=entry.end,
                end=ran[0],
                zone=entry.zone,
                now=now,
                description=entry.description,
                target=entry.target,
                tags=entry.tags,
                billable=entry.billable,
                source=entry.source,
            )
            tx.save(added, Op.CREATE, now)
            return added.client_ref

    def discard_deleted(self, client_ref: str) -> None:
        """Accept the server's deletion and drop the local changes."""
        now = self.clock()
        with self.store.write() as tx:
            self._forget_deleted(tx, _existing(tx, client_ref), now)

    def _forget_deleted(self, tx: WriteTransaction, entry: Entry, now: datetime) -> None:
        sync_state.settle_all(tx.connection, entry.client_ref)
        gone = replace(entry, deleted_at=entry.deleted_at or now, sync_state=SyncState.SYNCED)
        sync_state.put_entry(tx.connection, gone)
        sync_state.set_state(tx.connection, entry.client_ref, SyncState.SYNCED)

    def retarget(self, client_ref: str, target: Target) -> None:
        """Give an entry whose project or record became unavailable a new target (saving
        it sends the parked operations again, rebuilt with it)."""
        now = self.clock()
        with self.store.write() as tx:
            entry = _existing(tx, client_ref)
            tx.save(entry.changed(now, target=target), Op.UPDATE, now)

    def acknowledge(self, client_ref: str) -> None:
        """The user has read why an entry is read-only and which of their values Vmoox
        kept instead: clear its attention mark and those values (kept as conflicts, they
        read as changes made on the server, which made none). An entry whose operations
        wait (never sent) keeps its mark: its fixes are delete, a new date or retry."""
        with self.store.write() as tx:
            if not sync_state.has_open_ops(tx.connection, client_ref):
                sync_state.set_state(tx.connection, client_ref, SyncState.SYNCED)
                sync_state.clear_conflicts(tx.connection, client_ref)

    def retry_now(self, client_ref: str | None = None) -> None:
        """Send parked and waiting operations (of one entry, or all) at the next round."""
        with self.store.write() as tx:
            refs = [client_ref] if client_ref else sorted(sync_state.open_refs(tx.connection))
            for ref in refs:
                sync_state.unpark(tx.connection, ref)
                sync_state.clear_wait(tx.connection, ref)
            tx.set_meta(NOT_BEFORE, "")

    def delete_anyway(self, client_ref: str) -> None:
        """An entry deleted here and changed on another computer since: delete it on Vmoox
        too, that change with it. Its delete goes again against the version that has the
        change (changed once more by then, it asks again)."""
        with self.store.write() as tx:
            _changeable(tx, client_ref)
            sync_state.clear_conflicts(tx.connection, client_ref)
            sync_state.unpark(tx.connection, client_ref)
            sync_state.set_state(tx.connection, client_ref, SyncState.PENDING)

    def keep_their_edit(self, client_ref: str) -> None:
        """An entry deleted here and changed on another computer since: keep it as changed
        there (Vmoox's copy, as last pulled), and drop the delete."""
        with self.store.write() as tx:
            entry = _existing(tx, client_ref)
            link = sync_state.links(tx.connection, [client_ref]).get(client_ref)
            theirs = link.base if link is not None and link.base else local_fields(entry)
            sync_state.settle_all(tx.connection, client_ref)
            sync_state.clear_conflicts(tx.connection, client_ref)
            kept = with_fields(entry, theirs, deleted_at=None)
            sync_state.set_state(tx.connection, client_ref, SyncState.SYNCED)
            running.put_server_copy(tx, replace(kept, sync_state=SyncState.SYNCED), self.clock())


class SyncEngine(Decisions):
    """Moves entries between the local store and one Vmoox account."""

    def __init__(
        self,
        store: Store,
        client: VmooxClient,
        *,
        default_workspace: str | None,
        chosen_workspace: Callable[[], str | None] | None = None,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        backoff: Backoff | None = None,
        breaker: CircuitBreaker | None = None,
        batch_size: int = 100,
        page_size: int = 500,
        tries_per_round: int = 3,
        turn_wait: float = TURN_WAIT,
        zone: Callable[[], str] | None = None,
    ) -> None:
        """`default_workspace` gets the entries without a project; `chosen_workspace`, when
        given, reads the account's choice again at each round (`timo workspace` and
        Settings change it while the app runs). `zone` gives the zone clock times are said
        in (`day.time_zone`, as everywhere in Timo), read when one is said; this
        computer's when not given."""
        super().__init__(store, clock=clock)
        self.client = client
        self.default_workspace = default_workspace
        self._chosen_workspace = chosen_workspace
        self.sleep = sleep
        self.backoff = backoff or Backoff()
        self.breaker = breaker or CircuitBreaker(clock=lambda: self.clock().timestamp())
        self.batch_size = batch_size
        self.tries_per_round = tries_per_round
        self.turn_wait = turn_wait
        self._zone = zone or local_zone_name
        # Called when a round waits for another program's (`timo sync` says so at once).
        self.waiting_for_turn: Callable[[], None] | None = None
        self.clock_skew: timedelta | None = None
        self._workspaces: dict[str, str] = {}  # syncable workspace id -> name
        self._owner: dict[str, str] = {}  # project/record id -> workspace id
        self._puller = Puller(store, client, self._call, clock, page_size)
        self._report = SyncReport()
        self._troubled = 0  # rounds cut short in a row (`_after_trouble`)
        self._server_offset: timedelta | None = None  # Vmoox's clock minus ours, this round
        self._rules_read: set[str] = set()  # workspaces whose rules this round read (`_rules`)
        # Read the whole catalog at the next pull: at first (`timo sync`, the app's start)
        # and after Sync now (`retry_now()`); `Puller.catalog` also does every hour.
        self._whole_catalog = True

    # -- rounds ------------------------------------------------------------------------

    def sync(self, *, push: bool = True, pull: bool = True) -> SyncReport:
        """One round: account, push, pull (either can be left out), in this database's
        turn (`turns`). Never raises for network or server trouble."""
        report = self._report = SyncReport()
        try:
            with self._turn():
                self._round(report, push=push, pull=pull)
        except SyncBusy as busy:
            # No problem of this round's to keep: the other program's round sends and
            # fetches the same entries, and says how it went.
            self._count(report)
            report.state, report.wait = "busy", BUSY_RETRY
            report.errors.append(str(busy))
        return report

    def _turn(self) -> AbstractContextManager[None]:
        """This database's turn to sync (`turns.sync_turn`), as this engine waits for it."""
        return sync_turn(self.store.path, self.turn_wait, self.waiting_for_turn)

    def _round(self, report: SyncReport, *, push: bool, pull: bool) -> None:
        self._rules_read = set()
        with self.store.write() as tx:
            sync_state.release_inflight(tx.connection)
        cut_short = True
        try:
            self._account()
            if push:
                self._push()
            if pull:
                self._pull()
            cut_short = False
        except Halt as halt:
            report.state = halt.state if halt.state != "waiting" else "idle"
            # Offline, a refused connection costs nothing to try again: without a growing
            # wait the worker would knock twice a second for as long as it lasts.
            report.wait = self._after_trouble() if halt.state == "offline" else halt.wait
            report.errors.append(halt.message)
        except (ApiError, NetworkError) as exc:
            report.errors.append(_plain(exc))
            report.wait = self._after_trouble()
        report.cut_short = cut_short
        self._finish(report, cut_short)

    def _after_trouble(self) -> float:
        """Seconds to wait after a round cut short (offline, an unclassified error): full
        jitter over the rounds cut short in a row, which a round without trouble resets."""
        wait = self.backoff.delay(self._troubled)
        self._troubled += 1
        return wait

    def sync_until_done(self, timeout: float) -> SyncReport:
        """Rounds until nothing is pending (parked entries aside) and a round went through
        without trouble (so the pull is complete too), or `timeout` seconds pass; waits
        between rounds as backoff, `Retry-After` and the breaker say."""
        deadline = self.clock() + timedelta(seconds=timeout)
        total = SyncReport()
        idle_rounds = 0
        while True:
            report = self.sync()
            total.pushed += report.pushed
            total.pulled += report.pulled
            total.errors.extend(e for e in report.errors if e not in total.errors)
            last = ("pending", "attention", "conflicts", "frozen", "state", "wait", "cut_short")
            for name in last:
                setattr(total, name, getattr(report, name))
            left = (deadline - self.clock()).total_seconds()
            settled = report.pending == 0 and (not report.errors or report.state == "offline")
            if settled or report.state in ("signed_out", "untrusted") or left <= 0:
                return total
            idle_rounds = 0 if report.pushed else idle_rounds + 1
            wait = report.wait or 0.0
            if idle_rounds:
                # Nothing went through: never spin, whatever the queue says is due.
                wait = max(wait, self.backoff.delay(idle_rounds))
            self.sleep(max(0.0, min(wait, left)))

    def _finish(self, report: SyncReport, cut_short: bool) -> None:
        """The round's counts, and what `timo sync status` says of it: a round that ran to
        the end with nothing left to send is a success, even if a request had to be sent
        twice on the way; one that left entries waiting keeps the problem that made them
        wait (a round with none of its own changes nothing there)."""
        self._count(report)
        if report.state == "idle" and report.attention:
            report.state = "attention"
        if report.pending and report.wait is None:
            report.wait = self._next_due()
        if not cut_short:
            self._troubled = 0
        through = not cut_short and not report.pending
        with self.store.write() as tx:
            if through:
                # What was sent long ago has nothing more to say (each change left ~0.5 kB
                # for good: a year's use, megabytes).
                sync_state.forget_sent(tx.connection, to_text(self.clock() - SENT_KEPT))
            if through or not report.errors:
                tx.set_meta(LAST_SUCCESS, to_text(self.clock()))
            if through:
                tx.set_meta(LAST_ERROR, "")
            elif report.errors:
                tx.set_meta(LAST_ERROR, report.errors[-1])
            if self.clock_skew is not None:
                tx.set_meta(CLOCK_SKEW, str(round(self.clock_skew.total_seconds())))

    def _count(self, report: SyncReport) -> None:
        """What waits, into `report`."""
        counts = sync_state.counts(
            self.store.connection, sorted(self._frozen()), self.default_workspace
        )
        report.pending = counts["pending"]
        report.attention = counts["attention"]
        report.conflicts = kinds_asked(self.store)["conflict"]  # as the sync status counts
        report.frozen = counts["frozen"]

    def _next_due(self) -> float:
        now = self.clock()
        due = [
            (from_text(op.next_attempt_at) - now).total_seconds()
            for op in sync_state.open_ops(self.store.connection)
            if op.state is OpState.PENDING and op.next_attempt_at
        ]
        return max(0.0, min(due)) if due else 0.0

    # -- calls -------------------------------------------------------------------------

    def _call(self, fn: Callable[[], T], *, gated: bool = True) -> T:
        """Send one request through the gates (Retry-After, breaker) and classify
        the answers that concern every request alike (`gated=False`: the caller
        checked the gates before the request left)."""
        if gated:
            self._gate()
        try:
            result = fn()
        except RateLimited as exc:
            self._saw(exc.meta)
            wait = exc.retry_after if exc.retry_after is not None else self.backoff.delay(1)
            again = _again_at(self._hold(wait), self.clock(), self._zone())
            raise Halt(
                "waiting", f"Vmoox asked Timo to slow down; trying again {again}", wait
            ) from exc
        except ServerError as exc:
            self._saw(exc.meta)
            self.breaker.failure()
            if exc.retry_after:
                self._hold(exc.retry_after)
            raise
        except Unauthorized as exc:
            raise Halt("signed_out", f"{SIGNED_OUT_WORDS} — {exc.detail}") from exc
        except UntrustedServer as exc:  # not an outage: it lasts until someone acts
            raise Halt("untrusted", f"{NOT_SYNCED_WORDS} — {exc}") from exc
        except NetworkError as exc:
            if not exc.maybe_committed:
                # Refused, the network works and Vmoox is what is down: not "Offline".
                words = UNREACHABLE_WORDS if exc.refused else OFFLINE_WORDS
                raise Halt("offline", f"{words} — {exc}") from exc
            self.breaker.failure()
            raise
        except ApiError as exc:
            self._saw(exc.meta)
            self.breaker.success()
            raise
        self.breaker.success()
        meta = getattr(result, "meta", None)
        self._saw(meta if isinstance(meta, ResponseMeta) else None)
        return result

    def _gate(self) -> None:
        now = self.clock()
        held = self.store.meta(NOT_BEFORE)
        if held and from_text(held) > now:
            wait = (from_text(held) - now).total_seconds()
            again = _again_at(from_text(held), now, self._zone())
            raise Halt("waiting", f"Waiting as Vmoox asked; trying again {again}", wait)
        if not self.breaker.allows():
            self._breaker_halt()

    def _breaker_halt(self) -> NoReturn:
        """End the round while the breaker holds requests back (Vmoox answering errors)."""
        wait = self.breaker.wait()
        again = _again_at(self.clock() + timedelta(seconds=wait), self.clock(), self._zone())
        raise Halt("waiting", f"Vmoox is having trouble; trying again {again}", wait)

    def _hold(self, seconds: float) -> datetime:
        """Send nothing for `seconds`, as Vmoox asked; returns until when."""
        until = self.clock() + timedelta(seconds=seconds)
        with self.store.write() as tx:
            tx.set_meta(NOT_BEFORE, until.isoformat())
        return until

    def _saw(self, meta: ResponseMeta | None) -> None:
        if meta is not None and meta.clock_skew is not None:
            self.clock_skew = meta.clock_skew

    # -- account -----------------------------------------------------------------------

    def _account(self) -> None:
        """Which workspaces may be synced; revoked ones freeze, restored ones thaw."""
        self._take_choice()
        me = self._call(self.client.me).value
        # Vmoox's clock, for entries that wait for it (`_server_clock_rechecked`).
        if me.server_time is not None:
            self._server_offset = me.server_time - self.clock()
        else:
            self._server_offset = self.clock_skew
        user = me.user
        signed_in = Owner.of(self.client.server_url, user.id, user.email, user.name)
        try:
            owner.check(self.store, signed_in)
        except OtherAccount as exc:
            raise Halt("signed_out", f"{NOT_SYNCED_WORDS} — {exc}") from exc
        frozen = self._frozen()
        self._workspaces = {}
        for membership in me.memberships:
            ws = membership.workspace_id
            if membership.can_track_time:
                self._workspaces[ws] = membership.name
                frozen.pop(ws, None)
            elif ws not in frozen:
                frozen[ws] = {
                    "name": membership.name,
                    "reason": membership.why_not_tracking(named=True) or "",
                    "since": to_text(self.clock()),
                }
        if self.default_workspace is None and self._workspaces:
            self.default_workspace = next(iter(self._workspaces))
        offered = json.dumps(list(self._workspaces.items()))
        with self.store.write() as tx:
            self._save_frozen(tx, frozen)
            # Placed there while it could be sent to, nothing of them sent: never held for it.
            sync_state.place_unsent_again(tx.connection, sorted(frozen))
            if tx.meta(WORKSPACES) != offered:
                # For Settings, which offers them as the default even offline.
                tx.set_meta(WORKSPACES, offered)
            default = self.default_workspace or ""
            if (tx.meta(DEFAULT_WORKSPACE) or "") != default:
                # Where entries without a project wait, for the sync status to count them.
                tx.set_meta(DEFAULT_WORKSPACE, default)
        self._owner = {
            p.id: p.workspace_id or "" for p in self.store.projects(include_inactive=True)
        }
        self._owner.update(
            {r.id: r.workspace_id or "" for r in self.store.records(include_inactive=True)}
        )

    def _take_choice(self) -> None:
        """The default workspace as the account has it now."""
        if self._chosen_workspace is not None:
            self.default_workspace = self._chosen_workspace()

    def _frozen(self) -> dict[str, dict[str, str]]:
        return frozen_workspaces(self.store)

    def _save_frozen(self, tx: WriteTransaction, frozen: dict[str, dict[str, str]]) -> None:
        tx.set_meta(FROZEN, json.dumps(frozen, sort_keys=True))

    def _freeze(self, tx: WriteTransaction, workspace_id: str) -> None:
        """Pause a workspace whose access was removed, in the transaction recording the
        refusal that said so (a second one inside it cannot start)."""
        frozen = self._frozen()
        name = self._workspaces.pop(workspace_id, workspace_id)
        reason = f"your access to {name} was removed"  # as `Membership.why_not_tracking`
        frozen[workspace_id] = {"name": name, "reason": reason, "since": to_text(self.clock())}
        self._save_frozen(tx, frozen)

    def _device_id(self) -> str:
        found = self.store.meta(DEVICE_ID)
        if found:
            return found
        made = f"dev_{uuid.uuid4().hex[:12]}"
        with self.store.write() as tx:
            tx.set_meta(DEVICE_ID, made)
        return made

    def _workspace_of(self, op: QueuedOp, entry: Entry, link: RemoteLink | None) -> str | None:
        """Where an entry goes: the workspace decided for it (`_plan`), else its project's
        or record's, else the default workspace of this round."""
        if link is not None and link.workspace_id:
            return link.workspace_id
        if op.workspace_id:
            return op.workspace_id
        owner = entry.target.project_id or entry.target.record_id
        return self._owner.get(owner or "") or self.default_workspace

    # -- push --------------------------------------------------------------------------

    def _push(self) -> None:
        self._lock_lifted()
        self._target_back()
        self._behind_released()
        self._server_clock_rechecked()
        missing = sync_state.uncached_records(self.store.connection)
        if missing and self.default_workspace in self._workspaces:
            # Names for messages about these entries (records are not mirrored).
            self._puller.records(self.default_workspace, missing)
        tries: Counter[int] = Counter()
        device = self._device_id()
        while True:
            work = self._plan(tries, device)
            if not work:
                return
            singles = [w for w in work if w.request["kind"] != "create"]
            for item in singles:
                tries[item.op.id] += 1
                self._send_single(item)
            creates = [w for w in work if w.request["kind"] == "create"]
            groups = list(self._batches(creates))
            for item in creates:
                tries[item.op.id] += 1
            self._send_batches(groups)

    def _lock_lifted(self) -> None:
        """What Vmoox refused for a locked period goes again (its refusal cleared) once the
        workspace's rules, pulled again here, no longer lock its start: a new entry is sent,
        so is the stop of a timer Vmoox kept running (`KEPT_RUNNING`), and an edit of one
        Vmoox holds (its values kept as conflicts, `_locked`) is made again, so the entry
        is editable again too. One refused as invoiced stays read-only, sent no more (the
        lock date says nothing of it), until the pull brings it otherwise
        (`Puller.apply`) or the person retries it."""
        connection = self.store.connection
        refused = sync_state.attention(connection)
        locked = {r for r, code, _ in refused if code == EntryLocked.code}
        stops = {r for r, code, _ in refused if code == KEPT_RUNNING}
        if not locked and not stops:
            return
        known = sync_state.links(connection, locked | stops)
        # Read-only for good (invoiced), whatever the lock date says; Vmoox had these.
        for_good = {r for r, link in known.items() if link.base is None or link.base.get("locked")}
        waiting: dict[str, list[str]] = {}
        queued: set[str] = set()
        for op in sync_state.open_ops(connection):
            queued.add(op.client_ref)
            new = op.op is Op.CREATE and op.client_ref in locked
            stop = op.client_ref in stops and op.client_ref not in for_good
            if (new or stop) and op.state is OpState.PARKED and op.workspace_id in self._workspaces:
                waiting.setdefault(op.workspace_id, []).append(op.client_ref)
        edits = locked - queued  # `_locked` settled the refused operations of these
        for ref in edits - for_good:
            link = known.get(ref)
            if link is not None and link.workspace_id in self._workspaces:
                waiting.setdefault(link.workspace_id, []).append(ref)
        lifted: list[str] = []
        for workspace, refs in waiting.items():
            rules = self._rules(workspace)
            for ref, entry in sync_state.entries(connection, refs).items():
                if not in_locked_period(entry.start, rules):  # still locked: it waits
                    lifted.append(ref)
        if lifted:
            now = self.clock()
            with self.store.write() as tx:
                for ref in lifted:
                    sync_state.unpark(tx.connection, ref)
                    sync_state.set_state(tx.connection, ref, SyncState.PENDING)
                    if ref in edits:
                        _edit_again(tx, ref, now)

    def _target_back(self) -> None:
        """Entries Vmoox refused for a project, task or record closed to time go again once
        it takes time again (reopened on Vmoox): their workspaces' catalog is read before
        the push (`_catalog`), as the rules are for a lock (`_lock_lifted`), so the round
        that can learn it sends them, and "needs a new project" is not said of one that
        takes time."""
        connection = self.store.connection
        refused = sync_state.parked_after(connection, TargetUnavailable.code)
        if not refused:
            return
        known = sync_state.links(connection, refused).values()
        workspaces = {link.workspace_id for link in known if link.workspace_id}
        for workspace in sorted(workspaces & set(self._workspaces)):
            self._catalog(workspace)

    def _catalog(self, workspace: str, *, whole: bool = False) -> None:
        """Read `workspace`'s catalog (`Puller.catalog`). An entry Vmoox refused for a
        target closed to time whose closing the catalog knew goes again, its refusal
        cleared, once the read shows it taking time (the Tracker's rule,
        `targets.takes_time`). Only such a change sends it: a catalog that never learnt of
        the closing (a task archived, which only the hourly whole read brings) would send
        it again every round, refused each time."""
        connection = self.store.connection
        refused = sync_state.entries(
            connection, sync_state.parked_after(connection, TargetUnavailable.code)
        )
        closed = [e for e in refused.values() if not targets.takes_time(self.store, e.target)]
        self._puller.catalog(workspace, whole=whole)
        back = [e.client_ref for e in closed if targets.takes_time(self.store, e.target)]
        if back:
            with self.store.write() as tx:
                for ref in back:
                    sync_state.unpark(tx.connection, ref)
                    sync_state.set_state(tx.connection, ref, SyncState.PENDING)

    def _behind_released(self) -> None:
        """Timers started here that wait behind a stop Vmoox refused (`BEHIND_KEPT_RUNNING`)
        go again once no such stop is parked: let through (`_lock_lifted`, off its invoice:
        `Puller.apply`) or retried, it goes first in the same round (a round sends stops
        before new entries), and a timer refused again waits again."""
        connection = self.store.connection
        behind = sync_state.parked_after(connection, BEHIND_KEPT_RUNNING)
        if not behind or sync_state.parked_after(connection, KEPT_RUNNING):
            return
        with self.store.write() as tx:
            for ref in behind:
                sync_state.unpark(tx.connection, ref)

    def _plan(self, tries: Counter[int], device: str, *, pulled: bool = False) -> list[_Work]:
        """The first open operation of every entry that may be sent now (planned again after
        a pull for timers never sent while they ran, `_timers_overtaken`, unless `pulled`)."""
        connection = self.store.connection
        heads: dict[str, QueuedOp] = {}
        for op in sync_state.open_ops(connection):
            heads.setdefault(op.client_ref, op)
        entries = sync_state.entries(connection, heads)
        known = sync_state.links(connection, heads)
        frozen = self._frozen()
        now = self.clock()
        work: list[_Work] = []
        needless: list[QueuedOp] = []
        placed: list[tuple[str, str]] = []
        for ref, op in heads.items():
            entry, link = entries.get(ref), known.get(ref)
            if entry is None:
                needless.append(op)
                continue
            workspace = self._workspace_of(op, entry, link)
            if workspace is None or workspace in frozen:
                # Never placed in one it cannot be sent to: nothing of it reaches Vmoox
                # there, so it goes wherever the default or its project says when it can.
                continue
            if link is None or link.workspace_id is None:
                placed.append((ref, workspace))
            if op.state is OpState.PARKED or tries[op.id] >= self.tries_per_round:
                continue
            if op.next_attempt_at and from_text(op.next_attempt_at) > now:
                continue
            request = op.request or requests.build(op.op, entry, link, device)
            if request is None:
                needless.append(op)
            else:
                work.append(_Work(op, entry, link, workspace, request))
        if placed:
            # Each entry's workspace is decided once, at the first round that reaches Vmoox
            # after it was recorded, and can send it there. A default chosen later moves
            # none of them: a request may already have reached the old one (its answer
            # lost), and sent again elsewhere it would be there twice; one held for a
            # workspace whose access was removed after it was sent waits for it, or is
            # exported.
            with self.store.write() as tx:
                for ref, workspace in placed:
                    sync_state.set_workspace(tx.connection, ref, workspace)
        if needless:
            with self.store.write() as tx:
                # Read again under the write lock: an Undo in another program since the
                # reads above (a delete taken back) makes an operation needed again.
                needless = _still_needless(tx.connection, needless, device)
                sync_state.done(tx.connection, [op.id for op in needless])
                for op in needless:
                    self._settled(tx, op.client_ref)
            if not work:
                return self._plan(tries, device, pulled=pulled)
        if not pulled and self._timers_overtaken(work):
            return self._plan(tries, device, pulled=True)
        return work

    def _timers_overtaken(self, work: Sequence[_Work]) -> bool:
        """One running timer per person, for a timer started and stopped here before Vmoox
        had it (its create carries an end, so the server's rule never meets it): before it
        is first sent the server's entries are pulled, and where another device's timer
        started while it ran, it ends at that one's start, as if both had reached Vmoox
        running (`running.stop_overtaken`). True when it pulled: the pull may have changed
        what is to be sent, so it is planned again."""
        timers = [
            item.op.client_ref
            for item in work
            if item.request["kind"] == "create"
            and item.op.request is None  # never sent: it can still change
            and item.entry.end is not None
            and running.was_timer(self.store, item.op.client_ref)
        ]
        if not timers:
            return False
        for workspace in list(self._workspaces):
            self._report.pulled += self._puller.entries(workspace)
        now = self.clock()
        with self.store.write() as tx:
            for ref in timers:
                running.stop_overtaken(tx, ref, now)
        return True

    def _batches(self, creates: Sequence[_Work]) -> Iterator[list[_Work]]:
        """Creates grouped as first sent (so a resend replays), new ones by workspace."""
        groups: dict[tuple[str, str | None], list[_Work]] = {}
        for item in creates:
            sent = item.op.batch_key if item.op.request is not None else None
            groups.setdefault((item.workspace_id, sent), []).append(item)
        for (_, _), items in groups.items():
            for start in range(0, len(items), self.batch_size):
                yield items[start : start + self.batch_size]

    def _send_batches(self, groups: Sequence[list[_Work]]) -> None:
        """Send batches one at a time, recording each answer while the next batch is on
        the wire (only one request is ever in flight)."""
        previous: tuple[list[_Work], Future[Any]] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="timo-sync-send") as wire:
            try:
                for group in groups:
                    post = self._freeze_batch(group)
                    outcome = self._outcome(previous)
                    if previous is not None:  # before the next leaves: one request at a time
                        self._judged_by_fresh_rules(_batch_answers(previous[0], outcome))
                    self._gate()
                    sending = (group, wire.submit(post))
                    if previous is not None:
                        self._record_batch(previous[0], outcome)
                    previous = sending
                if previous is not None:
                    outcome = self._outcome(previous)
                    self._judged_by_fresh_rules(_batch_answers(previous[0], outcome))
                    self._record_batch(previous[0], outcome)
                    previous = None
            except Halt:
                self._release(groups)
                raise

    def _outcome(self, sending: tuple[list[_Work], Future[Any]] | None) -> Any:
        """The answer to a batch on the wire, or the error it raised (classified here)."""
        if sending is None:
            return None
        try:
            return self._call(sending[1].result, gated=False)
        except Halt as halt:
            self._later(sending[0], None)
            raise halt from None
        except (ApiError, NetworkError) as exc:
            return exc

    def _release(self, groups: Sequence[list[_Work]]) -> None:
        """After a halt, frozen batches that never left go back to the queue, unchanged."""
        with self.store.write() as tx:
            for group in groups:
                for item in group:
                    sync_state.release_op(tx.connection, item.op.id)

    def _freeze_batch(self, group: list[_Work]) -> Callable[[], Any]:
        """Freeze a batch's requests under its key; returns the call that sends it."""
        workspace = group[0].workspace_id
        keys = "\n".join(w.op.idempotency_key for w in group)
        key = "batch-" + hashlib.sha256(keys.encode()).hexdigest()[:40]
        now = to_text(self.clock())
        with self.store.write() as tx:
            for item in group:
                sync_state.mark_sent(
                    tx.connection,
                    item.op.id,
                    now,
                    workspace_id=workspace,
                    request=item.request,
                    batch_key=key,
                )
                sync_state.set_workspace(tx.connection, item.op.client_ref, workspace)
        operations = [{"op": "create", "entry": w.request["body"]} for w in group]
        return partial(self.client.batch_time_entries, workspace, operations, idempotency_key=key)

    def _record_batch(self, group: list[_Work], outcome: Any) -> None:
        """Act on a batch's answer: each item on its own."""
        if isinstance(outcome, (PayloadTooLarge, BadRequest, Unprocessable)):
            # Refused whole for what it carries (its size, or one operation's fields):
            # nothing was applied, so halves go again until each refusal is one entry's
            # and the others are accepted, instead of blaming every entry in it.
            if len(group) == 1:
                self._decide(group[0], outcome)
                return
            half = len(group) // 2
            self._send_batches([group[:half], group[half:]])
            return
        if isinstance(outcome, (ServerError, NetworkError, IdempotencyInFlight)):
            self._later(group, outcome)
            return
        if isinstance(outcome, ApiError):
            for item in group:
                self._decide(item, outcome)
            return
        results = {r.index: r for r in outcome.value.results}
        answered = [(item, results.get(index)) for index, item in enumerate(group)]
        try:
            with self.store.write() as tx:
                self._record_results(tx, answered, outcome.meta)
        except ConstraintFailed:
            # One answer this database refuses must not hold up the others': each is
            # recorded on its own, and only the one refused waits.
            for one in answered:
                self._record(
                    one[0], partial(self._record_results, answered=[one], meta=outcome.meta)
                )

    def _record_results(
        self, tx: WriteTransaction, answered: Sequence[tuple[_Work, Any]], meta: ResponseMeta | None
    ) -> None:
        """Record a batch's answer about each of its items (`BatchResult` or None)."""
        accepted = [
            (item, r.entry)
            for item, r in answered
            if r is not None and r.ok and r.entry is not None
        ]
        self._accepted_all(tx, accepted)
        for item, result in answered:
            if result is not None and result.ok and result.entry is not None:
                continue
            elif result is not None and result.problem is not None:
                self._refused(tx, item, ApiError.from_problem(result.problem, meta))
            else:
                sync_state.retry_later(tx.connection, item.op.id, None)

    def _record(self, item: _Work, write: Callable[[WriteTransaction], None]) -> None:
        """Record Vmoox's answer about one entry with `write`, in a transaction of its own.
        One this database's rules refuse (`ConstraintFailed`: a second running timer, say)
        waits for the person, saying why, while the others sync: raised, it failed every
        round, the answers after it never recorded and the operation in flight for good."""
        try:
            with self.store.write() as tx:
                write(tx)
        except ConstraintFailed as refused:
            with self.store.write() as tx:
                ref = item.op.client_ref
                sync_state.park(
                    tx.connection, item.op.id, ref, NOT_RECORDED, not_recorded(refused.reason)
                )

    def _send_single(self, item: _Work) -> None:
        request, workspace = item.request, item.workspace_id
        with self.store.write() as tx:
            sync_state.mark_sent(
                tx.connection,
                item.op.id,
                to_text(self.clock()),
                workspace_id=workspace,
                request=request,
                batch_key=None,
            )
        key = item.op.idempotency_key
        try:
            remote: TimeEntry | None = None
            if request["kind"] == "stop":
                remote = self._call(
                    lambda: self.client.stop_time_entry(
                        workspace, request["id"], from_text(request["end"]), idempotency_key=key
                    )
                ).value
            elif request["kind"] == "patch":
                remote = self._call(
                    lambda: self.client.update_time_entry(
                        workspace,
                        request["id"],
                        request["body"],
                        if_match=request["version"],
                        idempotency_key=key,
                    )
                ).value
            else:
                self._call(
                    lambda: self.client.delete_time_entry(
                        workspace, request["id"], if_match=request["version"], idempotency_key=key
                    )
                )
        except Halt:
            self._later([item], None)
            raise
        except (ServerError, NetworkError, IdempotencyInFlight) as exc:
            self._later([item], exc)
            return
        except ApiError as exc:
            self._judged_by_fresh_rules([(item, exc)])
            self._decide(item, exc)
            return
        self._judged_by_fresh_rules([(item, remote)])
        if remote is None:
            self._record(item, lambda tx: self._deleted(tx, item))
        else:
            self._record(item, lambda tx: self._accepted(tx, item, remote))

    def _later(self, items: Sequence[_Work], exc: Exception | None) -> None:
        """Send these again later, unchanged; `exc` None means as soon as allowed."""
        retry_after = getattr(exc, "retry_after", None) if exc is not None else None
        if isinstance(exc, IdempotencyInFlight):
            retry_after = (exc.meta.retry_after if exc.meta else None) or 1.0
        with self.store.write() as tx:
            for item in items:
                when = None
                if exc is not None:
                    delay = self.backoff.delay(item.op.attempts, retry_after)
                    when = (self.clock() + timedelta(seconds=delay)).isoformat()
                sync_state.retry_later(
                    tx.connection, item.op.id, when, None, _plain(exc) if exc else None
                )
        if exc is not None:
            self._report.errors.append(_plain(exc))
        if isinstance(exc, ServerError) and not self.breaker.allows():
            self._breaker_halt()

    def _rules(self, workspace: str) -> EntryRules:
        """The workspace's rules, read from Vmoox and kept (`Puller.rules`) this round."""
        self._rules_read.add(workspace)
        return self._puller.rules(workspace, tracker=workspace == self.default_workspace)

    def _judged_by_fresh_rules(self, answered: Sequence[tuple[_Work, Answer]]) -> None:
        """Before answers that say Vmoox keeps entries read-only are recorded: where the
        lock date known here does not explain one, its period may have been locked since
        the rules were last read, and judged by those the lock would be kept for good, as
        if invoiced (`base_of`). Those rules are read again first, once a round; a read
        that fails leaves them as they were (the pull reads them again)."""
        starts: dict[str, list[datetime]] = {}
        for item, answer in answered:
            starts.setdefault(item.workspace_id, []).extend(_locked_starts(item, answer))
        try:
            for workspace, found in starts.items():
                known = kept_lock(self.store, workspace)
                explained = known is not None and all(in_locked_period(s, known) for s in found)
                if found and not explained and workspace not in self._rules_read:
                    with suppress(ApiError, NetworkError):
                        self._rules(workspace)
        except Halt:
            self._later([item for item, _ in answered], None)
            raise

    def _decide(self, item: _Work, exc: ApiError) -> None:
        self._record(item, lambda tx: self._refused(tx, item, exc))

    # -- answers -----------------------------------------------------------------------

    def _accepted_all(
        self, tx: WriteTransaction, accepted: Sequence[tuple[_Work, TimeEntry]]
    ) -> None:
        """`_accepted` for a whole batch, reading what it needs in bulk."""
        connection = tx.connection
        for item, remote in accepted:
            link_remote(tx, item.op.client_ref, remote)
        sync_state.done(connection, [item.op.id for item, _ in accepted])
        refs = [item.op.client_ref for item, _ in accepted]
        busy = sync_state.open_refs(connection, refs)
        current = sync_state.entries(connection, refs)
        synced: list[str] = []
        for item, remote in accepted:
            self._report.pushed += 1
            ref = item.op.client_ref
            entry = current.get(ref)
            if ref in busy or entry is None:
                continue
            if local_fields(entry) == server_fields(remote) and not entry.is_deleted:
                synced.append(ref)
            else:
                self._settled(tx, ref, remote, _sent_fields(item.request))
        sync_state.mark_synced(connection, synced)

    def _accepted(self, tx: WriteTransaction, item: _Work, remote: TimeEntry) -> None:
        """Record the server's copy and mark the operation done, in one transaction."""
        connection = tx.connection
        ref = item.op.client_ref
        link_remote(tx, ref, remote)
        sync_state.done(connection, [item.op.id])
        self._report.pushed += 1
        sent = _sent_fields(item.request)
        self._settled(tx, ref, remote, sent)

    def _deleted(self, tx: WriteTransaction, item: _Work) -> None:
        link = item.link
        base = dict(link.base or {}) if link else {}
        base["deleted"] = True
        sync_state.link(
            tx.connection,
            item.op.client_ref,
            workspace_id=item.workspace_id,
            remote_id=None,
            remote_version=(link.remote_version or 0) + 1 if link else None,
            base=base,
        )
        sync_state.done(tx.connection, [item.op.id])
        self._report.pushed += 1
        self._settled(tx, item.op.client_ref)

    def _settled(
        self,
        tx: WriteTransaction,
        ref: str,
        remote: TimeEntry | None = None,
        sent: Fields | None = None,
    ) -> None:
        """After an operation is done: with nothing else queued, the entry takes the
        server's values (server wins; a sent value it changed is kept as a conflict)."""
        connection = tx.connection
        if sync_state.has_open_ops(connection, ref):
            return
        entry = tx.get(ref)
        if entry is None:
            return
        if remote is None and not entry.is_deleted and tx.deleted_on_server(ref):
            # Brought back here while its delete was on the way: Vmoox does not have it,
            # so it is not synced; it goes there again as a new entry.
            tx.recreate(entry, self.clock())
            return
        if remote is not None:
            theirs = server_fields(remote)
            ours = local_fields(entry)
            if ours == theirs and entry.is_deleted == remote.deleted:
                sync_state.set_state(connection, ref, SyncState.SYNCED)
                return
            now = to_text(self.clock())
            for name in FIELD_NAMES:
                if (
                    sent
                    and name in sent
                    and sent[name] != theirs[name]
                    and ours[name] != theirs[name]
                ):
                    sync_state.add_conflict(connection, ref, name, ours[name], theirs[name], now)
            entry = with_fields(entry, theirs, deleted_at=remote.deleted_at)
        sync_state.set_state(connection, ref, SyncState.SYNCED)
        running.put_server_copy(tx, replace(entry, sync_state=SyncState.SYNCED), self.clock())

    def _refused(self, tx: WriteTransaction, item: _Work, exc: ApiError) -> None:
        """Decide what a refusal means for this one operation."""
        connection = tx.connection
        op, ref, kind = item.op, item.op.client_ref, item.request["kind"]
        code = exc.problem_code or ""
        if isinstance(exc, VersionMismatch):
            self._merge(tx, item, exc.current)
        elif code == "entry-deleted" or (isinstance(exc, NotFound) and kind != "create"):
            self._refused_deleted(tx, item)
        elif isinstance(exc, RunningEntryExists) and exc.existing is not None:
            local = tx.get(ref)
            if local is not None and local.is_running:
                running.resolve(tx, local, exc.existing, self.clock())
            known = tx.get(exc.existing.client_ref)
            if exc.existing.locked and known is not None and known.end is not None:
                # The one Vmoox runs is stopped here, and Vmoox keeps it running (its stop
                # refused, `_locked`): no second timer goes there till it stops, which
                # waits for an admin. This one waits unsent, not a refused request now and
                # then, until that stop goes (`_behind_released`); rebuilt then.
                sync_state.unfreeze(connection, op.id)
                sync_state.hold(connection, op.id, BEHIND_KEPT_RUNNING, WAITS_FOR_KEPT_RUNNING)
            else:
                sync_state.unfreeze(connection, op.id)
        elif isinstance(exc, ClientRefConflict):
            self._adopt(tx, item, exc.existing)
        elif isinstance(exc, EntryInFuture):
            self._in_future(tx, item, exc)
        elif isinstance(exc, TargetUnavailable):
            sync_state.park(
                connection, op.id, ref, exc.code, target_problem(tx, item.entry, exc.reason)
            )
        elif isinstance(exc, EntryLocked):
            self._locked(tx, item, exc)
        elif isinstance(exc, ValidationFailed):
            # Waits for the person: any change to the entry sends it again.
            named = {refused_field(problem.pointer) for problem in exc.errors}
            code = TARGET_REFUSED if named == {FIELD_WORDS["target"]} else exc.code
            sync_state.park(connection, op.id, ref, code, refused_fields(exc.errors, exc.detail))
        elif isinstance(exc, MembershipRevoked):
            _refused_for_now(connection, op.id, None, exc.code, exc.detail)
            self._freeze(tx, item.workspace_id)
        elif exc.retryable or exc.status >= 500:
            delay = self.backoff.delay(op.attempts, getattr(exc, "retry_after", None))
            when = (self.clock() + timedelta(seconds=delay)).isoformat()
            _refused_for_now(connection, op.id, when, code, exc.detail)
        else:
            sync_state.park(connection, op.id, ref, code or f"http-{exc.status}", exc.detail)

    def _merge(self, tx: WriteTransaction, item: _Work, current: TimeEntry | None) -> None:
        """`412`: take the server's changes, keep ours where only we changed a field, let the
        server win where both did (our value kept for restoring), then send the rest; but a
        delete of a version changed since waits for the user. One Vmoox now keeps read-only
        (a lock date moved past it, say) is merged alike, the question of a field both
        changed kept to be asked once unlocked (`_three_way`); the rest of ours goes
        again, and its refusal says why (`_locked`), those values kept beside and sent by
        themselves once unlocked."""
        base = _with_what_arrived(item, current)
        held = current is not None and current.locked and not current.deleted
        merging = self._three_way(tx, item, current, base, held=held)
        if merging is None:
            return
        local, merged, theirs = merging
        connection = tx.connection
        merged_entry = with_fields(local, merged, deleted_at=local.deleted_at)
        made_at = current.updated_at if current is not None else None
        running.put_server_copy(tx, merged_entry, self.clock(), made_at)
        if local.is_deleted and not held and base is not None and theirs != _fields_of(base):
            # A delete of a version changed since (on another computer): sent again it
            # would drop that change unseen, so the user decides (`delete_anyway`,
            # `keep_their_edit`); the entry shows the change meanwhile.
            sync_state.park(
                connection, item.op.id, item.op.client_ref, CHANGED_SINCE_DELETED, _CHANGED_WORDS
            )
            return
        sync_state.unfreeze(connection, item.op.id)

    def _three_way(
        self,
        tx: WriteTransaction,
        item: _Work,
        current: TimeEntry | None,
        base: Fields | None,
        *,
        held: bool = False,
    ) -> tuple[Entry, Fields, Fields] | None:
        """Merge the server's `current` with our entry against `base`: conflicts recorded
        (server wins, ours kept for restoring) and the entry linked to `current`. Of one
        Vmoox keeps read-only (`held`) they are kept to be asked once unlocked: a refusal
        of other values of it keeps them beside it, sent by themselves then (`_edit_again`),
        and sent with them, this one would undo the web's change unasked.
        Returns (local, merged, theirs), or None when there is nothing left to merge."""
        connection, ref = tx.connection, item.op.client_ref
        if current is None or current.deleted:
            self._refused_deleted(tx, item)
            return None
        local = tx.get(ref)
        if local is None:
            return None
        theirs, ours = server_fields(current), local_fields(local)
        merged, overridden = merge(base, ours, theirs)
        now = to_text(self.clock())
        for name, value in overridden.items():
            sync_state.add_conflict(
                connection, ref, name, value, theirs[name], now, ask_once_unlocked=held
            )
        if overridden:
            # Named with the conflicts: a field Vmoox changed unasked (billable, say) went
            # unseen beside the one both changed.
            _note_also_changed(tx, ref, now, changed_there_only(base, ours, theirs))
        link_remote(tx, ref, current)
        return local, merged, theirs

    def _refused_deleted(self, tx: WriteTransaction, item: _Work) -> None:
        """Vmoox holds the entry deleted: a delete is done; a change of one another computer
        brought back (its copy here) merges into that copy; anything else waits for the
        user, who restores it (as a new entry) or discards it."""
        kind = item.request["kind"]
        if kind == "delete":
            self._deleted(tx, item)
            return
        local = tx.get(item.op.client_ref)
        copy = None if local is None else restored.restoration_here(tx, local)
        if local is not None and copy is not None and not local.is_deleted:
            # Brought back on another computer, and that copy is here: nothing to ask.
            restored.take_up(tx, local, copy, self.clock())
            return
        sync_state.park(
            tx.connection, item.op.id, item.op.client_ref, DELETED_ON_SERVER, deleted_there(kind)
        )

    def _adopt(self, tx: WriteTransaction, item: _Work, current: TimeEntry | None) -> None:
        """A create whose `client_ref` the server already holds with other content: it is
        that entry, merged against what both started from. Sent before (its key since
        expired) and edited elsewhere: what was sent. A copy brought back here and on
        another computer alike (`restored_ref`): what Vmoox last had of the entry both
        brought back (`Reader.restored_from`)."""
        started = tx.restored_from(item.op.client_ref) or _sent_fields(item.request)
        merging = self._three_way(tx, item, current, started)
        if merging is None or current is None:
            return
        local, merged, theirs = merging
        connection, ref, now = tx.connection, item.op.client_ref, self.clock()
        sync_state.done(connection, [item.op.id])
        adopted = with_fields(local, merged, deleted_at=local.deleted_at)
        if merged != theirs and not sync_state.has_open_ops(connection, ref):
            tx.save(adopted.changed(now), Op.UPDATE, now)
        else:
            running.put_server_copy(tx, adopted, now)
            self._settled(tx, ref, current)

    def _in_future(self, tx: WriteTransaction, item: _Work, exc: EntryInFuture) -> None:
        """The server's clock is behind this entry: wait until it is not, instead of
        asking again and again (`_server_clock_rechecked` reads its clock each round)."""
        now = self.clock()
        server_now = exc.server_time or now + (self.clock_skew or timedelta(0))
        wait, message = self._until_server_clock(item.entry, now, server_now)
        due = now + timedelta(seconds=max(self.backoff.base, wait))
        _refused_for_now(tx.connection, item.op.id, due.isoformat(), exc.code, message)
        sync_state.set_state(
            tx.connection, item.op.client_ref, SyncState.ATTENTION, exc.code, message
        )

    def _until_server_clock(
        self, entry: Entry, now: datetime, server_now: datetime
    ) -> tuple[float, str]:
        """Seconds until Vmoox's clock passes the entry's end (a running timer's start; 0
        when it has), and why it waits till then."""
        latest = entry.end or entry.start  # what Vmoox holds against its clock
        late = (latest - server_now).total_seconds()
        wait = max(0.0, late + 1)
        ahead = (now - server_now).total_seconds()
        off = CLOCK_OFF.total_seconds()
        if ahead > off:
            # Either clock may be the wrong one: this computer's made the entry's times too
            # (so they want correcting with it), Vmoox's only holds the entry back.
            return wait, (
                f"This computer's clock is {duration_words(ahead)} ahead of Vmoox's. If this "
                "computer's is wrong, set it right and correct this entry's times; if "
                f"Vmoox's is, the entry syncs once it is put right, in {duration_words(wait)}"
                " at the latest."
            )
        what = "This timer starts" if entry.end is None else "This entry ends"
        if late > off:
            # The clocks agree now, so it was this computer's that was wrong when the entry
            # was tracked: as they are, its times would reach Vmoox hours off.
            when, fix = ("started", "its start") if entry.end is None else ("tracked", "its times")
            return wait, (
                f"{what} {duration_words(late)} after Vmoox's current time: this computer's "
                f"clock was wrong when it was {when}. Correct {fix}; as it is, it syncs in "
                f"{duration_words(wait)}."
            )
        return wait, f"{what} after Vmoox's current time; it will sync in {duration_words(wait)}."

    def _server_clock_rechecked(self) -> None:
        """Entries waiting for Vmoox's clock to pass their end (`_in_future`) are due by
        its clock as read this round, not by the wait worked out at the refusal: once the
        clocks agree again they go at once, instead of hours later (a timer stopped here
        since it was refused too)."""
        connection = self.store.connection
        code = EntryInFuture.code
        ahead = sync_state.waiting_after(connection, code)
        if not ahead or self._server_offset is None:
            return
        now = self.clock()
        entries = sync_state.entries(connection, ahead)
        with self.store.write() as tx:
            for op in sync_state.open_ops(connection):
                entry = entries.get(op.client_ref)
                if entry is None or op.state is not OpState.PENDING or not op.next_attempt_at:
                    continue
                wait, message = self._until_server_clock(entry, now, now + self._server_offset)
                due = (now + timedelta(seconds=wait)).isoformat() if wait else None
                sync_state.retry_later(tx.connection, op.id, due, code, message)
                sync_state.set_state(
                    tx.connection, op.client_ref, SyncState.ATTENTION, code, message
                )

    def _locked(self, tx: WriteTransaction, item: _Work, exc: EntryLocked) -> None:
        """The entry is read-only on the server: it shows the server's copy and why; the
        refused local values are kept as conflicts, so nothing typed is lost. A timer
        stopped here that Vmoox keeps running stays stopped, its stop waiting (a person's
        stop is never turned back into a running timer)."""
        connection, ref = tx.connection, item.op.client_ref
        base = item.link.base if item.link else None
        local = tx.get(ref)
        if item.request["kind"] == "create":
            # Vmoox never had it: nothing there is read-only, it only takes no entries in
            # that period; `_lock_lifted` sends it once the lock no longer covers it.
            words = not_taken_for_lock(exc.problem.extension("lock_date"), exc.detail)
            sync_state.park(connection, item.op.id, ref, exc.code, words)
            return
        if base is None or local is None:
            sync_state.park(connection, item.op.id, ref, exc.code, exc.detail)
            return
        period = exc.problem.extension("reason") == "locked-period"
        if _stopped_here_running_there(local, base):
            # Vmoox's copy back would start the timer again here: time the person stopped,
            # counted on (and a second running timer, should they have started another).
            # It stays stopped at their end, the stop waiting to be sent again.
            words = kept_running(exc.detail, period=period)
            sync_state.park(connection, item.op.id, ref, KEPT_RUNNING, words)
        else:
            self._put_back_theirs(tx, item, exc, local, base)
        # Kept as read-only for good (invoiced) or not: Vmoox's copy marks both kinds of
        # lock alike, and one pulled while its period was locked would otherwise wait for
        # good, past the unlock `_lock_lifted` waits for (the rules say the period's).
        if bool(base.get("locked")) == period:
            sync_state.link(
                connection,
                ref,
                workspace_id=item.workspace_id,
                remote_id=None,
                remote_version=None,
                base={**base, "locked": not period},
            )

    def _put_back_theirs(
        self, tx: WriteTransaction, item: _Work, exc: EntryLocked, local: Entry, base: Fields
    ) -> None:
        """An entry Vmoox keeps read-only takes its copy back, the refused local values kept
        as conflicts; a delete refused says so (the entry is back)."""
        connection, ref = tx.connection, item.op.client_ref
        ours, theirs = local_fields(local), {n: base[n] for n in FIELD_NAMES}
        now = self.clock()
        for name in FIELD_NAMES:
            if ours[name] != theirs[name]:
                sync_state.add_conflict(
                    connection, ref, name, ours[name], theirs[name], to_text(now)
                )
        deleted_at = local.deleted_at if base.get("deleted") else None
        refused_delete = local.is_deleted and deleted_at is None
        words = delete_not_made(exc.detail) if refused_delete else exc.detail
        sync_state.settle_all(connection, ref)
        sync_state.set_state(connection, ref, SyncState.ATTENTION, exc.code, words)
        copy = replace(
            with_fields(local, theirs, deleted_at=deleted_at), sync_state=SyncState.ATTENTION
        )
        running.put_server_copy(tx, copy, now)

    # -- pull --------------------------------------------------------------------------

    def _pull(self) -> None:
        for workspace in list(self._workspaces):
            # Each workspace's rules, for reports on it (its capacity), for what the entries
            # pulled keep of their locks (`kept_lock`) and for the Tracker's checks of its
            # entries; the default's are also kept as such, for entries going there.
            self._puller.rules(workspace, tracker=workspace == self.default_workspace)
        for workspace in list(self._workspaces):
            # Entries first: the catalog notes which of Vmoox's counted time is this
            # computer's entries (`WriteTransaction._counts`), so they must be here.
            self._report.pulled += self._puller.entries(workspace)
            self._catalog(workspace, whole=self._whole_catalog)
        self._whole_catalog = False

    # -- the user's choices ------------------------------------------------------------

    def retry_now(self, client_ref: str | None = None) -> None:
        """Send parked and waiting operations (of one entry, or all) at the next round, the
        circuit breaker closed for it."""
        super().retry_now(client_ref)
        self.breaker.success()
        if client_ref is None:  # Sync now: everything, the catalog too
            self._whole_catalog = True

    def export_workspace(self, workspace_id: str) -> list[dict[str, Any]]:
        """The entries queued for a frozen workspace, as JSON objects to save elsewhere."""
        refs = held_for(self.store, workspace_id)
        found = sync_state.entries(self.store.connection, refs)
        return [{"client_ref": ref, **local_fields(found[ref])} for ref in refs if ref in found]

    def close(self) -> None:
        """Close the client and the engine's database connection."""
        self.client.close()
        self.store.close()

    # -- sync health -------------------------------------------------------------------

    def workspace(self) -> str:
        """The workspace entries go to (the account's, else the first that tracks time)."""
        self._take_choice()
        if self.default_workspace is None:
            me = self.client.me().value
            self.default_workspace = next(
                (m.workspace_id for m in me.memberships if m.can_track_time), None
            )
        if self.default_workspace is None:
            raise NoWorkspace("this account tracks into no workspace; nothing to compare")
        return self.default_workspace

    def health(self, *, days: int = WINDOW_DAYS) -> HealthReport:
        """The last `days` days here and on the server side by side."""
        return reconcile(self.store, self.client, self.workspace(), now=self.clock(), days=days)

    def download(self, client_ref: str) -> bool:
        """Sync health's "download" and "take the server's version": the server's copy
        becomes the local entry (local changes not yet sent are dropped). False when
        the server has no live entry with this `client_ref`."""
        with self._turn():
            return self._download(client_ref)

    def _download(self, client_ref: str) -> bool:
        remote = self._live_remote(client_ref)
        if remote is None:
            return False
        with self.store.write() as tx:
            connection = tx.connection
            current = tx.get(client_ref)
            sync_state.settle_all(connection, client_ref)
            entry = (
                entry_from_server(remote)
                if current is None
                else with_fields(current, server_fields(remote), deleted_at=None)
            )
            running.put_server_copy(tx, replace(entry, sync_state=SyncState.SYNCED), self.clock())
            link_remote(tx, client_ref, remote)
            # Synced, unless it runs there while a newer timer runs here: its stop is queued.
            stopping = sync_state.has_open_ops(connection, client_ref)
            sync_state.set_state(
                connection, client_ref, SyncState.PENDING if stopping else SyncState.SYNCED
            )
        return True

    def send_mine(self, client_ref: str) -> bool:
        """Sync health's "keep mine" for an entry that differs: the local fields are sent
        over the server's current version, field by field. False when the server has no
        live entry with this `client_ref` (then "send again" is the fix)."""
        with self._turn():
            return self._send_mine(client_ref)

    def _send_mine(self, client_ref: str) -> bool:
        remote = self._live_remote(client_ref)
        if remote is None:
            return False
        now = self.clock()
        with self.store.write() as tx:
            entry = _existing(tx, client_ref)
            sync_state.settle_all(tx.connection, client_ref)
            # The patch is taken against what the server holds now, so it carries exactly
            # the fields that differ and its version check cannot fail on an older base.
            link_remote(tx, client_ref, remote)
            tx.save(entry.changed(now), Op.UPDATE, now)
        return True

    def _live_remote(self, client_ref: str) -> TimeEntry | None:
        """The server's live entry with `client_ref`, if it has one."""
        found = self.client.iter_time_entries(self.workspace(), client_ref=client_ref)
        return next((e for e in found if not e.deleted), None)

    def resend(self, client_ref: str) -> None:
        """Sync health's "resend": a local entry the server does not have is queued as a
        create under its own `client_ref`, so it can never arrive twice; one whose
        `client_ref` Vmoox holds deleted goes as a new entry (`recreate`)."""
        now = self.clock()
        with self.store.write() as tx:
            send_again(tx, _existing(tx, client_ref), now)

    def delete_copies(self, client_refs: Sequence[str], keep: str | None = None) -> str:
        """Sync health's "delete the copies": every entry of `client_refs` but `keep`
        (default: the first one already here) is deleted. Copies only on the server are
        downloaded first, so each delete goes through the outbox like any other.
        Returns the `client_ref` kept."""
        if keep is None:
            keep = next((r for r in client_refs if self.store.get(r)), client_refs[0])
        with self._turn():
            for ref in client_refs:
                if ref != keep and self.store.get(ref) is None:
                    self._download(ref)
        now = self.clock()
        with self.store.write() as tx:
            for ref in client_refs:
                entry = tx.get(ref)
                if ref != keep and entry is not None and not entry.is_deleted:
                    tx.save(entry.changed(now, deleted_at=now), Op.DELETE, now)
        return keep


class NoWorkspace(TimoError):
    """The account may not track time in any workspace."""


def _refused_for_now(
    connection: Any, op_id: int, when: str | None, code: str | None, message: str | None
) -> None:
    """Try again later after a refusal. The server applied nothing, and a batch's answer
    (refusals included) is replayed for its key, so the retry is rebuilt under a new key."""
    sync_state.unfreeze(connection, op_id)
    sync_state.retry_later(connection, op_id, when, code, message)


def _put_back(tx: WriteTransaction, entry: Entry, kept: Sequence[Conflict], now: datetime) -> None:
    """Put the user's values of `kept` back on `entry` as a new edit, and forget them."""
    fields = local_fields(entry)
    fields.update({c.field: c.local_value for c in kept})
    tx.save(with_fields(entry, fields, deleted_at=entry.deleted_at).changed(now), Op.UPDATE, now)
    sync_state.clear_conflicts(tx.connection, entry.client_ref, [c.field for c in kept])


def _still_needless(
    connection: sqlite3.Connection, ops: Sequence[QueuedOp], device: str
) -> list[QueuedOp]:
    """Those of `ops` still open that there is still no request to send for (`_plan`)."""
    refs = [op.client_ref for op in ops]
    entries, links = sync_state.entries(connection, refs), sync_state.links(connection, refs)
    still_open = {op.id for op in sync_state.open_ops(connection)}
    return [
        op
        for op in ops
        if op.id in still_open
        and (
            (entry := entries.get(op.client_ref)) is None
            or requests.build(op.op, entry, links.get(op.client_ref), device) is None
        )
    ]


def _edit_again(tx: WriteTransaction, client_ref: str, now: datetime) -> None:
    """An edit Vmoox refused for a locked period, now lifted: its values, kept as
    conflicts, are sent again; with none kept, the entry is as Vmoox has it. Those of
    fields the web changed too stay, the question any such field is (`_three_way`)."""
    entry = tx.get(client_ref)
    found = sync_state.conflicts(tx.connection, client_ref)
    kept = [c for c in found if not c.ask_once_unlocked]
    if entry is not None and kept:
        _put_back(tx, entry, kept, now)
    else:
        sync_state.set_state(tx.connection, client_ref, SyncState.SYNCED)


def _batch_answers(group: Sequence[_Work], outcome: Any) -> list[tuple[_Work, Answer]]:
    """Each of `group` with what a batch's `outcome` says of it (a copy, a refusal)."""
    if isinstance(outcome, ApiError):
        return [(item, outcome) for item in group]
    if outcome is None or isinstance(outcome, NetworkError):
        return []
    results = {r.index: r for r in outcome.value.results}
    answered: list[tuple[_Work, Answer]] = []
    for index, item in enumerate(group):
        result = results.get(index)
        if result is not None and result.problem is not None and not result.ok:
            answered.append((item, ApiError.from_problem(result.problem)))
        elif result is not None:
            answered.append((item, result.entry))
    return answered


def _locked_starts(item: _Work, answer: Answer) -> list[datetime]:
    """The start of the entry `answer` says Vmoox keeps read-only (a refusal, a copy of it
    marked `locked`), if it says so."""
    if isinstance(answer, EntryLocked):
        return [item.entry.start]
    copy = answer if not isinstance(answer, ApiError) else None
    if isinstance(answer, VersionMismatch):
        copy = answer.current
    elif isinstance(answer, (ClientRefConflict, RunningEntryExists)):
        copy = answer.existing
    return [copy.start] if copy is not None and copy.locked and not copy.deleted else []


def _stopped_here_running_there(local: Entry, base: dict[str, Any]) -> bool:
    """Whether `local` is stopped here while Vmoox's copy of it (`base`) runs."""
    running_there = base.get("end") is None and not base.get("deleted")
    return running_there and local.end is not None and not local.is_deleted


def _fields_of(base: dict[str, Any]) -> Fields:
    """The entry's fields of what `sync_base` keeps (without its deleted and locked marks)."""
    return {name: base.get(name) for name in FIELD_NAMES}


def _note_also_changed(tx: WriteTransaction, client_ref: str, at: str, fields: Fields) -> None:
    """Note the fields Vmoox changed unasked beside the conflicts made `at`
    (`sync.attention.also_changed_words` names them); notes of entries whose questions
    were all settled since go."""
    asked = {c.client_ref for c in sync_state.conflicts(tx.connection)}
    noted = {ref: note for ref, note in tx.noted(ALSO_CHANGED).items() if ref in asked}
    noted[client_ref] = {"at": at, "fields": fields}
    tx.set_meta(ALSO_CHANGED, json.dumps(noted, sort_keys=True))


def _existing(tx: WriteTransaction, client_ref: str) -> Entry:
    from timo_desktop.core.errors import NotFound as EntryNotFound

    entry = tx.get(client_ref)
    if entry is None:
        raise EntryNotFound(f"no entry '{client_ref}'")
    return entry


def _changeable(tx: WriteTransaction, client_ref: str) -> Entry:
    """The entry a choice that changes it on Vmoox (keep mine, restore, delete anyway) is
    about; `KeptReadOnly` while Vmoox keeps it read-only (`Reader.read_only`, by the rules
    last pulled for its workspace), which would only refuse what the choice queued. Read in
    the choice's own transaction: a lock the worker pulled after the question was shown
    counts too."""
    entry = _existing(tx, client_ref)
    why = tx.read_only(entry, tx.entry_rules(entry))
    if why is not None:
        raise KeptReadOnly(why)
    return entry


def _with_what_arrived(item: _Work, current: TimeEntry | None) -> Fields | None:
    """The base to merge a refused change against: the version Vmoox last confirmed, with
    each field this request set that Vmoox now holds as sent. A request sent before (its
    answer lost, its key since expired) may have arrived; taken as the server's own, that
    change overrode the newer one made here since, as if someone else had made it."""
    base = item.link.base if item.link else None
    if base is None or current is None:
        return base
    theirs = server_fields(current)
    arrived = {
        name: value
        for name, value in _sent_fields(item.request).items()
        if name in theirs and theirs[name] == value
    }
    return {**base, **arrived}


def _sent_fields(request: dict[str, Any]) -> Fields:
    """The fields a request set, in `Fields` shape."""
    if request["kind"] == "create":
        body = request["body"]
        sent = {name: body.get(name) for name in FIELD_NAMES}
        target = sent.get("target")
        if isinstance(target, dict) and target.get("type") == "record":
            sent["target"] = {"type": "record", "id": target["id"]}
        return sent
    if request["kind"] == "stop":
        return {"end": request["end"]}
    if request["kind"] == "patch":
        body = dict(request["body"])
        target = body.get("target")
        if isinstance(target, dict) and target.get("type") == "record":
            body["target"] = {"type": "record", "id": target["id"]}
        return body
    return {}


def _plain(exc: BaseException | None) -> str:
    """`exc` as a round's problem; an answer that did not come in time over a connection
    made opens with `SLOW_WORDS`, which the status sentence says instead of the error."""
    if isinstance(exc, NetworkError) and exc.slow:
        return f"{SLOW_WORDS} — {exc}"
    return str(exc) if exc is not None else ""
