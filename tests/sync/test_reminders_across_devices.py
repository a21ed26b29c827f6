"""A timer started on another device silences "not tracking" here once sync has pulled it,
and its stop there counts as the last stop here."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, edit_on_server, post_on_server
from timo_desktop.core.local_time import utc_now
from timo_desktop.core.reminders import (
    ReminderKind,
    ReminderMemory,
    ReminderSettings,
    WorkSchedule,
    due_reminder,
)
from timo_desktop.services.reminders import tracker_state

ALWAYS_AT_WORK = WorkSchedule(frozenset(range(7)), time(0, 0), time(23, 59))
NAG_AFTER_TEN_MINUTES = ReminderSettings(
    not_tracking_after=timedelta(minutes=10), end_of_day=False, long_timer=False
)


def around_noon(now: datetime) -> str:
    """A zone where `now` is between 12:00 and 13:00, hours into the working day: a whole
    hour's offset from UTC, named as IANA names one (`Etc/GMT-3` is UTC+3)."""
    return f"Etc/GMT{now.hour - 12:+d}"


def due_here(timo: Timo) -> ReminderKind | None:
    """The reminder this device would show now (nothing shown before)."""
    now = utc_now()
    due = due_reminder(
        now,
        around_noon(now),
        ALWAYS_AT_WORK,
        tracker_state(timo.tracker, ALWAYS_AT_WORK),
        NAG_AFTER_TEN_MINUTES,
        ReminderMemory(),
    )
    return None if due is None else due.kind


def test_a_timer_on_another_device_counts_as_tracking(timo: Timo, sandbox: SandboxHandle) -> None:
    now = utc_now()
    # The tracker's days in the same zone as the reminders': a stop three minutes ago is
    # today's whatever the hour this runs (in Berlin it was yesterday's at midnight).
    timo.tracker.zone = around_noon(now)
    timo.engine.sync(push=False)  # the seeded history ends before today
    assert due_here(timo) is ReminderKind.NOT_TRACKING

    laptop = post_on_server(sandbox, "On the laptop", now - timedelta(hours=2), running=True)
    timo.engine.sync(push=False)
    assert due_here(timo) is None
    assert tracker_state(timo.tracker, ALWAYS_AT_WORK).running_since == now.replace(
        microsecond=0
    ) - timedelta(hours=2)

    stopped = (now - timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    edit_on_server(sandbox, laptop, {"end": stopped})
    timo.engine.sync(push=False)
    state = tracker_state(timo.tracker, ALWAYS_AT_WORK)
    assert state.running_since is None
    assert state.last_stop == now.replace(microsecond=0) - timedelta(minutes=3)
    assert due_here(timo) is None  # 3 minutes since the laptop's stop, not 10
