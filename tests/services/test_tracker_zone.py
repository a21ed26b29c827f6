"""The Tracker follows this machine's time zone when none was given (travel, a change in
the system settings), with real zones from zoneinfo; a given zone stays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from timo_desktop.services.tracker import Tracker

# 03:00 UTC on Tuesday 10 March 2026: 04:00 Tuesday in Berlin, 23:00 Monday in New York.
NIGHT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_a_tracker_follows_the_machine_to_another_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    tracker = Tracker.open(tmp_path / "timo.sqlite3", clock=lambda: NIGHT)
    tracker.add("Late call", NIGHT - timedelta(hours=1), NIGHT - timedelta(minutes=30))
    assert (tracker.zone, tracker.today()) == ("Europe/Berlin", date(2026, 3, 10))
    assert not tracker.follow_local_zone()  # nothing moved

    monkeypatch.setenv("TZ", "America/New_York")
    assert tracker.follow_local_zone()
    assert (tracker.zone, tracker.today()) == ("America/New_York", date(2026, 3, 9))
    # The same instant, now on Monday evening where the computer is.
    [entry] = tracker.days(date(2026, 3, 9), date(2026, 3, 9))
    assert tracker.day_of(entry) == date(2026, 3, 9)
    assert not tracker.follow_local_zone()
    tracker.close()


def test_a_zone_given_when_opened_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    tracker = Tracker.open(tmp_path / "timo.sqlite3", zone="Asia/Tokyo", clock=lambda: NIGHT)
    monkeypatch.setenv("TZ", "America/New_York")
    assert not tracker.follow_local_zone()
    assert tracker.zone == "Asia/Tokyo"
    tracker.close()
