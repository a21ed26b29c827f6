"""Sandbox throughput over loopback: creates per second, single and batched.

Each figure is a ratio to a bare FastAPI endpoint that does nothing, served the
same way (uvicorn h11 in its own process) and measured in the same run.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from vmoox_sandbox.launcher import SandboxServer

SINGLE_CREATES = 300
BATCHES = 10
BATCH_SIZE = 100
BARE_SERVER = """
import sys, uvicorn
from fastapi import FastAPI
app = FastAPI()
@app.post("/noop")
def noop(body: dict) -> dict:
    return {}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), http="h11", log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _entries(count: int, offset: int) -> list[dict[str, Any]]:
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(days=60)
    entries = []
    for i in range(offset, offset + count):
        start = base + timedelta(minutes=10 * i)
        entries.append(
            {
                "client_ref": str(uuid.uuid4()),
                "target": {"type": "project", "id": "prj_1"},
                "description": "benchmark",
                "start": start.isoformat().replace("+00:00", "Z"),
                "end": (start + timedelta(minutes=5)).isoformat().replace("+00:00", "Z"),
            }
        )
    return entries


def _rate(count: int, began: float) -> float:
    return count / (time.perf_counter() - began)


def _bare_rate(body: dict[str, Any]) -> float:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-c", BARE_SERVER, str(port)])
    try:
        url = f"http://127.0.0.1:{port}/noop"
        with httpx.Client() as client:
            while True:
                try:
                    client.post(url, json=body)
                    break
                except httpx.ConnectError:
                    time.sleep(0.05)
            began = time.perf_counter()
            for _ in range(SINGLE_CREATES):
                client.post(url, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
            return _rate(SINGLE_CREATES, began)
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    """Print creates/s (single and batched) as ratios to a do-nothing endpoint."""
    server = SandboxServer.start()
    try:
        path = server.base_url + "/v1/workspaces/ws_1/time-entries"
        headers = {"Authorization": f"Bearer {server.token}"}
        with httpx.Client(headers=headers, timeout=60) as client:
            single = _entries(SINGLE_CREATES, 0)
            began = time.perf_counter()
            for entry in single:
                response = client.post(
                    path, json=entry, headers={"Idempotency-Key": str(uuid.uuid4())}
                )
                assert response.status_code == 201, response.text
            single_rate = _rate(SINGLE_CREATES, began)
            batched = _entries(BATCHES * BATCH_SIZE, SINGLE_CREATES)
            began = time.perf_counter()
            for start in range(0, len(batched), BATCH_SIZE):
                operations = [
                    {"op": "create", "entry": e} for e in batched[start : start + BATCH_SIZE]
                ]
                response = client.post(
                    path + ":batch",
                    json={"operations": operations},
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                )
                assert all(r["status"] == 201 for r in response.json()["results"])
            batched_rate = _rate(len(batched), began)
    finally:
        server.stop()
    bare = _bare_rate(single[0])
    print(f"   bare FastAPI no-op POST: {bare:.0f} req/s (baseline)")
    print(f"   single creates: {single_rate:.0f}/s ({single_rate / bare:.2f}x baseline)")
    ratio = batched_rate / bare
    print(f"   batched creates ({BATCH_SIZE}/batch): {batched_rate:.0f}/s ({ratio:.2f}x baseline)")


if __name__ == "__main__":
    main()
