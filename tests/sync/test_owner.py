"""Handing the database to another account: refused while anything is unsent, else the
previous account's synced copies go and this computer's own settings stay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import SyncState
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import sync_state
from timo_desktop.sync.owner import OtherAccount, Owner, check, hand_over, owner

DANA = Owner.of("http://127.0.0.1:8765/", "usr_1", "dana@example.com", "Dana")
ALEX = Owner.of("http://127.0.0.1:8765", "usr_3", None, "Alex Rivera")
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    opened = Tracker.open(tmp_path / "timo.sqlite3", zone="Europe/Berlin")
    yield opened
    opened.close()


def _synced(tracker: Tracker) -> None:
    """Everything sent: as if the server had accepted each change."""
    with tracker.store.write() as tx:
        tx.connection.execute("UPDATE outbox SET state = 'done'")
        tx.connection.execute("UPDATE entries SET sync_state = ?", (SyncState.SYNCED.value,))


def test_the_same_person_on_the_same_server_is_the_same_owner() -> None:
    assert DANA.key == "http://127.0.0.1:8765|usr_1"
    assert (DANA.who, ALEX.who) == ("dana@example.com", "Alex Rivera")


def test_an_unsent_entry_keeps_the_database_with_its_owner(tracker: Tracker) -> None:
    hand_over(tracker.store, DANA)
    tracker.add("Dana's work", START, START + timedelta(minutes=30))
    with pytest.raises(OtherAccount, match=r"^1 entry recorded as dana@example\.com at "):
        hand_over(tracker.store, ALEX)
    with pytest.raises(OtherAccount, match=r"were recorded as dana@example\.com"):
        check(tracker.store, ALEX)
    assert owner(tracker.store) == DANA
    assert [e.description for e in tracker.store.recent()] == ["Dana's work"]


def test_handed_over_the_previous_accounts_copies_go_and_the_device_stays(
    tracker: Tracker,
) -> None:
    hand_over(tracker.store, DANA)
    tracker.add("Dana's work", START, START + timedelta(minutes=30))
    with tracker.store.write() as tx:
        tx.put_projects([Project("prj_1", "Dana's client project", workspace_id="ws_1")])
        tx.set_meta("sync.entries_token.ws_1", "dana-position")
        tx.set_meta("sync.device_id", "dev_here")
    _synced(tracker)
    assert hand_over(tracker.store, DANA) is None  # the same person: nothing removed

    removed = hand_over(tracker.store, ALEX)
    assert removed == (
        "the entries of dana@example.com at http://127.0.0.1:8765 were removed from this "
        "computer (Vmoox keeps them)"
    )
    store = tracker.store
    assert store.recent() == [] and store.projects(include_inactive=True) == []
    assert store.meta("sync.entries_token.ws_1") is None
    assert store.meta("sync.device_id") == "dev_here"
    assert owner(store) == ALEX
    assert sync_state.unsent_entries(store.connection) == 0
    check(store, ALEX)  # Alex's to sync now


def test_a_running_timer_keeps_the_database_with_its_owner(tracker: Tracker) -> None:
    hand_over(tracker.store, DANA)
    tracker.start("Dana's call")
    _synced(tracker)  # started on the server too: only its end is still to come
    with pytest.raises(OtherAccount, match=r"^the timer “Dana's call” of dana@example\.com"):
        hand_over(tracker.store, ALEX)
    assert owner(tracker.store) == DANA and tracker.running() is not None
