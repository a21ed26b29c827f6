"""The sync worker (plain Python, its own thread) seen from the GUI thread through a signal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from timo_desktop.paths import Paths

ENV_TOKEN = "VMOOX_TOKEN"  # as auth.service reads it; that module is not imported until needed

if TYPE_CHECKING:
    from timo_desktop.sync.engine import SyncEngine
    from timo_desktop.sync.worker import SyncWorker


class SyncBridge(QObject):
    """Starts the worker after the window is up and republishes its status in the GUI thread."""

    # Emitted from the worker thread; Qt queues it to the GUI thread's receivers.
    status_changed = Signal(object)  # SyncStatus

    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._worker: SyncWorker | None = None

    def start(self) -> None:
        """Import the sync engine, HTTP and keyring now (not at start-up) and start the thread."""
        from timo_desktop.sync.worker import SyncWorker

        if self._worker is None:
            self._worker = SyncWorker(
                self._make_engine, self.status_changed.emit, database=self._paths.database
            )
            self._worker.start()

    def restart(self) -> None:
        """After signing in or out: a fresh engine with the new credentials."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def local_change(self, client_refs: Sequence[str] = ()) -> None:
        """Something changed here or in another process: sync once the edits settle."""
        if self._worker is not None:
            self._worker.local_change(client_refs)

    def sync_now(self) -> None:
        if self._worker is not None:
            self._worker.sync_now()

    def _make_engine(self) -> SyncEngine:
        # Runs on the worker thread: the engine gets its own database connection.
        import os

        from timo_desktop.auth.account import AccountFile
        from timo_desktop.sync.worker import SignedOut

        if not os.environ.get(ENV_TOKEN) and AccountFile(self._paths.config).load() is None:
            # Signed out: say so without loading HTTP, the keyring or the engine (memory).
            raise SignedOut("not signed in")

        from timo_desktop.auth.errors import AuthError
        from timo_desktop.auth.service import current_session
        from timo_desktop.store.database import Store
        from timo_desktop.sync.engine import SyncEngine

        try:
            session = current_session(self._paths, warn=_ignore)
        except AuthError as error:
            raise SignedOut(str(error)) from None
        if session is None:
            raise SignedOut("not signed in")
        return SyncEngine(
            Store.open(self._paths.database),
            session.client(),
            default_workspace=session.account.workspace_id,
        )


def _ignore(*_args: Any) -> None:
    """The file-store warning is shown in Settings, not printed."""
