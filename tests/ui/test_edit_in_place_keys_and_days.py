"""A cell of the list being edited. Times typed into a row fall within the working day it
is listed under, as the Add time dialog reads them: with days starting at 04:00, Monday's
night goes on past midnight (they were read on the start's calendar date, and the entry
moved a day with no question). Ctrl+Enter there saves the cell."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.workday import CTRL, DAY, list_cell, press, type_text
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

MONDAY = DAY - timedelta(days=1)
TUESDAY = DAY
WEDNESDAY = DAY + timedelta(days=1)


def at(day: object, clock: str) -> object:
    return at_local(day, time.fromisoformat(clock), ZONE)  # type: ignore[arg-type]


def retype_times(qtbot: QtBot, timo: TimoApp, ref: str, text: str) -> None:
    """F2 on the entry's times, everything in it replaced by `text`, Enter."""
    view = timo.window.entries
    view.setFocus()
    view.setCurrentIndex(list_cell(timo, ref, Column.TIMES))
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_editing())


def test_a_night_entry_begun_earlier_stays_on_its_working_day(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    day_clock.now = at(WEDNESDAY, "09:00")
    timo = day_app
    timo.tracker.start_of_day = time(4)
    deploy = timo.tracker.add("Night deploy", at(TUESDAY, "01:00"), at(TUESDAY, "02:00"))
    timo.reload()
    assert timo.tracker.day_of(deploy) == MONDAY
    retype_times(qtbot, timo, deploy.client_ref, "23:00-02:00")
    changed = timo.tracker.get(deploy.client_ref)
    assert (changed.start, changed.end) == (at(MONDAY, "23:00"), at(TUESDAY, "02:00"))
    assert timo.tracker.day_of(changed) == MONDAY


def test_an_evening_entry_moved_past_midnight_stays_on_its_working_day(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    day_clock.now = at(WEDNESDAY, "09:00")
    timo = day_app
    timo.tracker.start_of_day = time(4)
    late = timo.tracker.add("Late work", at(MONDAY, "22:00"), at(MONDAY, "23:00"))
    timo.reload()
    retype_times(qtbot, timo, late.client_ref, "00:30-01:30")
    changed = timo.tracker.get(late.client_ref)
    assert (changed.start, changed.end) == (at(TUESDAY, "00:30"), at(TUESDAY, "01:30"))
    assert timo.tracker.day_of(changed) == MONDAY


def test_an_end_in_the_working_days_night_is_the_next_morning_however_long(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """With days starting at 04:00, 14:00–02:00 ends in Tuesday's night, as Add time reads
    it: it was refused as an end before the start (12 hours is no night after)."""
    day_clock.now = at(WEDNESDAY, "09:00")
    timo = day_app
    timo.tracker.start_of_day = time(4)
    release = timo.tracker.add("Release", at(TUESDAY, "14:00"), at(TUESDAY, "15:00"))
    timo.reload()
    retype_times(qtbot, timo, release.client_ref, "14:00-02:00")
    changed = timo.tracker.get(release.client_ref)
    assert (changed.start, changed.end) == (at(TUESDAY, "14:00"), at(WEDNESDAY, "02:00"))


def test_with_days_starting_at_midnight_an_entry_into_the_next_morning_keeps_its_end(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """10:00 to 09:00 the next morning: the end typed before the start is the next day's."""
    day_clock.now = at(WEDNESDAY, "12:00")
    timo = day_app
    long = timo.tracker.add("Migration", at(MONDAY, "10:00"), at(TUESDAY, "09:00"))
    timo.reload()
    retype_times(qtbot, timo, long.client_ref, "11:00-09:30")
    changed = timo.tracker.get(long.client_ref)
    assert (changed.start, changed.end) == (at(MONDAY, "11:00"), at(TUESDAY, "09:30"))


def test_ctrl_enter_in_a_cell_being_edited_saves_it_and_starts_nothing(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """It started a blank timer (the window's Start / stop), the words typed left unsaved."""
    timo = day_app
    call = timo.tracker.add("Call", at(TUESDAY, "07:00"), at(TUESDAY, "07:30"))
    timo.reload()
    view = timo.window.entries
    view.setFocus()
    view.setCurrentIndex(list_cell(timo, call.client_ref, Column.DESCRIPTION))
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Call with Acme")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert timo.tracker.get(call.client_ref).description == "Call with Acme"
    assert timo.tracker.running() is None
