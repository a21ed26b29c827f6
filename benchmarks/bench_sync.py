"""Sync throughput against a local sandbox, as ratios to the sandbox's own rates.

Push: 10,000 queued entries sent by `SyncEngine`, against the same 10,000 sent
as raw `time-entries:batch` requests (100 per batch) with plain httpx in the
same run. Pull: 10,000 changes applied to a fresh local database by the engine,
against the raw changes feed paged and parsed with plain httpx (medians of three
turns each). Targets: push
under 1.3x the raw rate and under 15 s here; pull likewise under 1.3x.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from timo_desktop.core.entry import new_entry
from timo_desktop.store.database import Store
from timo_desktop.store.outbox import Op
from timo_desktop.sync.engine import SyncEngine
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.tokens import StaticToken
from vmoox_sandbox.launcher import SandboxServer

ENTRIES = 10_000
BATCH = 100
PULL_RUNS = 3  # a pull is under a second: the median of raw and Timo runs taken in turn
WORKSPACE = "ws_1"
# The same source object Timo sends, so both sides store the same amount.
SOURCE = {"app": "timo-desktop", "version": "0.0.0", "os": "linux", "device_id": "dev_bench"}


def _slots() -> list[tuple[datetime, datetime]]:
    first = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=400)
    return [
        (first + timedelta(minutes=2 * i), first + timedelta(minutes=2 * i + 1))
        for i in range(ENTRIES)
    ]


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _reset(admin: httpx.Client) -> None:
    admin.post("/__sandbox/reset", json={"seed": "empty"}).raise_for_status()


def _raw_push(api: httpx.Client) -> float:
    slots = _slots()
    began = time.perf_counter()
    for start in range(0, ENTRIES, BATCH):
        operations: list[dict[str, Any]] = [
            {
                "op": "create",
                "entry": {
                    "client_ref": str(uuid.uuid4()),
                    "description": f"raw {i}",
                    "start": _iso(slots[i][0]),
                    "end": _iso(slots[i][1]),
                    "timezone": "Europe/Berlin",
                    "billable": False,
                    "tags": [],
                    "source": SOURCE,
                },
            }
            for i in range(start, start + BATCH)
        ]
        response = api.post(
            f"/v1/workspaces/{WORKSPACE}/time-entries:batch",
            json={"operations": operations},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        response.raise_for_status()
    return time.perf_counter() - began


def _raw_pull(api: httpx.Client) -> float:
    began = time.perf_counter()
    token: str | None = None
    seen = 0
    while True:
        params = {"limit": "500", **({"sync_token": token} if token else {})}
        body = api.get(f"/v1/workspaces/{WORKSPACE}/time-entries/changes", params=params).json()
        seen += len(body["data"])
        token = body["sync_token"]
        if not body["has_more"]:
            break
    assert seen >= ENTRIES, seen
    return time.perf_counter() - began


def _queue(store: Store) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    with store.write() as tx:
        for i, (start, end) in enumerate(_slots()):
            entry = new_entry(
                start=start, end=end, zone="Europe/Berlin", now=now, description=f"timo {i}"
            )
            tx.save(entry, Op.CREATE, now)


def _engine(store: Store, server: SandboxServer) -> SyncEngine:
    client = VmooxClient(server.base_url, StaticToken(server.token))
    return SyncEngine(store, client, default_workspace=WORKSPACE)


def main() -> None:
    server = SandboxServer.start(seed="empty")
    try:
        with (
            httpx.Client(base_url=server.base_url, timeout=60) as admin,
            httpx.Client(
                base_url=server.base_url,
                timeout=60,
                headers={"Authorization": f"Bearer {server.token}"},
            ) as api,
            tempfile.TemporaryDirectory() as folder,
        ):
            _reset(admin)
            raw_push = _raw_push(api)
            raw_pulls = [_raw_pull(api)]
            _reset(admin)
            store = Store.open(Path(folder) / "push.sqlite3")
            _queue(store)
            engine = _engine(store, server)
            began = time.perf_counter()
            report = engine.sync(pull=False)
            timo_push = time.perf_counter() - began
            assert report.pending == 0 and report.pushed == ENTRIES, report
            engine.client.close()
            store.close()
            timo_pulls = []
            for run in range(PULL_RUNS):
                if run:
                    raw_pulls.append(_raw_pull(api))
                fresh = Store.open(Path(folder) / f"pull-{run}.sqlite3")
                engine = _engine(fresh, server)
                began = time.perf_counter()
                report = engine.sync(push=False)
                timo_pulls.append(time.perf_counter() - began)
                assert report.pulled >= ENTRIES, report
                engine.client.close()
                fresh.close()
            raw_pull, timo_pull = statistics.median(raw_pulls), statistics.median(timo_pulls)
    finally:
        server.stop()
    print(f"   raw batch create of {ENTRIES} entries: {raw_push:.2f} s (baseline)")
    print(
        f"   SyncEngine push of {ENTRIES} queued entries: {timo_push:.2f} s "
        f"({timo_push / raw_push:.2f}x raw) target < 1.3x and < 15 s"
    )
    print(
        f"   raw changes feed of {ENTRIES} entries: {raw_pull:.2f} s "
        f"(baseline, median of {PULL_RUNS})"
    )
    print(
        f"   SyncEngine pull of {ENTRIES} changes: {timo_pull:.2f} s "
        f"({timo_pull / raw_pull:.2f}x raw) target < 1.3x"
    )
