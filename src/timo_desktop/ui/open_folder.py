"""Showing a folder in the system's file manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from timo_desktop.command import as_the_user_has_it


def open_in_file_manager(folder: Path) -> None:
    """Show `folder` in the system's file manager, started as the user has it."""
    with as_the_user_has_it():
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
