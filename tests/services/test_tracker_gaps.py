"""Tracker: the catalog listing, noticing other processes' writes, trim-then-add in one go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.services import Tracker

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    return Tracker.open(tmp_path / "timo.sqlite3", zone=ZONE, clock=lambda: T0 + timedelta(hours=8))


def test_catalog_lists_what_accepts_time(tracker: Tracker) -> None:
    with tracker.store.write() as tx:
        tx.put_projects(
            [
                Project("p1", "Website"),
                Project("p2", "Closed", can_track=False),
                Project("p3", "Archived", status="archived"),
            ]
        )
        tx.put_tasks([Task("t1", "p1", "Layout"), Task("t2", "p1", "Done", status="done")])
        tx.put_records(
            [Record("r1", "client", "Acme"), Record("r2", "deal", "No", trackable=False)]
        )

    catalog = tracker.catalog()
    assert [p.id for p in catalog.projects] == ["p1"]
    assert [t.id for t in catalog.tasks["p1"]] == ["t1"]
    assert [r.id for r in catalog.records] == ["r1"]


def test_data_version_moves_for_other_processes_only(tracker: Tracker, tmp_path: Path) -> None:
    before = (tracker.data_version(), tracker.queued_version())
    tracker.add("Mine", T0, T0 + timedelta(minutes=30))
    own = (tracker.data_version(), tracker.queued_version())
    assert own[0] == before[0]  # its own commit is no news
    assert own[1] > before[1]

    other = Tracker.open(
        tmp_path / "timo.sqlite3", zone=ZONE, clock=lambda: T0 + timedelta(hours=8)
    )
    other.add("From the CLI", T0 + timedelta(hours=1), T0 + timedelta(hours=2))
    other.close()
    assert tracker.data_version() != own[0]
    assert tracker.queued_version() > own[1]


def test_trim_then_add_is_all_or_nothing(tracker: Tracker) -> None:
    neighbour = tracker.add("Design review", T0, T0 + timedelta(hours=1))
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)

    # The new entry is refused (longer than a day): the trim must not stay either.
    with pytest.raises(InvalidEntry), tracker.batch():
        tracker.edit(neighbour.client_ref, end=T0 + timedelta(minutes=30))
        tracker.add("Too long", T0 + timedelta(minutes=30), T0 + timedelta(days=2))
    assert tracker.get(neighbour.client_ref).end == T0 + timedelta(hours=1)
    assert heard == []

    with tracker.batch():
        tracker.edit(neighbour.client_ref, end=T0 + timedelta(minutes=30))
        added = tracker.add("Call", T0 + timedelta(minutes=30), T0 + timedelta(minutes=50))
    assert tracker.get(neighbour.client_ref).end == T0 + timedelta(minutes=30)
    assert set(heard[0]) == {neighbour.client_ref, added.client_ref}
