"""The sync worker (plain Python, its own thread) seen from the GUI thread through signals.

The worker never touches Qt: what it reports goes into a plain queue, and one
queued call of `_drain` (`QMetaObject.invokeMethod`, which Qt allows from any
thread) hands it to the GUI thread, where the signals are emitted. News posted
after `stop()` is dropped, so nothing reaches a receiver that has gone, and so is news
from a worker retired by signing in or out, whose round may outlive it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from functools import partial
from queue import Empty, SimpleQueue
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMetaObject, QObject, Qt, QTimer, Signal, Slot

from timo_desktop.paths import Paths

if TYPE_CHECKING:
    from timo_desktop.auth.account import AccountFile
    from timo_desktop.sync.engine import SyncEngine
    from timo_desktop.sync.status import SyncStatus
    from timo_desktop.sync.worker import SyncWorker
    from timo_desktop.ui.settings_watch import FileWatch

log = logging.getLogger(__name__)

# How often a restart looks whether the retired worker's round is over.
RESTART_POLL_MS = 100

Done = Callable[[Any, BaseException | None], None]


class SyncBridge(QObject):
    """Starts the worker after the window is up and republishes its news in the GUI thread.

    Everything that may touch the network — a round, the user's decisions, sync
    health — runs on the worker thread; `run` hands the answer back here.
    """

    status_changed = Signal(object)  # SyncStatus; always emitted in the GUI thread

    def __init__(
        self, paths: Paths, zone: Callable[[], str], parent: QObject | None = None
    ) -> None:
        """`zone`: the zone the window shows times in, which sync's words take too."""
        super().__init__(parent)
        self._paths = paths
        self._zone = zone
        self._worker: SyncWorker | None = None
        # `timo login` and `timo logout` change the saved sign-in under a running app.
        self._account_watch: FileWatch | None = None
        self._sign_in: tuple[str, str] | None = None  # the one the worker started with
        self._reachable: bool | None = None  # None: no reachability backend (the timer retries)
        self._watching_network = False
        self._inbox: SimpleQueue[Callable[[], object]] = SimpleQueue()
        self._gate = threading.Lock()  # `_current` and the posts, between the two threads
        self._current: SyncWorker | None = None  # the worker whose news is taken
        self._retired: SyncWorker | None = None  # one a restart waits for

    def start(self) -> None:
        """Import the sync engine, HTTP and keyring now (not at start-up) and start the thread."""
        from timo_desktop.sync.factory import open_engine
        from timo_desktop.sync.worker import SyncWorker

        if self._worker is None:
            self._watch_sign_in()
            worker = SyncWorker(
                partial(open_engine, self._paths, create=False, zone=self._zone),
                lambda status: self._from_worker(partial(self._news, status), worker),
                database=self._paths.database,
            )
            with self._gate:
                self._current = worker
            self._worker = worker
            worker.start()

    def _news(self, status: SyncStatus) -> None:
        from timo_desktop.sync.status import WorkerState

        if status.state is WorkerState.OFFLINE:
            self._watch_network()
        self.status_changed.emit(status)

    def restart(self) -> None:
        """After signing in or out: a fresh engine with the new credentials, once the round
        the old one has in progress is over. Nothing waits for it here: a round held up by
        a server that does not answer froze the window and the tray for 10 s."""
        retired = self._worker
        self.stop(wait=False)
        self._retired = retired
        self._start_after(retired)

    def _start_after(self, retired: SyncWorker | None) -> None:
        if self._retired is not retired:
            return  # stopped meanwhile (quitting), or restarted again
        if retired is not None and retired.running:
            QTimer.singleShot(RESTART_POLL_MS, self, lambda: self._start_after(retired))
            return
        self._retired = None
        self.start()

    def stop(self, *, send_changes: bool = False, wait: bool = True) -> None:
        """Stop the worker; news it posts after this (a round outliving the wait) is dropped.
        `send_changes` (quitting): a change made here and not yet sent goes first, waited
        for a few seconds; without `wait` nothing is waited for."""
        self._retired = None
        if self._worker is not None:
            self._worker.stop(timeout=10.0 if wait else 0.0, send_changes=send_changes)
            self._worker = None
        with self._gate:
            self._current = None

    def _watch_sign_in(self) -> None:
        """Note the saved sign-in the worker starts with, and watch for another (or none)
        saved meanwhile: the system tells of a change to its file, nothing polls."""
        from timo_desktop.auth.account import AccountFile
        from timo_desktop.ui.settings_watch import FileWatch

        accounts = AccountFile(self._paths.config)
        if self._account_watch is None:
            self._account_watch = FileWatch(accounts.path, self)
            self._account_watch.changed.connect(self._sign_in_saved)
        self._sign_in = _who_and_how(accounts)

    def _sign_in_saved(self) -> None:
        """The sign-in's file changed. Another sign-in, or none (`timo login`, `timo
        logout`), starts the worker again with it, and its first round says how sync
        stands; the window's own sign-in and sign-out have restarted it already, and a
        workspace chosen changes the file but not the sign-in."""
        from timo_desktop.auth.account import AccountFile

        if self._worker is None:  # stopped (quitting), or not started yet
            return
        if _who_and_how(AccountFile(self._paths.config)) != self._sign_in:
            log.info("the saved sign-in changed; starting sync again with it")
            self.restart()

    @property
    def worker(self) -> SyncWorker | None:
        """The running worker, if started."""
        return self._worker

    # Reasons to sync ------------------------------------------------------------------
    def local_change(self, client_refs: Sequence[str] = ()) -> None:
        """Something changed here or in another process: sync once the edits settle."""
        if self._worker is not None:
            self._worker.local_change(client_refs)

    def sync_now(self) -> None:
        if self._worker is not None:
            self._worker.sync_now()

    def resumed(self) -> None:
        """The computer woke from sleep: sync at once."""
        if self._worker is not None:
            self._worker.resumed()

    def reachability_changed(self, reachable: bool) -> None:
        """The network went away or came back; coming back syncs at once."""
        was, self._reachable = self._reachable, reachable
        if reachable and was is False and self._worker is not None:
            log.info("network regained; syncing")
            self._worker.network_regained()

    @property
    def watching_network(self) -> bool:
        """Whether the network's coming back is watched for (from the first round offline)."""
        return self._watching_network

    def _watch_network(self) -> None:
        """Have the OS say when the network comes back, once a round has found it gone.

        Only then does its coming back matter, and watching costs ~4 MiB (on Linux, GIO's
        network monitor). Where the OS tells nothing, the worker's retry timer (backoff
        while offline) finds the network again on its own."""
        if self._watching_network:
            return
        self._watching_network = True
        from PySide6.QtNetwork import QNetworkInformation

        if QNetworkInformation.instance() is None and not QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability
        ):
            log.info("no network reachability backend; relying on the retry timer")
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        self._reachable = _reachable(info.reachability())
        # A bound method, not a lambda: Qt drops the connection when this bridge goes,
        # while the reachability object lives as long as the application.
        info.reachabilityChanged.connect(self._on_reachability)

    def _on_reachability(self, value: object) -> None:
        self.reachability_changed(_reachable(value))

    # Work on the worker thread --------------------------------------------------------
    def run(self, job: Callable[[SyncEngine], Any], done: Done) -> None:
        """Run `job(engine)` on the worker thread (a sync round follows it);
        `done(result, error)` is called in the GUI thread."""
        if self._worker is None:
            from timo_desktop.sync.worker import SignedOut

            done(None, SignedOut("sync has not started yet"))
            return
        worker = self._worker
        worker.run(
            job, lambda result, error: self._from_worker(partial(done, result, error), worker)
        )

    def _from_worker(self, deliver: Callable[[], object], worker: SyncWorker) -> None:
        """On `worker`'s thread: have `deliver()` called in the GUI thread, while that is
        the worker whose news is taken."""
        with self._gate:
            if worker is not self._current:
                return
            self._inbox.put(deliver)
            QMetaObject.invokeMethod(self, "_drain", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _drain(self) -> None:
        while True:
            try:
                deliver = self._inbox.get_nowait()
            except Empty:
                return
            deliver()


def _who_and_how(accounts: AccountFile) -> tuple[str, str] | None:
    """The saved sign-in as sync uses it: whose, and where its secret is kept."""
    account = accounts.load()
    return None if account is None else (account.key, account.store)


def _reachable(value: Any) -> bool:
    from PySide6.QtNetwork import QNetworkInformation

    levels = QNetworkInformation.Reachability
    return value in (levels.Site, levels.Online)
