"""A click outside an open popup closes it and reaches what was clicked, in one click.

While a popup (a suggestion list, the target picker) is open it has the mouse: on X11 Qt
closes it on a press outside and drops the press, so Start took a second click. Here the
press goes on to the Timo widget under the pointer, and so does its release.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid


class ClickThrough:
    """Passes on the clicks outside a popup; feed it the popup's mouse events."""

    def __init__(self) -> None:
        self._pressed: QWidget | None = None  # what a press outside went on to, for its release

    def handle(self, popup: QWidget, event: QMouseEvent) -> bool:
        """True when `event` was a click outside the popup, dealt with here: a press closes
        the popup and goes on to the window under the pointer, as that window would have
        had it. Its release mostly follows there by itself; one that X queued before the
        popup closed comes to the popup, and goes on to what took the press."""
        where = event.globalPosition()
        if event.type() == QEvent.Type.MouseButtonPress:
            self._pressed = None
            if popup.rect().contains(popup.mapFromGlobal(where.toPoint())):
                return False
            # This replay, not Qt's own, which some platforms make: never both.
            popup.setAttribute(Qt.WidgetAttribute.WA_NoMouseReplay)
            popup.hide()
            self._pressed = _clickable_at(where.toPoint())
            if self._pressed is not None:
                window = self._pressed.window().windowHandle()
                QCoreApplication.sendEvent(window, _moved(event, window.mapFromGlobal(where)))
            return True
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and self._pressed is not None
            and not popup.isVisible()
        ):
            pressed, self._pressed = self._pressed, None
            if isValid(pressed):
                QCoreApplication.sendEvent(pressed, _moved(event, pressed.mapFromGlobal(where)))
            return True
        return False


def _clickable_at(where: QPoint) -> QWidget | None:
    """The Timo widget under `where` that may take a click now: none outside Timo, nor one
    a modal dialog blocks."""
    target = QApplication.widgetAt(where)
    if target is None or target.window().windowHandle() is None:
        return None
    modal = QApplication.activeModalWidget()
    if modal is not None and target.window() is not modal:
        return None
    return target


def _moved(event: QMouseEvent, local: QPointF) -> QMouseEvent:
    """`event` again, at `local` in whatever it is sent to."""
    return QMouseEvent(
        event.type(),
        local,
        event.globalPosition(),
        event.button(),
        event.buttons(),
        event.modifiers(),
    )
