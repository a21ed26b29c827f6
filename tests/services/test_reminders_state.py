"""The tracker as reminders see it, and the schedule they read from Settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.reminders import (
    Reminder,
    ReminderKind,
    ReminderMemory,
    WorkSchedule,
    due_reminder,
)
from timo_desktop.services import Tracker
from timo_desktop.services.reminders import reminder_settings, tracker_state, work_schedule
from timo_desktop.settings import Settings, with_value

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
H = timedelta(hours=1)
OFFICE_HOURS = WorkSchedule()  # 09:00 to 17:30, Monday to Friday


def early_hours() -> Settings:
    """Working hours from 02:00 to 10:00, days beginning at 04:00: work begins in the day
    before."""
    settings = Settings()
    for key, value in (
        ("day.start_of_day", "04:00"),
        ("schedule.start", "02:00"),
        ("schedule.end", "10:00"),
    ):
        settings = with_value(settings, key, value)
    return settings


EARLY_HOURS = early_hours()
TWO = TUESDAY + 17 * H  # Wednesday 02:00


def due(tracker: Tracker, settings: Settings) -> Reminder | None:
    """The reminder due now by `settings`, none shown before."""
    return due_reminder(
        tracker.clock(),
        tracker.zone,
        work_schedule(settings),
        tracker_state(tracker, work_schedule(settings)),
        reminder_settings(settings),
        ReminderMemory(),
    )


@pytest.fixture
def clock() -> Clock:
    return Clock(TUESDAY)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone="Europe/Berlin", clock=clock)


def test_a_stop_set_in_the_past_says_when_it_was_made(tracker: Tracker, clock: Clock) -> None:
    """As the away question's "Discard" does: answered at 10:58, stopped at 10:32."""
    tracker.start("Homepage layout")
    clock.now = TUESDAY + 118 * timedelta(minutes=1)
    tracker.stop(at=TUESDAY + 92 * timedelta(minutes=1))
    state = tracker_state(tracker, OFFICE_HOURS)
    assert (state.running_since, state.last_stop) == (None, TUESDAY + 92 * timedelta(minutes=1))
    assert state.last_stop_made == clock.now


def test_the_first_start_is_of_the_working_day(tracker: Tracker, clock: Clock) -> None:
    """Days beginning at 04:00, 02:00 on Wednesday is still Tuesday's working day."""
    clock.now = TUESDAY + 17 * H  # Wednesday 02:00
    tracker.add("Morning", TUESDAY, TUESDAY + 3 * H)
    tracker.add("Late", TUESDAY + 12 * H, TUESDAY + 13 * H)  # 21:00–22:00
    # Days at midnight: Wednesday's.
    assert tracker_state(tracker, OFFICE_HOURS).first_start_today is None
    from_four = replace(OFFICE_HOURS, day_start=time(4))
    state = tracker_state(tracker, from_four)
    assert (state.first_start_today, state.last_stop) == (TUESDAY, TUESDAY + 13 * H)
    tracker.start("Still at it")
    assert tracker_state(tracker, from_four).first_start_today == TUESDAY


def test_last_nights_work_running_past_midnight_begins_no_day(
    tracker: Tracker, clock: Clock
) -> None:
    """Monday 23:00 to Tuesday 01:30, and nothing since: Tuesday's work has not begun, so
    the end of the day is not asked about."""
    tracker.add("Release", TUESDAY - 10 * H, TUESDAY - 7 * H - 30 * timedelta(minutes=1))
    clock.now = TUESDAY + 8 * H  # Tuesday 17:00
    state = tracker_state(tracker, OFFICE_HOURS)
    assert state.first_start_today is None
    assert state.last_stop == TUESDAY - 7 * H - 30 * timedelta(minutes=1)


def test_the_working_day_begins_at_the_start_of_day_setting() -> None:
    settings = with_value(Settings(), "day.start_of_day", "04:00")
    assert work_schedule(settings).day_start == time(4)
    assert work_schedule(None).day_start == time(0)


def test_not_tracking_counts_from_a_stop_made_before_the_day_began(
    tracker: Tracker, clock: Clock
) -> None:
    """Days beginning at 04:00 and working hours 02:00 to 10:00: a timer stopped at 03:50
    was left behind with Tuesday's working day, and at 04:00 "No timer has run since 02:00"
    came at once."""
    tracker.start_of_day = EARLY_HOURS.start_of_day
    minute = timedelta(minutes=1)
    clock.now = TWO
    tracker.start("Early start")
    clock.now = TWO + 110 * minute
    tracker.stop()  # 03:50
    clock.now = TWO + 2 * H  # 04:00, Wednesday's working day begins
    assert due(tracker, EARLY_HOURS) is None
    clock.now = TWO + 124 * minute  # 04:04
    assert due(tracker, EARLY_HOURS) is None
    clock.now = TWO + 125 * minute  # 04:05, 15 minutes after the stop
    assert due(tracker, EARLY_HOURS) == Reminder(ReminderKind.NOT_TRACKING, TWO + 110 * minute)


def test_a_timer_from_the_start_of_early_working_hours_ends_their_day(
    tracker: Tracker, clock: Clock
) -> None:
    """Days beginning at 04:00 and working hours 02:00 to 10:00: a timer from 02:00 began
    no working day, and at 10:00 no end of the day was asked about."""
    tracker.start_of_day = EARLY_HOURS.start_of_day
    clock.now = TWO
    tracker.start("Early start")
    clock.now = TWO + 8 * H  # Wednesday 10:00
    assert tracker_state(tracker, work_schedule(EARLY_HOURS)).first_start_today == TWO
    assert due(tracker, EARLY_HOURS) == Reminder(ReminderKind.END_OF_DAY, TWO + 8 * H)


def test_a_timer_from_the_start_of_early_working_hours_is_not_asked_about_at_the_days_start(
    tracker: Tracker, clock: Clock
) -> None:
    """Days beginning at 04:00 and working hours 02:00 to 10:00: a timer from 02:00 was asked
    about at 04:00, as running past the end of its day, in the middle of the hours."""
    tracker.start_of_day = EARLY_HOURS.start_of_day
    clock.now = TWO
    tracker.start("Early start")
    for hours in (2, 7.99):  # 04:00, and on to the end of the hours
        clock.now = TWO + hours * H
        assert due(tracker, EARLY_HOURS) is None


def test_a_night_shift_is_the_working_day_it_starts_on(tracker: Tracker, clock: Clock) -> None:
    """Working hours 22:00 to 06:00, days from midnight: a shift from Tuesday 22:00 began
    Tuesday's work, and its end of day comes at 06:00 on Wednesday with it as the first
    start; a timer begun then is not asked about at midnight."""
    night = with_value(with_value(Settings(), "schedule.start", "22:00"), "schedule.end", "06:00")
    ten = TUESDAY + 13 * H  # Tuesday 22:00
    clock.now = ten
    tracker.start("Night shift")
    clock.now = ten + 2 * H  # Wednesday 00:00
    assert due(tracker, night) is None
    clock.now = ten + 7 * H
    tracker.stop()  # 05:00
    clock.now = ten + 8 * H  # Wednesday 06:00
    state = tracker_state(tracker, work_schedule(night))
    assert (state.first_start_today, state.last_stop) == (ten, ten + 7 * H)
    assert due(tracker, night) == Reminder(ReminderKind.END_OF_DAY, ten + 8 * H)
