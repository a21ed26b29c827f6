"""Sync's choices about an entry whose period Vmoox locked after the question was asked,
made on the engine itself (as the window's Needs attention makes them, on a row shown
before the lock reached it): keep mine, restore and delete anyway are refused with the
reason, nothing queued and nothing sent, as Vmoox would only refuse the change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, delete_on_server, edit_on_server, server_entry
from timo_desktop.core.local_time import to_text
from timo_desktop.core.validation import KeptReadOnly
from timo_desktop.sync.attention import needs_attention

REFUSED = "this entry is read-only in Vmoox because its period is locked; ask an admin to unlock it"


def _locked_then_synced(timo: Timo, sandbox: SandboxHandle) -> None:
    """An admin locks the last month; a round brings the lock here."""
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())
    timo.engine.sync()


def _refused(timo: Timo, kind: str, decision: Callable[[str], object], ref: str) -> None:
    """`decision` of entry `ref`, asked about as `kind`, is refused with the reason: the
    question stays, nothing is queued, and the next round sends nothing."""
    queued, sent = timo.store.outbox(ref), len(timo.recorder.writes())
    with pytest.raises(KeptReadOnly) as refused:
        decision(ref)
    assert str(refused.value) == REFUSED
    assert timo.store.outbox(ref) == queued
    assert [(i.kind, i.client_ref) for i in needs_attention(timo.store)] == [(kind, ref)]
    timo.engine.sync()
    assert len(timo.recorder.writes()) == sent


def test_keep_mine_of_an_entry_locked_since_is_refused(timo: Timo, sandbox: SandboxHandle) -> None:
    entry = add(timo, 1, "Planning")
    ref, end = entry.client_ref, entry.end
    assert end is not None
    timo.engine.sync()
    edit_on_server(sandbox, ref, {"end": to_text(end - timedelta(minutes=5))})
    timo.tracker.edit(ref, end=end + timedelta(minutes=5))
    timo.engine.sync()  # the server's end wins; yours is kept to restore
    _locked_then_synced(timo, sandbox)

    _refused(timo, "conflict", timo.engine.restore_local_value, ref)
    assert server_entry(sandbox, ref)["end"] == to_text(end - timedelta(minutes=5))


def test_restore_of_an_entry_deleted_on_the_server_and_locked_since_is_refused(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = add(timo, 2, "Workshop").client_ref
    timo.engine.sync()
    delete_on_server(sandbox, ref)
    timo.tracker.edit(ref, description="Workshop notes")
    timo.engine.sync()  # Vmoox holds it deleted: restore it, or discard
    _locked_then_synced(timo, sandbox)

    _refused(timo, "deleted", timo.engine.restore_deleted, ref)


def test_delete_anyway_of_an_entry_locked_since_is_refused(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 3, "Stand-up")
    ref = entry.client_ref
    timo.engine.sync()
    desktop.engine.sync()
    desktop.tracker.edit(ref, description="Edited on the desktop")
    desktop.engine.sync()
    timo.tracker.delete(ref)  # the older version
    timo.engine.sync()  # it asks: delete anyway, or keep theirs
    _locked_then_synced(timo, sandbox)

    _refused(timo, "changed-since-deleted", timo.engine.delete_anyway, ref)
    assert server_entry(sandbox, ref)["description"] == "Edited on the desktop"
