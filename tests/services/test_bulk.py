"""Several entries at once (the list's selection): one transaction each way, all or nothing,
a refusal naming the entry; fast enough for a year of entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.services import Tracker
from timo_desktop.services.tracker import Refused
from timo_desktop.store.database import WORKSPACE_RULES_KEY
from timo_desktop.store.outbox import Op

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
WEB = Target(project_id="prj_1")


@pytest.fixture
def clock() -> Clock:
    return Clock(T0 + timedelta(days=3))


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)


def standups(tracker: Tracker, days: int = 3) -> list[Entry]:
    return [
        tracker.add("Standup", T0 + timedelta(days=d), T0 + timedelta(days=d, minutes=15))
        for d in range(days)
    ]


def refs(entries: list[Entry]) -> list[str]:
    return [e.client_ref for e in entries]


def test_edit_each_changes_every_entry_in_one_transaction(tracker: Tracker) -> None:
    entries = standups(tracker)
    heard: list[tuple[str, ...]] = []
    tracker.on_change(heard.append)
    done = tracker.edit_each(refs(entries), lambda e: {"target": WEB, "tags": (*e.tags, "daily")})
    assert [before for before, _after in done] == entries
    for entry in entries:
        now = tracker.get(entry.client_ref)
        assert (now.target, now.tags) == (WEB, ("daily",))
        assert [op.op for op in tracker.store.outbox(entry.client_ref)] == [Op.CREATE, Op.UPDATE]
    assert heard == [tuple(refs(entries))]  # sync hears of the whole set once


def test_edit_each_leaves_alone_what_already_has_the_value(tracker: Tracker) -> None:
    first, second = standups(tracker, 2)
    tracker.edit(first.client_ref, billable=True)
    done = tracker.edit_each(refs([first, second]), lambda _e: {"billable": True})
    assert [after.client_ref for _before, after in done] == [second.client_ref]
    assert len(tracker.store.outbox(first.client_ref)) == 2  # create and the one edit


def test_one_refusal_changes_nothing_and_names_the_entry(
    tracker: Tracker, clock: Clock, timo_home: Path
) -> None:
    entries = standups(tracker)
    outbox = len(tracker.store.outbox())
    longest = tracker.rules_of(entries[-1]).max_description
    last = entries[-1].client_ref
    # Each gets a new description; the last one's is longer than the workspace allows.
    with pytest.raises(Refused) as refused:
        tracker.edit_each(
            refs(entries),
            lambda e: {"description": "x" * (longest + 1) if e.client_ref == last else "Daily"},
        )
    assert refused.value.entry.client_ref == last
    assert refused.value.reason == (
        f"the description has {longest + 1} characters; at most {longest} are allowed"
    )
    assert all(tracker.get(e.client_ref).description == "Standup" for e in entries)
    assert len(tracker.store.outbox()) == outbox


def test_a_project_for_entries_that_broke_a_rule_since_is_not_refused(
    tracker: Tracker, clock: Clock
) -> None:
    """An entry already too long for a rule tightened since, or overlapping one synced in,
    still takes a project or billable: only what changes is checked (its times do not)."""
    first, second = standups(tracker, 2)
    night = tracker.add("Night shift", T0 - timedelta(hours=11), T0 - timedelta(hours=1))
    with tracker.store.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
    loose = Tracker(tracker.store, zone=ZONE, clock=clock)
    loose.add("Standup twin", T0 + timedelta(minutes=5), T0 + timedelta(minutes=20))
    with tracker.store.write() as tx:
        tx.set_meta(
            WORKSPACE_RULES_KEY,
            json.dumps({"allow_overlap": False, "max_entry_seconds": 8 * 3600}),
        )
    strict = Tracker(tracker.store, zone=ZONE, clock=clock)
    strict.edit_each(refs([second, first, night]), lambda _e: {"target": WEB, "billable": True})
    assert all(strict.get(e.client_ref).target == WEB for e in (first, second, night))
    strict.edit(night.client_ref, tags=["overnight"])  # one at a time alike
    # Moving it is checked as ever.
    with pytest.raises(InvalidEntry, match="longest allowed is 8h 00m"):
        strict.edit(night.client_ref, start=night.start - timedelta(minutes=5))


def test_the_running_timer_is_edited_and_deleted_with_the_rest(
    tracker: Tracker, clock: Clock
) -> None:
    entries = standups(tracker, 2)
    running = tracker.start("Standup").started
    assert running is not None
    clock.advance(minutes=10)
    tracker.edit_each(refs([running, *entries]), lambda _e: {"billable": True})
    assert tracker.running() == tracker.get(running.client_ref)
    assert tracker.get(running.client_ref).billable

    tracker.delete_each(refs([running, *entries]))
    assert tracker.running() is None
    assert tracker.between(T0, clock.now) == []
    tracker.undo_delete_each(refs([running, *entries]))
    back = tracker.running()
    assert back is not None and back.client_ref == running.client_ref
    assert len(tracker.between(T0, clock.now)) == 3


def test_deleted_entries_come_back_together_or_not_at_all(tracker: Tracker, clock: Clock) -> None:
    entries = standups(tracker)
    tracker.delete_each(refs(entries))
    taken = tracker.add("Retro", T0 + timedelta(days=1), T0 + timedelta(days=1, minutes=30))
    with pytest.raises(Refused, match="overlaps 'Retro'"):
        tracker.undo_delete_each(refs(entries))
    assert [e.client_ref for e in tracker.between(T0, clock.now)] == [taken.client_ref]
    tracker.delete(taken.client_ref)
    tracker.undo_delete_each(refs(entries))
    assert len(tracker.between(T0, clock.now)) == 3


def test_a_deleted_running_timer_waits_while_another_runs(tracker: Tracker, clock: Clock) -> None:
    running = tracker.start("First").started
    assert running is not None
    tracker.delete_each([running.client_ref])
    tracker.start("Second")
    with pytest.raises(InvalidEntry, match="another timer is running"):
        tracker.undo_delete_each([running.client_ref])


def test_a_year_of_entries_changes_at_once(tracker: Tracker, clock: Clock) -> None:
    year = T0 - timedelta(days=380)
    with tracker.batch():
        entries = [
            tracker.add("Standup", year + timedelta(hours=h), year + timedelta(hours=h, minutes=15))
            for h in range(0, 3000 * 3, 3)
        ]
    statements: list[str] = []
    tracker.store.connection.set_trace_callback(statements.append)
    try:
        tracker.edit_each(refs(entries), lambda _e: {"target": WEB})
    finally:
        tracker.store.connection.set_trace_callback(None)
    # Only what changes is checked: a project moves no time, so no neighbour is read
    # (one query per entry took about four times as long). Counted in statements, as a
    # time limit would fail on a busy machine.
    neighbour_reads = [s for s in statements if "start_at <" in s and "end_at >" in s]
    assert neighbour_reads == []
    assert tracker.get(entries[-1].client_ref).target == WEB
