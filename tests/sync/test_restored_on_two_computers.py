"""One person on two computers, an entry deleted on the web while both changed it: bringing
it back on either computer, or on both, makes one entry on Vmoox, never two. A copy brought
back takes a reference made from the old one, so the other computer knows it for the entry
it holds, and its own changes merge in as any edit made at the same time does."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    Timo,
    add,
    assert_in_agreement,
    delete_on_server,
    server_entries,
)
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text
from timo_desktop.store import sync_state
from timo_desktop.store.database import restored_ref
from timo_desktop.sync.attention import needs_attention


def _on_both(laptop: Timo, desktop: Timo) -> Entry:
    """An entry made on the laptop, synced to both computers."""
    entry = add(laptop, 1, "Planning")
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    assert desktop.store.get(entry.client_ref) is not None
    return entry


def _changed_on_both_then_deleted(
    laptop: Timo, desktop: Timo, sandbox: SandboxHandle, entry: Entry
) -> timedelta:
    """The laptop renames it, the desktop ends it later (and renames it too), both offline;
    then it is deleted on the web. Returns how much later the desktop ends it."""
    later = timedelta(minutes=15)
    laptop.tracker.edit(entry.client_ref, description="Planning, laptop notes")
    assert entry.end is not None
    desktop.tracker.edit(entry.client_ref, end=entry.end + later)
    delete_on_server(sandbox, entry.client_ref)
    return later


def _work_at(sandbox: SandboxHandle, entry: Entry) -> list[dict[str, Any]]:
    """The server's live entries starting when `entry` does."""
    return [e for e in server_entries(sandbox) if e["start"] == to_text(entry.start)]


def test_restored_on_one_computer_the_other_takes_it_up_without_asking(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    entry = _on_both(laptop, desktop)
    later = _changed_on_both_then_deleted(laptop, desktop, sandbox, entry)
    assert laptop.engine.sync_until_done(timeout=60).attention == 1
    copy = laptop.engine.restore_deleted(entry.client_ref)
    assert copy == restored_ref(entry.client_ref)
    laptop.engine.sync_until_done(timeout=60)

    report = desktop.engine.sync_until_done(timeout=60)

    assert report.attention == 0 and needs_attention(desktop.store) == []
    [remote] = _work_at(sandbox, entry)
    assert remote["client_ref"] == copy
    assert remote["description"] == "Planning, laptop notes"  # the laptop's change
    assert entry.end is not None
    assert remote["end"] == to_text(entry.end + later)  # and the desktop's, merged
    # The old reference leads to the copy there too (Undo steps hold it).
    assert desktop.tracker.get(entry.client_ref) == desktop.tracker.get(copy)
    laptop.engine.sync_until_done(timeout=60)
    assert_in_agreement(desktop.store, sandbox)
    assert_in_agreement(laptop.store, sandbox)


def test_restored_on_both_computers_it_is_one_entry_with_both_changes(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    entry = _on_both(laptop, desktop)
    later = _changed_on_both_then_deleted(laptop, desktop, sandbox, entry)
    desktop.tracker.edit(entry.client_ref, description="Planning, desktop notes")
    for each in (laptop, desktop):  # each is told, and restores it, before the other syncs
        assert each.engine.sync_until_done(timeout=60).attention == 1
    restored = [each.engine.restore_deleted(entry.client_ref) for each in (laptop, desktop)]
    laptop.engine.sync_until_done(timeout=60)

    report = desktop.engine.sync_until_done(timeout=60)

    assert report.pending == 0
    [remote] = _work_at(sandbox, entry)
    assert remote["client_ref"] == restored[0] == restored[1]
    assert entry.end is not None
    assert remote["end"] == to_text(entry.end + later)  # only the desktop changed the end
    # Both changed the description: the copy Vmoox took first keeps its own, and the
    # desktop's is kept for a one-click restore, as in any conflict.
    assert remote["description"] == "Planning, laptop notes"
    [kept] = sync_state.conflicts(desktop.store.connection, restored[1])
    assert (kept.field, kept.local_value) == ("description", "Planning, desktop notes")
    laptop.engine.sync_until_done(timeout=60)
    assert_in_agreement(desktop.store, sandbox)
    assert_in_agreement(laptop.store, sandbox)


def test_undo_of_a_delete_another_computer_brought_back_meanwhile_makes_no_copy(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    entry = _on_both(laptop, desktop)
    laptop.tracker.edit(entry.client_ref, description="Planning, laptop notes")  # offline
    desktop.tracker.delete(entry.client_ref)
    desktop.engine.sync_until_done(timeout=60)
    assert laptop.engine.sync_until_done(timeout=60).attention == 1
    copy = laptop.engine.restore_deleted(entry.client_ref)
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)

    back = desktop.tracker.undo_delete(entry.client_ref)
    desktop.engine.sync_until_done(timeout=60)

    assert back.client_ref == copy
    [remote] = _work_at(sandbox, entry)
    assert (remote["client_ref"], remote["description"]) == (copy, "Planning, laptop notes")
    assert_in_agreement(desktop.store, sandbox)
