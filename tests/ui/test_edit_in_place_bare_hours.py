"""Times typed into the list as bare hours, as people type them (`9-10`, `9:00 - 10`): the
cell takes nothing but times of day, so an hour alone is on the hour, and with F2 on the
running timer's start too. On a 12-hour clock `9` asks AM or PM, as `9:00` does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_edit_in_place_keys_and_days import at, retype_times
from tests.ui.test_edit_in_place_overlaps import retype_times as click_retype_times
from tests.ui.test_list_keys import editing, entry, saved, three_entries
from tests.ui.workday import CTRL, DAY, MORNING, press, type_text
from timo_desktop.ui.controller import TimoApp


@pytest.mark.parametrize("typed", ["14-15", "14:00 - 15", "14 - 15:00", "2pm-15"])
def test_bare_hours_typed_as_times_are_on_the_hour(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, typed: str
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    day_clock.now = at(DAY, "18:00")
    call = entry(timo, "Call with Acme")
    retype_times(qtbot, timo, call.client_ref, typed)
    moved = timo.tracker.get(call.client_ref)
    assert (moved.start, moved.end) == (at(DAY, "14:00"), at(DAY, "15:00"))


def test_a_bare_hour_is_the_running_timers_start(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    day_clock.now = MORNING + timedelta(hours=2)  # 11:00
    running = timo.tracker.start("Review", at=MORNING).started
    assert running is not None
    timo.reload()
    retype_times(qtbot, timo, running.client_ref, "8")
    assert timo.tracker.get(running.client_ref).start == at(DAY, "08:00")


@pytest.mark.usefixtures("twelve_hour")
def test_on_a_12_hour_clock_a_bare_hour_asks_am_or_pm(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    day_clock.now = at(DAY, "18:00")
    call = entry(timo, "Call with Acme")
    click_retype_times(qtbot, timo, "Call with Acme", "9-10")
    editor = editing(qtbot, timo)
    assert editor.text() == "9-10"  # opened again as typed, with the question
    assert timo.window.undo_bar.message.text() == "'9' could be 9:00 AM or 9:00 PM; add AM or PM"
    assert entry(timo, "Call with Acme").start == call.start

    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "2pm-3pm")
    saved(qtbot, timo)
    moved = entry(timo, "Call with Acme")
    assert (moved.start, moved.end) == (at(DAY, "14:00"), at(DAY, "15:00"))
