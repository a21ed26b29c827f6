"""Cases 11, 17, 19, 20 and 21: the server refuses one entry, the others keep syncing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    Timo,
    add,
    assert_in_agreement,
    server_entries,
    server_entry,
    slot,
)
from timo_desktop.core.entry import Target
from timo_desktop.store import sync_state
from timo_desktop.sync.status import TARGET_REFUSED


def test_case11_one_refused_entry_waits_with_the_servers_message_and_the_rest_sync(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    sandbox.set_workspace(require_target=True)
    before = [add(timo, i) for i in range(3)]
    start, end = slot(5)
    lonely = timo.tracker.add("no target yet", start, end)
    after = [add(timo, i) for i in range(6, 9)]
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 1
    [(ref, code, message)] = sync_state.attention(timo.store.connection)
    assert (ref, code) == (lonely.client_ref, TARGET_REFUSED)
    assert message == (
        "Vmoox refused its project (This workspace requires a target): "
        "correct it here and it is sent again"
    )
    for entry in before + after:
        assert server_entry(sandbox, entry.client_ref)
    assert_in_agreement(timo.store, sandbox, waiting={lonely.client_ref})

    timo.engine.retarget(lonely.client_ref, PROJECT)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 0
    assert_in_agreement(timo.store, sandbox)


def test_case17_clock_hours_ahead_measures_skew_and_does_not_loop(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    sandbox.set_clock(-3 * 3600)  # the server is 3 h behind, i.e. this computer is ahead
    now = datetime.now(UTC).replace(microsecond=0)
    entry = timo.tracker.add("just now", now - timedelta(minutes=50), now - timedelta(minutes=5))
    timo.engine.sync()
    for _ in range(3):
        report = timo.engine.sync()
    assert len(timo.recorder.writes(":batch")) == 1  # asked once, not again and again
    assert report.pending == 1 and report.attention == 1
    skew = timo.engine.clock_skew
    assert skew is not None and abs(skew.total_seconds() + 3 * 3600) < 120
    [(_, code, message)] = sync_state.attention(timo.store.connection)
    assert code == "entry-in-future" and "3 h" in (message or "")
    # Three hours later on both clocks, it goes through on its own.
    sandbox.advance_clock(3 * 3600)
    timo.time.sleep(3 * 3600)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 0
    assert server_entry(sandbox, entry.client_ref)
    assert_in_agreement(timo.store, sandbox)


def test_case19_archived_project_entry_asks_for_a_new_target_and_is_never_dropped(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()  # the catalog, so the message can name the project
    entry = add(timo, 1)
    sandbox.set_project("prj_1", status="archived")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    [(_, code, message)] = sync_state.attention(timo.store.connection)
    assert code == "target-unavailable"
    assert message == "needs a new project: Acme website relaunch was archived"
    assert_in_agreement(timo.store, sandbox, waiting={entry.client_ref})
    timo.engine.retarget(entry.client_ref, Target(project_id="prj_2"))
    timo.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, entry.client_ref)["target"]["id"] == "prj_2"
    assert_in_agreement(timo.store, sandbox)


def test_case19_deleted_record_while_queued(timo: Timo, sandbox: SandboxHandle) -> None:
    timo.engine.sync()
    start, end = slot(2)
    entry = timo.tracker.add("call", start, end, target=Target(record_id="rec_6"))
    sandbox.set_record("rec_6", status="deleted")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1
    [(_, _, message)] = sync_state.attention(timo.store.connection)
    assert message == "needs a new record: Hooli was deleted"
    assert timo.store.get(entry.client_ref) is not None
    timo.engine.retarget(entry.client_ref, Target(record_id="rec_7"))
    timo.engine.sync_until_done(timeout=60)
    assert_in_agreement(timo.store, sandbox)


def test_case20_revoked_membership_freezes_that_workspace_only(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()  # learns that prj_9 belongs to ws_2
    agency = [add(timo, i) for i in range(3)]
    side = [add(timo, i, target=Target(project_id="prj_9")) for i in range(4, 6)]
    sandbox.set_membership(status="revoked")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.frozen == 3 and report.pending == 0
    for entry in side:
        assert server_entry_in(sandbox, "ws_2", entry.client_ref)
    exported = timo.engine.export_workspace("ws_1")
    assert sorted(e["client_ref"] for e in exported) == sorted(e.client_ref for e in agency)
    assert_in_agreement(timo.store, sandbox, "ws_2")
    for entry in agency:  # nothing of the frozen queue was lost or changed
        assert timo.store.get(entry.client_ref) == entry

    sandbox.set_membership(status="active")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.frozen == 0 and report.pending == 0
    assert_in_agreement(timo.store, sandbox)
    assert_in_agreement(timo.store, sandbox, "ws_2")


def server_entry_in(sandbox: SandboxHandle, workspace_id: str, client_ref: str) -> bool:
    return any(e["client_ref"] == client_ref for e in server_entries(sandbox, workspace_id))


def test_case21_locked_period_makes_the_entry_read_only_and_says_why(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    synced = add(timo, 1)
    timo.engine.sync()
    start, end = slot(3)
    late = timo.tracker.add("typed in after the lock", start, end, target=PROJECT)
    timo.tracker.edit(synced.client_ref, description="edited after the lock")
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 2
    reasons = {
        ref: (code, message) for ref, code, message in sync_state.attention(timo.store.connection)
    }
    assert reasons[synced.client_ref][0] == "entry-locked"
    assert "read-only" in (reasons[synced.client_ref][1] or "")
    back = timo.store.get(synced.client_ref)
    assert back is not None and back.description == "work 1"  # the server's copy
    [kept] = sync_state.conflicts(timo.store.connection, synced.client_ref)
    assert kept.local_value == "edited after the lock"  # nothing typed is lost
    assert_in_agreement(timo.store, sandbox, waiting={late.client_ref, synced.client_ref})
    assert server_entry(sandbox, synced.client_ref)["description"] == "work 1"
