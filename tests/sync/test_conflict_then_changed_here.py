"""A conflict, then the entry changed here again: the change settles the question about
the fields it changes, and no older value comes back over it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, edit_on_server, server_entries, server_entry
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.local_time import from_text
from timo_desktop.store import sync_state
from timo_desktop.store.outbox import Op
from timo_desktop.sync.attention import needs_attention


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _conflict_on_end_and_description(timo: Timo, sandbox: SandboxHandle) -> tuple[str, datetime]:
    """An entry whose end and description the server's values replaced; its ref, start."""
    entry = add(timo, 1)
    timo.engine.sync()
    ref = entry.client_ref
    edit_on_server(
        sandbox, ref, {"end": _iso(entry.start + timedelta(minutes=10)), "description": "web"}
    )
    timo.tracker.edit(ref, end=entry.start + timedelta(minutes=30), description="mine")
    timo.engine.sync_until_done(timeout=60)
    fields = {c.field for c in sync_state.conflicts(timo.store.connection, ref)}
    assert fields == {"end", "description"}
    return ref, entry.start


def test_editing_a_field_again_settles_its_conflict_and_keeps_the_others(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref, start = _conflict_on_end_and_description(timo, sandbox)
    timo.tracker.edit(ref, end=start + timedelta(minutes=40))
    [left] = sync_state.conflicts(timo.store.connection, ref)
    assert left.field == "description"
    timo.engine.sync_until_done(timeout=60)
    assert from_text(server_entry(sandbox, ref)["end"]) == start + timedelta(minutes=40)
    [item] = needs_attention(timo.store)
    assert "end" not in item.message and "description" in item.message

    timo.engine.restore_local_value(ref)  # the description's question is still open
    timo.engine.sync_until_done(timeout=60)
    there = server_entry(sandbox, ref)
    assert there["description"] == "mine"
    assert from_text(there["end"]) == start + timedelta(minutes=40)


def test_deleting_an_entry_sets_its_conflicts_aside_and_undo_brings_them_back(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Deleting asks no more; an Undo of the delete asks again, the values you typed (which
    the server's replaced) still there to put back."""
    ref, _start = _conflict_on_end_and_description(timo, sandbox)
    asked = sync_state.conflicts(timo.store.connection, ref)
    timo.tracker.delete(ref)
    assert needs_attention(timo.store) == []
    timo.tracker.undo_delete(ref)
    assert sync_state.conflicts(timo.store.connection, ref) == asked
    assert {item.client_ref for item in needs_attention(timo.store)} == {ref}
    timo.tracker.delete(ref)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.conflicts == 0 and needs_attention(timo.store) == []
    assert all(e["client_ref"] != ref for e in server_entries(sandbox))


def test_a_question_left_on_a_deleted_entry_is_not_asked(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref, _start = _conflict_on_end_and_description(timo, sandbox)
    # A database from before deleting settled the questions: they are left behind.
    kept = sync_state.conflicts(timo.store.connection, ref)
    timo.tracker.delete(ref)
    with timo.store.write() as tx:
        for c in kept:
            sync_state.add_conflict(tx.connection, ref, c.field, c.local_value, c.server_value, "")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.conflicts == 0 and needs_attention(timo.store) == []


def test_restoring_a_value_changed_here_since_is_refused(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref, start = _conflict_on_end_and_description(timo, sandbox)
    # A database from before edits settled their question: the end changed, its question
    # left behind.
    with timo.store.write() as tx:
        entry = tx.get(ref)
        assert entry is not None
        now = timo.time.now()
        tx.save(entry.changed(now, end=start + timedelta(minutes=40)), Op.UPDATE, now)
    with pytest.raises(InvalidEntry, match="end was changed here since"):
        timo.engine.restore_local_value(ref, "end")
    [left] = sync_state.conflicts(timo.store.connection, ref)
    assert left.field == "description"
    timo.engine.sync_until_done(timeout=60)
    assert from_text(server_entry(sandbox, ref)["end"]) == start + timedelta(minutes=40)


def test_undo_of_the_edit_that_settled_a_question_asks_it_again_as_it_was(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """The end edited (its question settled), the description restored, then the edit of
    the end undone: the end's question is back exactly as it was, the description's (not
    the edit's to give back) is not; a Redo settles it again. Yours then goes to Vmoox."""
    ref, start = _conflict_on_end_and_description(timo, sandbox)
    [end_asked] = [c for c in sync_state.conflicts(timo.store.connection, ref) if c.field == "end"]
    with timo.tracker.batch() as settled:
        timo.tracker.edit(ref, end=start + timedelta(minutes=40))
    timo.engine.restore_local_value(ref, "description")
    assert sync_state.conflicts(timo.store.connection, ref) == []

    with timo.tracker.taking_back(settled):
        timo.tracker.edit(ref, end=start + timedelta(minutes=10))
    assert sync_state.conflicts(timo.store.connection, ref) == [end_asked]
    [item] = needs_attention(timo.store)
    assert item.client_ref == ref and "end" in item.message

    with timo.tracker.batch() as again:  # Redo
        timo.tracker.edit(ref, end=start + timedelta(minutes=40))
    assert sync_state.conflicts(timo.store.connection, ref) == []
    with timo.tracker.taking_back(again):  # and Undo once more
        timo.tracker.edit(ref, end=start + timedelta(minutes=10))
    timo.engine.restore_local_value(ref, "end")
    timo.engine.sync_until_done(timeout=60)
    there = server_entry(sandbox, ref)
    assert from_text(there["end"]) == start + timedelta(minutes=30)  # yours
    assert there["description"] == "mine"


def test_undo_after_sync_sent_the_edit_asks_again(timo: Timo, sandbox: SandboxHandle) -> None:
    """Vmoox taking the edit changes nothing the question was about: the Undo goes to it
    as a new edit, and the question is asked beside it, yours still there to put back."""
    ref, start = _conflict_on_end_and_description(timo, sandbox)
    asked = sync_state.conflicts(timo.store.connection, ref)
    with timo.tracker.batch() as settled:
        timo.tracker.edit(ref, end=start + timedelta(minutes=40))
    timo.engine.sync_until_done(timeout=60)
    assert from_text(server_entry(sandbox, ref)["end"]) == start + timedelta(minutes=40)

    with timo.tracker.taking_back(settled):
        timo.tracker.edit(ref, end=start + timedelta(minutes=10))
    assert sync_state.conflicts(timo.store.connection, ref) == asked
    report = timo.engine.sync_until_done(timeout=60)
    assert report.conflicts == 1
    assert from_text(server_entry(sandbox, ref)["end"]) == start + timedelta(minutes=10)
    assert sync_state.conflicts(timo.store.connection, ref) == asked
    timo.engine.restore_local_value(ref, "end")
    timo.engine.sync_until_done(timeout=60)
    assert from_text(server_entry(sandbox, ref)["end"]) == start + timedelta(minutes=30)


def test_undo_after_the_server_changed_the_field_since_does_not_ask_again(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """The end changed on the server after the edit that settled its question: that
    question is over (the server has decided since), and an Undo does not bring it back
    to put an older value over the newer one. The description's stays as it was."""
    ref, start = _conflict_on_end_and_description(timo, sandbox)
    [description_asked] = [
        c for c in sync_state.conflicts(timo.store.connection, ref) if c.field == "description"
    ]
    with timo.tracker.batch() as settled:
        timo.tracker.edit(ref, end=start + timedelta(minutes=40))
    timo.engine.sync_until_done(timeout=60)
    edit_on_server(sandbox, ref, {"end": _iso(start + timedelta(minutes=50))})
    timo.engine.sync_until_done(timeout=60)
    assert timo.tracker.get(ref).end == start + timedelta(minutes=50)

    with timo.tracker.taking_back(settled):
        timo.tracker.edit(ref, end=start + timedelta(minutes=10))
    assert sync_state.conflicts(timo.store.connection, ref) == [description_asked]
