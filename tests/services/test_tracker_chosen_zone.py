"""A Tracker with a chosen zone (`day.time_zone`) reads days and times there wherever the
computer is, and follows the computer again once the choice is cleared: real zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from timo_desktop.services.tracker import Tracker

# 00:30 UTC on Monday 2 March 2026: 01:30 on Monday in Berlin, 19:30 on Sunday in New York.
MONDAY_NIGHT = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)
MONDAY, SUNDAY = date(2026, 3, 2), date(2026, 3, 1)


@pytest.fixture
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")


@pytest.mark.usefixtures("in_new_york")
def test_days_are_the_chosen_zones_wherever_the_computer_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = MONDAY_NIGHT + timedelta(hours=1)  # still Sunday evening in New York
    tracker = Tracker.open(tmp_path / "timo.sqlite3", zone="Europe/Berlin", clock=lambda: later)
    entry = tracker.add("Early call", MONDAY_NIGHT, MONDAY_NIGHT + timedelta(minutes=30))
    assert entry.zone == "Europe/Berlin"
    assert (tracker.zone, tracker.today(), tracker.day_of(entry)) == (
        "Europe/Berlin",
        MONDAY,
        MONDAY,
    )
    assert tracker.days(SUNDAY, SUNDAY) == []
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # flew on
    assert not tracker.follow_local_zone()  # the chosen zone does not move
    assert tracker.day_of(entry) == MONDAY

    assert tracker.choose_zone(None)  # back to the computer's zone, Tokyo's
    assert tracker.zone == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "America/New_York")
    assert tracker.follow_local_zone()  # and it follows the computer again
    assert tracker.day_of(entry) == SUNDAY
    assert [e.client_ref for e in tracker.days(SUNDAY, SUNDAY)] == [entry.client_ref]

    assert tracker.choose_zone("Europe/Berlin")
    assert not tracker.choose_zone("Europe/Berlin")  # chosen again: nothing moved
    tracker.close()


@pytest.mark.usefixtures("in_new_york")
def test_a_day_starting_when_the_clocks_jump_holds_what_follows(tmp_path: Path) -> None:
    # Days start at 02:30, which Berlin skips on Sunday 29 March 2026: the 29th begins at
    # 03:00 CEST, so an entry at 03:10 is the 29th's in both of the Tracker's readings.
    spring = date(2026, 3, 29)
    start = datetime(2026, 3, 29, 1, 10, tzinfo=UTC)  # 03:10 CEST
    tracker = Tracker.open(
        tmp_path / "timo.sqlite3",
        zone="Europe/Berlin",
        start_of_day=time(2, 30),
        clock=lambda: start + timedelta(hours=1),
    )
    entry = tracker.add("Release", start, start + timedelta(minutes=20))
    assert tracker.day_of(entry) == spring
    assert [e.client_ref for e in tracker.days(spring, spring)] == [entry.client_ref]
    tracker.close()
