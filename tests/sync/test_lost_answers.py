"""Cases 1-4 and 12: answers that never arrive, and batches with mixed results."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, Timo, add, assert_in_agreement, server_entry, slot
from timo_desktop.core.local_time import to_text

BATCH = "/v1/workspaces/*/time-entries:batch"
ONE_ENTRY = "/v1/workspaces/*/time-entries/*"


def test_case01_create_committed_but_answer_lost_is_replayed_once(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    sandbox.add_fault(BATCH, "commit_then_drop", method="POST", times=1)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.pushed == 1
    batches = timo.recorder.writes(":batch")
    assert len(batches) == 2
    assert batches[0].body == batches[1].body
    assert batches[0].headers["idempotency-key"] == batches[1].headers["idempotency-key"]
    assert server_entry(sandbox, entry.client_ref)["description"] == "work 1"
    assert_in_agreement(timo.store, sandbox)


def test_case02_retry_after_the_key_expired_is_saved_by_client_ref(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entries = [add(timo, i) for i in range(3)]
    sandbox.add_fault(BATCH, "commit_then_drop", method="POST", times=1)
    # The key expires before the retry goes out.
    timo.recorder.after.append(lambda request, response: sandbox.expire_idempotency_keys())
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.pushed == 3
    for entry in entries:
        assert server_entry(sandbox, entry.client_ref)["description"] == entry.description
    assert_in_agreement(timo.store, sandbox)


def test_case03_patch_committed_with_a_read_timeout_does_not_412_itself(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="renamed")
    sandbox.add_fault(ONE_ENTRY, "commit_then_drop", method="PATCH", times=1)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0
    patches = [s for s in timo.recorder.sent if s.method == "PATCH"]
    assert len(patches) == 2 and patches[1].status == 200
    assert patches[0].headers["if-match"] == patches[1].headers["if-match"]
    assert server_entry(sandbox, entry.client_ref)["description"] == "renamed"
    assert (
        timo.engine.store.connection.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0]
        == 0
    )
    assert_in_agreement(timo.store, sandbox)


def test_case03_even_after_the_key_expired_the_412_merges_into_nothing_to_do(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, description="renamed")
    sandbox.add_fault(ONE_ENTRY, "commit_then_drop", method="PATCH", times=1)
    timo.recorder.after.append(lambda request, response: sandbox.expire_idempotency_keys())
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0
    statuses = [s.status for s in timo.recorder.sent if s.method == "PATCH"]
    assert statuses == [None, 412]  # merged: the server already has the change
    assert server_entry(sandbox, entry.client_ref)["version"] == 2
    assert_in_agreement(timo.store, sandbox)


def test_case03_after_the_key_expired_a_newer_edit_here_is_not_overridden_by_the_older(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """The first correction arrived, its answer lost; the key expired while a second
    correction waited behind it. The first was then taken for someone else's change and
    overrode the second: "Changed on the server while you edited it: end 18:45 (yours:
    19:30)", with the user's own older value."""
    entry = add(timo, 1)
    assert entry.end is not None
    timo.engine.sync()
    timo.tracker.edit(entry.client_ref, end=entry.end + timedelta(minutes=15))
    sandbox.add_fault(ONE_ENTRY, "commit_then_drop", method="PATCH", times=1)
    sandbox.add_fault(ONE_ENTRY, "status", status=503, method="PATCH", times=5)
    timo.engine.sync()  # arrived, the answer did not, and the retries found Vmoox down
    assert next(s.status for s in timo.recorder.sent if s.method == "PATCH") is None
    wanted = timo.tracker.edit(entry.client_ref, end=entry.end + timedelta(minutes=60)).end
    sandbox.expire_idempotency_keys()
    sandbox.clear_faults()
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.conflicts == 0 and report.errors == []
    assert timo.tracker.get(entry.client_ref).end == wanted
    assert server_entry(sandbox, entry.client_ref)["end"] == to_text(wanted)  # type: ignore[arg-type]
    assert_in_agreement(timo.store, sandbox)


def test_case04_killed_between_sending_and_recording_resends_on_restart(
    timo: Timo, sandbox: SandboxHandle, second_timo
) -> None:
    entry = add(timo, 1)

    # The first run dies right after the server committed, before recording the answer.
    def die(request, response) -> None:  # type: ignore[no-untyped-def]
        if request.url.path.endswith(":batch"):
            raise SystemExit("killed")

    timo.recorder.after.append(die)
    with pytest.raises(SystemExit):
        timo.engine.sync()
    [row] = timo.store.connection.execute("SELECT state FROM outbox").fetchall()
    assert row[0] == "inflight"
    restarted = second_timo()
    report = restarted.engine.sync()
    assert report.pending == 0
    [resent] = restarted.recorder.writes(":batch")
    assert resent.status == 200 and resent.body == timo.recorder.writes(":batch")[0].body
    assert server_entry(sandbox, entry.client_ref)["description"] == "work 1"
    assert_in_agreement(restarted.store, sandbox)


def test_case12_batch_with_mixed_results_handles_each_item(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    good = [add(timo, i) for i in range(4)]
    start, end = slot(10)
    archived = timo.tracker.add("on an archived project", start, end, target=PROJECT)
    sandbox.set_project("prj_1", status="archived")
    for entry in good:
        timo.tracker.edit(entry.client_ref, target=PROJECT.__class__(project_id="prj_2"))
    report = timo.engine.sync()
    assert report.pushed == 4 and report.attention == 1 and report.pending == 0
    stuck = timo.store.get(archived.client_ref)
    assert stuck is not None and stuck.sync_state.value == "attention"
    assert_in_agreement(timo.store, sandbox, waiting={archived.client_ref})
