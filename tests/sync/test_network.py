"""Cases 13-15: rate limits, 5xx storms and being offline; and the backoff itself."""

from __future__ import annotations

import random
from pathlib import Path

from tests.support.sandbox import SandboxHandle, closed_port
from tests.sync.support import FakeTime, Timo, add, assert_in_agreement, make_timo
from timo_desktop.sync.backoff import Backoff, BreakerState, CircuitBreaker

BATCH = "/v1/workspaces/*/time-entries:batch"


def test_case13_rate_limited_sends_nothing_before_retry_after(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    for i in range(3):
        add(timo, i)
    sandbox.add_fault(BATCH, "status", status=429, retry_after=7, times=1)
    report = timo.engine.sync_until_done(timeout=120)
    assert report.pending == 0
    sent = timo.recorder.sent
    [limited] = [i for i, s in enumerate(sent) if s.status == 429]
    after = sent[limited + 1]
    assert (after.at - sent[limited].at).total_seconds() >= 7
    assert any(wait >= 6.9 for wait in timo.time.sleeps)
    assert_in_agreement(timo.store, sandbox)


def test_case14_storm_of_5xx_backs_off_opens_the_circuit_and_keeps_order(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entries = [add(timo, i) for i in range(3)]
    for entry in entries:
        timo.tracker.edit(entry.client_ref, description=f"edited {entry.description}")
    timo.engine.sync()  # created, so the edits below are separate operations
    for entry in entries:
        timo.tracker.edit(entry.client_ref, tags=["first"])
        timo.tracker.edit(entry.client_ref, tags=["second"])
    sandbox.add_fault("/v1/workspaces/*/time-entries/*", "status", status=503, times=8)
    sandbox.add_fault("/v1/me", "status", status=500, times=2)
    opened: list[BreakerState] = []
    breaker = timo.engine.breaker
    original = breaker.failure

    def watch() -> None:
        original()
        opened.append(breaker.state)

    breaker.failure = watch  # type: ignore[method-assign]
    report = timo.engine.sync_until_done(timeout=600)
    assert report.pending == 0
    assert BreakerState.OPEN in opened  # the storm opened the circuit
    assert max(timo.time.sleeps) >= breaker.cooldown * 0.99  # and it was waited out
    for entry in entries:  # each entry's changes arrived in order: the last one won
        stored = timo.store.get(entry.client_ref)
        assert stored is not None and stored.tags == ("second",)
    assert_in_agreement(timo.store, sandbox)


def test_full_jitter_stays_within_the_cap_and_honours_retry_after() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(3))
    draws = [backoff.delay(attempt) for attempt in range(10) for _ in range(50)]
    assert all(0 <= d <= 8.0 for d in draws)
    assert max(draws[:50]) <= 1.0  # first attempt: at most base
    assert len({round(d, 3) for d in draws}) > 400  # jittered, not a fixed schedule
    assert backoff.delay(0, retry_after=30) == 30


def test_breaker_opens_half_opens_and_closes() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=3, cooldown=10, max_cooldown=40, clock=lambda: now[0])
    for _ in range(3):
        breaker.failure()
    assert breaker.state is BreakerState.OPEN and not breaker.allows()
    now[0] = 10
    assert breaker.state is BreakerState.HALF_OPEN and breaker.allows()
    breaker.failure()  # the trial failed: open again, for longer
    assert breaker.state is BreakerState.OPEN and breaker.wait() == 20
    now[0] = 30
    breaker.success()
    assert breaker.state is BreakerState.CLOSED


def test_case15_offline_loses_nothing_and_drains_when_the_server_is_back(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    database = tmp_path / "timo.sqlite3"
    away = make_timo(sandbox, database, fake_time, server_url=f"http://127.0.0.1:{closed_port()}")
    try:
        entries = [add(away, i) for i in range(3)]
        report = away.engine.sync()
        assert report.state == "offline" and report.pending == 3
        assert report.errors and report.errors[0].startswith("Vmoox can't be reached")
        assert [away.store.get(e.client_ref) for e in entries] == entries
    finally:
        away.close()
    back = make_timo(sandbox, database, fake_time)
    try:
        report = back.engine.sync_until_done(timeout=60)
        assert report.pending == 0 and report.state == "idle"
        assert_in_agreement(back.store, sandbox)
    finally:
        back.close()
