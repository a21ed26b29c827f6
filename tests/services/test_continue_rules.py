"""Continuing an entry: never a timer on a target the catalog knows takes no time any more
(archived, deleted, closed to time, its task archived or moved), one it never fetched left
to Vmoox; and nothing at all when the running timer is doing it already."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.clock import Clock
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.errors import InvalidEntry, NotFound
from timo_desktop.core.presence import Away, AwayCause, AwayChoice, RunningEntry, resolve_away
from timo_desktop.services import Tracker
from timo_desktop.services.presence import apply_away
from timo_desktop.services.tracker import AlreadyRunning, TargetClosed

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
WEBSITE = Project("prj_1", "Website", billable_default=True)
SHOP = Project("prj_2", "Webshop")
LAYOUT = Task("tsk_1", "prj_1", "Layout")
ACME = Record("rec_1", "client", "Acme GmbH")


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    tracker = Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)
    with tracker.store.write() as tx:
        tx.put_projects([WEBSITE, SHOP])
        tx.put_tasks([LAYOUT])
        tx.put_records([ACME])
    return tracker


def earlier(tracker: Tracker, clock: Clock, target: Target) -> str:
    """An hour's entry that ended an hour ago, on `target`."""
    start = clock.now - timedelta(hours=2)
    added = tracker.add("Layout", start, start + timedelta(hours=1), target=target, tags=["ui"])
    return added.client_ref


def catalog_says(
    tracker: Tracker,
    *,
    projects: Sequence[Project] = (),
    tasks: Sequence[Task] = (),
    records: Sequence[Record] = (),
) -> None:
    """What the next sync round brought about the catalog."""
    with tracker.store.write() as tx:
        tx.put_projects(projects)
        tx.put_tasks(tasks)
        tx.put_records(records)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"projects": [replace(WEBSITE, status="archived")]}, "project 'Website' is archived"),
        ({"projects": [replace(WEBSITE, status="deleted")]}, "project 'Website' is deleted"),
        (
            {"projects": [replace(WEBSITE, can_track=False)]},
            "project 'Website' does not accept time",
        ),
        (
            {"tasks": [replace(LAYOUT, status="archived")]},
            "task 'Layout' of project 'Website' is archived",
        ),
        (
            {"tasks": [replace(LAYOUT, project_id=SHOP.id)]},
            "task 'Layout' of project 'Website' moved to project 'Webshop'",
        ),
    ],
)
def test_continue_refuses_a_project_that_takes_no_time_any_more(
    tracker: Tracker, clock: Clock, change: dict[str, Any], why: str
) -> None:
    ref = earlier(tracker, clock, Target(project_id=WEBSITE.id, task_id=LAYOUT.id))
    catalog_says(tracker, **change)
    with pytest.raises(TargetClosed) as refused:
        tracker.continue_entry(ref)
    assert str(refused.value) == f"{why}: start 'Layout' without it, or with another project"
    assert refused.value.why == why
    assert refused.value.draft.tags == ("ui",) and refused.value.draft.billable
    assert tracker.running() is None
    assert tracker.closed_target(Target(project_id=WEBSITE.id, task_id=LAYOUT.id)) == why


def test_continue_refuses_a_record_closed_to_time(tracker: Tracker, clock: Clock) -> None:
    ref = earlier(tracker, clock, Target(record_id=ACME.id))
    catalog_says(tracker, records=[replace(ACME, trackable=False)])
    with pytest.raises(TargetClosed, match=r"^record 'Acme GmbH' does not accept time: start"):
        tracker.continue_entry(ref)
    assert tracker.running() is None
    with pytest.raises(InvalidEntry, match=r"^record 'Acme GmbH' does not accept time$"):
        tracker.target(record="Acme")  # `--record` says the same, by the same rule


def test_start_refuses_a_closed_target_given_by_id_too(tracker: Tracker) -> None:
    catalog_says(tracker, projects=[replace(WEBSITE, status="archived")])
    with pytest.raises(TargetClosed):
        tracker.start("Layout", target=Target(project_id=WEBSITE.id))
    with pytest.raises(NotFound, match=r"^project 'Website' is archived; pick another$"):
        tracker.target(project="Website")
    assert tracker.running() is None


def test_a_target_the_catalog_never_fetched_is_left_to_vmoox(
    tracker: Tracker, clock: Clock
) -> None:
    unknown = Target(project_id="prj_never_seen", task_id="tsk_never_seen")
    ref = earlier(tracker, clock, unknown)
    started = tracker.continue_entry(ref).started
    assert started is not None and started.target == unknown
    assert tracker.closed_target(unknown) is None
    assert tracker.closed_target(NO_TARGET) is None


def test_continue_while_that_entry_runs_starts_nothing(tracker: Tracker, clock: Clock) -> None:
    ref = earlier(tracker, clock, Target(project_id=WEBSITE.id))
    running = tracker.continue_entry(ref).started
    assert running is not None
    clock.advance(minutes=12)
    for again in (None, running.client_ref, ref):  # the latest, itself, the one it continues
        with pytest.raises(AlreadyRunning) as said:
            tracker.continue_entry(again)
        assert str(said.value) == "'Layout' is already running, since 09:00"
        assert said.value.entry == running
    assert tracker.running() == running
    assert len(tracker.between(T0 - timedelta(days=1), clock.now)) == 2
    assert tracker.store.outbox()[-1].client_ref == running.client_ref  # nothing more queued
    # Something else running, Continue switches to it as before.
    tracker.start("Other")
    clock.advance(minutes=5)
    switched = tracker.continue_entry(ref)
    assert switched.stopped is not None and switched.stopped.description == "Other"
    assert switched.started is not None and switched.started.description == "Layout"


def test_an_away_answer_lets_the_timer_go_on_on_its_own_closed_project(
    tracker: Tracker, clock: Clock
) -> None:
    """Discarding the time away splits the running timer around it: the part after is that
    timer going on, not new work on a project closed since, so it is not refused."""
    running = tracker.start("Layout", target=Target(project_id=WEBSITE.id)).started
    assert running is not None
    catalog_says(tracker, projects=[replace(WEBSITE, status="archived")])
    away = Away(T0 + timedelta(minutes=30), T0 + timedelta(minutes=50), AwayCause.IDLE)
    clock.advance(minutes=51)
    entry = RunningEntry(running.client_ref, running.start)
    apply_away(tracker, resolve_away(AwayChoice.DISCARD_AND_CONTINUE, away, entry, None))
    going_on = tracker.running()
    assert going_on is not None and going_on.start == away.end
    assert going_on.target == Target(project_id=WEBSITE.id)
