"""The default workspace (where entries without a project go) chosen while sync runs: the
next round follows the choice, and an entry keeps the workspace it was first sent to (or
held for). A saved sign-in to the sandbox, engines from `open_engine` as `timo sync` and
the desktop worker get them; Dana tracks in ws_1 "Northwind Agency" and ws_2 "Dana's Side
Studio"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import ZONE, server_entries
from tests.sync.test_worker import Watch
from timo_desktop.auth.account import Account
from timo_desktop.auth.service import choose_workspace, open_store, sign_in_with_token
from timo_desktop.core.entry import Entry, Source
from timo_desktop.paths import Paths, resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import sync_state
from timo_desktop.sync.engine import SyncEngine
from timo_desktop.sync.factory import open_engine
from timo_desktop.sync.status import WorkerState, read_status, trackable_workspaces
from timo_desktop.sync.worker import SyncWorker

BATCH = "/v1/workspaces/*/time-entries:batch"
NORTHWIND = ("ws_1", "Northwind Agency")
SIDE = ("ws_2", "Dana's Side Studio")


@pytest.fixture
def paths() -> Paths:
    return resolve().ensure()


@pytest.fixture
def account(sandbox: SandboxHandle, paths: Paths) -> Account:
    """Dana signed in and saved, as `timo login --allow-file-store` does: ws_1 the default."""
    session = sign_in_with_token(sandbox.base_url, sandbox.token, open_store("file", paths), paths)
    assert session.account.workspace_id == "ws_1"
    return session.account


@pytest.fixture
def tracker(paths: Paths, account: Account) -> Iterator[Tracker]:
    opened = Tracker.open(paths.database, zone=ZONE, source=Source.DESKTOP)
    yield opened
    opened.close()


@pytest.fixture
def engine(paths: Paths, account: Account) -> Iterator[SyncEngine]:
    opened = open_engine(paths)
    yield opened
    opened.close()


def without_project(tracker: Tracker, description: str, days_ago: int = 40) -> Entry:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    return tracker.add(description, start, start + timedelta(minutes=30))


def where(sandbox: SandboxHandle, entry: Entry) -> list[str]:
    """The workspaces holding `entry` on the server (once per copy)."""
    return [
        ws
        for ws in ("ws_1", "ws_2")
        for found in server_entries(sandbox, ws)
        if found["client_ref"] == entry.client_ref
    ]


def choose(paths: Paths, account: Account, workspace: tuple[str, str]) -> None:
    """What `timo workspace NAME` and Settings do."""
    assert choose_workspace(paths, account.key, *workspace) is not None


def test_a_choice_saved_while_the_worker_runs_counts_from_its_next_round(
    sandbox: SandboxHandle, paths: Paths, account: Account, tracker: Tracker
) -> None:
    watch = Watch()
    worker = SyncWorker(
        partial(open_engine, paths), watch, debounce=0.2, interval=3600, database=paths.database
    )
    tracker.on_change(worker.local_change)
    worker.start()
    try:
        watch.wait_for(lambda s: s.state is WorkerState.IDLE)
        before = without_project(tracker, "Before choosing", days_ago=41)
        watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending == 0, watch.mark())
        choose(paths, account, SIDE)
        mark = watch.mark()
        after = without_project(tracker, "After choosing")
        watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending == 0, mark)
    finally:
        worker.stop()
    assert where(sandbox, before) == ["ws_1"]
    assert where(sandbox, after) == ["ws_2"]
    # What Settings offers, offline too: the workspaces the last round could track in.
    assert trackable_workspaces(tracker.store) == [NORTHWIND, SIDE]


def test_an_entry_whose_answer_was_lost_stays_in_the_workspace_it_was_sent_to(
    sandbox: SandboxHandle, paths: Paths, account: Account, tracker: Tracker, engine: SyncEngine
) -> None:
    """Sent again elsewhere, it would be on the server twice."""
    lost = without_project(tracker, "Answer lost", days_ago=41)
    sandbox.add_fault(BATCH, "commit_then_drop", method="POST")
    # Committed in ws_1, but Timo never heard (and no pull tells it meanwhile).
    assert engine.sync(pull=False).pending == 1
    assert where(sandbox, lost) == ["ws_1"]
    sandbox.clear_faults()
    choose(paths, account, SIDE)
    new = without_project(tracker, "Recorded after choosing")
    engine.retry_now()  # "Sync now": no waiting out the backoff
    report = engine.sync()
    assert report.pending == 0, report
    assert where(sandbox, lost) == ["ws_1"]
    assert where(sandbox, new) == ["ws_2"]


def test_entries_held_for_a_workspace_whose_access_was_removed_wait_for_it(
    sandbox: SandboxHandle, paths: Paths, account: Account, tracker: Tracker, engine: SyncEngine
) -> None:
    """One sent there before waits for it: sent again elsewhere it could be in both. One
    without a project recorded since, nothing of it sent, waits for the default workspace,
    and goes where the default goes next."""
    sent = without_project(tracker, "Sent to Northwind", days_ago=42)
    engine.sync()
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    tracker.edit(sent.client_ref, description="Changed after access went")
    held = without_project(tracker, "Held for Northwind", days_ago=41)
    report = engine.sync()
    assert report.frozen == 2 and report.pending == 0
    assert read_status(tracker.store).message == (
        "2 entries held for Northwind Agency: your access to Northwind Agency was removed"
    )
    assert trackable_workspaces(tracker.store) == [SIDE]  # Settings offers ws_1 no more

    choose(paths, account, SIDE)
    new = without_project(tracker, "Recorded after choosing")
    report = engine.sync()
    assert report.frozen == 1 and report.pending == 0  # the one sent before did not move

    sandbox.set_membership(workspace_id="ws_1", status="active")
    report = engine.sync()
    assert report.frozen == 0 and report.pending == 0
    assert where(sandbox, sent) == ["ws_1"]
    assert where(sandbox, held) == ["ws_2"]
    assert where(sandbox, new) == ["ws_2"]
    assert trackable_workspaces(tracker.store) == [NORTHWIND, SIDE]


def test_one_an_older_timo_held_for_a_lost_default_goes_to_the_next_one_too(
    sandbox: SandboxHandle, paths: Paths, account: Account, tracker: Tracker, engine: SyncEngine
) -> None:
    """Placed in the lost workspace for good by a Timo before this one, nothing of it
    sent: the next default is where it goes, as one recorded now."""
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    held = without_project(tracker, "Held for Northwind", days_ago=41)
    with tracker.store.write() as tx:
        sync_state.set_workspace(tx.connection, held.client_ref, "ws_1")
    choose(paths, account, SIDE)
    report = engine.sync()
    assert report.frozen == 0 and report.pending == 0
    sandbox.set_membership(workspace_id="ws_1", status="active")
    assert where(sandbox, held) == ["ws_2"]
