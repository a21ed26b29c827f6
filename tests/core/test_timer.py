from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timo_desktop.core import timer
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.errors import InvalidEntry, NothingRunning
from timo_desktop.core.validation import find_overlaps

ZONE = "America/New_York"
T0 = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)  # the evening before a DST change


def test_switch_stops_and_starts_at_the_same_instant() -> None:
    first = timer.start(None, timer.Draft("A"), at=T0, now=T0, zone=ZONE).started
    at = T0 + timedelta(minutes=30)
    switched = timer.start(first, timer.Draft("B"), at=at, now=at, zone=ZONE)
    assert switched.stopped is not None and switched.started is not None
    assert switched.stopped.end == switched.started.start == at
    assert first is not None and switched.stopped.client_ref == first.client_ref


def test_stop_at_a_given_time_and_refusals() -> None:
    running = timer.start(None, timer.Draft("A"), at=T0, now=T0, zone=ZONE).started
    now = T0 + timedelta(hours=2)
    stopped = timer.stop(running, at=T0 + timedelta(hours=1), now=now)
    assert stopped.end == T0 + timedelta(hours=1)
    with pytest.raises(InvalidEntry, match="is before start"):
        timer.stop(running, at=T0 - timedelta(minutes=1), now=now)
    with pytest.raises(InvalidEntry, match="in the future"):
        timer.stop(running, at=now + timedelta(hours=1), now=now)
    with pytest.raises(NothingRunning, match="no timer is running"):
        timer.stop(None, at=now, now=now)
    with pytest.raises(NothingRunning):
        timer.stop(stopped, at=now, now=now)


def test_a_clock_set_back_past_the_start_is_named_with_the_way_out() -> None:
    running = timer.start(None, timer.Draft("A"), at=T0, now=T0, zone=ZONE).started
    set_back = T0 - timedelta(minutes=5)  # 15:00 and 14:55 in New York
    with pytest.raises(InvalidEntry) as refused:
        timer.stop(running, at=set_back, now=set_back)
    assert str(refused.value) == (
        "the timer started at 15:00, later than this computer's clock now (14:55): "
        "was the clock set back? Correct the timer's start to stop it"
    )
    with pytest.raises(InvalidEntry, match="was the clock set back"):  # not "in the future"
        timer.start(running, timer.Draft("B"), at=set_back, now=set_back, zone=ZONE)


def test_pause_then_continue_copies_the_entry() -> None:
    draft = timer.Draft("Homepage", Target(project_id="prj_1"), ("design",), True)
    running = timer.start(None, draft, at=T0, now=T0, zone=ZONE).started
    paused = timer.stop(running, at=T0 + timedelta(minutes=20), now=T0 + timedelta(minutes=20))
    later = T0 + timedelta(minutes=50)
    resumed = timer.continue_entry(paused, None, at=later, now=later, zone=ZONE).started
    assert resumed is not None and resumed.client_ref != paused.client_ref
    assert timer.Draft.like(resumed) == draft
    assert resumed.start == later and resumed.end is None


def test_start_inside_a_finished_entry_is_refused() -> None:
    done = timer.start(None, timer.Draft("Call"), at=T0, now=T0, zone=ZONE).started
    assert done is not None
    done = timer.stop(done, at=T0 + timedelta(hours=1), now=T0 + timedelta(hours=2))
    with pytest.raises(InvalidEntry, match="overlaps 'Call'"):
        timer.start(
            None,
            timer.Draft("x"),
            at=T0 + timedelta(minutes=30),
            now=T0 + timedelta(hours=2),
            zone=ZONE,
            finished_nearby=[done],
        )


def test_start_before_the_running_timer_is_refused() -> None:
    running = timer.start(None, timer.Draft("A"), at=T0, now=T0, zone=ZONE).started
    with pytest.raises(InvalidEntry, match="before the running timer's start"):
        timer.start(running, timer.Draft("B"), at=T0 - timedelta(minutes=5), now=T0, zone=ZONE)


# An operation: (kind, minutes the clock moves first, minutes back for `at`).
operations = st.lists(
    st.tuples(
        st.sampled_from(["start", "stop", "continue", "stop_earlier", "start_earlier"]),
        st.integers(min_value=0, max_value=600),
        st.integers(min_value=0, max_value=120),
    ),
    max_size=40,
)


@given(operations)
def test_timer_invariants(ops: list[tuple[str, int, int]]) -> None:
    """At most one running, no overlaps, and tracked time equals time spent running."""
    entries: dict[str, Entry] = {}
    now = T0
    running_since: datetime | None = None
    expected = timedelta(0)
    for kind, step, back in ops:
        now += timedelta(minutes=step)
        running = next((e for e in entries.values() if e.is_running), None)
        at = now - timedelta(minutes=back) if kind.endswith("earlier") else now
        try:
            if kind.startswith("stop"):
                done = timer.stop(running, at=at, now=now)
                entries[done.client_ref] = done
                assert running_since is not None
                expected += at - running_since
                running_since = None
                continue
            finished = [e for e in entries.values() if not e.is_running]
            if kind == "continue" and finished:
                past = max(finished, key=lambda e: e.start)
                result = timer.continue_entry(
                    past, running, at=at, now=now, zone=ZONE, finished_nearby=finished
                )
            else:
                result = timer.start(
                    running, timer.Draft(kind), at=at, now=now, zone=ZONE, finished_nearby=finished
                )
        except (InvalidEntry, NothingRunning):
            continue
        if result.stopped is not None:
            assert running_since is not None
            expected += at - running_since
            entries[result.stopped.client_ref] = result.stopped
        assert result.started is not None
        entries[result.started.client_ref] = result.started
        running_since = at

    assert sum(e.is_running for e in entries.values()) <= 1
    ordered = sorted(entries.values(), key=lambda e: e.start)
    for i, entry in enumerate(ordered):
        others = ordered[:i] + ordered[i + 1 :]
        assert find_overlaps(entry.start, entry.end_or(now), others, now=now) == []
    total = sum((e.duration(now) for e in entries.values()), timedelta(0))
    if running_since is not None:
        expected += now - running_since
    assert total == expected
