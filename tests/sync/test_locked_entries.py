"""Case 21 at input: what Vmoox keeps read-only is refused when typed, not undone by sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    Timo,
    add,
    assert_in_agreement,
    edit_on_server,
    server_entry,
    slot,
)
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention


def test_the_lock_date_comes_with_the_workspace_rules_and_refuses_changes(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    synced = add(timo, 1)  # thirty days ago
    timo.engine.sync()
    lock_date = (datetime.now(UTC) - timedelta(days=7)).date()
    sandbox.set_workspace(lock_date=lock_date.isoformat())
    timo.engine.sync()
    locked = f"^entries before {lock_date.isoformat()} are locked in Northwind Agency$"
    queued = len(timo.store.outbox())
    with pytest.raises(InvalidEntry, match=locked):
        timo.tracker.edit(synced.client_ref, description="edited after the lock")
    with pytest.raises(InvalidEntry, match=locked):
        timo.tracker.delete(synced.client_ref)
    with pytest.raises(InvalidEntry, match=locked):
        timo.tracker.add("typed in after the lock", *slot(3))
    assert len(timo.store.outbox()) == queued
    assert timo.engine.sync().attention == 0
    assert server_entry(sandbox, synced.client_ref)["description"] == "work 1"
    assert_in_agreement(timo.store, sandbox)


def test_an_invoiced_entry_refused_once_is_refused_at_input_with_the_servers_reason(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    sandbox.set_invoiced(server_entry(sandbox, entry.client_ref)["id"])
    timo.tracker.edit(entry.client_ref, description="after the invoice")  # not known here yet
    report = timo.engine.sync()
    assert report.attention == 1
    [(_, code, reason)] = sync_state.attention(timo.store.connection)
    assert (code, reason) == ("entry-locked", "This entry is read-only: it has been invoiced.")
    with pytest.raises(InvalidEntry, match=r"^This entry is read-only: it has been invoiced\.$"):
        timo.tracker.edit(entry.client_ref, description="again")
    with pytest.raises(InvalidEntry, match="it has been invoiced"):
        timo.tracker.delete(entry.client_ref)
    assert server_entry(sandbox, entry.client_ref)["description"] == "work 1"
    assert_in_agreement(timo.store, sandbox, waiting={entry.client_ref})
    # Taken off the invoice: the pulled change ends the refusal, and edits go through.
    sandbox.set_invoiced(server_entry(sandbox, entry.client_ref)["id"], invoiced=False)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="after the credit note")
    assert timo.engine.sync().attention == 0
    assert server_entry(sandbox, entry.client_ref)["description"] == "after the credit note"
    assert_in_agreement(timo.store, sandbox)


def test_an_entry_invoiced_on_the_server_is_refused_at_input_once_synced(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    remote_id = server_entry(sandbox, entry.client_ref)["id"]
    sandbox.set_invoiced(remote_id)
    timo.engine.sync()  # brings the entry back marked read-only
    queued = len(timo.store.outbox())
    invoiced = r"^this entry is read-only in Vmoox \(it has been invoiced\)$"
    with pytest.raises(InvalidEntry, match=invoiced):
        timo.tracker.edit(entry.client_ref, description="after the invoice")
    with pytest.raises(InvalidEntry, match=invoiced):
        timo.tracker.delete(entry.client_ref)
    assert len(timo.store.outbox()) == queued
    assert timo.engine.sync().attention == 0  # nothing was sent to be refused
    started = timo.tracker.continue_entry(entry.client_ref).started  # a new entry: allowed
    assert started is not None and started.description == "work 1"
    timo.tracker.stop()

    sandbox.set_invoiced(remote_id, invoiced=False)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="after the credit note")
    timo.engine.sync()
    assert server_entry(sandbox, entry.client_ref)["description"] == "after the credit note"
    assert_in_agreement(timo.store, sandbox)


def test_an_edit_meeting_a_copy_locked_since_is_asked_about_as_read_only_at_once(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Renamed on the laptop and here, the period locked before the edit here went: the
    name is the question a field changed on both sides is, Vmoox's kept and nothing sent
    for Vmoox to refuse; Keep mine waits for the unlock, Keep theirs lets it go."""
    entry = add(timo, 1)  # thirty days ago
    timo.engine.sync()
    ref = entry.client_ref
    edit_on_server(sandbox, ref, {"description": "named on the laptop"})
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())
    timo.tracker.edit(ref, description="named here")  # the lock is not known here yet
    report = timo.engine.sync_until_done(timeout=60)
    [item] = timo.tracker.sync_attention()
    assert item.kind == "conflict" and (report.attention, report.conflicts) == (0, 1)
    assert item.read_only is not None
    assert item.message == (
        "Changed on the server while you edited it: description “named on the laptop”"
        " (yours: “named here”)."
    )
    assert [s.status for s in timo.recorder.sent if s.method == "PATCH"] == [412]
    timo.engine.dismiss_conflicts(ref)  # Keep theirs
    assert timo.engine.sync_until_done(timeout=60).conflicts == 0
    assert needs_attention(timo.store) == []
    assert server_entry(sandbox, ref)["description"] == "named on the laptop"
    assert_in_agreement(timo.store, sandbox)
