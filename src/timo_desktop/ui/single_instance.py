"""One Timo per user (per TIMO_HOME): a lock file plus a local socket to wake the first one."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork loads after the window is shown (start-up budget)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

_RAISE = b"raise\n"


def server_name(runtime_dir: Path) -> str:
    """A short socket name unique to this runtime folder (Unix socket paths are length-limited).
    CRC-32 is enough to tell one user's Timo homes apart, and zlib is loaded already (hashlib
    would load OpenSSL, ~2.5 ms before the window)."""
    return f"timo-{zlib.crc32(str(runtime_dir.resolve()).encode()):08x}"


class SingleInstance(QObject):
    """Holds the instance lock; emits `activated` when a second launch asks to be shown."""

    activated = Signal()

    def __init__(self, lock_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(lock_file.parent)
        self._lock = QLockFile(str(lock_file))
        # A lock held by a live process is never stale; one left by a dead process is (by PID).
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._clients: set[QLocalSocket] = set()

    def acquire(self) -> bool:
        """Take the lock, or wake the running instance and return False."""
        if not self._lock.tryLock(200):
            self._wake_running_instance()
            return False
        return True

    def listen(self) -> None:
        """Answer later launches (call once the lock is held)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._name)  # a socket left behind by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)

    def release(self) -> None:
        """Stop listening and drop the lock (called on quit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _wake_running_instance(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if socket.waitForConnected(1000):
            socket.write(_RAISE)
            socket.waitForBytesWritten(1000)
            socket.disconnectFromServer()

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.add(socket)
            socket.readyRead.connect(self._on_message)
            socket.disconnected.connect(self._on_disconnected)

    def _on_message(self) -> None:
        for socket in list(self._clients):
            if _RAISE.strip() in bytes(socket.readAll().data()):
                self.activated.emit()

    def _on_disconnected(self) -> None:
        for socket in [
            s for s in self._clients if s.state() == QLocalSocket.LocalSocketState.UnconnectedState
        ]:
            self._clients.discard(socket)
            socket.deleteLater()
