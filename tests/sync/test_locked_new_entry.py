"""A new entry Vmoox refused for a locked period: Vmoox never had it, so it is not
read-only here. It can be deleted or moved out of the period, and it is sent by itself
once the lock no longer covers it (its refusal cleared then)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    Timo,
    assert_in_agreement,
    server_entries,
    server_entry,
    slot,
)
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.validation import check_unlocked
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention


def _lock(timo: Timo, sandbox: SandboxHandle) -> str:
    """A lock a week back, set on the server after the rules were last pulled here."""
    timo.engine.sync()
    lock_date = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    sandbox.set_workspace(lock_date=lock_date)
    return lock_date


def _refused(timo: Timo, index: int, days_ago: int = 30) -> str:
    """An entry before the lock (not known here yet), for the next round to refuse."""
    start, end = slot(index, days_ago=days_ago)
    return timo.tracker.add(f"forgot {index}", start, end, target=PROJECT).client_ref


def test_refused_for_the_lock_it_says_so_and_can_be_deleted_here(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    lock_date = _lock(timo, sandbox)
    ref = _refused(timo, 1)
    report = timo.engine.sync()
    assert report.attention == 1
    [(_, code, reason)] = sync_state.attention(timo.store.connection)
    assert code == "entry-locked"
    assert reason == (
        f"Not sent: this workspace takes no entries before {lock_date}. Delete it here or "
        "move it to a later day; it is sent by itself once the lock no longer covers it."
    )
    [item] = needs_attention(timo.store)
    assert item.kind == "locked-new" and item.message == reason

    timo.tracker.delete(ref)  # was: "This entry is read-only: it falls before …"
    sent = len(timo.recorder.writes())
    report = timo.engine.sync()
    assert report.attention == 0 and report.pending == 0
    assert len(timo.recorder.writes()) == sent  # nothing to tell Vmoox
    assert needs_attention(timo.store) == []
    assert ref not in {e["client_ref"] for e in server_entries(sandbox)}
    assert_in_agreement(timo.store, sandbox)


def test_moved_out_of_the_locked_period_it_is_sent(timo: Timo, sandbox: SandboxHandle) -> None:
    _lock(timo, sandbox)
    ref = _refused(timo, 1)
    timo.engine.sync()
    # Into the period (the rules now pulled) is refused; out of it, accepted.
    with pytest.raises(InvalidEntry, match="are locked in Northwind Agency"):
        timo.tracker.edit(ref, start=slot(2, days_ago=20)[0], end=slot(2, days_ago=20)[1])
    start, end = slot(2, days_ago=3)
    timo.tracker.edit(ref, start=start, end=end)
    report = timo.engine.sync()
    assert report.attention == 0 and report.pending == 0
    assert server_entry(sandbox, ref)["start"] == start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert_in_agreement(timo.store, sandbox)


def test_once_the_lock_no_longer_covers_it_the_next_round_sends_it(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _lock(timo, sandbox)
    ref = _refused(timo, 1)
    timo.engine.sync()
    # Still locked: a round sends nothing for it, and its reason stays.
    sent = len(timo.recorder.writes())
    assert timo.engine.sync().attention == 1
    assert len(timo.recorder.writes()) == sent

    sandbox.set_workspace(lock_date=None)
    report = timo.engine.sync()
    assert report.attention == 0 and report.pending == 0 and report.errors == []
    assert server_entry(sandbox, ref)["description"] == "forgot 1"
    assert sync_state.attention(timo.store.connection) == []
    assert timo.store.connection.execute(
        "SELECT last_error_code, last_error_message FROM entries WHERE client_ref = ?", (ref,)
    ).fetchone() == (None, None)
    entry = timo.store.get(ref)
    check_unlocked(entry.start, timo.tracker.rules_of(entry))  # the rules came too
    assert_in_agreement(timo.store, sandbox)


def test_a_lock_moved_back_only_sends_what_it_no_longer_covers(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    _lock(timo, sandbox)
    older = _refused(timo, 1, days_ago=30)
    newer = _refused(timo, 2, days_ago=20)
    assert timo.engine.sync().attention == 2
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=25)).date().isoformat())
    report = timo.engine.sync()
    assert report.attention == 1
    assert server_entry(sandbox, newer)["description"] == "forgot 2"
    [(waiting, _, _)] = sync_state.attention(timo.store.connection)
    assert waiting == older
    assert_in_agreement(timo.store, sandbox, waiting={older})
