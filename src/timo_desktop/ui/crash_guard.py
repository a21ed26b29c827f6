"""A rotating log file, and an exception hook that logs and tells the user instead of dying."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

log = logging.getLogger("timo.ui")


def install_logging(log_file: Path) -> None:
    """Send Timo's log records to a rotating file (1 MiB × 3) in the log folder."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


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
