"""Undo of a delete: the entry deleted last comes back first, and one whose delete never
left this computer is as synced as before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.entry import SyncState
from timo_desktop.core.errors import NotFound
from timo_desktop.services import Tracker
from timo_desktop.store import sync_state

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)


def _added(tracker: Tracker, description: str, hour: int) -> str:
    start = T0 - timedelta(days=1) + timedelta(hours=hour)
    return tracker.add(description, start, start + timedelta(minutes=30)).client_ref


def test_deletes_in_the_same_second_come_back_last_deleted_first(tracker: Tracker) -> None:
    refs = [_added(tracker, name, hour) for hour, name in enumerate("ABC")]
    for ref in refs:  # the clock stands still: every delete is stamped the same second
        tracker.delete(ref)

    brought_back = [tracker.undo_delete().description for _ in refs]

    assert brought_back == ["C", "B", "A"]
    with pytest.raises(NotFound):
        tracker.undo_delete()


def test_undoing_a_delete_never_sent_leaves_a_synced_entry_synced(tracker: Tracker) -> None:
    ref = _added(tracker, "Synced before", 1)
    with tracker.store.write() as tx:  # what a round accepting its create leaves
        sync_state.done(tx.connection, [op.id for op in tx.outbox(ref)])
        sync_state.link(
            tx.connection, ref, workspace_id="ws_1", remote_id="te_1", remote_version=1, base={}
        )
        sync_state.mark_synced(tx.connection, [ref])

    tracker.delete(ref)
    back = tracker.undo_delete()

    assert back.sync_state is SyncState.SYNCED
    stored = tracker.store.get(ref)
    assert stored is not None and not stored.is_deleted
    assert stored.sync_state is SyncState.SYNCED
    assert tracker.store.outbox(ref)[-1].op.value == "create"  # the delete is gone


def test_undoing_a_delete_of_an_entry_vmoox_never_had_queues_it_again(tracker: Tracker) -> None:
    """Its create retired by a sync round as needless, the entry being deleted, and the
    delete not yet: taking the delete back leaves nothing that would send it."""
    ref = _added(tracker, "Never sent", 1)
    tracker.delete(ref)
    with tracker.store.write() as tx:  # what the round left
        create = tx.outbox(ref)[0]
        sync_state.done(tx.connection, [create.id])

    back = tracker.undo_delete()

    assert back.sync_state is SyncState.PENDING
    ops = tracker.store.outbox(ref)
    assert [(op.op.value, op.state.value) for op in ops] == [
        ("create", "done"),
        ("create", "pending"),
    ]


def test_a_selection_undeleted_in_part_elsewhere_comes_back_whole(tracker: Tracker) -> None:
    """Three deleted together, one brought back by `timo undo` since: the window's undo
    brings back the other two (it refused them all, and they stayed deleted)."""
    refs = [_added(tracker, name, hour) for hour, name in enumerate("XYZ")]
    tracker.delete_each(refs)
    tracker.undo_delete(refs[0])  # as `timo undo` does, in another process

    back = tracker.undo_delete_each(refs)

    assert sorted(entry.description for entry in back) == ["Y", "Z"]
    assert all(not tracker.get(ref).is_deleted for ref in refs)
