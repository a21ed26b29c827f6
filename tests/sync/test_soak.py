"""Soak: hundreds of entries made, edited and deleted while random faults fire; and
`kill -9` of `timo sync` in the middle of a push, restarted until done."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.sandbox import SandboxHandle
from tests.sync.support import OTHER_PROJECT, Timo, add, assert_in_agreement
from timo_desktop.services import Tracker
from timo_desktop.store.database import Store

ENTRIES = "/v1/workspaces/*/time-entries*"
ENTRIES_TO_KILL = 800


def _random_faults(sandbox: SandboxHandle, seed: int) -> None:
    faults = [
        {"action": "commit_then_drop", "probability": 0.1},
        {"action": "status", "status": 503, "retry_after": 1, "probability": 0.1},
        {"action": "status", "status": 429, "retry_after": 1, "probability": 0.05},
        {"action": "reset", "probability": 0.07},
        {"action": "latency", "latency_ms": 50, "probability": 0.1},
    ]
    for number, fault in enumerate(faults):
        sandbox.add_fault(ENTRIES, seed=seed + number, **fault)  # type: ignore[arg-type]


def test_soak_hundreds_of_changes_under_random_faults(timo: Timo, sandbox: SandboxHandle) -> None:
    rng = random.Random(2026)
    _random_faults(sandbox, seed=11)
    timo.engine.batch_size = 10  # more requests, more chances for faults
    made = []
    for round_number in range(6):
        for _ in range(50):
            made.append(add(timo, len(made)))
        timo.engine.sync()
        for entry in rng.sample(made, 15):
            current = timo.store.get(entry.client_ref)
            if current is not None and not current.is_deleted:
                timo.tracker.edit(entry.client_ref, description=f"edited in round {round_number}")
        for entry in rng.sample(made, 5):
            current = timo.store.get(entry.client_ref)
            if current is not None and not current.is_deleted:
                timo.tracker.edit(entry.client_ref, target=OTHER_PROJECT)
        for entry in rng.sample(made, 6):
            current = timo.store.get(entry.client_ref)
            if current is not None and not current.is_deleted:
                timo.tracker.delete(entry.client_ref)
        timo.engine.sync()  # a round between bursts of work, faults and all
    report = timo.engine.sync_until_done(timeout=3600)
    assert report.pending == 0 and report.attention == 0
    fired = sum(f["fired"] for f in sandbox.faults())
    assert fired > 20  # the faults really did fire
    sandbox.clear_faults()
    timo.engine.sync()
    assert_in_agreement(timo.store, sandbox)
    live = [e for e in made if (s := timo.store.get(e.client_ref)) and not s.is_deleted]
    assert len(live) >= 300 - 36


def test_kill_dash_9_during_push_restarted_until_done(
    sandbox: SandboxHandle, timo_home: Path
) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    tracker = Tracker.open(database, zone="Europe/Berlin")
    from tests.sync.support import slot

    for i in range(ENTRIES_TO_KILL):
        tracker.add(f"work {i}", *slot(i), target=OTHER_PROJECT)
    tracker.close()
    # Slow answers, so a kill often lands between sending and recording.
    sandbox.add_fault(ENTRIES, "latency", latency_ms=150, probability=0.7, seed=5)
    env = {
        **os.environ,
        "TIMO_HOME": str(timo_home),
        "VMOOX_TOKEN": sandbox.token,
        "VMOOX_SERVER": sandbox.base_url,
    }
    command = [sys.executable, "-m", "timo_desktop", "sync", "--until-done", "--json"]
    rng = random.Random(9)
    kills = caught_in_flight = 0
    for _ in range(20):
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Kill only once a push is under way (however slowly the process started on a
        # loaded machine), at a random moment after that.
        while process.poll() is None and not _in_flight(database):
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is not None:
            process.communicate()
            break  # this run got to the end
        process.send_signal(signal.SIGKILL)
        process.communicate()
        kills += 1
        caught_in_flight += _in_flight(database)  # killed between sending and recording
    assert kills >= 1 and caught_in_flight >= 1
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout)["pending"] == 0
    with Store.open(database) as store:
        assert_in_agreement(store, sandbox)
        count = store.connection.execute(
            "SELECT count(*) FROM entries WHERE description LIKE 'work %'"
        ).fetchone()[0]
        assert count == ENTRIES_TO_KILL


def _in_flight(database: Path) -> bool:
    """True while some operation has been sent and its answer not yet recorded."""
    if not database.exists():
        return False
    with Store.open(database) as store:
        sent = store.connection.execute(
            "SELECT count(*) FROM outbox WHERE state = 'inflight'"
        ).fetchone()[0]
    return bool(sent)
