"""Reminder scheduling over a simulated week in Berlin (with the spring DST change)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from timo_desktop.core.reminders import (
    LATE_END_OF_DAY,
    Reminder,
    ReminderKind,
    ReminderMemory,
    ReminderSettings,
    Snooze,
    TrackerState,
    WorkSchedule,
    due_reminder,
    snooze_until,
)

BERLIN = "Europe/Berlin"  # reminders read days and hours in an IANA zone, by its name
WALL = ZoneInfo(BERLIN)  # and the moments below are written on its clocks
SCHEDULE = WorkSchedule()  # Monday–Friday, 09:00–17:30
END_OF_DAY, LONG_TIMER, NOT_TRACKING = (
    ReminderKind.END_OF_DAY,
    ReminderKind.LONG_TIMER,
    ReminderKind.NOT_TRACKING,
)


def local(day: int, hh: int, mm: int = 0) -> datetime:
    """A wall-clock moment in Berlin, March 2025 (the clocks go forward on Sunday the 30th)."""
    return datetime(2025, 3, day, hh, mm, tzinfo=WALL).astimezone(UTC)


@dataclass
class Week:
    """A minute-by-minute run of Timo's reminder loop with a scripted person.

    `script` maps a local moment to what the person does then: start or stop a
    timer, change settings, or answer the reminder that was just shown.
    """

    script: dict[datetime, Callable[[Week], None]]
    tracker: TrackerState = field(default_factory=lambda: TrackerState(None, None))
    settings: ReminderSettings = field(default_factory=ReminderSettings)
    memory: ReminderMemory = field(default_factory=ReminderMemory)
    shown: list[tuple[ReminderKind, str]] = field(default_factory=list)
    now: datetime = field(default_factory=lambda: local(24, 0))

    def run(self, until: datetime) -> None:
        while self.now < until:
            if self.now.astimezone(WALL).time() == time(0):  # a new day: only the timer runs on
                self.tracker = replace(self.tracker, first_start_today=self.tracker.running_since)
            action = self.script.get(self.now)
            if action is not None:
                action(self)
            reminder = due_reminder(
                self.now, BERLIN, SCHEDULE, self.tracker, self.settings, self.memory
            )
            if reminder is not None:
                self.shown.append((reminder.kind, f"{self.now.astimezone(WALL):%a %H:%M %Z}"))
                self.memory = self.memory.shown(reminder.kind, self.now)
                answer = self.script.get(self.now + timedelta(seconds=1))
                if answer is not None:
                    answer(self)
            self.now += timedelta(minutes=1)

    def start(self) -> None:
        first = self.tracker.first_start_today or self.now
        self.tracker = replace(self.tracker, running_since=self.now, first_start_today=first)

    def stop(self) -> None:
        self.tracker = replace(self.tracker, running_since=None, last_stop=self.now)

    def snooze(self, kind: ReminderKind, option: Snooze) -> None:
        self.memory = self.memory.snoozed(kind, snooze_until(option, self.now, BERLIN, SCHEDULE))


def answer(moment: datetime) -> datetime:
    """The key for the person's answer to a reminder shown at `moment`."""
    return moment + timedelta(seconds=1)


def test_a_week_of_reminders() -> None:
    def enabled(on: bool) -> Callable[[Week], None]:
        def act(w: Week) -> None:
            w.settings = ReminderSettings(enabled=on)

        return act

    script: dict[datetime, Callable[[Week], None]] = {
        # Monday: late start, lunch break, works past the end of the day.
        local(24, 9, 20): Week.start,
        local(24, 12): Week.stop,
        local(24, 13): Week.start,
        local(24, 17, 45): Week.stop,
        # Tuesday: the 12:15 reminder is ignored — it is not repeated.
        local(25, 9, 5): Week.start,
        local(25, 12): Week.stop,
        local(25, 14): Week.start,
        local(25, 17): Week.stop,
        # Wednesday: snoozes "not tracking" for an hour, is reminded once more.
        local(26, 9): Week.start,
        local(26, 10): Week.stop,
        answer(local(26, 10, 15)): lambda w: w.snooze(NOT_TRACKING, Snooze.HOUR),
        local(26, 11, 30): Week.start,
        local(26, 17, 20): Week.stop,
        # Thursday: reminders switched off for the day; nothing tracked, nothing shown.
        local(27, 0): enabled(False),
        local(28, 0): enabled(True),
        # Friday: a timer runs on the laptop all morning (sync brings it here as the running
        # timer; tests/sync/test_reminders_across_devices.py); "until tomorrow" at 12:15.
        local(28, 8, 30): Week.start,
        local(28, 12): Week.stop,
        answer(local(28, 12, 15)): lambda w: w.snooze(NOT_TRACKING, Snooze.TOMORROW),
        # Saturday night: a forgotten timer; snoozed an hour at midnight.
        local(29, 22): Week.start,
        answer(local(30, 0)): lambda w: w.snooze(LONG_TIMER, Snooze.HOUR),
        local(30, 9, 30): Week.stop,
        # Monday after the DST change: starts at 10:00 and forgets to stop.
        local(31, 10): Week.start,
    }
    week = Week(script)
    week.run(local(31, 23, 59))
    assert week.shown == [
        (NOT_TRACKING, "Mon 09:15 CET"),
        (NOT_TRACKING, "Mon 12:15 CET"),
        (END_OF_DAY, "Mon 17:30 CET"),
        (NOT_TRACKING, "Tue 12:15 CET"),
        (NOT_TRACKING, "Tue 17:15 CET"),
        (END_OF_DAY, "Tue 17:30 CET"),
        (NOT_TRACKING, "Wed 10:15 CET"),
        (NOT_TRACKING, "Wed 11:15 CET"),
        (END_OF_DAY, "Wed 17:30 CET"),
        (NOT_TRACKING, "Fri 12:15 CET"),
        (END_OF_DAY, "Fri 17:30 CET"),
        (LONG_TIMER, "Sun 00:00 CET"),
        (LONG_TIMER, "Sun 01:00 CET"),
        (NOT_TRACKING, "Mon 09:15 CEST"),
        (END_OF_DAY, "Mon 17:30 CEST"),
        (LONG_TIMER, "Mon 20:00 CEST"),
    ]


def test_working_hours_follow_the_dst_change() -> None:
    # 09:15 on the Monday after the change is 07:15 UTC, an hour earlier than the week before.
    idle = TrackerState(None, None)
    for before, after in (
        (local(24, 9, 14), local(24, 9, 15)),
        (local(31, 9, 14), local(31, 9, 15)),
    ):
        assert (
            due_reminder(before, BERLIN, SCHEDULE, idle, ReminderSettings(), ReminderMemory())
            is None
        )
        assert due_reminder(
            after, BERLIN, SCHEDULE, idle, ReminderSettings(), ReminderMemory()
        ) == Reminder(NOT_TRACKING, after - timedelta(minutes=15))
    assert local(31, 9, 15) == datetime(2025, 3, 31, 7, 15, tzinfo=UTC)


def test_long_timer_limit_is_elapsed_time_across_the_dst_night() -> None:
    settings = ReminderSettings(long_timer_past_day_end=False)
    started = local(29, 22)  # 22:00 CET; 10 h later is 09:00 CEST, not 08:00
    running = TrackerState(started, None)
    assert (
        due_reminder(local(30, 8, 59), BERLIN, SCHEDULE, running, settings, ReminderMemory())
        is None
    )
    assert due_reminder(
        local(30, 9), BERLIN, SCHEDULE, running, settings, ReminderMemory()
    ) == Reminder(LONG_TIMER, started)


def test_not_tracking_counts_from_the_last_stop_not_the_old_reminder() -> None:
    memory = ReminderMemory().shown(NOT_TRACKING, local(24, 9, 15))  # ignored at 09:15
    tracker = TrackerState(None, local(24, 10, 40))  # then tracked 10:00–10:40
    args = (BERLIN, SCHEDULE, tracker, ReminderSettings(), memory)
    assert due_reminder(local(24, 10, 54), *args) is None
    assert due_reminder(local(24, 10, 55), *args) == Reminder(NOT_TRACKING, local(24, 10, 40))


def running_since(start: datetime) -> TrackerState:
    """A timer running since `start`, the day's first."""
    return TrackerState(start, None, first_start_today=start)


def test_end_of_day_answers_the_long_timer_too() -> None:
    running = running_since(local(24, 7))  # 10 h at 17:00, end of day at 17:30
    settings = ReminderSettings()
    assert due_reminder(
        local(24, 17), BERLIN, SCHEDULE, running, settings, ReminderMemory()
    ) == Reminder(LONG_TIMER, local(24, 7))
    # Both due at 17:30: one popup, the end of day, which covers the timer.
    both = due_reminder(local(24, 17, 30), BERLIN, SCHEDULE, running, settings, ReminderMemory())
    assert both == Reminder(END_OF_DAY, local(24, 17, 30))
    memory = ReminderMemory().shown(END_OF_DAY, local(24, 17, 30))
    assert due_reminder(local(24, 17, 31), BERLIN, SCHEDULE, running, settings, memory) is None


def test_each_switch_really_turns_its_reminder_off() -> None:
    running = running_since(local(24, 7))
    quiet_day = TrackerState(None, None)
    off = {
        LONG_TIMER: (ReminderSettings(long_timer=False), running, local(24, 17, 10)),
        END_OF_DAY: (
            ReminderSettings(end_of_day=False, long_timer=False),
            running,
            local(24, 17, 40),
        ),
        NOT_TRACKING: (ReminderSettings(not_tracking=False), quiet_day, local(24, 12)),
    }
    for kind, (settings, tracker, moment) in off.items():
        on = due_reminder(moment, BERLIN, SCHEDULE, tracker, ReminderSettings(), ReminderMemory())
        assert on is not None and on.kind == kind
        assert due_reminder(moment, BERLIN, SCHEDULE, tracker, settings, ReminderMemory()) is None


def test_quiet_delays_without_losing() -> None:
    args = (BERLIN, SCHEDULE, TrackerState(None, None), ReminderSettings(), ReminderMemory())
    assert due_reminder(local(24, 9, 20), *args, quiet=True) is None
    assert due_reminder(local(24, 9, 40), *args) == Reminder(NOT_TRACKING, local(24, 9))


def test_snooze_until_tomorrow_skips_the_weekend() -> None:
    assert snooze_until(Snooze.TOMORROW, local(28, 12), BERLIN, SCHEDULE) == local(31, 9)
    assert snooze_until(Snooze.HOUR, local(30, 1, 30), BERLIN, SCHEDULE) == local(30, 3, 30)


def test_bad_schedule_and_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="must not start and end at 09:00"):
        WorkSchedule(start=time(9), end=time(9))
    with pytest.raises(ValueError, match="aware"):
        due_reminder(
            datetime(2025, 3, 24, 12),
            BERLIN,
            SCHEDULE,
            TrackerState(None, None),
            ReminderSettings(),
            ReminderMemory(),
        )


def test_end_of_day_only_for_a_day_worked_before_its_time() -> None:
    """Before, a timer started at 20:00 after a day with nothing tracked brought the
    end-of-day popup at 20:00."""
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    args = (BERLIN, SCHEDULE)
    evening = running_since(local(24, 18))
    assert due_reminder(local(24, 18, 1), *args, evening, settings, ReminderMemory()) is None
    worked = TrackerState(local(24, 18), local(24, 16), first_start_today=local(24, 9))
    due = due_reminder(local(24, 18, 1), *args, worked, settings, ReminderMemory())
    assert due == Reminder(END_OF_DAY, local(24, 17, 30))


def test_a_missed_end_of_day_comes_late_only_for_a_couple_of_hours() -> None:
    """Asleep at 17:30 and back at 22:00, the popup no longer comes (before: 4.5 h late)."""
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    worked = TrackerState(None, local(24, 16), first_start_today=local(24, 9))
    args = (BERLIN, SCHEDULE, worked, settings, ReminderMemory())
    at = local(24, 17, 30)
    late = at + LATE_END_OF_DAY  # 19:30
    assert due_reminder(late - timedelta(minutes=1), *args) == Reminder(END_OF_DAY, at)
    assert due_reminder(late, *args) is None
    assert due_reminder(local(24, 22), *args) is None


def test_end_of_day_is_once_per_working_day_whatever_its_time() -> None:
    """Before, shown at 17:30 and the working hours then moved to 18:00, it came again."""
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    worked = TrackerState(None, local(24, 17), first_start_today=local(24, 9))
    memory = ReminderMemory().shown(END_OF_DAY, local(24, 17, 30))
    later = WorkSchedule(end=time(18))
    assert due_reminder(local(24, 18), BERLIN, later, worked, settings, memory) is None
    tuesday = TrackerState(None, local(25, 17), first_start_today=local(25, 9))
    assert due_reminder(local(25, 18), BERLIN, later, tuesday, settings, memory) == Reminder(
        END_OF_DAY, local(25, 18)
    )


def test_end_of_day_belongs_to_the_working_day_not_the_calendar_day() -> None:
    """Working until 23:00 and days beginning at 04:00, the end of day missed at 23:00 still
    comes at 00:30: that is Monday's working day, not Tuesday."""
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    late_shift = WorkSchedule(start=time(14), end=time(23), day_start=time(4))
    worked = TrackerState(None, local(24, 22), first_start_today=local(24, 14))
    args = (worked, settings, ReminderMemory())
    due = due_reminder(local(25, 0, 30), BERLIN, late_shift, *args)
    assert due == Reminder(END_OF_DAY, local(24, 23))
    at_midnight = replace(late_shift, day_start=time(0))
    assert due_reminder(local(25, 0, 30), BERLIN, at_midnight, *args) is None


def test_end_of_day_comes_when_days_start_after_working_hours_end() -> None:
    """Days beginning at 23:59 and work ending at 17:30: that 17:30 is in the working day
    begun the evening before, and it was never due (the day's end was taken for the
    previous evening's)."""
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    late_start = WorkSchedule(day_start=time(23, 59))
    worked = TrackerState(None, local(24, 12), first_start_today=local(24, 9))
    due = due_reminder(local(24, 17, 31), BERLIN, late_start, worked, settings, ReminderMemory())
    assert due == Reminder(END_OF_DAY, local(24, 17, 30))


def test_a_long_timer_is_asked_about_past_the_end_of_its_day_not_at_midnight() -> None:
    """Days beginning at 04:00, a timer started at 23:30 was asked about at midnight, after
    30 minutes in the evening's working day; it is asked about when that day ends."""
    settings = ReminderSettings(end_of_day=False, not_tracking=False)
    night_owl = WorkSchedule(day_start=time(4))
    running = TrackerState(local(24, 23, 30), None, first_start_today=local(24, 23, 30))
    args = (night_owl, running, settings, ReminderMemory())
    assert due_reminder(local(25, 0), BERLIN, *args) is None
    assert due_reminder(local(25, 3, 59), BERLIN, *args) is None
    assert due_reminder(local(25, 4), BERLIN, *args) == Reminder(LONG_TIMER, local(24, 23, 30))


def test_snooze_until_tomorrow_after_midnight_is_that_morning() -> None:
    """Before, "until tomorrow" chosen at 00:01 on Wednesday meant Thursday 09:00."""
    assert snooze_until(Snooze.TOMORROW, local(26, 0, 1), BERLIN, SCHEDULE) == local(26, 9)
    assert snooze_until(Snooze.TOMORROW, local(26, 9), BERLIN, SCHEDULE) == local(27, 9)
    assert snooze_until(Snooze.TOMORROW, local(29, 0, 1), BERLIN, SCHEDULE) == local(31, 9)
    mondays = WorkSchedule(days=frozenset({0}))
    assert snooze_until(Snooze.TOMORROW, local(24, 10), BERLIN, mondays) == local(31, 9)


def test_not_tracking_counts_from_when_a_stop_in_the_past_was_made() -> None:
    """The away question answered "Discard" at 10:58 stops the timer at 10:32, when the
    person left; before, "No timer since 10:32" came a minute after the answer."""
    answered = TrackerState(None, local(24, 10, 32), last_stop_made=local(24, 10, 58))
    args = (BERLIN, SCHEDULE, answered, ReminderSettings(), ReminderMemory())
    assert due_reminder(local(24, 11, 12), *args) is None
    assert due_reminder(local(24, 11, 13), *args) == Reminder(NOT_TRACKING, local(24, 10, 32))
    # A stamp ahead of this clock (another device's, a server's) is no answer given now.
    ahead = replace(answered, last_stop_made=local(25, 10, 58))
    due = due_reminder(local(24, 11), BERLIN, SCHEDULE, ahead, ReminderSettings(), ReminderMemory())
    assert due == Reminder(NOT_TRACKING, local(24, 10, 32))


def test_a_showing_remembered_ahead_of_the_clock_is_ignored() -> None:
    """A clock set a day ahead, then corrected: before, the reminder shown "tomorrow" silenced
    today's."""
    memory = ReminderMemory().shown(NOT_TRACKING, local(25, 9, 20))
    idle = TrackerState(None, None)
    due = due_reminder(local(24, 9, 21), BERLIN, SCHEDULE, idle, ReminderSettings(), memory)
    assert due == Reminder(NOT_TRACKING, local(24, 9))


EVERY_DAY = frozenset(range(7))


def test_working_hours_that_begin_in_the_skipped_hour_begin_when_the_clocks_jump() -> None:
    """Berlin's clocks go from 02:00 to 03:00 on Sunday 29 March 2026: working hours from
    02:30 begin at 03:00, as the day's times do (`local_time.at_local`). Before, 02:30 read
    as 03:30: "No timer since 03:30" came at 03:45, and "until tomorrow" ended then."""
    bakery = WorkSchedule(EVERY_DAY, start=time(2, 30), end=time(10))
    idle = (TrackerState(None, None), ReminderSettings(), ReminderMemory())
    jump = datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST
    assert due_reminder(jump + timedelta(minutes=14), BERLIN, bakery, *idle) is None
    due = due_reminder(jump + timedelta(minutes=15), BERLIN, bakery, *idle)
    assert due == Reminder(NOT_TRACKING, jump)
    evening = datetime(2026, 3, 28, 20, tzinfo=UTC)
    assert snooze_until(Snooze.TOMORROW, evening, BERLIN, bakery) == jump


def test_an_end_of_day_in_the_skipped_hour_comes_when_the_clocks_jump() -> None:
    """Working from midnight to 02:30, on 29 March 2026 the end of day comes at 03:00, when
    the clocks jump past 02:30; before, it came half an hour after, at 03:30."""
    night = WorkSchedule(EVERY_DAY, start=time(0), end=time(2, 30))
    settings = ReminderSettings(long_timer=False, not_tracking=False)
    midnight = datetime(2026, 3, 28, 23, tzinfo=UTC)  # 00:00 CET
    worked = TrackerState(midnight, None, first_start_today=midnight)
    jump = datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST
    due = due_reminder(jump, BERLIN, night, worked, settings, ReminderMemory())
    assert due == Reminder(END_OF_DAY, jump)


def test_a_working_day_begun_in_the_repeated_hour_has_begun_when_it_is_shown_again() -> None:
    """Berlin's clocks go back from 03:00 to 02:00 on Sunday 25 October 2026. Days beginning
    at 02:30, Sunday began at the first 02:30 (`local_time.local_day`): its end of day at
    the first 02:45, missed, still comes at the second 02:15. Before, that 02:15 was read as
    Saturday's working day, long ended, and it never came."""
    schedule = WorkSchedule(EVERY_DAY, day_start=time(2, 30))
    settings = ReminderSettings(end_of_day_at=time(2, 45), long_timer=False, not_tracking=False)
    first_0235, first_0245 = (datetime(2026, 10, 25, 0, m, tzinfo=UTC) for m in (35, 45))
    worked = TrackerState(None, first_0245, first_start_today=first_0235)
    second_0215 = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 CET, after 02:59 CEST
    due = due_reminder(second_0215, BERLIN, schedule, worked, settings, ReminderMemory())
    assert due == Reminder(END_OF_DAY, first_0245)


def test_a_running_timer_snoozed_until_tomorrow_is_asked_about_the_next_morning() -> None:
    """Snoozed on a Friday evening, the long-timer question came back on Monday at 09:00:
    the timer ran on unasked for 62 hours, past the longest entry allowed."""
    friday_evening = local(28, 19)
    until = snooze_until(Snooze.TOMORROW, friday_evening, BERLIN, SCHEDULE, LONG_TIMER)
    assert until == local(29, 9)
    mondays = WorkSchedule(days=frozenset({0}))
    assert snooze_until(Snooze.TOMORROW, local(25, 19), BERLIN, mondays, LONG_TIMER) == local(26, 9)
    assert snooze_until(Snooze.TOMORROW, friday_evening, BERLIN, SCHEDULE) == local(31, 9)


NIGHT_SHIFT = WorkSchedule(start=time(22), end=time(6))  # Monday to Friday nights


def test_not_tracking_comes_through_a_night_shift_and_not_outside_it() -> None:
    """22:00 to 06:00 could not be set. Friday's shift runs to 06:00 on Saturday, a day off:
    it is Friday's, reminded of after midnight too; Saturday and Sunday nights are off."""
    idle = (TrackerState(None, None), ReminderSettings(), ReminderMemory())
    reminded = {
        moment: due_reminder(moment, BERLIN, NIGHT_SHIFT, *idle)
        for moment in (
            local(28, 21, 59),
            local(28, 22, 14),
            local(28, 22, 15),
            local(29, 3),
            local(29, 5, 59),
            local(29, 6),
            local(29, 22, 15),
            local(30, 23),
            local(31, 0, 30),
            local(31, 22, 15),
        )
    }
    assert reminded == {
        local(28, 21, 59): None,
        local(28, 22, 14): None,
        local(28, 22, 15): Reminder(NOT_TRACKING, local(28, 22)),
        local(29, 3): Reminder(NOT_TRACKING, local(28, 22)),
        local(29, 5, 59): Reminder(NOT_TRACKING, local(28, 22)),
        local(29, 6): None,
        local(29, 22, 15): None,  # Saturday is off
        local(30, 23): None,  # and Sunday
        local(31, 0, 30): None,  # Monday's shift begins at 22:00
        local(31, 22, 15): Reminder(NOT_TRACKING, local(31, 22)),
    }
    after_midnight = TrackerState(None, local(29, 1, 10))  # tracked until 01:10
    args = (BERLIN, NIGHT_SHIFT, after_midnight, ReminderSettings(), ReminderMemory())
    assert due_reminder(local(29, 1, 24), *args) is None
    assert due_reminder(local(29, 1, 25), *args) == Reminder(NOT_TRACKING, local(29, 1, 10))


@pytest.mark.parametrize("day_start", [time(0), time(12)])
def test_a_night_shift_is_summed_up_once_at_its_end_the_next_morning(day_start: time) -> None:
    """Friday 22:00 to Saturday 06:00, days from midnight or from noon: the end of day comes
    at 06:00 on Saturday, once, and a timer running since 22:00 is not asked about at
    midnight (the end of the day it began in, when days begin then)."""
    night = replace(NIGHT_SHIFT, day_start=day_start)
    settings = ReminderSettings(not_tracking=False)
    worked = TrackerState(None, local(29, 5, 30), first_start_today=local(28, 22))
    assert due_reminder(local(29, 5, 59), BERLIN, night, worked, settings, ReminderMemory()) is None
    due = due_reminder(local(29, 6), BERLIN, night, worked, settings, ReminderMemory())
    assert due == Reminder(END_OF_DAY, local(29, 6))
    shown = ReminderMemory().shown(END_OF_DAY, local(29, 6))
    for later in (local(29, 6, 1), local(29, 7, 59), local(29, 22)):
        assert due_reminder(later, BERLIN, night, worked, settings, shown) is None
    running = running_since(local(28, 22))
    for moment in (local(29, 0), local(29, 5, 59)):
        assert due_reminder(moment, BERLIN, night, running, settings, ReminderMemory()) is None
    assert due_reminder(local(29, 6), BERLIN, night, running, settings, ReminderMemory()) == (
        Reminder(END_OF_DAY, local(29, 6))
    )
    no_summary = ReminderSettings(not_tracking=False, end_of_day=False)
    assert due_reminder(local(29, 8), BERLIN, night, running, no_summary, ReminderMemory()) == (
        Reminder(LONG_TIMER, local(28, 22))  # its 10 hours
    )


def test_a_day_crossed_by_working_hours_turns_midway_through_the_hours_off() -> None:
    """The start of day is kept unless working hours run across it; then reminders' day
    begins midway between the end of one shift and the start of the next."""
    assert NIGHT_SHIFT.day_turn == time(14)
    assert replace(NIGHT_SHIFT, day_start=time(12)).day_turn == time(12)
    assert WorkSchedule(start=time(2), end=time(10), day_start=time(4)).day_turn == time(18)
    assert WorkSchedule(start=time(16), end=time(0)).day_turn == time(8)  # ends at midnight
    assert WorkSchedule(day_start=time(4)).day_turn == time(4)
    assert WorkSchedule(start=time(4), end=time(12), day_start=time(4)).day_turn == time(4)


def test_a_timer_begun_in_a_night_shift_is_offered_to_stop_at_its_end() -> None:
    """The "Stop at…" offered for a long timer is the end of the working hours it began in:
    a night shift's the next morning, whether begun before or after midnight."""
    assert NIGHT_SHIFT.work_end(local(28, 22), BERLIN) == local(29, 6)
    assert NIGHT_SHIFT.work_end(local(29, 1), BERLIN) == local(29, 6)
    assert NIGHT_SHIFT.work_end(local(28, 15), BERLIN) == local(29, 6)
    assert SCHEDULE.work_end(local(24, 8), BERLIN) == local(24, 17, 30)
