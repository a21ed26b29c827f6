"""`Tracker.trim_around`: entries trimmed clear of a stretch of time, all or none, never cut
in two; with the change that needs the room, one transaction (`batch`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.entry import Entry
from timo_desktop.services import Tracker
from timo_desktop.services.tracker import Refused

ZONE = "UTC"
DAY = datetime(2026, 3, 3, tzinfo=UTC)


def at(clock: str) -> datetime:
    hours, minutes = clock.split(":")
    return DAY + timedelta(hours=int(hours), minutes=int(minutes))


@pytest.fixture
def tracker(timo_home: Path) -> Tracker:
    clock = Clock(DAY + timedelta(days=1))
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)


def spans(tracker: Tracker) -> list[tuple[str, datetime, datetime | None]]:
    return [(e.description, e.start, e.end) for e in tracker.between(at("00:00"), at("23:59"))]


def morning(tracker: Tracker) -> tuple[Entry, Entry]:
    return (
        tracker.add("Planning", at("08:45"), at("09:30")),
        tracker.add("Build", at("10:00"), at("11:30")),
    )


def test_each_entry_ends_before_or_starts_after_with_the_new_one_in_one_commit(
    tracker: Tracker,
) -> None:
    planning, build = morning(tracker)
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)
    with tracker.batch():
        before = tracker.trim_around(
            at("09:00"), at("10:15"), [planning.client_ref, build.client_ref]
        )
        review = tracker.add("Review", at("09:00"), at("10:15"))
    assert before == [planning, build]  # as they were, for Undo
    assert spans(tracker) == [
        ("Planning", at("08:45"), at("09:00")),
        ("Review", at("09:00"), at("10:15")),
        ("Build", at("10:15"), at("11:30")),
    ]
    assert heard == [(planning.client_ref, build.client_ref, review.client_ref)]


def test_one_that_cannot_be_trimmed_is_refused_by_name_and_none_is_trimmed(
    tracker: Tracker,
) -> None:
    planning, build = morning(tracker)
    call = tracker.add("Call", at("09:40"), at("09:50"))  # within 09:00–10:15: it would vanish
    was = spans(tracker)
    refs = [planning.client_ref, call.client_ref, build.client_ref]
    with pytest.raises(Refused) as refused:
        tracker.trim_around(at("09:00"), at("10:15"), refs)
    assert str(refused.value) == (
        "“Call” (2026-03-03 09:40): it cannot be trimmed without cutting it in two or leaving"
        " nothing of it; change it first"
    )
    assert spans(tracker) == was  # Planning, trimmed before Call was reached, too


def test_one_clear_of_the_time_already_is_left_alone(tracker: Tracker) -> None:
    planning, _build = morning(tracker)
    was = spans(tracker)
    assert tracker.trim_around(at("12:00"), at("12:30"), [planning.client_ref]) == []
    assert spans(tracker) == was
