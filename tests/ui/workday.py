"""One working day for the keyboard and mouse walkthroughs (the `day_app` and `day_clock`
fixtures): keys sent to whatever has the focus, the day's entries as people read them, and
waiting for a window to open."""

from __future__ import annotations

from datetime import date, time
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE
from timo_desktop.core.local_time import at_local, clock_time
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    """What has the keyboard now."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press, delivered where the keyboard focus is, as a real one would be."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    """Typing, delivered where the keyboard focus is."""
    qtbot.keyClicks(focused(), text)


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The window manager's part once a popup (a completer, a picker) has closed: the window
    below gets the keyboard again. The offscreen platform has no window manager."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


W = TypeVar("W", bound=QWidget)
DAY = date(2026, 3, 10)  # a Tuesday
MORNING = at_local(DAY, time(9, 0), ZONE)


def the_day(timo: TimoApp) -> list[tuple[str, str, str]]:
    """DAY's entries as (description, start, end) in local time, in order."""
    return [
        (e.description, clock_time(e.start, ZONE), "" if e.end is None else clock_time(e.end, ZONE))
        for e in timo.tracker.days(DAY, DAY)
    ]


def wait_for_window(qtbot: QtBot, kind: type[W], *, active: bool = True) -> W:
    """The one window of `kind` on screen, once it has opened (and, if `active`, has the
    keyboard; a popup list is shown without taking it)."""
    found: list[W] = []

    def opened() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
        ]
        return len(found) == 1 and (found[0].isActiveWindow() or not active)

    qtbot.waitUntil(opened)
    return found[0]


def list_cell(timo: TimoApp, ref: str, column: Column) -> QModelIndex:
    """Entry `ref`'s cell in `column` as the list shows it (fetched afresh: a refill makes
    older indexes stale)."""
    cell = timo.window.entries.cell_of(ref, column)
    assert cell.isValid(), f"no entry {ref} in the list"
    return cell
