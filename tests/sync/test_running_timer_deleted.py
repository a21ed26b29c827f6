"""A timer still running here that is deleted on the web is told once, as a stop for a
newer timer is: it vanished without a word ("No timer is running", "All synced", nothing
in Needs attention). Restore brings back the time it ran here, as a new entry; OK lets
it go. The real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, assert_in_agreement, delete_on_server
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import ALL_SYNCED, read_status
from timo_desktop.ui.sync_status import summarize

DELETED = "1 timer running here was deleted in Vmoox"
NOW = datetime.now(UTC).replace(microsecond=0)


def deleted_while_running(timo: Timo, sandbox: SandboxHandle) -> str:
    """A timer started here 30 minutes ago, synced, then deleted on the web and pulled."""
    started = timo.tracker.start("Review", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert started.started is not None
    ref = started.started.client_ref
    timo.engine.sync_until_done(timeout=60)
    delete_on_server(sandbox, ref)
    timo.engine.sync_until_done(timeout=60)
    assert timo.store.running() is None
    return ref


def test_a_running_timer_deleted_on_the_web_is_told_and_can_be_restored(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = deleted_while_running(timo, sandbox)

    [item] = needs_attention(timo.store, ZONE)
    assert item.kind == "deleted-running" and item.client_ref == ref
    assert item.message == "“Review” was deleted in Vmoox while it ran here."
    gone = timo.store.get(ref)
    assert gone is not None and gone.deleted_at is not None
    assert item.entry is not None and item.entry.end == gone.deleted_at  # the time it ran
    timo.engine.sync_until_done(timeout=60)  # told once: another round adds nothing
    assert [i.kind for i in needs_attention(timo.store, ZONE)] == ["deleted-running"]
    # Counted by the sync status until read: no all-clear, in the window either.
    assert read_status(timo.store).message == DELETED
    assert summarize(read_status(timo.store), ZONE).text == DELETED

    copy = timo.store.get(timo.engine.restore_deleted(ref))  # Restore
    assert copy is not None and not copy.is_deleted
    assert (copy.description, copy.start, copy.end) == ("Review", gone.start, gone.deleted_at)
    assert needs_attention(timo.store, ZONE) == []
    timo.engine.sync_until_done(timeout=60)
    assert read_status(timo.store).message == ALL_SYNCED
    assert_in_agreement(timo.store, sandbox)


def test_ok_lets_a_deleted_running_timer_go(timo: Timo, sandbox: SandboxHandle) -> None:
    ref = deleted_while_running(timo, sandbox)
    timo.engine.dismiss_conflicts(ref)  # OK
    assert needs_attention(timo.store, ZONE) == []
    assert read_status(timo.store).message == ALL_SYNCED
    assert timo.engine.sync_until_done(timeout=60).pushed == 0
    assert_in_agreement(timo.store, sandbox)
