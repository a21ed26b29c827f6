"""Hearing, inside Qt's event loop, that the system tells Timo to stop (POSIX signals).

SIGTERM comes from systemd as the login session ends or the computer shuts down, from
`kill`, or from an updater; SIGINT from Ctrl+C in a terminal; SIGHUP when the terminal
closes. Python runs a handler only when the interpreter next gets control, which it does
not while Qt's loop waits, and then amid whatever Python code runs next (a slot halfway
through a database write). So the handler here does nothing: Python's own C handler also
writes the signal's number to the wakeup fd, one end of a pipe, and a QSocketNotifier
on the other end wakes Qt's loop, which acts between two events. A pipe, not a socket
pair: the `socket` module would cost ~3 ms before the window shows.

Windows sends none of these to a windowed app; there Qt's own session handling
(`commitDataRequest`, `aboutToQuit`) is all there is.
"""

from __future__ import annotations

import logging
import os
import signal
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

QUIT_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")


class QuitOnSignal(QObject):
    """Says `received`, from Qt's event loop, when SIGTERM, SIGINT or SIGHUP arrives.

    A signal ignored when Timo started stays ignored (SIGINT for a program a shell
    started in the background, SIGHUP under `nohup`), as Python itself leaves SIGINT.
    Made once, in the main thread, for the life of the process.
    """

    received = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)  # the C handler must never wait on a full buffer
        self._numbers = {
            number
            for number in (signal.Signals[name] for name in QUIT_SIGNALS)
            if signal.getsignal(number) is not signal.SIG_IGN
        }
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        for number in self._numbers:
            signal.signal(number, _heard)

    def _read(self) -> None:
        try:
            numbers = os.read(self._reader, 64)
        except BlockingIOError:
            return
        told = [number for number in numbers if number in self._numbers]
        if told:
            log.info("told to stop (%s): quitting", signal.Signals(told[0]).name)
            self.received.emit()


def _heard(_number: int, _frame: FrameType | None) -> None:
    """Nothing to do here: the wakeup fd has told Qt's loop (see the module's doc)."""
