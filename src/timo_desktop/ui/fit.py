"""Windows that grow to show all of their wrapped text."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget


def grow_to_fit(window: QWidget) -> None:
    """Grow `window` to show every line of its wrapped text at its current width; a
    top-level window does not on its own, and squeezes the lines over each other."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # children first
    layout = window.layout()
    if layout is None:
        return
    needed = layout.totalHeightForWidth(window.width())
    window.setMinimumHeight(needed)
    if window.height() < needed:
        window.resize(window.width(), needed)
