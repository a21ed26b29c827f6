"""Timo's icons from the package resources: the app icon and the tray's two states."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

_SIZES = (16, 24, 32, 48, 64)
_APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _icon(stem: str, sizes: tuple[int, ...]) -> QIcon:
    folder = resources.files("timo_desktop.resources") / "icons"
    icon = QIcon()
    for size in sizes:
        with resources.as_file(folder / f"{stem}-{size}.png") as path:
            # With its size given, a file is read when first drawn at that size; without,
            # every size is decoded now (~5 ms for the app icon before the window shows).
            icon.addFile(str(path), QSize(size, size))
    return icon


@cache
def app_icon() -> QIcon:
    """The application icon (window, task switcher)."""
    return _icon("timo", _APP_SIZES)


@cache
def tray_icon(running: bool) -> QIcon:
    """The tray icon for a stopped or running timer; a monochrome template on macOS."""
    state = "running" if running else "stopped"
    if sys.platform == "darwin":
        icon = _icon(f"tray-{state}-template", _SIZES)
        icon.setIsMask(True)  # the menu bar tints it for light and dark
        return icon
    return _icon(f"tray-{state}", _SIZES)
