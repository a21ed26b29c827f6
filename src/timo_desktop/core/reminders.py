"""Which reminder, if any, is due now: a pure function of the clock and the tracker.

Three reminders, in priority order (at most one is shown at a time):

1. End of day — at the configured time on a working day on which something
   was tracked before that time: the summary popup, once per working day
   (days begin at `WorkSchedule.day_turn`: the start of day, unless it falls within
   working hours). A night shift (22:00 to 06:00) is the working day it starts on,
   and its summary comes the next morning. Missed (asleep, Timo closed) it
   still comes up to `LATE_END_OF_DAY` after its time, no later: the evening
   is the person's own. It also offers to stop the running timer, so showing
   it counts as showing the long-timer reminder.
2. Long timer — a timer on this device running past a limit or past the end of its
   day (the next start of day: midnight, or `WorkSchedule.day_turn`).
3. Not tracking — during working hours, no timer here or on another device
   for N minutes, counted from the last stop (or the start of the working
   day), never from an earlier reminder; a stop written later than the end it
   set (an away answer, "Stop at…") counts from when it was written.

Each is shown once per cause and can be snoozed (an hour, or until working
hours next start) and switched off; `ReminderSettings.enabled=False` switches
them all off. The caller keeps a `ReminderMemory` (what was shown, what is
snoozed) and passes it back in; a showing remembered later than now (a clock
set ahead, since corrected) is ignored.

Instants are aware `datetime`s; days and working hours are read in the
person's IANA zone by the rules of `core.local_time`, so a day is 23 or 25 hours
long across a DST change, a time the clocks skip is the moment they jump, and a
working day that begins in the hour shown twice has begun at its first showing.
Standard library and `core.local_time` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from timo_desktop.core.local_time import MIDNIGHT, at_local, day_range, local, local_day


class ReminderKind(StrEnum):
    """The reminders Timo shows, named as they are stored."""

    END_OF_DAY = "end_of_day"
    LONG_TIMER = "long_timer"
    NOT_TRACKING = "not_tracking"


# How late a missed end of day (asleep or closed at its time) still comes: a couple of hours
# catches "back at 18:00"; by the late evening the day's summary would only interrupt.
LATE_END_OF_DAY = timedelta(hours=2)

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
    """Working days (0 = Monday … 6 = Sunday) and hours, in local time; `day_start` is when
    a day begins (`day.start_of_day`): work before it belongs to the day before.

    Hours that end before they start (22:00 to 06:00) end the next morning: a shift
    belongs to the working day it starts on, so Friday's runs to Saturday 06:00."""

    days: frozenset[int] = frozenset(range(5))
    start: time = time(9, 0)
    end: time = time(17, 30)
    day_start: time = time(0, 0)

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError(f"working hours must not start and end at {self.start:%H:%M}")
        if not self.days <= frozenset(range(7)):
            raise ValueError("working days are numbered 0 (Monday) to 6 (Sunday)")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days

    @property
    def overnight(self) -> bool:
        """True when working hours end the morning after they start (22:00 to 06:00)."""
        return self.end < self.start

    @property
    def day_turn(self) -> time:
        """When a day begins for reminders: the start of day, unless it falls within working
        hours (22:00–06:00 with days from midnight, 02:00–10:00 with days from 04:00); then
        midway through the hours off, so that each shift lies whole in one day: its summary
        counts all of it, and a timer begun in it is not asked about as the shift goes on."""
        into_shift = _minutes_after(self.start, self.day_start)
        if not 0 < into_shift <= _minutes_after(self.start, self.end):
            return self.day_start
        off = _minutes_after(self.end, self.start)
        turn = (_minutes(self.end) + off // 2) % (24 * 60)
        return time(turn // 60, turn % 60)

    def shift(self, day: date, zone: str) -> tuple[datetime, datetime]:
        """The working hours that start on calendar date `day` in IANA zone `zone`, as UTC
        bounds [start, end): the end on the next day for hours that run overnight."""
        ends_on = day + timedelta(days=1) if self.overnight else day
        return at_local(day, self.start, zone), at_local(ends_on, self.end, zone)

    def shift_at(self, now: datetime, zone: str) -> tuple[datetime, datetime] | None:
        """The working hours `now` is in, on a working day (that they start on), or None."""
        today = local(now, zone).date()
        for day in (today, today - timedelta(days=1)):  # yesterday's may run into today
            start, end = self.shift(day, zone)
            if self.is_working_day(day) and start <= now < end:
                return start, end
        return None

    def day_of(self, instant: datetime, zone: str) -> tuple[date, datetime, datetime]:
        """The day `instant` is in as reminders read it (beginning at `day_turn`): its date
        and UTC bounds [start, end)."""
        day = local_day(instant, zone, self.day_turn)
        return (day, *day_range(day, zone, self.day_turn))

    def work_end(self, instant: datetime, zone: str) -> datetime:
        """The end of the working hours `instant` is in, else of those starting on its date
        (working day or not): where a timer begun then would likely end."""
        today = local(instant, zone).date()
        last_night = self.shift(today - timedelta(days=1), zone)[1]
        return last_night if instant < last_night else self.shift(today, zone)[1]

    def next_start(self, now: datetime, zone: str) -> datetime | None:
        """The first start of working hours after `now` (later today, if they have not
        begun yet) in IANA zone `zone`, or None if no day is a working day."""
        day = local(now, zone).date()
        for ahead in range(8):  # today, and a week on for a lone working day already begun
            candidate = day + timedelta(days=ahead)
            start = at_local(candidate, self.start, zone)
            if self.is_working_day(candidate) and start > now:
                return start
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
    long_timer_past_day_end: bool = True  # the next start of day after its start

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
    # When the last timer (on any device) stopped; one in the day before too (days as
    # `WorkSchedule.day_of` reads them).
    last_stop: datetime | None
    # When that stop was written: later than `last_stop` for a stop set in the past (an away
    # answer, "Stop at…"), made by someone at the computer then.
    last_stop_made: datetime | None = None
    # The start of the first entry (stopped or running) of the day (`WorkSchedule.day_of`)
    # the check runs in.
    first_start_today: datetime | None = None
    # When Timo began watching (it started): nothing tracked before it says nothing of a
    # person who has only just opened it (a new user was told seconds after first opening
    # it that nothing had been tracked since 09:00).
    watching_since: datetime | None = None


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

    def unshown(self, kind: ReminderKind) -> ReminderMemory:
        """This memory as if `kind` had not been shown (it was put away unanswered)."""
        marked = {
            k: at for k, at in self.shown_at.items() if k not in (kind, *COVERS.get(kind, ()))
        }
        return ReminderMemory(marked, self.snoozed_until)

    def snoozed(self, kind: ReminderKind, until: datetime) -> ReminderMemory:
        """This memory with `kind` silent until `until`."""
        return ReminderMemory(self.shown_at, {**self.snoozed_until, kind: until})


@dataclass(frozen=True)
class Reminder:
    """A reminder to show; `since` is what it is about (the last stop, the timer start…)."""

    kind: ReminderKind
    since: datetime


def snooze_until(
    option: Snooze,
    now: datetime,
    zone: str,
    schedule: WorkSchedule,
    kind: ReminderKind = ReminderKind.NOT_TRACKING,
) -> datetime:
    """When a snooze of `kind` chosen at `now` ends: in an hour, or when working hours next
    start in IANA zone `zone` (at 00:01 that is the same morning: "tomorrow" to someone
    still up that night). A running timer is asked about again the next morning, working
    day or not: snoozed on a Friday evening, it ran on unasked until Monday, past the
    longest entry allowed."""
    if option is Snooze.HOUR:
        return _utc(now) + timedelta(hours=1)
    if kind is ReminderKind.LONG_TIMER:
        schedule = replace(schedule, days=frozenset(range(7)))
    next_start = schedule.next_start(now, zone)
    if next_start is not None:
        return next_start
    return at_local(local(now, zone).date() + timedelta(days=1), MIDNIGHT, zone)


def due_reminder(
    now: datetime,
    zone: str,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
    memory: ReminderMemory,
    quiet: bool = False,
) -> Reminder | None:
    """The one reminder to show now, or None; days and working hours as read in IANA
    zone `zone` (`Tracker.zone`).

    `quiet` is true while the OS asks for silence (Do Not Disturb, a
    fullscreen presentation): nothing is shown and nothing is lost — a due
    reminder comes once the quiet ends. After showing, record it with
    `memory.shown(kind, now)` so it is not shown again for the same cause.
    """
    utc_now = _utc(now)
    tracker = TrackerState(*(None if at is None else _utc(at) for at in astuple(tracker)))
    if quiet or not settings.enabled:
        return None
    for kind in PRIORITY:
        if not settings.is_on(kind):
            continue
        cause = _CAUSES[kind](utc_now, zone, schedule, tracker, settings)
        if cause is None:
            continue
        snoozed = memory.snoozed_until.get(kind)
        due = cause.due if snoozed is None else max(cause.due, snoozed)
        answered = cause.answered_from if snoozed is None else max(cause.answered_from, snoozed)
        shown = memory.shown_at.get(kind)
        if shown is not None and shown > utc_now:
            shown = None  # remembered by a clock set ahead, since corrected: not about now
        if utc_now >= due and (shown is None or shown < answered):
            return Reminder(kind, cause.since)
    return None


class Cause(NamedTuple):
    """Why a reminder is due, returned by a cause while its condition holds now."""

    due: datetime  # from when it is due
    since: datetime  # what it is about, as `Reminder.since`
    answered_from: datetime  # a showing at or after this answers it (until a snooze ends)


def _not_tracking(
    now: datetime,
    zone: str,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause | None:
    if tracker.running_since is not None:
        return None
    shift = schedule.shift_at(now, zone)
    if shift is None:
        return None
    work_start = shift[0]
    since = work_start if tracker.last_stop is None else max(tracker.last_stop, work_start)
    if tracker.watching_since is not None:
        since = max(since, tracker.watching_since)
    made = tracker.last_stop_made
    # Someone who just put a stop in the past (answered the away question) is here now:
    # count from the answer. A stamp ahead of this clock says nothing about now.
    counted = since if made is None or made > now else max(since, made)
    return Cause(counted + settings.not_tracking_after, since, since)


def _end_of_day(
    now: datetime,
    zone: str,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause | None:
    # The last end of working hours, today's or (missed late in the evening) yesterday's,
    # as `_not_tracking` reads working hours: by the working day they start on, a night
    # shift's end the next morning. Only within the day it ends (from `day_turn`): a
    # day starting after work ends (23:59) put it on the evening before, never due.
    at, start_day = _last_end(now, zone, schedule, settings.end_of_day_at or schedule.end)
    if not schedule.is_working_day(start_day):
        return None
    worked = local_day(at, zone, schedule.day_turn)
    if now >= at + LATE_END_OF_DAY or worked != local_day(now, zone, schedule.day_turn):
        # Late, or in a working day since ended: that day's end is not asked about any more.
        return None
    # A day is ended only if it was worked: a timer started after its time (evening work on a
    # day otherwise off) is no day's end.
    first = tracker.first_start_today
    if first is None or first >= at:
        return None
    # Answered for the whole working day, so a change of working hours does not repeat it.
    return Cause(at, at, at_local(worked, schedule.day_turn, zone))


def _long_timer(
    now: datetime,
    zone: str,
    schedule: WorkSchedule,
    tracker: TrackerState,
    settings: ReminderSettings,
) -> Cause | None:
    started = tracker.running_since
    if started is None:
        return None
    limits = []
    if settings.long_timer_after is not None:
        limits.append(started + settings.long_timer_after)
    if settings.long_timer_past_day_end:
        # The end of the day it started in, as reminders read days (`day_of`): with days
        # starting at 04:00 a timer from 23:30 was asked about at midnight, after 30 min,
        # and in hours from 02:00 to 10:00 one from 02:00 at 04:00, amid the shift.
        limits.append(schedule.day_of(started, zone)[2])
    if not limits:
        return None
    # Answered from its limit on: an end-of-day popup shown before the limit does not answer it.
    return Cause(min(limits), started, min(limits))


def _last_end(
    now: datetime, zone: str, schedule: WorkSchedule, clock: time
) -> tuple[datetime, date]:
    """The last time `clock` ended working hours at or before `now` (the next morning for
    hours running overnight, where it comes before their start), and the date they began."""
    ends_later = timedelta(days=1 if schedule.overnight and clock < schedule.start else 0)
    day = local(now, zone).date() - ends_later
    if at_local(day + ends_later, clock, zone) > now:
        day -= timedelta(days=1)
    return at_local(day + ends_later, clock, zone), day


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


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _minutes_after(earlier: time, later: time) -> int:
    """Minutes from `earlier` on to `later`, going on past midnight: 22:00 to 06:00 is 480."""
    return (_minutes(later) - _minutes(earlier)) % (24 * 60)
