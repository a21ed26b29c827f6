"""One Timo per user (per TIMO_HOME): a lock file plus a local socket to wake the first one."""

from __future__ import annotations

import logging
import os
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork loads after the window is shown (start-up budget)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

# What a second launch says: show the window, or (autostart firing again) only that it ran.
_RAISE = b"raise"
_BACKGROUND = b"background"
# How long a launch waits for a Timo that holds the lock but no longer answers: one quitting,
# which may spend up to 10 s sending its last changes over a slow network.
HANDOVER_SECONDS = 15.0
SOCKET = "timo.sock"
SOCKET_PATH_MAX = 100  # bytes; the shortest limit of a Unix socket's path is macOS's 104


def server_name(runtime_dir: Path) -> str:
    """Where later launches find this Timo. On Unix, a socket in its runtime folder, which
    only its owner can enter: a bare name is a socket in the shared /tmp, where another
    user could make it first, and Timo then stopped answering its own launches. A path too
    long for a socket (Unix allows ~104 bytes), and Windows, where the name is a pipe's,
    take a short name unique to the folder: CRC-32 tells one user's Timo homes apart, and
    zlib is loaded already (hashlib would load OpenSSL, ~2.5 ms before the window)."""
    folder = runtime_dir.resolve()
    if os.name == "posix" and len(os.fsencode(folder / SOCKET)) <= SOCKET_PATH_MAX:
        return str(folder / SOCKET)
    return f"timo-{zlib.crc32(str(folder).encode()):08x}"


class SingleInstance(QObject):
    """Holds the instance lock; emits `activated` when a second launch asks to be shown
    (a second `--background` launch leaves the window as it is)."""

    activated = Signal()

    def __init__(self, lock_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(lock_file.parent)
        self._lock_file = lock_file
        self._lock = QLockFile(str(lock_file))
        # A lock held by a live process is never stale; one left by a dead process is (by PID).
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self.answered = False  # whether the Timo holding the lock answered a later launch
        self._clients: dict[QLocalSocket, bytes] = {}  # each later launch: what it said so far

    def acquire(self, *, background: bool = False, wait: float = HANDOVER_SECONDS) -> bool:
        """Take the lock, or wake the running instance and return False (`answered`). A
        `background` launch (autostart) asks it only to stay running, not to show its window.
        A Timo that holds the lock and does not answer is waited for `wait` seconds.

        A lock file that cannot be written at all (a full disk, a read-only folder) is no
        sign of another Timo: this one runs, to say what is wrong, without the lock."""
        deadline = time.monotonic() + wait
        while True:
            if self._lock.tryLock(200):
                return True
            if self._lock.error() is not QLockFile.LockError.LockFailedError:
                log.warning("cannot write the lock file %s; running without it", self._lock_file)
                return True
            if self._wake_running_instance(_BACKGROUND if background else _RAISE):
                self.answered = True
                return False
            # Nobody answers: the running Timo is quitting (or not yet listening); the lock
            # is free once it has gone. Still unanswered at the deadline, a lock file no
            # process holds any more, though its process number is in use again (by another
            # program, after a crash), is removed: Qt took it for held, and Timo would not
            # start until it was deleted by hand. Only then: a Timo quitting lets go of its
            # lock a moment before it deletes the file, and a launch taking the file in that
            # moment would have it deleted under it. One still held (hung) cannot be removed.
            if time.monotonic() > deadline:
                if self._lock.removeStaleLockFile() and self._lock.tryLock(200):
                    log.warning(
                        "took over the lock file %s, which no process held", self._lock_file
                    )
                    return True
                return False

    def listen(self) -> None:
        """Answer later launches (call once the lock is held)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._name)  # a socket left behind by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        if not self._server.listen(self._name):  # later launches then wait, and say so
            why = self._server.errorString()
            log.warning("cannot answer later launches at %s: %s", self._name, why)

    def stop_answering(self) -> None:
        """Quitting: later launches no longer take this Timo for a running one, and wait
        for the lock instead (`acquire`)."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def release(self) -> None:
        """Stop listening and drop the lock (called on quit)."""
        self.stop_answering()
        for socket in self._clients:  # nothing is read from them after this
            socket.disconnect(self)
            socket.deleteLater()
        self._clients.clear()
        self._lock.unlock()

    def _wake_running_instance(self, message: bytes) -> bool:
        """Say `message` to the running Timo; False when none answers."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(message + b"\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients[socket] = b""
            # Methods of this object, not lambdas: Qt drops the connections when it goes,
            # before its sockets hang up in their destructors.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    def _on_ready_read(self) -> None:
        self._read(self._speaker())

    def _on_disconnected(self) -> None:
        self._forget(self._speaker())

    def _speaker(self) -> QLocalSocket:
        """The socket whose signal is being handled (no QtNetwork type is needed at run
        time here: it loads only when listening starts)."""
        return self.sender()  # type: ignore[return-value]

    def _read(self, socket: QLocalSocket, *, last: bool = False) -> None:
        """Act on each whole line a later launch wrote (a line may come in pieces); its
        `last` words need no line end."""
        if socket not in self._clients:
            return
        *lines, rest = (self._clients[socket] + bytes(socket.readAll().data())).split(b"\n")
        self._clients[socket] = rest
        for line in [*lines, rest] if last else lines:
            if line.strip() == _RAISE:
                self.activated.emit()
            # _BACKGROUND: Timo runs already, as asked; its window stays as it is.

    def _forget(self, socket: QLocalSocket) -> None:
        """A later launch hung up: act on what it left, then let its socket go (every
        launch's socket was kept before)."""
        self._read(socket, last=True)
        if self._clients.pop(socket, None) is not None:
            socket.deleteLater()
