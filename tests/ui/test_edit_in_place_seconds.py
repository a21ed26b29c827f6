"""Times retyped in the list are shown to the minute, and a time typed back as shown keeps
its seconds: only the end changed moves only the end. The start of a timer switched at
10:00:37 went to 10:00, and the edit asked about an overlap with the entry before it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_edit_in_place_keys_and_days import retype_times
from tests.ui.workday import DAY, MORNING
from timo_desktop.core.entry import Entry
from timo_desktop.ui.controller import TimoApp

SWITCHED = MORNING + timedelta(hours=1, seconds=37)  # 10:00:37
STOPPED = MORNING + timedelta(hours=2)  # 11:00


def switched_day(timo: TimoApp, clock: Clock, *, stopped: timedelta = timedelta(0)) -> Entry:
    """“Planning” from 09:00, switched to “Build” at 10:00:37, stopped at 11:00 (+ `stopped`);
    the clock at 12:00. “Build” as it was kept."""
    timo.tracker.start("Planning")
    clock.now = SWITCHED
    timo.tracker.start("Build")
    clock.now = STOPPED + stopped
    timo.tracker.stop()
    clock.now = MORNING + timedelta(hours=3)
    timo.reload()
    [build] = [e for e in timo.tracker.days(DAY, DAY) if e.description == "Build"]
    return build


def questions() -> list[str]:
    """What the boxes open about "Build" ask."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return [box.text() for box in boxes if box.isVisible() and "Build" in box.text()]


def test_only_the_end_retyped_after_a_switch_keeps_the_start_to_the_second(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    build = switched_day(timo, day_clock)

    retype_times(qtbot, timo, build.client_ref, "10:00-11:30")

    qtbot.wait(50)  # an overlap would be asked about once the editor has closed
    assert questions() == []
    changed = timo.tracker.get(build.client_ref)
    assert (changed.start, changed.end) == (SWITCHED, STOPPED + timedelta(minutes=30))
    [planning] = [e for e in timo.tracker.days(DAY, DAY) if e.description == "Planning"]
    assert planning.end == SWITCHED  # not trimmed


def test_only_the_start_retyped_keeps_the_end_to_the_second(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    build = switched_day(timo, day_clock, stopped=timedelta(seconds=42))  # 10:00:37–11:00:42

    retype_times(qtbot, timo, build.client_ref, "10:15-11:00")

    changed = timo.tracker.get(build.client_ref)
    assert (changed.start, changed.end) == (
        MORNING + timedelta(hours=1, minutes=15),
        STOPPED + timedelta(seconds=42),
    )
