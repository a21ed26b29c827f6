"""Timo's icons from the package resources: the app icon and the tray's two states."""

from __future__ import annotations

import sys
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from timo_desktop import resources

_SIZES = (16, 24, 32, 48, 64)
_APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _icon(name: str, sizes: tuple[int, ...]) -> QIcon:
    icon = QIcon()
    for size in sizes:
        # With its size given, a file is read when first drawn at that size; without,
        # every size is decoded now (~5 ms for the app icon before the window shows).
        icon.addFile(str(resources.icon_path(name, size)), QSize(size, size))
    return icon


@cache
def app_icon() -> QIcon:
    """The application icon (window, task switcher)."""
    return _icon(resources.APP_ICON, _APP_SIZES)


@cache
def tray_icon(running: bool) -> QIcon:
    """The tray icon for a stopped or running timer; a monochrome template on macOS."""
    if sys.platform == "darwin":
        template = resources.TRAY_RUNNING_TEMPLATE if running else resources.TRAY_STOPPED_TEMPLATE
        icon = _icon(template, _SIZES)
        icon.setIsMask(True)  # the menu bar tints it for light and dark
        return icon
    return _icon(resources.TRAY_RUNNING if running else resources.TRAY_STOPPED, _SIZES)
