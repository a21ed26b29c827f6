"""Is the person at the machine? One state machine, and what to do about time away.

`PresenceMachine` is fed, in time order, by three kinds of observation and
returns an `Away` interval once the person is back:

- idle samples: `sample(at, idle_seconds)` every few seconds, from the OS idle
  counter;
- power and lock events: `suspend`, `resume`, `lock`, `unlock`;
- the clock: `slept(start, end)` for a sleep the OS did not announce, and
  `clock_jump(delta)` when the wall clock was set.

An away period starts at its true beginning — the last input, or the lock or
suspend if input was seen up to that moment — and ends at the first real input
after it (or the unlock). Brief wakes in the night (a resume and a new suspend
with no input in between) do not end it, because input counts only if it
happens after a resume and its grace period, and never while the screen is
locked — unless it goes on for minutes on a lock whose source may never say the
unlock: then the screen was unlocked and nobody said so.

`resolve_away` turns the person's answer about one timer's away periods into
plain edit instructions for the Tracker (`StopAt`, `StartLater`, `Remove`,
`StartCopy`, `AddEntry`).

All instants are aware `datetime`s; the module uses the standard library only.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# The same input, derived from two samples (wall clock minus the OS idle
# counter), can differ by a few milliseconds; only a later moment is new input.
_READING_JITTER = timedelta(seconds=1)

# A timer started by the very key press that began an away period (`timo start`, then
# the Tracker's whole seconds) starts a moment after it, and one stopped by the first
# input back ends a moment before the return: both still hold the whole time away.
_SAME_INPUT = timedelta(seconds=5)
_WHOLE_SECOND = timedelta(seconds=1)  # entries keep whole seconds; inputs are read finer

# A sample on a locked screen finding no input for longer ends a stretch of use.
_INPUT_PAUSE = timedelta(seconds=30)


class AwayCause(StrEnum):
    """What began the away period."""

    IDLE = "idle"
    LOCK = "lock"
    SUSPEND = "suspend"


@dataclass(frozen=True)
class Away:
    """The person was away from `start` to `end`."""

    start: datetime
    end: datetime
    cause: AwayCause

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class PresenceConfig:
    """Tuning of the presence machine.

    `threshold`: no input for this long is "away", and shorter locks or sleeps
    are not reported; None turns away detection off entirely.
    `wake_grace`: input stamped within this long after a resume is taken as the
    wake itself (lid switch, counters reset by the OS), not as the person.
    `fresh_sample`: at a lock or suspend, the last idle sample tells when input
    stopped only if it is at most this old; otherwise the event time is used,
    which never makes the away period longer than observed.
    `locked_use`: input kept up this long on a locked screen (no sample finding it idle
    over 30 s) means it was unlocked unannounced; the return is the first input of that
    stretch.
    """

    threshold: timedelta | None = timedelta(minutes=5)
    wake_grace: timedelta = timedelta(seconds=5)
    fresh_sample: timedelta = timedelta(seconds=1)
    locked_use: timedelta = timedelta(minutes=2)


class PresenceMachine:
    """Turns idle samples, power and lock events and clock gaps into away intervals.

    Feed it in time order. Methods that can end an away period return the
    `Away` (or None). Before feeding an event, feed a sample taken at the same
    moment when the OS allows it: that fixes the away start at the last input.
    """

    def __init__(self, now: datetime, config: PresenceConfig | None = None) -> None:
        """Start with the person present; input is assumed at `now` until the first sample."""
        _require_aware(now)
        self.config = config or PresenceConfig()
        self._last_input = now
        self._last_sample_at: datetime | None = None
        self._reads_idle = False  # the latest try read the idle time: input can be seen
        self._input_floor: datetime | None = None  # input at or before this is not the person
        self._away_start: datetime | None = None
        self._away_cause = AwayCause.IDLE
        self._locked = False
        self._locked_use_since: datetime | None = None  # a stretch of input while locked
        self._unlock_follows = True  # the lock's source will say the unlock
        self._suspended = False
        self._woke_at: datetime | None = None  # the latest wake known

    @property
    def away_since(self) -> datetime | None:
        """The start of the away period in progress, or None while the person is here."""
        return self._away_start

    @property
    def last_input(self) -> datetime:
        """The latest input seen."""
        return self._last_input

    def away_at(self, now: datetime) -> datetime | None:
        """When the person left, as of `now`: the start of the away period in progress, or
        the last input when none came for the threshold since (the poll, every few seconds
        and not before a wake, has not yet seen it); None while they are here.

        Without the idle time to read, input is never seen: then only a lock or a sleep
        says the person left, never the time since the last input (an unlock or the start).
        """
        threshold = self.config.threshold
        if self._away_start is not None or threshold is None:
            return self._away_start
        if self._reads_idle and now - self._last_input >= threshold:
            return self._last_input
        return None

    def idle_unreadable(self) -> None:
        """The idle time could not be read: no input seen says nothing until it can be."""
        self._reads_idle = False

    def sample(self, at: datetime, idle_seconds: float) -> Away | None:
        """Record that at `at` the OS reported `idle_seconds` since the last input."""
        _require_aware(at)
        if self._last_sample_at is not None and at < self._last_sample_at:
            # The wall clock went back unannounced; assume no time passed.
            self.clock_jump(at - self._last_sample_at)
        if self._suspended:
            self.resume(at)  # a sample proves the machine is awake; the resume event was lost
        self._reads_idle = True
        input_at = at - timedelta(seconds=max(0.0, idle_seconds))
        if self._locked and at - input_at > _INPUT_PAUSE:
            self._locked_use_since = None
        if self._last_sample_at is None:
            self._last_input = input_at  # the first reading replaces the guess made at start
        self._last_sample_at = at
        threshold = self.config.threshold
        if input_at - self._last_input > _READING_JITTER and (
            self._input_floor is None or input_at > self._input_floor
        ):
            previous, self._last_input = self._last_input, input_at
            if self._locked:
                return self._used_while_locked(input_at)
            if threshold is not None and input_at - previous >= threshold:
                # A gap that fell between two samples is found in retrospect.
                self._begin(previous, AwayCause.IDLE)
            if self._away_start is not None:
                return self._come_back(input_at)
        if (
            self._away_start is None
            and threshold is not None
            and at - self._last_input >= threshold
        ):
            self._begin(self._last_input, AwayCause.IDLE)
        return None

    def lock(self, at: datetime, *, unlock_follows: bool = True) -> None:
        """The session was locked at `at`. `unlock_follows=False`: its source may never say
        the unlock (a locker that just exits), so steady input ends the lock."""
        _require_aware(at)
        # Said again by a source that pairs it (logind's LockedHint after its Lock, as
        # GNOME sets it), the unlock will come.
        self._unlock_follows = unlock_follows or (self._locked and self._unlock_follows)
        self._locked, self._locked_use_since = True, None
        self._begin(self._start_at(at), AwayCause.LOCK)

    def unlock(self, at: datetime) -> Away | None:
        """The session was unlocked at `at`: the person is back unless the machine sleeps."""
        _require_aware(at)
        self._locked, self._locked_use_since = False, None
        self._input_floor = _later(self._input_floor, at)  # the password typed is not new input
        if self._away_start is not None and not self._suspended:
            return self._come_back(at)
        return None

    def suspend(self, at: datetime) -> None:
        """The machine is going to sleep at `at`; a sleep announced only after a later wake
        (already recorded from the clocks) is over, and changes nothing."""
        _require_aware(at)
        if self._woke_at is not None and at < self._woke_at:
            # Taken as a sleep to come, it kept the machine asleep while awake: an unlock
            # went unseen, and input was ignored until a sample took it for the wake.
            return
        self._suspended = True
        self._begin(self._start_at(at), AwayCause.SUSPEND)

    def resume(self, at: datetime) -> None:
        """The machine woke at `at`; possibly a brief wake with nobody there."""
        _require_aware(at)
        self._suspended, self._woke_at = False, _later(self._woke_at, at)
        self._input_floor = _later(self._input_floor, at + self.config.wake_grace)

    def slept(self, start: datetime, end: datetime) -> None:
        """The clock check found the machine asleep from `start` (last seen awake) to `end`."""
        self.suspend(start)
        self.resume(end)

    def clock_jump(self, delta: timedelta) -> None:
        """The wall clock was set by `delta` without time passing: keep durations right."""
        self._last_input += delta
        if self._last_sample_at is not None:
            self._last_sample_at += delta
        if self._input_floor is not None:
            self._input_floor += delta
        if self._woke_at is not None:
            self._woke_at += delta
        if self._away_start is not None:
            self._away_start += delta

    def _used_while_locked(self, input_at: datetime) -> Away | None:
        """Input at `input_at` while locked: the unlock when it has gone on long enough."""
        # Lockers such as i3lock or swaylock, run by xss-lock or swayidle on logind's Lock,
        # exit on the password with no Unlock and set no LockedHint: without this, the
        # person would stay away, and reminders held, for the rest of the session. Typing
        # a password takes seconds; minutes of steady input is someone at work again.
        # Where the unlock is sure to come, steady input is a mouse jiggler or a video
        # player, and ending the lock early would leave the time away unasked.
        if self._unlock_follows:
            return None
        if self._locked_use_since is None:
            self._locked_use_since = input_at
        if input_at - self._locked_use_since < self.config.locked_use:
            return None
        return self.unlock(self._locked_use_since)

    def _start_at(self, event_at: datetime) -> datetime:
        fresh = (
            self._last_sample_at is not None
            and event_at - self._last_sample_at <= self.config.fresh_sample
        )
        return min(event_at, self._last_input) if fresh else event_at

    def _begin(self, start: datetime, cause: AwayCause) -> None:
        if self._away_start is None and self.config.threshold is not None:
            self._away_start, self._away_cause = start, cause

    def _come_back(self, end: datetime) -> Away | None:
        start, self._away_start = self._away_start, None
        # The return is where the person is seen last: input after it is a new stretch, and
        # a gap measured from an input before it would report the same time away again.
        self._last_input = max(self._last_input, end)
        threshold = self.config.threshold
        if start is None or threshold is None or end - start < threshold:
            return None
        return Away(start, end, self._away_cause)


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None:
        raise ValueError(f"naive datetime {instant!r}: presence needs aware instants")


def _later(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None else max(current, candidate)


# --- What to do with the time away --------------------------------------------------


class AwayChoice(StrEnum):
    """The person's answer to "You were away from … to …"."""

    KEEP = "keep"
    DISCARD = "discard"
    DISCARD_AND_CONTINUE = "discard_and_continue"
    ASSIGN = "assign"


@dataclass(frozen=True)
class RunningEntry:
    """The timer asked about: its entry reference, start, and end once stopped (None while
    it runs)."""

    ref: Hashable
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class StopAt:
    """End the entry `ref` at `at` (it may be running or already stopped later)."""

    ref: Hashable
    at: datetime


@dataclass(frozen=True)
class StartCopy:
    """Start a running entry like `ref` (same target, description, billable) at `at`; with
    `end`, add a finished one from `at` to `end` instead."""

    ref: Hashable
    at: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class StartLater:
    """Entry `ref` keeps only the time from `at` to `end` (None: running on, or to its own
    end): the time away took all of it before `at`."""

    ref: Hashable
    at: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class Remove:
    """Delete the entry `ref`: the time away took all of it."""

    ref: Hashable


@dataclass(frozen=True)
class AddEntry:
    """Add a finished entry on `target` from `start` to `end`, described as `description`."""

    target: Hashable
    start: datetime
    end: datetime
    description: str = ""


Edit = StopAt | StartLater | Remove | StartCopy | AddEntry


def merged(aways: Sequence[Away]) -> list[Away]:
    """`aways` in time order, with periods that overlap or touch made one (from the earliest
    start to the latest end, named by the earliest's cause): no time is asked or booked twice."""
    joined: list[Away] = []
    for away in sorted(aways, key=lambda a: (a.start, a.end)):
        if joined and away.start <= joined[-1].end:
            last = joined[-1]
            joined[-1] = Away(last.start, max(last.end, away.end), last.cause)
        else:
            joined.append(away)
    return joined


def ran_through(away: Away, entry: RunningEntry) -> bool:
    """Whether the timer `entry` ran all through `away`, so the time away is asked about:
    started before it began (or by the input that began it) and not stopped before the
    return. One started meanwhile was started by the person elsewhere."""
    return entry.start < away.start + _SAME_INPUT and away_for_entry(away, entry) is not None


def away_for_entry(away: Away, entry: RunningEntry | None) -> Away | None:
    """The part of `away` worth asking about for `entry`, or None: no question.

    The part never reaches outside the entry, so an answer cannot end it before
    its start: a start moved into the time away leaves the rest of it to ask
    about. No timer, one starting at the return or later, or one stopped before
    the return (stopped elsewhere meanwhile) means there is nothing to ask.
    """
    if entry is None or entry.start >= away.end - _SAME_INPUT:
        return None
    if entry.end is not None and entry.end <= away.end - _SAME_INPUT:
        return None
    end = away.end if entry.end is None else min(away.end, entry.end)
    # Begun within the second the timer's start is kept to, the time away began with it
    # (a start at 10:32:00.7 kept as 10:32:00, the last input read at 10:32:00.4, would
    # leave a 0-second entry); seconds worked before leaving stay the entry's.
    start = entry.start if away.start < entry.start + _WHOLE_SECOND else away.start
    return Away(start, end, away.cause)


def resolve_away(
    choice: AwayChoice,
    away: Away | Sequence[Away],
    entry: RunningEntry | None,
    target: Hashable | None = None,
    description: str = "",
) -> list[Edit]:
    """The Tracker edits, in order, that carry out `choice` for the time `away` (one away
    period, or several of the same timer: the answer holds for each, and periods that
    overlap are taken as one).

    Keep: none. Discard: the entry ends at the first away start, and the time
    worked between away periods stays as copies of it. Discard and continue:
    the time after the last return stays too — the timer goes on from there,
    or a stopped entry keeps it up to its end. Assign: as Discard and
    continue, with each away period its own entry on `target` (what it was in
    `description`). The copy starts at the return, not when the question was
    answered: the person was already back at work. An entry the time away began with
    (a timer started just before leaving) is never left as an empty stub: it keeps the
    first time worked after the return itself, or is removed when none is kept.
    """
    periods = [away] if isinstance(away, Away) else merged(away)
    parts = [part for part in (away_for_entry(p, entry) for p in periods) if part is not None]
    if not parts or entry is None or choice is AwayChoice.KEEP:
        return []
    if choice is AwayChoice.ASSIGN and target is None:
        raise ValueError("Assign needs a target for the time away (a meeting, a call…)")
    # The time worked after each away period lasts until the next one, and after the last
    # until the entry's end (None: the timer goes on).
    untils: list[datetime | None] = [part.start for part in parts[1:]]
    untils.append(entry.end)
    edits: list[Edit] = []
    for index, (part, until) in enumerate(zip(parts, untils, strict=True)):
        kept = until is None or until > part.end  # time worked after this return
        if index == len(parts) - 1 and choice is AwayChoice.DISCARD:
            kept = False  # Discard drops the time after the last return
        if index == 0 and part.start > entry.start:
            edits.append(StopAt(entry.ref, part.start))
        elif index == 0 and kept:
            # Away from its very start: the entry itself holds the first time worked, rather
            # than an empty stub with a copy after it.
            edits.append(StartLater(entry.ref, part.end, until))
            kept = False
        elif index == 0:
            edits.append(Remove(entry.ref))  # nothing of it was worked
        if choice is AwayChoice.ASSIGN:
            edits.append(AddEntry(target, part.start, part.end, description))
        if kept:
            edits.append(StartCopy(entry.ref, part.end, until))
    return edits
