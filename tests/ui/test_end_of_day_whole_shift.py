"""The end-of-day summary of working hours that cross the start of day sums up the whole
shift: a night shift from 22:00 to 06:00 the next morning, or hours from 02:00 to 10:00
with days beginning at 04:00."""

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
FRIDAY_22 = datetime(2026, 3, 6, 21, 0, tzinfo=UTC)  # Friday 22:00 in Berlin
WEDNESDAY_02 = datetime(2026, 3, 4, 1, 0, tzinfo=UTC)  # Wednesday 02:00 in Berlin
LAYOUT = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)  # billable


def settings_of(**values: str) -> Settings:
    settings = Settings()
    for key, text in values.items():
        settings = with_value(settings, key.replace("__", "."), text)
    return settings


@pytest.fixture
def clock() -> Clock:
    return Clock(FRIDAY_22 + 8 * H)


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


@pytest.mark.parametrize("start_of_day", ["00:00", "12:00"])
def test_a_night_shift_is_summed_up_at_its_end_the_next_morning(
    qtbot: QtBot, tracker: Tracker, clock: Clock, start_of_day: str
) -> None:
    """Friday 22:00 to Saturday 06:00, Saturday off: at 06:00 the summary counts the whole
    night, not only what came after midnight."""
    clock.now = FRIDAY_22 + 8 * H  # Saturday 06:00
    tracker.add("Sorting", FRIDAY_22, FRIDAY_22 + 3 * H, target=LAYOUT)  # to 01:00
    tracker.add("Loading", FRIDAY_22 + 3.5 * H, FRIDAY_22 + 7.5 * H)  # 01:30 to 05:30
    night = settings_of(
        schedule__start="22:00", schedule__end="06:00", day__start_of_day=start_of_day
    )
    popup = summed_up(qtbot, tracker, night)
    assert popup.figures.text() == "Today: 7h 00m tracked, 3h 00m billable"


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
