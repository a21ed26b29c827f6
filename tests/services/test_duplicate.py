"""Duplicate ("I did this again"): the copy takes the latest free stretch of its length
today that ends by now, never an overlap; the same rule for the desktop app and the CLI."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.local_time import at_local, clock_time
from timo_desktop.services import Tracker

ZONE = "Europe/Berlin"
DAY = date(2026, 3, 3)


def at(clock: str, day: date = DAY) -> datetime:
    return at_local(day, time.fromisoformat(clock), ZONE)


@pytest.fixture
def clock() -> Clock:
    return Clock(at("12:15"))


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)


def add(tracker: Tracker, start: str, end: str, what: str = "Work", day: date = DAY) -> Entry:
    return tracker.add(what, at(start, day), at(end, day))


def times(slot: tuple[datetime, datetime] | None) -> tuple[str, str] | None:
    return None if slot is None else (clock_time(slot[0], ZONE), clock_time(slot[1], ZONE))


def test_back_to_back_entries_are_copied_to_free_time_ending_now(
    tracker: Tracker, clock: Clock
) -> None:
    # Right after the original (10:00) would overlap "Review": once refused.
    design = tracker.add(
        "Design", at("09:00"), at("10:00"), target=Target(record_id="r1"), tags=["ux"]
    )
    add(tracker, "10:00", "11:00", "Review")
    copy = tracker.duplicate(design.client_ref)
    assert (copy.start, copy.end) == (at("11:15"), at("12:15"))
    assert (copy.description, copy.target, copy.tags) == ("Design", Target(record_id="r1"), ("ux",))
    assert copy.client_ref != design.client_ref


def test_the_latest_entry_of_today_goes_before_it_not_into_the_future(
    tracker: Tracker, clock: Clock
) -> None:
    clock.now = at("10:20")
    latest = add(tracker, "09:00", "10:00")  # a copy from 10:00 would end in the future
    copy = tracker.duplicate(latest.client_ref)
    assert (copy.start, copy.end) == (at("08:00"), at("09:00"))


def test_gaps_too_short_and_a_running_timer_are_passed_over(tracker: Tracker, clock: Clock) -> None:
    yesterday = add(tracker, "14:00", "14:15", "Call", DAY - timedelta(days=1))
    longer = add(tracker, "15:00", "15:25", "Longer call", DAY - timedelta(days=1))
    add(tracker, "08:00", "09:00")
    tracker.add("Later", at("09:00") + timedelta(minutes=20, seconds=30), at("10:00"))
    clock.now = at("10:00")
    tracker.start("Running")
    clock.now = at("10:30") + timedelta(seconds=45)
    # Busy from 10:00 to now; 09:00–09:20:30 takes 15 minutes (on whole minutes), not 25.
    assert times(tracker.duplicate_slot(yesterday.client_ref)[1]) == ("09:05", "09:20")
    assert times(tracker.duplicate_slot(longer.client_ref)[1]) == ("07:35", "08:00")


def test_no_room_today_is_refused_in_plain_words(timo_home: Path, clock: Clock) -> None:
    tracker = Tracker.open(
        timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock, start_of_day=time(4, 0)
    )
    long = add(tracker, "09:00", "11:00", "Workshop", DAY - timedelta(days=1))
    clock.now = at("05:30")  # the working day began at 04:00: only 1h 30m so far
    assert tracker.duplicate_slot(long.client_ref) == (long, None)
    with pytest.raises(InvalidEntry, match="no free 2h 00m today before now"):
        tracker.duplicate(long.client_ref)
    copy = tracker.duplicate(long.client_ref, start=at("13:00", DAY - timedelta(days=1)))
    assert copy.end == at("15:00", DAY - timedelta(days=1))  # a given start keeps its length


def test_a_running_timer_is_not_duplicated(tracker: Tracker) -> None:
    running = tracker.start("Running").started
    assert running is not None
    with pytest.raises(InvalidEntry, match="use continue"):
        tracker.duplicate_slot(running.client_ref)
