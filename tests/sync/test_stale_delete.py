"""A delete of a version changed since on another computer never drops that change unseen:
it waits for the user, who deletes it anyway or keeps the other computer's version."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    Timo,
    add,
    assert_in_agreement,
    server_entries,
    server_entry,
)
from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.core.local_time import to_text
from timo_desktop.sync.attention import needs_attention

WORDS = (
    "This entry was changed on another computer since you deleted it; delete it anyway or"
    " keep their version."
)


def _deleted_here_changed_there(laptop: Timo, desktop: Timo, *, edited_first: bool) -> Entry:
    """An entry on both computers; the desktop changes it and syncs, while the laptop (not
    yet knowing) deletes the older version (`edited_first`: after an edit of its own) and
    syncs. Returns the desktop's version."""
    entry = add(laptop, 1, "Stand-up")
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    assert entry.end is not None
    changed = desktop.tracker.edit(
        entry.client_ref, end=entry.end + timedelta(minutes=15), description="Edited again"
    )
    if edited_first:
        laptop.tracker.edit(entry.client_ref, tags=["standup"])
    laptop.tracker.delete(entry.client_ref)
    desktop.engine.sync_until_done(timeout=60)
    report = laptop.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    return changed


@pytest.mark.parametrize("edited_first", [False, True])
def test_it_asks_and_the_change_made_there_stays_on_the_server_meanwhile(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle, edited_first: bool
) -> None:
    changed = _deleted_here_changed_there(timo, desktop, edited_first=edited_first)

    [item] = needs_attention(timo.store)
    assert (item.kind, item.client_ref, item.message) == (
        "changed-since-deleted",
        changed.client_ref,
        WORDS,
    )
    # Shown with what the other computer made of it.
    assert item.entry is not None and item.entry.description == "Edited again"
    remote = server_entry(sandbox, changed.client_ref)
    assert (remote["description"], remote["end"]) == ("Edited again", to_text(changed.end))
    desktop.engine.sync_until_done(timeout=60)
    assert desktop.tracker.get(changed.client_ref).description == "Edited again"


def test_delete_anyway_deletes_it_everywhere(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    changed = _deleted_here_changed_there(timo, desktop, edited_first=False)

    timo.engine.delete_anyway(changed.client_ref)
    report = timo.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)

    assert report.attention == 0 and needs_attention(timo.store) == []
    assert all(e["client_ref"] != changed.client_ref for e in server_entries(sandbox))
    gone = desktop.store.get(changed.client_ref)
    assert gone is not None and gone.is_deleted
    assert_in_agreement(timo.store, sandbox)
    assert_in_agreement(desktop.store, sandbox)


def test_keeping_their_version_brings_it_back_here_as_changed_there(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    changed = _deleted_here_changed_there(timo, desktop, edited_first=True)
    sent = len(timo.recorder.writes())

    timo.engine.keep_their_edit(changed.client_ref)
    report = timo.engine.sync_until_done(timeout=60)

    assert report.attention == 0 and needs_attention(timo.store) == []
    assert len(timo.recorder.writes()) == sent  # Vmoox has it so already
    kept = timo.tracker.get(changed.client_ref)
    assert (kept.description, kept.end, kept.tags) == ("Edited again", changed.end, ())
    assert kept.sync_state is SyncState.SYNCED
    assert_in_agreement(timo.store, sandbox)


def test_undo_of_the_delete_while_it_asks_keeps_their_version(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    changed = _deleted_here_changed_there(timo, desktop, edited_first=False)

    back = timo.tracker.undo_delete(changed.client_ref)
    report = timo.engine.sync_until_done(timeout=60)

    assert back.description == "Edited again"
    assert report.attention == 0 and report.pending == 0
    assert server_entry(sandbox, changed.client_ref)["description"] == "Edited again"
    assert_in_agreement(timo.store, sandbox)
