"""A rotating log file, and an exception hook that logs and tells the user instead of dying."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

log = logging.getLogger("timo.ui")

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _EarlyRecords(logging.StreamHandler):  # type: ignore[type-arg]
    """Until the log file is open: records go to stderr and are kept for the file."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        super().emit(record)


def install_logging() -> None:
    """Log Timo's records (INFO and up) at once, before the log file is open."""
    early = _EarlyRecords()
    early.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    root.addHandler(early)
    root.setLevel(logging.INFO)
    # httpx logs every request at INFO: each sync round all day would push what went wrong
    # out of the rotating file. Timo logs its own sync failures.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def open_log_file(log_file: Path) -> None:
    """Send Timo's log records to a rotating file (1 MiB × 3) in the log folder, with those
    logged since `install_logging`. Called once the window is up: `logging.handlers`
    imports sockets and pickle, ~8 ms before anything is on screen."""
    from logging.handlers import RotatingFileHandler

    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
        root.removeHandler(early)
        for record in early.records:
            handler.handle(record)
    root.addHandler(handler)


class ExceptionHook:
    """Replaces `sys.excepthook`: an unexpected error is logged and shown, and Timo goes on."""

    def __init__(self, log_file: Path) -> None:
        self._log_file = log_file
        self._showing = False
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
        message = f"{kind.__name__}: {error}"
        if self._showing or message in self._shown:  # never a stack or a storm of boxes
            return
        self._shown.add(message)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        self._showing = True
        try:
            QMessageBox.warning(
                None,
                "Timo",
                f"Something went wrong: {error or kind.__name__}\n\n"
                "Your entries are safe and Timo keeps running. "
                f"Details are in {self._log_file}.",
            )
        finally:
            self._showing = False
