"""Windows that grow to show all of their wrapped text, and fit on their screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

# The window manager's frame around a window before it has one, as Qt guesses it when it
# places a dialog: each side, and the title bar above.
GUESSED_SIDE = 10
GUESSED_TITLE = 40


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


def frame_room(window: QWidget) -> QSize:
    """What the window manager's frame adds to top-level `window`: measured on it, or on
    the window it belongs to, once framed; else as Qt guesses."""
    parent = window.parentWidget()
    for framed in (window, None if parent is None else parent.window()):
        if framed is not None and framed.isVisible():
            extra = framed.frameGeometry().size() - framed.geometry().size()
            if extra.width() > 0 or extra.height() > 0:
                return extra
    return QSize(2 * GUESSED_SIDE, GUESSED_TITLE + GUESSED_SIDE)


def fitted_size(window: QWidget, wanted: QSize, area: QRect) -> QSize:
    """`wanted`, no larger than lets top-level `window` and its frame fit in `area` (its
    screen's available geometry: a saved or usual size can be more than a laptop has)."""
    return wanted.boundedTo(area.size() - frame_room(window))
