"""`SyncWorker`: the sync engine on a background thread for the desktop app.

No Qt here: the worker calls `on_status(SyncStatus)` from its own thread, and
the UI wraps that in a signal (a queued connection) to reach the GUI thread.
It wakes on a local change (debounced, so a burst of edits is one round), a
timer, network regained, system resume and "Sync now", and otherwise sleeps
on a condition variable: no polling. The timer waits as long as the last round
says (offline or Vmoox down, longer each time, whether or not anything waits to be
sent), so only those reasons wake it sooner. The
user's decisions and sync health run as jobs on the same thread and engine
(`run`), so nothing waits on the network in the caller's thread.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timo_desktop.store.errors import DatabaseLocked, translate
from timo_desktop.sync.status import (
    SIGNED_OUT_WORDS,
    WORKER,
    SyncStatus,
    WorkerState,
    not_synced,
    read_status,
)

if TYPE_CHECKING:
    from timo_desktop.store.database import Store
    from timo_desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 2.0
INTERVAL_SECONDS = 300.0
BUSY_RETRY = 5.0  # seconds after a round the database's being held by another program stopped

_REPORT_STATES = {
    "offline": WorkerState.OFFLINE,
    "untrusted": WorkerState.UNTRUSTED,
    "signed_out": WorkerState.SIGNED_OUT,
    "attention": WorkerState.ATTENTION,
}


class SignedOut(Exception):
    """`make_engine` raises this when there is no usable sign-in (the message says why)."""


Job = Callable[["SyncEngine"], Any]
Done = Callable[[Any, BaseException | None], None]


class SyncWorker:
    """Runs `SyncEngine.sync()` on one thread whenever there is reason to."""

    def __init__(
        self,
        make_engine: Callable[[], SyncEngine],
        on_status: Callable[[SyncStatus], None] = lambda status: None,
        *,
        debounce: float = DEBOUNCE_SECONDS,
        interval: float = INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        database: Path | None = None,
    ) -> None:
        self._make_engine = make_engine
        self._database = database  # for counting what waits while signed out
        self._on_status = on_status
        self.debounce = debounce
        self.interval = interval
        self._clock = clock
        self._wake = threading.Condition()
        self._urgent = False
        self._timer_due: float | None = None
        self._change_due: float | None = None
        self._stopping = False
        self._send_on_stop = False  # a last round, pushing only, before the thread ends
        self._thread: threading.Thread | None = None
        self._engine: SyncEngine | None = None
        self._status: SyncStatus | None = None
        self._retry = False
        self._reader: Store | None = None
        self._jobs: list[tuple[Job, Done]] = []
        self.rounds = 0

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> None:
        """Start the thread; the first round runs at once."""
        if self._thread is not None:
            return
        self._urgent = True
        self._thread = threading.Thread(target=self._run, name="timo-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0, *, send_changes: bool = False) -> None:
        """End the thread once the round in progress is over, waiting for it up to
        `timeout` seconds (0: not at all, signing in or out: the window must not wait on
        the network). With `send_changes` (Timo quitting), a change made here whose round
        the debounce still holds back (a timer stopped at Quit) is sent first, in one last
        round that sends and fetches nothing else; what is not sent goes at the next start.
        The thread closes its engine itself as it ends."""
        with self._wake:
            self._stopping = True
            self._send_on_stop = send_changes and self._change_due is not None
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # the network holds the round up: it ends after it
                log.info(
                    "sync stops once its round in progress is over; what that round"
                    " does not send is sent at the next start"
                )
            else:
                self._thread = None
        for _job, done in self._take_jobs():
            done(None, SignedOut("sync stopped"))

    @property
    def running(self) -> bool:
        """Whether the thread still runs (a round outliving `stop`, say)."""
        return self._thread is not None and self._thread.is_alive()

    # -- reasons to wake ---------------------------------------------------------------

    def local_change(self, client_refs: Sequence[str] = ()) -> None:
        """An entry changed here: sync once the edits have settled (debounced: each
        change moves the round to `debounce` seconds after it).

        Has the signature of a `Tracker.on_change` listener."""
        with self._wake:
            self._change_due = self._clock() + self.debounce
            self._wake.notify_all()

    def sync_now(self) -> None:
        """The user asked: sync at once, parked and waiting entries included."""
        with self._wake:
            self._retry = True
        self._wake_now()

    def network_regained(self) -> None:
        """The network came back: try at once."""
        self._wake_now()

    def resumed(self) -> None:
        """The computer woke from sleep: try at once."""
        self._wake_now()

    def run(self, job: Job, done: Done) -> None:
        """Run `job(engine)` on the worker thread before the next round, which follows at
        once; `done(result, None)` or `done(None, error)` is then called on that thread."""
        with self._wake:
            self._jobs.append((job, done))
            self._urgent = True
            self._wake.notify_all()

    def _take_jobs(self) -> list[tuple[Job, Done]]:
        with self._wake:
            jobs, self._jobs = self._jobs, []
        return jobs

    def status(self) -> SyncStatus | None:
        """The last status published (never blocks on a round in progress)."""
        return self._status

    def _wake_now(self) -> None:
        with self._wake:
            self._urgent = True
            self._wake.notify_all()

    def _next(self) -> float | None:
        """When the next round is due (monotonic seconds), or None for never."""
        if self._urgent:
            return self._clock()
        due = [d for d in (self._timer_due, self._change_due) if d is not None]
        return min(due) if due else None

    # -- the thread --------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._loop()
        finally:  # here, on the thread that used them, whenever it ends
            if self._engine is not None:
                self._engine.close()
                self._engine = None
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._stopping:
                    due = self._next()
                    if due is not None and due <= self._clock():
                        break
                    self._wake.wait(None if due is None else due - self._clock())
                stopping, last_round = self._stopping, self._send_on_stop
                change = self._change_due
                asked = self._urgent or (change is not None and change <= self._clock())
                self._urgent = False
                self._change_due = None
                retry, self._retry = self._retry, False
            if stopping:
                if last_round:
                    self._send_last_changes()
                return
            self._run_jobs()
            next_in = self._round(retry, asked=asked)
            with self._wake:
                self._timer_due = self._clock() + next_in

    def _run_jobs(self) -> None:
        for job, done in self._take_jobs():
            try:
                if self._engine is None:
                    self._engine = self._make_engine()
                result = job(self._engine)
            except Exception as exc:  # handed to the caller, who says what went wrong
                log.info("sync job failed: %s", exc)
                done(None, exc)
            else:
                done(result, None)

    def _send_last_changes(self) -> None:
        """One round that only sends (Timo is quitting: nothing fetched would be shown)."""
        try:
            if self._engine is None:
                self._engine = self._make_engine()
            report = self._engine.sync(pull=False)
            log.info("sent the last changes before quitting: %d", report.pushed)
        except Exception as exc:  # signed out, offline: they wait for the next start
            log.info("the last changes were not sent before quitting: %s", exc)

    def _round(self, retry: bool, *, asked: bool = True) -> float:
        """One sync round; returns seconds until the next one is due. `asked`: woken for a
        reason (a change, Sync now, the network, a resume, a job), not by its own timer."""
        self.rounds += 1
        try:
            return self._sync_round(retry, asked=asked)
        except Exception as exc:  # the worker must survive its own handling failing too
            # A damaged or deleted file fails the reads that say how a round went as well:
            # the thread ended there, and no round ran again until Timo restarted.
            log.exception("sync round failed, and so did reading the sync status")
            error = self._problem_words(exc)
            status = SyncStatus(WorkerState.IDLE, 0, 0, 0, 0, 0, None, error, not_synced(error))
            self._status = status
            self._on_status(status)
            return self.interval

    def _problem_words(self, exc: Exception) -> str:
        """`exc` in plain words: an `sqlite3` error read outside the store's own wrappers
        said as the store says it (which file, and what to do)."""
        path = self._engine.store.path if self._engine is not None else self._database
        if isinstance(exc, sqlite3.Error) and path is not None:
            return str(translate(exc, path))
        return str(exc)

    def _sync_round(self, retry: bool, *, asked: bool) -> float:
        """`_round`'s work, whose failures it reports itself where the database still
        reads."""
        try:
            if self._engine is None:
                self._engine = self._make_engine()
            engine = self._engine
            if retry:
                engine.retry_now()
            last = self._status
            if asked or last is None or last.state is not WorkerState.OFFLINE:
                # Offline, a try on the worker's own timer keeps the offline words until
                # its answer: a moment's "Syncing…" at every try made them flicker.
                self._publish(read_status(engine.store, WorkerState.SYNCING), engine)
            report = engine.sync()
        except SignedOut as exc:
            self._publish_signed_out(str(exc))
            return self.interval
        except Exception as exc:  # the worker must survive anything one round does
            log.exception("sync round failed")
            if self._engine is not None:
                status = read_status(self._engine.store, WorkerState.IDLE, str(exc))
                self._publish(status, self._engine)
            # A database another program holds is let go soon: waiting a whole interval
            # left "…is busy" on screen and the entries unsent for minutes after.
            busy = isinstance(exc, DatabaseLocked)
            return min(BUSY_RETRY, self.interval) if busy else self.interval
        state = _REPORT_STATES.get(report.state, WorkerState.IDLE)
        # Another program's round (`timo sync`) is no problem to show: it syncs these
        # same entries, and what it did is read from the database they share. Nor is one
        # this round got over, once it ran to its end with nothing left to send.
        unfinished = report.pending or report.cut_short
        shown = report.errors and report.state != "busy" and unfinished
        error = report.errors[-1] if shown else ""
        self._publish(read_status(engine.store, state, error), engine)
        if report.state == "signed_out":
            return self.interval
        if unfinished and report.wait is not None:
            # Vmoox down with nothing to send is tried again as soon as entries would be:
            # the network never went away, so nothing else wakes the worker sooner.
            return max(0.5, min(report.wait, self.interval))
        return self.interval

    def _publish_signed_out(self, reason: str) -> None:
        if self._database is not None:
            from timo_desktop.store.database import Store

            if self._reader is None:
                self._reader = Store.open(self._database, create=False)
            status = read_status(self._reader, WorkerState.SIGNED_OUT, reason)
        else:
            words = f"{SIGNED_OUT_WORDS} — {reason}"
            status = SyncStatus(WorkerState.SIGNED_OUT, 0, 0, 0, 0, 0, None, reason, words)
        self._status = status
        self._on_status(status)

    def _publish(self, status: SyncStatus, engine: SyncEngine) -> None:
        self._status = status
        try:
            with engine.store.write() as tx:
                tx.set_meta(
                    WORKER,
                    json.dumps({"state": status.state.value, "pid": os.getpid()}),
                )
        except Exception:  # a busy database must not stop the news reaching the UI
            log.warning("could not record the worker state", exc_info=True)
        self._on_status(status)
