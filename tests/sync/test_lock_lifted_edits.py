"""An edit Vmoox refused for a locked period is made again once the lock no longer covers
the entry, which is editable again; one refused as invoiced is not sent again and again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, assert_in_agreement, server_entry
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention


def _refused_for_the_lock(timo: Timo, sandbox: SandboxHandle, lock_days_ago: int = 7) -> str:
    """A synced entry (thirty days back) edited here, then refused: the workspace was
    locked before the edit was sent."""
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="edited before the lock was known")
    lock = (datetime.now(UTC) - timedelta(days=lock_days_ago)).date()
    sandbox.set_workspace(lock_date=lock.isoformat())
    assert timo.engine.sync().attention == 1
    [item] = needs_attention(timo.store)
    assert item.kind == "locked"
    return entry.client_ref


def test_the_refused_edit_goes_once_the_lock_is_lifted(timo: Timo, sandbox: SandboxHandle) -> None:
    ref = _refused_for_the_lock(timo, sandbox)
    sandbox.set_workspace(lock_date=None)

    report = timo.engine.sync()

    assert report.attention == 0 and report.pending == 0
    assert needs_attention(timo.store) == []
    assert server_entry(sandbox, ref)["description"] == "edited before the lock was known"
    assert sync_state.conflicts(timo.store.connection, ref) == []
    edited = timo.tracker.edit(ref, description="and again")  # no longer read-only
    timo.engine.sync()
    assert server_entry(sandbox, ref)["description"] == edited.description
    assert_in_agreement(timo.store, sandbox)


def test_a_lock_moved_back_before_the_entry_lifts_it_too(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _refused_for_the_lock(timo, sandbox)
    earlier = (datetime.now(UTC) - timedelta(days=60)).date()
    sandbox.set_workspace(lock_date=earlier.isoformat())

    assert timo.engine.sync().attention == 0
    assert server_entry(sandbox, ref)["description"] == "edited before the lock was known"
    assert_in_agreement(timo.store, sandbox)


def test_once_the_lock_is_lifted_an_invoiced_entry_still_waits_and_is_not_sent_again(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry, invoiced = add(timo, 1), add(timo, 2)
    timo.engine.sync()
    sandbox.set_invoiced(server_entry(sandbox, invoiced.client_ref)["id"])
    timo.tracker.edit(entry.client_ref, description="edited before the lock was known")
    timo.tracker.edit(invoiced.client_ref, description="after the invoice")
    lock = (datetime.now(UTC) - timedelta(days=7)).date()
    sandbox.set_workspace(lock_date=lock.isoformat())
    assert timo.engine.sync().attention == 2
    sandbox.set_workspace(lock_date=None)
    sent = len(timo.recorder.writes())

    for _ in range(3):
        report = timo.engine.sync()

    assert report.attention == 1
    [(waiting, _code, reason)] = sync_state.attention(timo.store.connection)
    assert (waiting, reason) == (
        invoiced.client_ref,
        "This entry is read-only: it has been invoiced.",
    )
    assert len(timo.recorder.writes()) == sent + 1  # the other entry's edit, once
    assert (
        server_entry(sandbox, entry.client_ref)["description"] == "edited before the lock was known"
    )
    with pytest.raises(InvalidEntry, match=r"^This entry is read-only: it has been invoiced\.$"):
        timo.tracker.edit(invoiced.client_ref, description="again")
