"""Undo of a delete Vmoox already has: the entry comes back on the server too, once.

Vmoox keeps a deleted entry's `client_ref` deleted for good, so an entry brought back
after its delete was sent goes to Vmoox as a new entry; before the delete is sent,
Undo simply takes the delete back and Vmoox hears nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    Timo,
    add,
    assert_in_agreement,
    delete_on_server,
    server_entries,
    slot,
)
from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.core.errors import NotFound
from timo_desktop.core.local_time import to_text
from timo_desktop.store import sync_state
from timo_desktop.store.outbox import Op, OpState
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import DELETED_ON_SERVER

BATCH = "/v1/workspaces/*/time-entries:batch"
ONE_ENTRY = "/v1/workspaces/*/time-entries/*"


def _billable(timo: Timo, index: int, *, recent: bool = False) -> Entry:
    """A synced, billable 30-minute entry on the demo project (`recent`: two hours ago,
    inside the window Sync health compares)."""
    start, end = slot(index, minutes=30)
    if recent:
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
        end = start + timedelta(minutes=30)
    entry = timo.tracker.add(f"billable {index}", start, end, target=PROJECT, billable=True)
    timo.engine.sync_until_done(timeout=60)
    return entry


def _live_like(sandbox: SandboxHandle, entry: Entry) -> list[dict[str, Any]]:
    """The server's live entries with `entry`'s times and description."""
    return [
        e
        for e in server_entries(sandbox)
        if (e["start"], e["end"], e["description"])
        == (to_text(entry.start), to_text(entry.end) if entry.end else None, entry.description)
    ]


def _same_work(remote: dict[str, Any], entry: Entry) -> None:
    assert remote["target"]["id"] == entry.target.project_id
    assert remote["target"].get("task_id") == entry.target.task_id
    assert remote["billable"] is entry.billable
    assert remote["duration_seconds"] == 30 * 60


def test_undo_after_the_delete_was_sent_brings_it_back_on_the_server(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = _billable(timo, 1)
    timo.tracker.delete(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    assert _live_like(sandbox, entry) == []

    back = timo.tracker.undo_delete(entry.client_ref)
    report = timo.engine.sync_until_done(timeout=60)

    assert report.pending == 0 and report.attention == 0
    [remote] = _live_like(sandbox, entry)
    _same_work(remote, entry)
    assert remote["client_ref"] == back.client_ref
    here = timo.store.get(back.client_ref)
    assert here is not None and not here.is_deleted and here.sync_state is SyncState.SYNCED
    # Brought back once: the same undo again finds nothing left to bring back.
    with pytest.raises(NotFound):
        timo.tracker.undo_delete(entry.client_ref)
    assert timo.engine.health().healthy
    assert_in_agreement(timo.store, sandbox)


def test_undo_before_any_sync_sends_nothing(timo: Timo, sandbox: SandboxHandle) -> None:
    entry = _billable(timo, 1)
    sent_before = len(timo.recorder.writes())
    timo.tracker.delete(entry.client_ref)
    back = timo.tracker.undo_delete(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)

    assert back.client_ref == entry.client_ref
    assert len(timo.recorder.writes()) == sent_before
    [remote] = _live_like(sandbox, entry)
    assert remote["client_ref"] == entry.client_ref and remote["version"] == 1
    assert_in_agreement(timo.store, sandbox)


def test_undo_after_the_delete_was_sent_then_an_edit(timo: Timo, sandbox: SandboxHandle) -> None:
    entry = _billable(timo, 1)
    timo.tracker.delete(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    back = timo.tracker.undo_delete(entry.client_ref)
    edited = timo.tracker.edit(back.client_ref, description="billable 1, extended notes")
    report = timo.engine.sync_until_done(timeout=60)

    assert report.pending == 0 and report.attention == 0
    assert _live_like(sandbox, entry) == []
    [remote] = _live_like(sandbox, edited)
    _same_work(remote, entry)
    assert_in_agreement(timo.store, sandbox)


def test_the_re_create_whose_answer_is_lost_is_not_made_twice(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = _billable(timo, 1)
    [first_create] = timo.recorder.writes(":batch")
    timo.tracker.delete(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    timo.tracker.undo_delete(entry.client_ref)
    sandbox.add_fault(BATCH, "commit_then_drop", method="POST", times=1)
    report = timo.engine.sync_until_done(timeout=60)

    assert report.pending == 0
    lost, retried = timo.recorder.writes(":batch")[1:]
    assert lost.status is None and retried.body == lost.body
    key = lost.headers["idempotency-key"]
    assert retried.headers["idempotency-key"] == key != first_create.headers["idempotency-key"]
    [remote] = _live_like(sandbox, entry)
    _same_work(remote, entry)
    assert_in_agreement(timo.store, sandbox)


@pytest.mark.parametrize("then_edited", [False, True])
def test_undo_while_the_delete_is_still_unanswered(
    timo: Timo, sandbox: SandboxHandle, then_edited: bool
) -> None:
    entry = _billable(timo, 1)
    timo.tracker.delete(entry.client_ref)
    # The server deletes it but no answer comes back this round (at most three tries in
    # one): Timo cannot know yet.
    sandbox.add_fault(ONE_ENTRY, "commit_then_drop", method="DELETE", times=3)
    timo.engine.sync()
    sandbox.clear_faults()
    [delete] = [op for op in timo.store.outbox(entry.client_ref) if op.op is Op.DELETE]
    assert delete.state is OpState.PENDING and delete.attempts >= 1
    back = timo.tracker.undo_delete(entry.client_ref)
    if then_edited:
        back = timo.tracker.edit(back.client_ref, description="billable 1, extended notes")
    report = timo.engine.sync_until_done(timeout=60)

    assert report.pending == 0 and report.attention == 0
    [remote] = _live_like(sandbox, back)
    _same_work(remote, entry)
    assert_in_agreement(timo.store, sandbox)


def test_its_old_reference_leads_to_the_entry_brought_back_as_new_after_a_restart(
    timo: Timo, sandbox: SandboxHandle, second_timo: Callable[[], Timo]
) -> None:
    """An Undo step made before holds the old `client_ref`; Redo and Undo again reach the
    entry sync brought back under a new one, also in a later run."""
    entry = _billable(timo, 1)
    old = entry.client_ref
    timo.tracker.delete(old)
    sandbox.add_fault(ONE_ENTRY, "commit_then_drop", method="DELETE", times=3)
    timo.engine.sync()
    sandbox.clear_faults()
    timo.tracker.undo_delete(old)  # still `old`: Timo cannot know the delete went through
    timo.engine.sync_until_done(timeout=60)  # it had, so sync sends the entry as a new one
    [remote] = _live_like(sandbox, entry)
    assert remote["client_ref"] != old

    later = second_timo()
    later.tracker.delete(old)
    later.engine.sync_until_done(timeout=60)
    assert _live_like(sandbox, entry) == []
    back = later.tracker.undo_delete(old)
    later.engine.sync_until_done(timeout=60)
    [remote] = _live_like(sandbox, entry)
    assert remote["client_ref"] == back.client_ref != old
    _same_work(remote, entry)
    assert later.tracker.get(old) == later.tracker.get(back.client_ref)
    assert_in_agreement(later.store, sandbox)


def test_an_entry_restored_from_the_attention_list_is_not_brought_back_twice(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    delete_on_server(sandbox, entry.client_ref)
    timo.tracker.edit(entry.client_ref, description="still worked on it")
    timo.engine.sync_until_done(timeout=60)
    timo.engine.restore_deleted(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)

    with pytest.raises(NotFound):
        timo.tracker.undo_delete()
    timo.engine.sync_until_done(timeout=60)
    assert [e["description"] for e in server_entries(sandbox)].count("still worked on it") == 1
    assert_in_agreement(timo.store, sandbox)


def test_send_again_fixes_an_entry_an_earlier_undo_left_only_here(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = _billable(timo, 1, recent=True)
    timo.tracker.delete(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    # What an earlier version left behind: shown as synced, but deleted on Vmoox.
    with timo.store.write() as tx:
        sync_state.put_entry(tx.connection, replace(entry, sync_state=SyncState.SYNCED))
    [finding] = [f for f in timo.engine.health().findings if entry.client_ref in f.client_refs]
    assert (finding.kind, finding.action) == ("missing_on_server", "resend")

    timo.engine.resend(entry.client_ref)
    report = timo.engine.sync_until_done(timeout=60)

    assert report.attention == 0 and needs_attention(timo.store) == []
    [remote] = _live_like(sandbox, entry)
    _same_work(remote, entry)
    assert timo.engine.health().healthy
    assert_in_agreement(timo.store, sandbox)


def test_sent_again_after_a_delete_on_the_web_says_what_restore_does(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = _billable(timo, 1)
    delete_on_server(sandbox, entry.client_ref)
    timo.engine.resend(entry.client_ref)  # before the deletion was pulled
    timo.engine.sync_until_done(timeout=60)

    [item] = needs_attention(timo.store)
    assert item.kind == "deleted" and item.client_ref == entry.client_ref
    assert item.message == (
        "Vmoox has this entry as deleted, so it cannot be sent again as it is; "
        "restore sends it as a new entry, discard removes it here."
    )
    assert sync_state.attention(timo.store.connection)[0][1] == DELETED_ON_SERVER
    timo.engine.restore_deleted(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    [remote] = _live_like(sandbox, entry)
    _same_work(remote, entry)
    assert_in_agreement(timo.store, sandbox)
