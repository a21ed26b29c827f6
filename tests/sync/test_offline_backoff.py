"""Offline, the worker tries again after a growing wait, not twice a second, and keeps
saying it is offline meanwhile; a change here or the network coming back still wakes it.
Vmoox down or out of reach with nothing to send is tried again after the same waits, not
after the whole interval."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.sandbox import SandboxHandle, closed_port
from tests.sync.support import FakeTime, Timo, add, make_timo, post_on_server
from timo_desktop.sync.backoff import Backoff
from timo_desktop.sync.status import SyncStatus, WorkerState
from timo_desktop.sync.worker import SyncWorker

SETTLE = 30.0  # only guards against a hang; nothing here depends on how fast it is


def _offline(sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime, backoff: Backoff) -> Timo:
    away = make_timo(
        sandbox, tmp_path / "t.sqlite3", fake_time, server_url=f"http://127.0.0.1:{closed_port()}"
    )
    away.engine.backoff = backoff  # the app's own waits (the sync tests' are cut short)
    add(away, 1)
    return away


def test_offline_the_worker_waits_longer_each_time_and_says_offline_throughout(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    away = _offline(sandbox, tmp_path, fake_time, Backoff(rng=random.Random(7)))
    seen: list[SyncStatus] = []
    worker = SyncWorker(lambda: away.engine, seen.append, clock=lambda: fake_time.slept)
    try:
        # The thread's loop without its waiting: each round on the worker's own timer,
        # then the time it schedules the next one in passes at once.
        scheduled = [worker._round(False)]
        while fake_time.slept < 600 and len(scheduled) < 100:
            fake_time.sleep(scheduled[-1])
            scheduled.append(worker._round(False, asked=False))
        # Ten minutes offline: a dozen tries or so, each wait up to twice the one
        # before, five minutes at most (it was 1200 tries, half a second apart).
        assert fake_time.slept >= 600
        assert len(scheduled) <= 20, scheduled
        assert max(scheduled) <= worker.interval
        assert len(away.recorder.sent) == len(scheduled)  # one refused connection a round
        # "Syncing 1 entry…" was shown only for the first round, which the start asked for.
        assert [s.state for s in seen] == [WorkerState.SYNCING] + [WorkerState.OFFLINE] * len(
            scheduled
        )
        # Nothing listens at the address: Vmoox is down, not the network.
        assert seen[-1].message == "Vmoox can't be reached — 1 entry will sync when it answers"
    finally:
        worker.stop()
        away.close()


def test_a_change_here_or_the_network_coming_back_wakes_the_waiting_worker_at_once(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    # Waits of up to 1000 s: the first one drawn is over five minutes.
    away = _offline(sandbox, tmp_path, fake_time, Backoff(1000, 1000, random.Random(7)))
    rounds = threading.Semaphore(0)

    def published(status: SyncStatus) -> None:
        if status.state is WorkerState.OFFLINE:
            rounds.release()

    worker = SyncWorker(lambda: away.engine, published, debounce=0.2, interval=3600)
    worker.start()
    try:
        assert rounds.acquire(timeout=SETTLE)
        worker.network_regained()
        assert rounds.acquire(timeout=SETTLE)
        worker.local_change([])
        assert rounds.acquire(timeout=SETTLE)
        assert worker.rounds == 3
    finally:
        worker.stop()
        away.close()


def test_vmoox_down_with_nothing_to_send_is_tried_again_after_the_backoff(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    """The network never went away, so nothing but the worker's own timer tries again: it
    waited the whole interval, five minutes without the entry made on the server."""
    timo = make_timo(sandbox, tmp_path / "t.sqlite3", fake_time)
    timo.engine.backoff = Backoff(rng=random.Random(7))  # the app's own waits
    seen: list[SyncStatus] = []
    worker = SyncWorker(lambda: timo.engine, seen.append, clock=lambda: fake_time.slept)
    try:
        assert worker._round(False) == worker.interval  # through, nothing to send
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
        ref = post_on_server(sandbox, "Made on the web", start)
        sandbox.add_fault("/v1/me", "status", status=503)  # every try
        waits = [worker._round(False, asked=False) for _ in range(3)]
        assert max(waits) <= 4, waits  # 1, 2, then 4 s at most (were 300 s each)
        assert seen[-1].message == "Not synced: Fault injected by the sandbox."

        sandbox.clear_faults()
        assert worker._round(False, asked=False) == worker.interval
        assert timo.store.get(ref) is not None
        assert seen[-1].message == "All synced"
    finally:
        worker.stop()
        timo.close()


def test_offline_with_nothing_to_send_tries_again_after_the_backoff(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    away = make_timo(
        sandbox, tmp_path / "t.sqlite3", fake_time, server_url=f"http://127.0.0.1:{closed_port()}"
    )
    away.engine.backoff = Backoff(rng=random.Random(7))
    seen: list[SyncStatus] = []
    worker = SyncWorker(lambda: away.engine, seen.append, clock=lambda: fake_time.slept)
    try:
        waits = [worker._round(False, asked=False) for _ in range(3)]
        assert max(waits) <= 4, waits  # were 300 s each
        assert seen[-1].message == "Vmoox can't be reached — nothing waits to sync"
    finally:
        worker.stop()
        away.close()
