"""Vmoox not answering on a network that works (the connection refused) is said so, not
"Offline": that word is kept for when this computer reaches nothing, the server's name
found nowhere. The window, the tray and `timo sync status` read the same sentence."""

from __future__ import annotations

import random
from pathlib import Path

from tests.support.sandbox import SandboxHandle, closed_port
from tests.sync.support import FakeTime, add, make_timo
from timo_desktop.sync.backoff import Backoff
from timo_desktop.sync.status import SyncStatus, WorkerState, read_status
from timo_desktop.sync.worker import SyncWorker
from timo_desktop.ui.sync_status import tried_again


def _round_at(server_url: str, sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime) -> str:
    """The worker's sentence after one round with one entry waiting, sent to `server_url`;
    checked to be the one `timo sync status` reads while that worker runs."""
    away = make_timo(sandbox, tmp_path / "t.sqlite3", fake_time, server_url=server_url)
    away.engine.backoff = Backoff(rng=random.Random(7))
    add(away, 1)
    seen: list[SyncStatus] = []
    worker = SyncWorker(lambda: away.engine, seen.append, clock=lambda: fake_time.slept)
    try:
        worker._round(False)
        assert seen[-1].state is WorkerState.OFFLINE
        assert read_status(away.engine.store, WorkerState.OFFLINE).message == seen[-1].message
        return seen[-1].message
    finally:
        worker.stop()
        away.close()


def test_a_server_refusing_the_connection_is_said_to_be_out_of_reach(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    said = _round_at(f"http://127.0.0.1:{closed_port()}", sandbox, tmp_path, fake_time)
    assert said == "Vmoox can't be reached — 1 entry will sync when it answers"


def test_a_server_found_nowhere_is_offline(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    # `.invalid` is a name no computer has (RFC 6761), as with no network at all.
    said = _round_at("https://vmoox.invalid", sandbox, tmp_path, fake_time)
    assert said == "Offline — 1 entry will sync when you're back"


def _slow_round(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime, entries: int
) -> SyncStatus:
    """The worker's status after one round with `entries` waiting, against a Vmoox that
    takes the connection but answers after each request's deadline (a read timeout)."""
    slow = make_timo(sandbox, tmp_path / "t.sqlite3", fake_time, deadline=1.0)
    for index in range(entries):
        add(slow, index)
    sandbox.add_fault("/v1/*", "latency", latency_ms=3000)
    seen: list[SyncStatus] = []
    worker = SyncWorker(lambda: slow.engine, seen.append, clock=lambda: fake_time.slept)
    try:
        worker._round(False)
        assert read_status(slow.engine.store, seen[-1].state).message == seen[-1].message
        return seen[-1]
    finally:
        worker.stop()
        slow.close()


def test_a_server_that_answers_too_late_is_said_to_be_slow_not_offline(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    """It said "1 entry waiting to sync: no answer from 127.0.0.1: …", as for any error:
    the connection was made, so the network and Vmoox are there."""
    said = _slow_round(sandbox, tmp_path, fake_time, 1)
    assert said.message == "Vmoox is slow to answer — 1 entry will sync when it answers"
    assert said.last_error == (
        "Vmoox is slow to answer — no answer from 127.0.0.1: it did not answer in time"
    )
    assert tried_again(said) == (
        "Tried again: Vmoox is still slow to answer; Timo keeps trying by itself"
    )


def test_a_server_too_slow_with_nothing_to_send_says_so(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    said = _slow_round(sandbox, tmp_path, fake_time, 0)
    assert said.message == "Vmoox is slow to answer — nothing waits to sync"
