"""The end-of-day summary of working hours that cross the start of day sums up the whole
shift: hours from 02:00 to 10:00 with days beginning at 04:00."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.seed import HOMEPAGE, WEBSITE
from timo_desktop.core.entry import Target
from timo_desktop.core.reminders import Reminder, ReminderKind
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, with_value
from timo_desktop.ui.end_of_day import EndOfDayPopup
from timo_desktop.ui.reminders import Reminders

H = timedelta(hours=1)
WEDNESDAY_02 = datetime(2026, 3, 4, 1, 0, tzinfo=UTC)  # Wednesday 02:00 in Berlin
LAYOUT = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)  # billable


def settings_of(**values: str) -> Settings:
    settings = Settings()
    for key, text in values.items():
        settings = with_value(settings, key.replace("__", "."), text)
    return settings


@pytest.fixture
def clock() -> Clock:
    return Clock(WEDNESDAY_02 + 8 * H)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        yield opened


def summed_up(qtbot: QtBot, tracker: Tracker, settings: Settings) -> EndOfDayPopup:
    """The end-of-day popup the reminders show now, to `settings`."""
    with app_on(tracker, settings) as app:
        app.apply_settings(settings)
        shown = Reminders(app, settings)
        try:
            due = shown.check()
            assert due == Reminder(ReminderKind.END_OF_DAY, tracker.clock())
            assert isinstance(shown.on_screen, EndOfDayPopup)
            return shown.on_screen
        finally:
            shown.stop()


def test_hours_begun_before_the_day_are_summed_up_whole(
    qtbot: QtBot, tracker: Tracker, clock: Clock
) -> None:
    """Hours 02:00 to 10:00 with days beginning at 04:00: the summary at 10:00 left out
    02:00 to 04:00, counted in the day before."""
    clock.now = WEDNESDAY_02 + 8 * H  # 10:00
    tracker.add("Early", WEDNESDAY_02, WEDNESDAY_02 + 1.5 * H, target=LAYOUT)  # to 03:30
    tracker.add("Later", WEDNESDAY_02 + 2.5 * H, WEDNESDAY_02 + 7 * H)  # 04:30 to 09:00
    early = settings_of(schedule__start="02:00", schedule__end="10:00", day__start_of_day="04:00")
    popup = summed_up(qtbot, tracker, early)
    assert popup.figures.text() == "Today: 6h 00m tracked, 1h 30m billable"
