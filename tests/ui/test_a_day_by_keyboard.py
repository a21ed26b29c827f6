"""A day of work with the keyboard alone: track, switch, stop, correct, backfill and undo;
then settings, and the weekly review with its CSV export. Every key goes to whatever has
the keyboard focus; the CLI then reads the same day and the same settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.ui.clocked import Clock
from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from tests.ui.workday import (
    ALT,
    CTRL,
    DAY,
    MORNING,
    SHIFT,
    back_to,
    focused,
    press,
    the_day,
    type_text,
    wait_for_window,
)
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog
from timo_desktop.ui.reports_view import ReportsView
from timo_desktop.ui.settings_dialog import SettingsDialog


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

    # The Stop can be undone: the bar at the window's foot offers it, first from the top
    # with Shift+Tab.
    assert timo.window.undo_bar.message.text() == "Stopped “Call with Acme” at 11:00."
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is timo.window.undo_bar.button

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

    # Backfill the morning stand-up: Ctrl+N opens the dialog on today's date; Tab between
    # fields; Enter adds it.
    back_to(qtbot, timo.window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    assert focused().accessibleName() == "Date"
    press(qtbot, Qt.Key.Key_Tab)
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


def tab_to(qtbot: QtBot, name: str, most: int = 40) -> None:
    """Tab until the control named `name` has the keyboard (it must be reachable)."""
    for _ in range(most):
        if focused().accessibleName() == name:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def test_settings_with_the_keyboard_alone(qtbot: QtBot, day_app: TimoApp, timo_home: Path) -> None:
    press(qtbot, Qt.Key.Key_Comma, CTRL)
    dialog = wait_for_window(qtbot, SettingsDialog)
    tab_to(qtbot, "Ask when away for (minutes, 0 is off)")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "10")
    tab_to(qtbot, "Work on Sat")
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    def setting(key: str) -> str:
        done = run_timo(timo_home, "config", "get", key)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert setting("idle.threshold_seconds") == "600"
    assert setting("schedule.working_days") == "Mon,Tue,Wed,Thu,Fri,Sat"
    assert day_app.settings is not None and day_app.settings.idle.threshold_seconds == 600


def test_the_weekly_review_with_the_keyboard_alone(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, tmp_path: Path
) -> None:
    tracker = day_app.tracker
    day_clock.now = MORNING + timedelta(hours=8)
    layout = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)
    tracker.add("Homepage layout", MORNING, MORNING + timedelta(hours=2), target=layout)
    tracker.add("Call", MORNING + timedelta(hours=2), MORNING + timedelta(hours=3))
    press(qtbot, Qt.Key.Key_R, CTRL)
    view = wait_for_window(qtbot, ReportsView)
    assert view.title.text().startswith("2026-W11")  # this week, by the Tracker's clock

    # Alt+C exports the invoice inputs; the file dialog takes a name and Enter.
    target = tmp_path / "week.csv"
    with answering_the_file_dialog(qtbot, target):
        press(qtbot, Qt.Key.Key_C, ALT)
    assert view.message.text() == f"Saved 2 entries to {target}."
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3  # a heading, two rows

    # Ctrl+W (or Esc) closes it and the timer window has the keyboard again.
    back_to(qtbot, view)
    press(qtbot, Qt.Key.Key_W, CTRL)
    qtbot.waitUntil(lambda: not view.isVisible())


@contextmanager
def answering_the_file_dialog(qtbot: QtBot, path: Path) -> Iterator[None]:
    """Answer the file dialog the block opens by typing `path` and Enter. The dialog is modal
    (its own event loop), so a timer running inside that loop does the typing."""
    answered: list[str] = []
    polls_since = [0]

    def answer_if_asked() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        if answered:  # still open after the answer: close it, or the test would hang
            polls_since[0] += 1
            if polls_since[0] > 250:
                dialog.reject()
            return
        if dialog.isAncestorOf(focused()) and isinstance(focused(), QLineEdit):  # the name
            answered.append(dialog.windowTitle())
            press(qtbot, Qt.Key.Key_A, CTRL)
            type_text(qtbot, str(path))
            press(qtbot, Qt.Key.Key_Return)

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_asked)
    poll.start()
    try:
        yield
        qtbot.waitUntil(lambda: bool(answered))  # a button's Alt+key clicks a moment later
    finally:
        poll.stop()
