"""The presence machine over scripted timelines, and resolving the away question."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timo_desktop.core.presence import (
    AddEntry,
    Away,
    AwayCause,
    AwayChoice,
    PresenceConfig,
    PresenceMachine,
    Remove,
    RunningEntry,
    StartCopy,
    StartLater,
    StopAt,
    away_for_entry,
    ran_through,
    resolve_away,
)

DAY = datetime(2025, 3, 4, tzinfo=UTC)
POLL = timedelta(seconds=5)


def at(hh: int, mm: int, ss: float = 0) -> datetime:
    return DAY + timedelta(hours=hh, minutes=mm, seconds=ss)


def busy(first: datetime, last: datetime) -> tuple[datetime, ...]:
    """Input every minute from `first` to `last` inclusive: someone at work."""
    count = int((last - first) / timedelta(minutes=1))
    return tuple(first + timedelta(minutes=k) for k in range(count + 1))


class Timeline:
    """Drives a machine like the desktop poller does: a sample every 5 s of fake time.

    `inputs` are the moments the person touched the machine; the idle counter
    reads the time since the latest one (or, after `awake_only`, only the time
    the machine was awake, as X11's and macOS's counters do).
    """

    def __init__(self, start: datetime, config: PresenceConfig | None = None) -> None:
        self.machine = PresenceMachine(start, config or PresenceConfig())
        self.now = start
        self.last_input = start
        self.asleep_since_input = timedelta(0)  # sleep to leave out of an awake-only counter
        self.aways: list[Away] = []

    def idle(self) -> float:
        return (self.now - self.last_input - self.asleep_since_input).total_seconds()

    def poll(self) -> None:
        self._collect(self.machine.sample(self.now, self.idle()))

    def run_until(self, end: datetime, inputs: tuple[datetime, ...] = ()) -> None:
        pending = sorted(inputs)
        while self.now + POLL <= end:
            self.now += POLL
            while pending and pending[0] <= self.now:
                self.last_input = pending.pop(0)
                self.asleep_since_input = timedelta(0)
            self.poll()

    def sleep(self, until: datetime) -> None:
        """Suspend now (announced, with a fresh sample first) and resume at `until`."""
        self.poll()
        self.machine.suspend(self.now)
        self.asleep_since_input += until - self.now
        self.now = until
        self.machine.resume(until)

    def _collect(self, away: Away | None) -> None:
        if away is not None:
            self.aways.append(away)


def test_idle_away_starts_at_last_input_and_ends_at_return() -> None:
    t = Timeline(at(10, 0))
    t.run_until(at(11, 0), inputs=(*busy(at(10, 0), at(10, 32)), at(10, 58, 3), at(10, 58, 4)))
    assert t.aways == [Away(at(10, 32), at(10, 58, 4), AwayCause.IDLE)]


def test_away_shorter_than_threshold_is_not_reported() -> None:
    t = Timeline(at(10, 0))
    t.run_until(at(10, 30), inputs=(*busy(at(10, 0), at(10, 20)), at(10, 24, 59), at(10, 28)))
    assert t.aways == []
    assert t.machine.away_since is None


def test_away_since_is_known_while_still_away() -> None:
    t = Timeline(at(10, 0))
    t.run_until(at(10, 4))
    assert t.machine.away_since is None
    t.run_until(at(10, 6))
    assert t.machine.away_since == at(10, 0)


def test_gap_between_two_samples_is_found_in_retrospect() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0, 10), 10.0)  # last input 9:00:00
    # The poller was starved: the next sample comes 6 min later, showing fresh input.
    away = machine.sample(at(9, 6), 30.0)
    assert away == Away(at(9, 0), at(9, 5, 30), AwayCause.IDLE)


def test_manual_lock_counts_from_the_lock_and_ends_at_unlock() -> None:
    t = Timeline(at(12, 0))
    t.run_until(at(12, 10), inputs=(*busy(at(12, 0), at(12, 9)), at(12, 9, 59)))
    t.poll()
    t.machine.lock(at(12, 10))
    # Typing the password on the lock screen moves the idle counter but is not a return.
    t.run_until(at(12, 40), inputs=(at(12, 39, 30),))
    assert t.aways == []
    away = t.machine.unlock(at(12, 40))
    assert away == Away(at(12, 9, 59), at(12, 40), AwayCause.LOCK)
    t.run_until(at(12, 45), inputs=(at(12, 41),))
    assert t.aways == []  # the return is reported once


def test_the_unlock_is_the_return_and_the_first_input_after_it_reports_nothing() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    machine.lock(at(9, 0))
    assert machine.unlock(at(9, 20)) == Away(at(9, 0), at(9, 20), AwayCause.LOCK)
    assert machine.sample(at(9, 20, 10), 2.0) is None  # the mouse moved at 9:20:08
    assert machine.away_since is None


def steady(first: datetime, last: datetime) -> tuple[datetime, ...]:
    """Input every 10 s from `first` to `last`: someone typing."""
    count = int((last - first) / timedelta(seconds=10))
    return tuple(first + timedelta(seconds=10 * k) for k in range(count + 1))


def test_a_lock_never_unlocked_ends_once_the_person_is_seen_at_work() -> None:
    """i3lock or swaylock started on logind's Lock exits on the password unannounced: the
    person stayed away (and reminders held) for the rest of the day."""
    t = Timeline(at(10, 0))
    t.run_until(at(11, 0), inputs=busy(at(10, 0), at(10, 59)))
    t.poll()
    t.machine.lock(at(11, 0), unlock_follows=False)  # logind's Lock
    t.run_until(at(11, 35), inputs=steady(at(11, 30), at(11, 35)))
    assert t.aways == [Away(at(10, 59), at(11, 30), AwayCause.LOCK)]  # from the last input
    assert t.machine.away_since is None
    t.machine.unlock(at(11, 36))  # an unlock said late reports nothing more
    t.run_until(at(11, 40), inputs=steady(at(11, 36), at(11, 40)))
    assert len(t.aways) == 1 and t.machine.away_since is None


def test_a_lock_never_unlocked_ends_also_when_the_poll_is_starved() -> None:
    """Typing all along, but sampled once a minute (a busy machine): each sample finds input
    seconds old, so it is one stretch of use, however far apart the samples."""
    machine = PresenceMachine(at(10, 0))
    machine.sample(at(10, 0), 0.0)
    machine.lock(at(10, 0), unlock_follows=False)
    found = [machine.sample(at(10, minute), 2.0) for minute in range(30, 33)]
    assert found == [None, None, Away(at(10, 0), at(10, 29, 58), AwayCause.LOCK)]


def test_a_password_or_a_mouse_bumped_on_the_locked_screen_is_not_a_return() -> None:
    t = Timeline(at(10, 0))
    t.poll()
    t.machine.lock(at(10, 0), unlock_follows=False)
    bursts = (*steady(at(10, 20), at(10, 21)), *steady(at(10, 21, 40), at(10, 22, 50)))
    t.run_until(at(11, 0), inputs=bursts)  # each burst under 2 min, 40 s apart
    assert t.aways == [] and t.machine.away_since == at(10, 0)
    assert t.machine.unlock(at(11, 0)) == Away(at(10, 0), at(11, 0), AwayCause.LOCK)


def jiggled(first: datetime, last: datetime) -> tuple[datetime, ...]:
    """A mouse jiggler's nudge every 20 s from `first` to `last`."""
    count = int((last - first) / timedelta(seconds=20))
    return tuple(first + timedelta(seconds=20 * k) for k in range(count + 1))


def test_a_jiggler_on_a_lock_whose_unlock_comes_leaves_the_whole_time_away_asked() -> None:
    """Windows, macOS, GNOME: the unlock always comes. Taking a jiggler's minutes of nudges
    on the locked screen for the person ended the lock seconds after it began (too short to
    ask), and the hour away stayed billed unasked."""
    t = Timeline(at(11, 59))
    t.run_until(at(12, 0), inputs=steady(at(11, 59), at(12, 0)))
    t.machine.lock(at(12, 0))
    t.run_until(at(13, 0), inputs=jiggled(at(12, 0, 20), at(13, 0)))
    assert t.aways == [] and t.machine.away_since == at(12, 0)
    assert t.machine.unlock(at(13, 0)) == Away(at(12, 0), at(13, 0), AwayCause.LOCK)


def test_a_lock_said_again_by_a_source_that_pairs_it_waits_for_the_unlock() -> None:
    """GNOME locking on logind's Lock sets LockedHint too, and clears it on unlock: steady
    input (a video playing, a jiggler) in between is not the person back."""
    for pairing_first in (False, True):
        t = Timeline(at(11, 59))
        t.run_until(at(12, 0), inputs=steady(at(11, 59), at(12, 0)))
        t.machine.lock(at(12, 0), unlock_follows=pairing_first)
        t.machine.lock(at(12, 0), unlock_follows=not pairing_first)
        t.run_until(at(13, 0), inputs=steady(at(12, 10), at(13, 0)))
        assert t.aways == [] and t.machine.away_since == at(12, 0)
        assert t.machine.unlock(at(13, 0)) == Away(at(12, 0), at(13, 0), AwayCause.LOCK)


def test_a_later_lock_by_a_locker_that_says_no_unlock_is_ended_by_steady_input() -> None:
    """A lock paired once (GNOME's screen) says nothing of the next one, by i3lock."""
    t = Timeline(at(9, 0))
    t.machine.lock(at(9, 0))
    t.machine.unlock(at(9, 30))
    t.machine.lock(at(10, 0), unlock_follows=False)
    t.run_until(at(10, 45), inputs=steady(at(10, 40), at(10, 45)))
    assert t.aways == [Away(at(10, 0), at(10, 40), AwayCause.LOCK)]


def test_a_short_lock_ends_at_the_unlock_and_idle_counts_from_there() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    machine.lock(at(9, 0))
    assert machine.unlock(at(9, 4)) is None  # shorter than the 5 min threshold
    assert machine.sample(at(9, 6), 0.0) is None  # input at 9:06, two minutes after it


def test_lock_after_a_stale_sample_starts_at_the_lock_not_the_old_input() -> None:
    machine = PresenceMachine(at(14, 0))
    machine.sample(at(14, 4), 240.0)  # idle since 14:00 as of 14:04
    machine.lock(at(14, 4, 30))  # the person may have typed between 14:04 and 14:04:30
    assert machine.away_since == at(14, 4, 30)


def test_idle_away_then_auto_lock_keeps_the_idle_start() -> None:
    t = Timeline(at(15, 0))
    t.run_until(at(15, 10))
    t.poll()
    t.machine.lock(at(15, 10))
    assert t.machine.unlock(at(15, 30)) == Away(at(15, 0), at(15, 30), AwayCause.IDLE)


def test_suspend_with_dark_wakes_is_one_away_from_the_last_input() -> None:
    t = Timeline(at(17, 0))
    t.run_until(at(18, 2), inputs=busy(at(17, 0), at(18, 0)))
    t.sleep(until=at(23, 0) + timedelta(hours=3))  # lid closed 18:02, dark wake at 02:00
    t.run_until(at(26, 1))  # a minute awake, nobody there, awake-only idle counter
    t.sleep(until=at(27, 30))  # dark wake at 03:30 where the OS reset the counter on wake
    t.last_input, t.asleep_since_input = t.now + timedelta(seconds=1), timedelta(0)
    t.run_until(at(27, 31))
    t.sleep(until=at(32, 0))  # 08:00 next morning, lid opened
    t.run_until(at(32, 5), inputs=(at(32, 0, 30), at(32, 2)))
    assert t.aways == [Away(at(18, 0), at(32, 0, 30), AwayCause.SUSPEND)]


def test_wake_counter_reset_alone_does_not_end_the_away() -> None:
    machine = PresenceMachine(at(1, 0))
    machine.sample(at(1, 0), 0.0)
    machine.suspend(at(1, 0))
    machine.resume(at(3, 0))
    assert machine.sample(at(3, 0, 3), 1.0) is None  # input stamped 2 s after the wake
    assert machine.away_since == at(1, 0)


def test_unannounced_sleep_found_by_the_clock_check() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 20.0)
    machine.slept(at(9, 0), at(9, 50))
    assert machine.sample(at(9, 50, 5), 25.0) is None  # awake-only counter: not new input
    assert machine.sample(at(9, 51), 1.0) == Away(at(8, 59, 40), at(9, 50, 59), AwayCause.SUSPEND)


def test_sample_after_a_lost_resume_event_wakes_the_machine() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    machine.suspend(at(9, 0))
    assert machine.sample(at(10, 0), 0.5) is None  # the first sample only proves the wake
    assert machine.sample(at(10, 0, 20), 1.0) == Away(at(9, 0), at(10, 0, 19), AwayCause.SUSPEND)


def test_a_sleep_announced_after_the_clock_check_found_it_is_not_slept_again() -> None:
    """logind's PrepareForSleep(true) handled after the wake, the RESUME lost: taken as a
    sleep to come, the next sample took itself for the wake, and the person's first
    seconds back (from 9:50:06) were ignored: Discard dropped them too."""
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    machine.slept(at(9, 0), at(9, 50))
    machine.suspend(at(9, 0))
    assert machine.sample(at(9, 50, 10), 4.0) == Away(at(9, 0), at(9, 50, 6), AwayCause.SUSPEND)


def test_no_input_for_the_threshold_is_away_before_the_next_sample_sees_it() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    assert machine.away_at(at(9, 4, 59)) is None
    assert machine.away_at(at(9, 5)) == at(9, 0)


def test_without_the_idle_time_only_a_lock_or_a_sleep_says_the_person_left() -> None:
    """KDE Plasma Wayland, sway, Hyprland: no idle time to read. Five minutes after the start
    or an unlock the person counted as away all day: reminders held, and a logout recorded
    that moment as when they left, for the next start to offer."""
    machine = PresenceMachine(at(9, 0))
    machine.idle_unreadable()
    assert machine.away_at(at(11, 0)) is None
    machine.lock(at(12, 0))
    assert machine.away_at(at(12, 30)) == at(12, 0)
    assert machine.unlock(at(13, 0)) == Away(at(12, 0), at(13, 0), AwayCause.LOCK)
    assert machine.away_at(at(18, 0)) is None


def test_once_the_idle_time_cannot_be_read_no_input_seen_is_not_away() -> None:
    machine = PresenceMachine(at(9, 0))
    machine.sample(at(9, 0), 0.0)
    machine.idle_unreadable()  # GNOME's idle monitor stopped answering
    assert machine.away_at(at(10, 0)) is None
    machine.sample(at(10, 0), 0.0)  # it answers again
    assert machine.away_at(at(10, 5)) == at(10, 0)


def test_clock_set_forward_while_present_is_not_away() -> None:
    t = Timeline(at(10, 0))
    t.run_until(at(10, 1), inputs=(at(10, 0, 58),))
    t.machine.clock_jump(timedelta(hours=1))
    t.now += timedelta(hours=1)
    t.last_input += timedelta(hours=1)
    t.run_until(at(11, 5), inputs=(at(11, 2), at(11, 4)))
    assert t.aways == []
    assert t.machine.away_since is None


def test_clock_set_back_unannounced_keeps_the_away_length() -> None:
    machine = PresenceMachine(at(10, 0))
    machine.sample(at(10, 0), 0.0)
    machine.sample(at(10, 20), 1200.0)
    assert machine.away_since == at(10, 0)
    # The clock is set back an hour; the next sample, 5 s later, carries the new time.
    away = machine.sample(at(9, 20, 5), 0.0)
    assert away is not None
    assert away.start == at(9, 0, 5)
    assert away.duration == timedelta(minutes=20)  # the 5 s of the jump are not known


def test_reading_jitter_is_not_new_input() -> None:
    machine = PresenceMachine(at(10, 0))
    machine.sample(at(10, 0), 0.0)
    machine.sample(at(10, 6), 360.0)
    assert machine.sample(at(10, 6, 5.003), 364.999) is None  # same input, 4 ms later
    assert machine.away_since == at(10, 0)


def test_off_switch_reports_nothing() -> None:
    t = Timeline(at(10, 0), PresenceConfig(threshold=None))
    t.run_until(at(11, 0), inputs=(at(10, 59),))
    t.poll()
    t.machine.lock(at(11, 0))
    assert t.machine.unlock(at(12, 0)) is None
    t.sleep(until=at(14, 0))
    t.run_until(at(14, 5), inputs=(at(14, 1),))
    assert t.aways == []


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        PresenceMachine(datetime(2025, 1, 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=2, max_value=900), min_size=1, max_size=25))
def test_every_gap_seen_by_the_samples_is_one_away(gaps: list[int]) -> None:
    """Away intervals are exactly the gaps ≥ threshold between inputs the samples saw."""
    start = at(8, 0)
    inputs = []
    moment = start
    for gap in gaps:
        moment += timedelta(seconds=gap)
        inputs.append(moment)
    t = Timeline(start)
    t.run_until(inputs[-1] + POLL, inputs=tuple(inputs))
    seen = sorted({max([start, *[i for i in inputs if i <= s]]) for s in _sample_times(start, t)})
    threshold = PresenceConfig().threshold
    assert threshold is not None
    expected = [
        Away(a, b, AwayCause.IDLE) for a, b in itertools.pairwise(seen) if b - a >= threshold
    ]
    assert t.aways == expected


def _sample_times(start: datetime, t: Timeline) -> list[datetime]:
    count = int((t.now - start) / POLL)
    return [start + POLL * (k + 1) for k in range(count)]


# --- resolving the answer ------------------------------------------------------------

AWAY = Away(at(10, 32), at(10, 58), AwayCause.IDLE)
ENTRY = RunningEntry("entry-1", at(9, 0))


def test_keep_changes_nothing() -> None:
    assert resolve_away(AwayChoice.KEEP, AWAY, ENTRY) == []


def test_discard_ends_the_entry_at_the_away_start() -> None:
    assert resolve_away(AwayChoice.DISCARD, AWAY, ENTRY) == [StopAt("entry-1", at(10, 32))]


def test_discard_and_continue_restarts_at_the_return() -> None:
    assert resolve_away(AwayChoice.DISCARD_AND_CONTINUE, AWAY, ENTRY) == [
        StopAt("entry-1", at(10, 32)),
        StartCopy("entry-1", at(10, 58)),
    ]


def test_assign_carves_the_away_time_out_onto_the_target() -> None:
    assert resolve_away(AwayChoice.ASSIGN, AWAY, ENTRY, target=("project", 7)) == [
        StopAt("entry-1", at(10, 32)),
        AddEntry(("project", 7), at(10, 32), at(10, 58)),
        StartCopy("entry-1", at(10, 58)),
    ]


def test_assign_without_a_target_is_a_plain_error() -> None:
    with pytest.raises(ValueError, match="needs a target"):
        resolve_away(AwayChoice.ASSIGN, AWAY, ENTRY)


def test_no_question_without_a_timer_or_for_a_timer_started_while_away() -> None:
    assert away_for_entry(AWAY, None) is None
    assert not ran_through(AWAY, RunningEntry("e2", at(10, 40)))
    assert ran_through(AWAY, ENTRY) and away_for_entry(AWAY, ENTRY) == AWAY


def test_a_start_moved_into_the_time_away_leaves_the_rest_of_it_to_ask_about() -> None:
    """Moved to 10:45 while asked about 10:32 to 10:58: the whole question was dropped, and
    the 13 minutes away still on the timer were billed unasked."""
    moved = RunningEntry("entry-1", at(10, 45))
    assert away_for_entry(AWAY, moved) == Away(at(10, 45), at(10, 58), AwayCause.IDLE)
    assert resolve_away(AwayChoice.DISCARD_AND_CONTINUE, AWAY, moved) == [
        StartLater("entry-1", at(10, 58))
    ]
    assert away_for_entry(AWAY, RunningEntry("entry-1", at(10, 57, 56))) is None  # the return
    assert away_for_entry(AWAY, RunningEntry("entry-1", at(11, 0))) is None


# --- several away periods, a timer stopped since, the moment either side ---------------

LATER = Away(at(11, 8), at(11, 38), AwayCause.IDLE)  # after 10 min worked, unanswered


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (
            AwayChoice.DISCARD,
            [StopAt("entry-1", at(10, 32)), StartCopy("entry-1", at(10, 58), at(11, 8))],
        ),
        (
            AwayChoice.DISCARD_AND_CONTINUE,
            [
                StopAt("entry-1", at(10, 32)),
                StartCopy("entry-1", at(10, 58), at(11, 8)),
                StartCopy("entry-1", at(11, 38)),
            ],
        ),
        (
            AwayChoice.ASSIGN,
            [
                StopAt("entry-1", at(10, 32)),
                AddEntry(("project", 7), at(10, 32), at(10, 58), "Call"),
                StartCopy("entry-1", at(10, 58), at(11, 8)),
                AddEntry(("project", 7), at(11, 8), at(11, 38), "Call"),
                StartCopy("entry-1", at(11, 38)),
            ],
        ),
    ],
)
def test_an_answer_for_two_away_periods_keeps_the_time_worked_between(
    choice: AwayChoice, expected: list[object]
) -> None:
    assert resolve_away(choice, [AWAY, LATER], ENTRY, ("project", 7), "Call") == expected


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (AwayChoice.DISCARD, [StopAt("entry-1", at(10, 32))]),
        (
            AwayChoice.DISCARD_AND_CONTINUE,
            [StopAt("entry-1", at(10, 32)), StartCopy("entry-1", at(10, 58), at(11, 0))],
        ),
        (
            AwayChoice.ASSIGN,
            [
                StopAt("entry-1", at(10, 32)),
                AddEntry(("project", 7), at(10, 32), at(10, 58)),
                StartCopy("entry-1", at(10, 58), at(11, 0)),
            ],
        ),
    ],
)
def test_a_timer_stopped_after_the_return_keeps_the_time_up_to_its_stop(
    choice: AwayChoice, expected: list[object]
) -> None:
    stopped = RunningEntry("entry-1", at(9, 0), at(11, 0))
    assert away_for_entry(AWAY, stopped) == AWAY
    assert resolve_away(choice, AWAY, stopped, ("project", 7)) == expected


def test_no_question_for_a_timer_stopped_before_the_return() -> None:
    for end in (at(10, 20), at(10, 40), at(10, 57, 50)):
        assert away_for_entry(AWAY, RunningEntry("e1", at(9, 0), end)) is None
        assert resolve_away(AwayChoice.DISCARD, AWAY, RunningEntry("e1", at(9, 0), end)) == []


def test_a_timer_stopped_by_the_first_input_back_is_asked_up_to_its_stop() -> None:
    """The stop is stored in whole seconds, a moment before the return was read."""
    stopped = RunningEntry("entry-1", at(9, 0), at(10, 57, 59))
    assert away_for_entry(AWAY, stopped) == Away(at(10, 32), at(10, 57, 59), AwayCause.IDLE)
    assert resolve_away(AwayChoice.DISCARD_AND_CONTINUE, AWAY, stopped) == [
        StopAt("entry-1", at(10, 32))  # nothing worked after the return: no empty copy
    ]


def test_a_timer_started_by_the_input_that_began_the_time_away_is_asked_about() -> None:
    """`timo start` typed at 10:31:59.96, stored as 10:32:00: the timer ran all the time away."""
    away = Away(at(10, 31, 59.96), at(10, 58), AwayCause.IDLE)
    started = RunningEntry("entry-1", at(10, 32))
    assert away_for_entry(away, started) == Away(at(10, 32), at(10, 58), AwayCause.IDLE)
    assert resolve_away(AwayChoice.DISCARD, away, started) == [Remove("entry-1")]
    assert not ran_through(away, RunningEntry("entry-1", at(10, 32, 5)))


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (AwayChoice.DISCARD, [Remove("entry-1")]),
        (AwayChoice.DISCARD_AND_CONTINUE, [StartLater("entry-1", at(10, 58))]),
        (
            AwayChoice.ASSIGN,
            [
                StartLater("entry-1", at(10, 58)),
                AddEntry(("project", 7), at(10, 32, 1), at(10, 58)),
            ],
        ),
    ],
)
def test_a_timer_the_time_away_began_with_leaves_no_empty_stub(
    choice: AwayChoice, expected: list[object]
) -> None:
    """Started at 10:32:01 by the last key press before leaving: no 10:32:01–10:32:01 entry."""
    started = RunningEntry("entry-1", at(10, 32, 1))
    away = Away(at(10, 32), at(10, 58), AwayCause.IDLE)
    assert resolve_away(choice, away, started, ("project", 7)) == expected


def test_a_stub_never_stays_with_two_away_periods_or_a_stopped_timer() -> None:
    started = RunningEntry("entry-1", at(10, 32))
    assert resolve_away(AwayChoice.DISCARD, [AWAY, LATER], started) == [
        StartLater("entry-1", at(10, 58), at(11, 8))
    ]
    stopped = RunningEntry("entry-1", at(10, 32), at(10, 57, 59))
    assert resolve_away(AwayChoice.DISCARD_AND_CONTINUE, AWAY, stopped) == [Remove("entry-1")]


def test_one_answer_books_overlapping_away_periods_once() -> None:
    """The same time reported twice (at the unlock, then by the first input after it)."""
    unlock = Away(at(10, 32), at(10, 58), AwayCause.LOCK)
    again = Away(at(10, 32), at(10, 58, 10), AwayCause.IDLE)
    inside = Away(at(10, 40), at(10, 50), AwayCause.IDLE)
    assert resolve_away(AwayChoice.ASSIGN, [unlock, again, inside], ENTRY, ("project", 7)) == [
        StopAt("entry-1", at(10, 32)),
        AddEntry(("project", 7), at(10, 32), at(10, 58, 10)),
        StartCopy("entry-1", at(10, 58, 10)),
    ]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=120), min_size=2, max_size=9),
    st.sampled_from(list(AwayChoice)),
    st.booleans(),
)
def test_no_minute_is_lost_or_counted_twice(
    gaps: list[int], choice: AwayChoice, stopped: bool
) -> None:
    """Whatever the answer, the time worked stays on the timer, the time away is booked or
    dropped, and no two entries share a minute. `gaps` alternate: worked, away, worked…"""
    moments = list(itertools.accumulate((timedelta(minutes=g) for g in gaps), initial=at(9, 0)))
    aways = [Away(a, b, AwayCause.IDLE) for a, b in itertools.pairwise(moments)][1::2]
    now = moments[-1] + timedelta(minutes=7)
    entry = RunningEntry("e1", moments[0], now if stopped else None)
    spans: dict[str, list[tuple[datetime, datetime]]] = {"timer": [], "booked": []}
    spans["timer"].append((entry.start, entry.end or now))
    for edit in resolve_away(choice, aways, entry, target="meeting"):
        if isinstance(edit, StopAt):
            spans["timer"] = [(entry.start, edit.at)]
        elif isinstance(edit, StartCopy):
            spans["timer"].append((edit.at, edit.end or now))
        else:
            spans["booked"].append((edit.start, edit.end))

    def minutes(key: str) -> timedelta:
        return sum((b - a for a, b in spans[key]), timedelta())

    away = sum((a.duration for a in aways), timedelta())
    worked = now - entry.start - away
    after_last = now - aways[-1].end
    on_the_timer = {
        AwayChoice.KEEP: worked + away,
        AwayChoice.DISCARD: worked - after_last,  # Discard stops it when the person last left
        AwayChoice.DISCARD_AND_CONTINUE: worked,
        AwayChoice.ASSIGN: worked,
    }
    assert minutes("timer") == on_the_timer[choice]
    assert minutes("booked") == (away if choice is AwayChoice.ASSIGN else timedelta())
    ordered = sorted(spans["timer"] + spans["booked"])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered))


def test_a_timer_started_a_moment_before_the_last_input_leaves_no_empty_stub() -> None:
    """Started with `timo start` at 10:32:00.7, kept as 10:32:00; the last input was read at
    10:32:00.4. Discard and continue left a 10:32:00–10:32:00.4 entry, shown as 0:00 and
    synced, beside the timer going on from the return."""
    started = RunningEntry("entry-1", at(10, 32))
    away = Away(at(10, 32, 0.4), at(10, 58), AwayCause.IDLE)
    assert resolve_away(AwayChoice.DISCARD_AND_CONTINUE, away, started) == [
        StartLater("entry-1", at(10, 58))
    ]
    assert resolve_away(AwayChoice.DISCARD, away, started) == [Remove("entry-1")]
    # Seconds worked before leaving are kept.
    later = Away(at(10, 32, 2), at(10, 58), AwayCause.IDLE)
    assert resolve_away(AwayChoice.DISCARD, later, started) == [StopAt("entry-1", at(10, 32, 2))]
