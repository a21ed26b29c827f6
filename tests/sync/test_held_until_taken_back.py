"""An entry held for a reason Vmoox takes back goes at the first round after it does, and
the sync line says so then, with nothing asked of the person: access to the workspace
given back, a project or record reopened, a locked period unlocked, a revoked sign-in
replaced. Each was sent once, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    FakeTime,
    Timo,
    add,
    assert_in_agreement,
    make_timo,
    server_entries,
    slot,
)
from timo_desktop.core.entry import Target
from timo_desktop.sync.status import ALL_SYNCED, WorkerState, read_status
from timo_desktop.vmoox.tokens import StaticToken


def _sent_once(sandbox: SandboxHandle, client_ref: str) -> bool:
    return [e["client_ref"] for e in server_entries(sandbox)].count(client_ref) == 1


def test_held_for_a_workspace_it_goes_at_the_first_round_after_access_is_back(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    sandbox.set_membership(status="revoked")
    held = add(timo, 1)
    assert timo.engine.sync().frozen == 1
    assert read_status(timo.store).message == (
        "1 entry held for Northwind Agency: your access to Northwind Agency was removed"
    )
    sandbox.set_membership(status="active")

    report = timo.engine.sync()

    assert (report.pushed, report.frozen, report.pending) == (1, 0, 0)
    assert read_status(timo.store).message == ALL_SYNCED
    assert _sent_once(sandbox, held.client_ref)
    assert_in_agreement(timo.store, sandbox)


@pytest.mark.parametrize(
    ("target", "closed", "words"),
    [
        (
            Target(project_id="prj_1", task_id="tsk_2"),
            "archived",
            "1 entry needs a new project: Acme website relaunch was archived",
        ),
        (Target(record_id="rec_6"), "deleted", "1 entry needs a new record: Hooli was deleted"),
    ],
    ids=["project", "record"],
)
def test_refused_for_a_closed_target_it_goes_at_the_first_round_after_it_reopens(
    timo: Timo, sandbox: SandboxHandle, target: Target, closed: str, words: str
) -> None:
    def set_status(status: str) -> None:
        if target.record_id:
            sandbox.set_record(target.record_id, status=status)
        else:
            sandbox.set_project(target.project_id, status=status)

    timo.engine.sync()  # the catalog, so the words can name the target
    refused = timo.tracker.add("Call", *slot(1), target=target)
    set_status(closed)
    assert timo.engine.sync().attention == 1
    assert read_status(timo.store).message == words
    writes = len(timo.recorder.writes())
    timo.engine.sync()
    assert len(timo.recorder.writes()) == writes  # still closed: not sent again and again
    set_status("active")

    report = timo.engine.sync()

    # Was still "1 entry needs a new project: … was archived", round after round, until
    # the person chose a project again (the same one would do).
    assert (report.pushed, report.attention, report.pending) == (1, 0, 0)
    assert read_status(timo.store).message == ALL_SYNCED
    assert _sent_once(sandbox, refused.client_ref)
    assert_in_agreement(timo.store, sandbox)


def test_refused_for_a_locked_period_it_goes_at_the_first_round_after_the_unlock(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    lock = (datetime.now(UTC) - timedelta(days=7)).date()
    sandbox.set_workspace(lock_date=lock.isoformat())
    refused = add(timo, 1)
    assert timo.engine.sync().attention == 1
    sandbox.set_workspace(lock_date=None)

    report = timo.engine.sync()

    assert (report.pushed, report.attention, report.pending) == (1, 0, 0)
    assert read_status(timo.store).message == ALL_SYNCED
    assert _sent_once(sandbox, refused.client_ref)
    assert_in_agreement(timo.store, sandbox)


def test_waiting_for_a_sign_in_it_goes_at_the_first_round_after_signing_in_again(
    timo: Timo, sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    timo.engine.sync()
    sandbox.revoke_tokens("pat")
    waiting = add(timo, 1)
    report = timo.engine.sync()
    assert report.state == "signed_out" and report.pending == 1
    said = read_status(timo.store, WorkerState.SIGNED_OUT, report.errors[-1]).message
    assert said == "Signed out — sign in to sync 1 entry"
    # Signing in again starts sync afresh with the new sign-in (`SyncBridge.restart`).
    token = sandbox.mint_pat()
    sandbox.client.headers["Authorization"] = f"Bearer {token}"  # to read what Vmoox has
    again = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time, tokens=StaticToken(token))
    try:
        report = again.engine.sync()

        assert (report.pushed, report.pending, report.state) == (1, 0, "idle")
        assert read_status(again.store).message == ALL_SYNCED
        assert _sent_once(sandbox, waiting.client_ref)
        assert_in_agreement(again.store, sandbox)
    finally:
        again.close()
