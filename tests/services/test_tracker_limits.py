"""The Tracker refuses at input what Vmoox would refuse later: too many or too long tags,
entries in a locked period, and a timer that could never be stopped."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.validation import TooLong
from timo_desktop.services import Tracker
from timo_desktop.services.tracker import Refused
from timo_desktop.store import sync_state
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.store.outbox import Op

ZONE = "Europe/Berlin"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
TAGS = [f"tag{i}" for i in range(21)]
LOCKED = "entries before 2026-03-02 are locked in this workspace"


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def tracker(timo_home: Path, clock: Clock) -> Tracker:
    return Tracker.open(timo_home / "data" / "timo.sqlite3", zone=ZONE, clock=clock)


def queued(tracker: Tracker) -> int:
    return len(tracker.store.outbox())


# -- tags ---------------------------------------------------------------------------------


def test_more_than_twenty_tags_are_refused_everywhere_they_are_typed(tracker: Tracker) -> None:
    too_many = "the entry has 21 tags; at most 20 are allowed"
    with pytest.raises(InvalidEntry, match=too_many):
        tracker.start("Homepage", tags=TAGS)
    with pytest.raises(InvalidEntry, match=too_many):
        tracker.add("Homepage", T0 - timedelta(hours=2), T0 - timedelta(hours=1), tags=TAGS)
    entry = tracker.add("Homepage", T0 - timedelta(hours=2), T0 - timedelta(hours=1))
    with pytest.raises(InvalidEntry, match=too_many):
        tracker.edit(entry.client_ref, tags=TAGS)
    with pytest.raises(Refused, match=too_many):
        tracker.edit_each([entry.client_ref], lambda _e: {"tags": TAGS})
    assert queued(tracker) == 1  # only the add that was allowed
    tracker.edit(entry.client_ref, tags=TAGS[:20])


def test_a_tag_longer_than_64_characters_is_refused(tracker: Tracker) -> None:
    with pytest.raises(InvalidEntry, match="has 65 characters; at most 64 are allowed"):
        tracker.start("Homepage", tags=["design", "x" * 65])
    assert tracker.running() is None and queued(tracker) == 0


def test_tags_an_entry_already_has_do_not_stop_other_edits(tracker: Tracker) -> None:
    """Synced in from elsewhere, say: only what an edit changes is checked."""
    entry = tracker.add("Homepage", T0 - timedelta(hours=2), T0 - timedelta(hours=1))
    with tracker.store.write() as tx:
        tx.save(entry.changed(T0, tags=tuple(TAGS)), Op.UPDATE, T0)
    assert tracker.edit(entry.client_ref, description="Homepage hero").tags == tuple(TAGS)


# -- a timer that could not be stopped -------------------------------------------------------


def test_a_timer_cannot_start_further_back_than_the_longest_entry(
    tracker: Tracker, clock: Clock
) -> None:
    for back in (timedelta(hours=30), timedelta(hours=1_000_000)):
        with pytest.raises(InvalidEntry, match="long; the longest allowed is 24h 00m"):
            tracker.start("forgot", at=clock.now - back)
    assert tracker.running() is None and queued(tracker) == 0
    tracker.start("forgot", at=clock.now - timedelta(hours=24))


def test_a_timer_run_too_long_says_to_stop_it_earlier_and_can_be(
    tracker: Tracker, clock: Clock
) -> None:
    forgot = tracker.start("forgot").started
    assert forgot is not None
    done = tracker.add("done", T0 - timedelta(hours=2), T0 - timedelta(hours=1))
    clock.advance(hours=30)
    way_out = (
        "the entry is 30h 00m long; the longest allowed is 24h 00m, "
        r"so stop the timer at an earlier time \(09:00 at the latest\)"
    )
    for action in (
        tracker.stop,
        lambda: tracker.start("other"),
        lambda: tracker.continue_entry(done.client_ref),
    ):
        with pytest.raises(TooLong, match=f"^{way_out}$") as refused:
            action()
        assert refused.value.latest_end == T0 + timedelta(hours=24)
    assert tracker.running() == forgot
    stopped = tracker.stop(at=T0 + timedelta(hours=24))
    assert stopped.end == T0 + timedelta(hours=24)


# -- the lock date --------------------------------------------------------------------------


def lock(tracker: Tracker) -> None:
    """As sync keeps the workspace's rules: locked before 2 March, Berlin time."""
    rules = {"lock_date": "2026-03-02", "timezone": ZONE}
    with Store.open(tracker.store.path) as synced, synced.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps(rules))


def held_by_vmoox(tracker: Tracker, ref: str) -> None:
    """As a sync round leaves an entry Vmoox accepted: its id and version there."""
    with Store.open(tracker.store.path) as synced, synced.write() as tx:
        sync_state.link(
            tx.connection, ref, workspace_id="ws_1", remote_id="te_1", remote_version=1, base={}
        )


def test_entries_before_the_lock_date_cannot_be_added_changed_or_deleted(
    tracker: Tracker, clock: Clock
) -> None:
    day_before = T0 - timedelta(days=1, hours=10)  # 1 March, 23:00 Berlin: still locked
    old = tracker.add("invoiced week", day_before - timedelta(hours=1), day_before)
    held_by_vmoox(tracker, old.client_ref)
    fresh = tracker.add("today", T0 - timedelta(hours=2), T0 - timedelta(hours=1))
    lock(tracker)
    before = queued(tracker)
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):
        tracker.add("late", day_before - timedelta(hours=3), day_before - timedelta(hours=2))
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):
        tracker.edit(old.client_ref, description="changed")
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):  # moving it out
        tracker.edit(old.client_ref, start=T0 - timedelta(hours=4), end=T0 - timedelta(hours=3))
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):  # moving one in
        tracker.edit(fresh.client_ref, start=day_before - timedelta(hours=3))
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):
        tracker.delete(old.client_ref)
    with pytest.raises(Refused, match=f"“invoiced week” .*: {LOCKED}$"):
        tracker.delete_each([fresh.client_ref, old.client_ref])
    with pytest.raises(Refused, match=f"“invoiced week” .*: {LOCKED}$"):
        tracker.edit_each([fresh.client_ref, old.client_ref], lambda _e: {"billable": True})
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):
        tracker.start("late", at=day_before)
    assert queued(tracker) == before  # nothing was changed
    assert tracker.get(old.client_ref) == old
    tracker.edit(fresh.client_ref, description="today, still open")
    midnight = day_before + timedelta(hours=1)  # 2 March in Berlin: open
    tracker.add("first thing", midnight, midnight + timedelta(minutes=30))


def test_an_entry_vmoox_never_had_is_not_kept_by_the_lock(tracker: Tracker) -> None:
    """The lock keeps what Vmoox holds: one recorded here before the lock was known (and
    refused when sent) is deleted here, or moved out of the period, not kept for good."""
    day_before = T0 - timedelta(days=1, hours=10)  # 1 March, 23:00 Berlin: locked
    moved = tracker.add("forgot on Sunday", day_before - timedelta(hours=1), day_before)
    dropped = tracker.add(
        "typed twice", day_before - timedelta(hours=3), day_before - timedelta(hours=2)
    )
    lock(tracker)
    with pytest.raises(InvalidEntry, match=f"^{LOCKED}$"):  # still not into the period
        tracker.edit(moved.client_ref, start=day_before - timedelta(hours=2))
    tracker.edit(moved.client_ref, start=T0 - timedelta(hours=4), end=T0 - timedelta(hours=3))
    assert tracker.delete(dropped.client_ref).is_deleted
