"""A day of work with the keyboard alone: track, switch, stop, correct, backfill and undo,
every key sent to whatever has the keyboard focus. The CLI then reads the same day."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.ui.clocked import Clock
from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from tests.ui.workday import DAY, MORNING, the_day, wait_for_window
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The window manager's part once a popup (a completer, a picker) has closed: the window
    below gets the keyboard again. The offscreen platform has no window manager."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def fill_timer_line(qtbot: QtBot, timo: TimoApp, description: str, search: str) -> None:
    """Ctrl+L, the description, Ctrl+P, the first target matching `search` with Enter."""
    press(qtbot, Qt.Key.Key_L, CTRL)
    type_text(qtbot, description)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(timo.window.timer_bar.target.popup.isVisible)
    type_text(qtbot, search)
    press(qtbot, Qt.Key.Key_Return)


def test_a_day_with_the_keyboard_alone(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, timo_home: Path
) -> None:
    timo, clock = day_app, day_clock
    tracker = timo.tracker

    # Track: Ctrl+L to the timer line, Ctrl+P to pick the task, Ctrl+Enter to start.
    fill_timer_line(qtbot, timo, "Homepage layot", "relaunch homepage")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    first = tracker.running()
    assert first is not None and first.description == "Homepage layot"
    assert first.target == Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id) and first.billable

    # Switch to a call with a client at 10:30: Enter in the timer line starts it.
    clock.now = MORNING + timedelta(minutes=90)
    fill_timer_line(qtbot, timo, "Call with Acme", "acme")
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    second = tracker.running()
    assert second is not None and second.target == Target(record_id=ACME.id)

    # Stop at 11:00: Ctrl+Enter with nothing new typed.
    clock.now = MORNING + timedelta(minutes=120)
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert tracker.running() is None
    assert the_day(timo) == [
        ("Homepage layot", "09:00", "10:30"),
        ("Call with Acme", "10:30", "11:00"),
    ]

    # Correct the typo in place: Shift+Tab to the list, arrows to the row, F2, type, Enter.
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    view = timo.window.entries
    assert focused() is view
    press(qtbot, Qt.Key.Key_Home)  # the day's heading
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert view.currentIndex().data() == "Homepage layot"
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not view)  # the cell's editor
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Homepage layout")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: the_day(timo)[0][0] == "Homepage layout")
    # The list keeps its place after the change: the corrected row is still the current one.
    qtbot.waitUntil(lambda: view.currentIndex().data() == "Homepage layout")
    the_day_before_backfill = the_day(timo)

    # Backfill the morning stand-up: Ctrl+N opens the dialog at the start time; Tab between
    # fields; Enter adds it.
    back_to(qtbot, timo.window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    assert focused().accessibleName() == "Start time"
    type_text(qtbot, "08:30")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "09:15")  # overlaps the homepage work from 09:00: refused, nothing lost
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Stand-up")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(the_day(timo)) == 2
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused().accessibleName() == "End time"
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "09:00")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = [("Stand-up", "08:30", "09:00"), *the_day_before_backfill]
    assert the_day(timo) == added

    # Undo and redo from the keyboard.
    back_to(qtbot, timo.window)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert the_day(timo) == the_day_before_backfill
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert the_day(timo) == added

    # The command line reads the same day.
    listed = run_timo(
        timo_home, "log", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--json"
    )
    assert listed.returncode == 0, listed.stderr
    assert [(e["description"], e["start"], e["end"]) for e in json.loads(listed.stdout)] == [
        (e.description, to_text(e.start), None if e.end is None else to_text(e.end))
        for e in tracker.days(DAY, DAY)
    ]
