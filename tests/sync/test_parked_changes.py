"""A local change to an entry the server refused sends it again, rebuilt from the entry."""

from __future__ import annotations

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    OTHER_PROJECT,
    PROJECT,
    Timo,
    add,
    assert_in_agreement,
    server_entry,
)
from timo_desktop.store import sync_state
from timo_desktop.store.outbox import OpState


def _parked_for_archived_project(timo: Timo, sandbox: SandboxHandle) -> str:
    timo.engine.sync()  # the catalog, so the message can name the project
    entry = add(timo, 1, "Shop work", target=OTHER_PROJECT)
    sandbox.set_project("prj_3", status="archived")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    [(ref, code, message)] = sync_state.attention(timo.store.connection)
    assert (ref, code) == (entry.client_ref, "target-unavailable")
    assert message == "needs a new project: Globex shop build was archived"
    return ref


def test_an_edit_that_fixes_a_parked_entry_sends_it_rebuilt(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _parked_for_archived_project(timo, sandbox)
    timo.tracker.edit(ref, target=PROJECT)  # as `timo edit` or the list's cell does
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and report.attention == 0
    sent = server_entry(sandbox, ref)
    assert (sent["target"]["id"], sent["target"]["task_id"]) == ("prj_1", "tsk_2")
    assert len(timo.recorder.writes(":batch")) == 2  # refused once, then the rebuilt create
    assert timo.recorder.writes(f"/{sent['id']}") == []  # the edit needed no request of its own
    assert_in_agreement(timo.store, sandbox)


def test_an_edit_that_does_not_fix_it_is_refused_again_with_the_reason(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _parked_for_archived_project(timo, sandbox)
    timo.tracker.edit(ref, description="Shop work, checkout")
    assert [op.state for op in timo.store.outbox(ref)] == [OpState.PENDING, OpState.PENDING]
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 1 and report.pending == 0
    assert sync_state.attention(timo.store.connection) == [
        (ref, "target-unavailable", "needs a new project: Globex shop build was archived")
    ]
    assert len(timo.recorder.writes(":batch")) == 2  # asked once more, with the new description
    assert b"Shop work, checkout" in timo.recorder.writes(":batch")[-1].body
    assert_in_agreement(timo.store, sandbox, waiting={ref})


def test_a_new_target_is_sent_once_not_twice(timo: Timo, sandbox: SandboxHandle) -> None:
    """`retarget` is an edit like any other: the save sends the parked create again."""
    ref = _parked_for_archived_project(timo, sandbox)
    timo.engine.retarget(ref, PROJECT)
    timo.engine.sync_until_done(timeout=60)
    assert len(timo.recorder.writes(":batch")) == 2
    assert_in_agreement(timo.store, sandbox)
