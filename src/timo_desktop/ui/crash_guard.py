"""A rotating log file, and an exception hook that logs and tells the user instead of dying."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from timo_desktop.core.bidi import without_isolates

if TYPE_CHECKING:  # Qt is imported only once a box is shown (the log is set up before it)
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("timo.ui")
# What an unexpected error box says, in plain words; Python's own words are its details.
ERROR_TEXT = "Something went wrong in Timo. Your entries are safe."

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _EarlyRecords(logging.StreamHandler):  # type: ignore[type-arg]
    """Until the log file is open: records are kept for the file, and warnings and errors
    go to stderr too, for a person who started Timo from a terminal; what is only told
    (INFO, "times of day show as 14:30") waits for the file."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if record.levelno >= logging.WARNING:
            super().emit(record)


def install_logging() -> None:
    """Log Timo's records (INFO and up) at once, before the log file is open: kept for it,
    warnings and errors shown on stderr meanwhile."""
    early = _EarlyRecords()
    early.setFormatter(_PlainFormatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(early)
    root.setLevel(logging.INFO)
    # httpx logs every request at INFO: each sync round all day would push what went wrong
    # out of the rotating file. Timo logs its own sync failures.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def open_log_file(log_file: Path) -> None:
    """Send Timo's log records to a rotating file (1 MiB × 3) in the log folder, with those
    logged since `install_logging`. Called once the window is up: `logging.handlers`
    imports sockets and pickle, ~8 ms before anything is on screen. A log that cannot be
    written (a full disk, a read-only folder) leaves warnings and errors on stderr: Timo
    runs on."""
    from logging.handlers import RotatingFileHandler

    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    except OSError as error:
        log.warning("cannot write the log file %s: %s", log_file, error.strerror or error)
        return
    handler.setFormatter(_PlainFormatter(_FORMAT))
    root = logging.getLogger()
    for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
        root.removeHandler(early)
        for record in early.records:
            handler.handle(record)
    root.addHandler(handler)


class _PlainFormatter(logging.Formatter):
    """Log lines with names as typed: a refusal logged as shown in the window sets its names
    apart for the screen (`core.bidi`), marks a log file has no use for."""

    def format(self, record: logging.LogRecord) -> str:
        return without_isolates(super().format(record))


class ExceptionHook:
    """Replaces `sys.excepthook`: an unexpected error is logged and shown, and Timo goes on."""

    def __init__(self, log_file: Path) -> None:
        self._log_file = log_file
        self._box: QMessageBox | None = None  # the one shown, until it is closed
        self._shown: set[str] = set()  # an error repeating (say, in painting) is shown once

    def install(self) -> None:
        sys.excepthook = self

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        details = "".join(traceback.format_exception_only(kind, error)).strip()
        if self._box is not None or details in self._shown:  # never a stack or a storm of boxes
            return
        self._shown.add(details)
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():  # widgets: GUI thread
            return
        self._show(details)

    def _show(self, details: str) -> None:
        """A plain sentence, with Python's words about the error under "Show Details…".
        Not modal: a nested event loop inside whatever failed (a paint, a half-done
        slot) could fail again there; the box just stays until it is closed."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Timo", ERROR_TEXT)
        logged = any(
            isinstance(handler, logging.FileHandler)
            and handler.baseFilename == str(self._log_file.absolute())
            for handler in logging.getLogger().handlers
        )
        where = (
            f"The details are in the log: {self._log_file}"
            if logged
            else f"Its log file could not be written ({self._log_file}); the details are below."
        )
        box.setInformativeText(f"Timo keeps running. {where}")
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box
        box.show()
        box.raise_()
        box.activateWindow()

    def _closed(self) -> None:
        self._box = None
