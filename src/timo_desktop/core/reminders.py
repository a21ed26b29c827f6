"""Which reminder, if any, is due now: a pure function of the clock and the tracker.

Three reminders, in priority order (at most one is shown at a time):

1. End of day — at the configured time on a working day on which something
   was tracked: the summary popup. It also offers to stop the running timer,
   so showing it counts as showing the long-timer reminder.
2. Long timer — a timer on this device running past a limit or past midnight.
3. Not tracking — during working hours, no timer here or on another device
   for N minutes, counted from the last stop (or the start of the working
   day), never from an earlier reminder.

Each can be snoozed (an hour, or until the next working day) and switched off;
`ReminderSettings.enabled=False` switches them all off. The caller keeps a
`ReminderMemory` (what was shown, what is snoozed) and passes it back in.

Instants are aware `datetime`s; days and working hours are read in the
person's IANA zone, so a day is 23 or 25 hours long across a DST change.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType


class ReminderKind(StrEnum):
    """The reminders Timo shows, named as they are stored."""

    END_OF_DAY = "end_of_day"
    LONG_TIMER = "long_timer"
    NOT_TRACKING = "not_tracking"


PRIORITY = (ReminderKind.END_OF_DAY, ReminderKind.LONG_TIMER, ReminderKind.NOT_TRACKING)

# Showing the first also answers the others: the end-of-day popup offers
# "Stop now" / "Keep running" for the running timer.
COVERS: Mapping[ReminderKind, tuple[ReminderKind, ...]] = MappingProxyType(
    {ReminderKind.END_OF_DAY: (ReminderKind.LONG_TIMER,)}
)


class Snooze(StrEnum):
    """How long the person asked to be left alone."""

    HOUR = "hour"
    TOMORROW = "tomorrow"


@dataclass(frozen=True)
class WorkSchedule:
    """Working days (0 = Monday … 6 = Sunday) and hours, in local time."""

    days: frozenset[int] = frozenset(range(5))
    start: time = time(9, 0)
    end: time = time(17, 30)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(
                f"working hours must end after they start (got {self.start:%H:%M}–{self.end:%H:%M})"
            )
        if not self.days <= frozenset(range(7)):
            raise ValueError("working days are numbered 0 (Monday) to 6 (Sunday)")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days

    def next_start(self, now: datetime, zone: tzinfo) -> datetime | None:
        """The start of the first working day after `now`'s local day, or None if none."""
        day = now.astimezone(zone).date()
        for ahead in range(1, 8):
            candidate = day + timedelta(days=ahead)
            if self.is_working_day(candidate):
                return local_instant(candidate, self.start, zone)
        return None


@dataclass(frozen=True)
class ReminderSettings:
    """What the person chose in Settings."""

    enabled: bool = True
    not_tracking: bool = True
    not_tracking_after: timedelta = timedelta(minutes=15)
    end_of_day: bool = True
    end_of_day_at: time | None = None  # None: the end of working hours
    long_timer: bool = True
    long_timer_after: timedelta | None = timedelta(hours=10)
    long_timer_past_midnight: bool = True

    def is_on(self, kind: ReminderKind) -> bool:
        switches = {
            ReminderKind.END_OF_DAY: self.end_of_day,
            ReminderKind.LONG_TIMER: self.long_timer,
            ReminderKind.NOT_TRACKING: self.not_tracking,
        }
        return self.enabled and switches[kind]


@dataclass(frozen=True)
class TrackerState:
    """The tracker as reminders see it."""

    running_since: datetime | None  # the running timer (started here or pulled by sync)
    last_stop: datetime | None  # when the last timer (on any device) stopped


@dataclass(frozen=True)
class ReminderMemory:
    """When each reminder was last shown and until when it is snoozed."""

    shown_at: Mapping[ReminderKind, datetime] = field(default_factory=dict)
    snoozed_until: Mapping[ReminderKind, datetime] = field(default_factory=dict)

    def shown(self, kind: ReminderKind, at: datetime) -> ReminderMemory:
        """This memory after showing `kind` at `at` (also covering what it covers)."""
        marked = dict(self.shown_at)
        for covered in (kind, *COVERS.get(kind, ())):
            marked[covered] = at
        return ReminderMemory(marked, self.snoozed_until)

    def snoozed(self, kind: ReminderKind, until: datetime) -> ReminderMemory:
        """This memory with `kind` silent until `until`."""
        return ReminderMemory(self.shown_at, {**self.snoozed_until, kind: until})


@dataclass(frozen=True)
class Reminder:
    """A reminder to show; `since` is what it is about (the last stop, the timer start…)."""

    kind: ReminderKind
    since: datetime


def local_instant(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC instant of wall-clock time `at` on `day` in `zone`."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def snooze_until(option: Snooze, now: datetime, zone: tzinfo, schedule: WorkSchedule) -> datetime:
    """When a snooze chosen at `now` ends: in an hour, or at the next working day's start."""
    if option is Snooze.HOUR:
        return _utc(now) + timedelta(hours=1)
    next_start = schedule.next_start(now, zone)
    if next_start is not None:
        return next_start
    return local_instant(now.astimezone(zone).date() + timedelta(days=1), time(0, 0), zone)


def due_reminder(
    now: datetime,
    zone: tzinfo,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
    memory: ReminderMemory,
    quiet: bool = False,
) -> Reminder | None:
    """The one reminder to show now, or None.

    `quiet` is true while the OS asks for silence (Do Not Disturb, a
    fullscreen presentation): nothing is shown and nothing is lost — a due
    reminder comes once the quiet ends. After showing, record it with
    `memory.shown(kind, now)` so it is not shown again for the same cause.
    """
    utc_now = _utc(now)
    tracker = TrackerState(
        None if tracker.running_since is None else _utc(tracker.running_since),
        None if tracker.last_stop is None else _utc(tracker.last_stop),
    )
    if quiet or not settings.enabled:
        return None
    for kind in PRIORITY:
        if not settings.is_on(kind):
            continue
        cause = _CAUSES[kind](utc_now, zone, schedule, tracker, settings)
        if cause is None:
            continue
        due_from, since = cause
        snoozed = memory.snoozed_until.get(kind)
        arm = due_from if snoozed is None else max(due_from, snoozed)
        shown = memory.shown_at.get(kind)
        if utc_now >= arm and (shown is None or shown < arm):
            return Reminder(kind, since)
    return None


# Each cause returns (due from, since) while its condition holds now, else None.
Cause = tuple[datetime, datetime] | None


def _not_tracking(
    now: datetime,
    zone: tzinfo,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause:
    if tracker.running_since is not None:
        return None
    day = now.astimezone(zone).date()
    if not schedule.is_working_day(day):
        return None
    work_start = local_instant(day, schedule.start, zone)
    if not work_start <= now < local_instant(day, schedule.end, zone):
        return None
    since = work_start if tracker.last_stop is None else max(tracker.last_stop, work_start)
    return since + settings.not_tracking_after, since


def _end_of_day(
    now: datetime,
    zone: tzinfo,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause:
    day = now.astimezone(zone).date()
    if not schedule.is_working_day(day):
        return None
    day_start = local_instant(day, time(0, 0), zone)
    tracked_today = tracker.running_since is not None or (
        tracker.last_stop is not None and tracker.last_stop >= day_start
    )
    if not tracked_today:
        return None
    at = local_instant(day, settings.end_of_day_at or schedule.end, zone)
    return at, at


def _long_timer(
    now: datetime,
    zone: tzinfo,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause:
    started = tracker.running_since
    if started is None:
        return None
    limits = []
    if settings.long_timer_after is not None:
        limits.append(started + settings.long_timer_after)
    if settings.long_timer_past_midnight:
        next_day = started.astimezone(zone).date() + timedelta(days=1)
        limits.append(local_instant(next_day, time(0, 0), zone))
    return (min(limits), started) if limits else None


_CAUSES = {
    ReminderKind.END_OF_DAY: _end_of_day,
    ReminderKind.LONG_TIMER: _long_timer,
    ReminderKind.NOT_TRACKING: _not_tracking,
}


def _utc(instant: datetime) -> datetime:
    # Arithmetic on aware datetimes sharing one zone is wall-clock arithmetic;
    # in UTC it is elapsed time, which is what limits mean.
    if instant.tzinfo is None:
        raise ValueError(f"naive datetime {instant!r}: reminders need aware instants")
    return instant.astimezone(UTC)
