"""The process itself: start-up output, readiness, headers on every answer, clean stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.sandbox import SandboxHandle, SandboxServer


def test_start_prints_url_and_token_then_stops_cleanly_on_sigterm() -> None:
    server = SandboxServer.start("--seed", "empty")
    try:
        status = httpx.get(server.base_url + "/v1/status")
        me = httpx.get(
            server.base_url + "/v1/me", headers={"Authorization": f"Bearer {server.token}"}
        )
    finally:
        code = server.stop()
    assert status.status_code == 200 and status.json()["status"] == "ok"
    assert server.token.startswith("vmx_pat_")
    assert me.json()["user"]["name"] == "Dana Demo"
    assert code == 0


def test_a_request_held_open_does_not_hold_up_the_stop() -> None:
    """SIGTERM (Ctrl+C) ends the server even while an answer is held back: uvicorn waited for
    it, and the last stop of a test run, whose tests leave answers held, took ~20 s."""
    server = SandboxServer.start("--seed", "empty")
    fault = {"path": "/v1/status", "action": "latency", "latency_ms": 600_000}
    httpx.post(server.base_url + "/__sandbox/faults", json=fault).raise_for_status()
    url = httpx.URL(server.base_url)
    held = socket.create_connection((url.host, url.port or 80))
    try:
        held.sendall(b"GET /v1/status HTTP/1.1\r\nHost: sandbox\r\n\r\n")
        _wait_until_fired(server)
    finally:
        code = server.stop()
        held.close()
    assert code == 0  # ended by the signal, not killed when the launcher gave up waiting


def _wait_until_fired(server: SandboxServer) -> None:
    """Until the sandbox has held a request under its fault."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if httpx.get(server.base_url + "/__sandbox/faults").json()["faults"][0]["fired"]:
            return
        time.sleep(0.05)
    raise AssertionError("no request reached the fault")


def test_every_answer_carries_request_id_and_date(sandbox: SandboxHandle) -> None:
    answers = [
        sandbox.client.get("/v1/me"),
        sandbox.client.get("/v1/nowhere"),
        httpx.get(sandbox.url("/v1/me")),
        sandbox.client.post(
            sandbox.entries_path(),
            content=b"{",
            headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
        ),
        sandbox.client.post(
            sandbox.entries_path(), content=b"{}", headers={"Idempotency-Key": "k"}
        ),
    ]
    for response in answers:
        assert response.headers["X-Request-Id"]
        assert response.headers["Date"].endswith("GMT")
    assert [r.status_code for r in answers] == [200, 404, 401, 400, 415]


def test_request_id_sent_by_client_is_echoed(sandbox: SandboxHandle) -> None:
    response = sandbox.client.get("/v1/me", headers={"X-Request-Id": "timo-123"})
    assert response.headers["X-Request-Id"] == "timo-123"


_START_AND_HANG = """
from vmoox_sandbox.launcher import SandboxServer
server = SandboxServer.start("--seed", "empty")
print(server.process.pid, flush=True)
input()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_the_server_dies_with_the_process_that_started_it() -> None:
    """A crashed test worker must not leave its sandbox running."""
    starter = subprocess.Popen(
        [sys.executable, "-c", _START_AND_HANG],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert starter.stdout is not None
    server_pid = int(starter.stdout.readline())
    os.kill(starter.pid, signal.SIGKILL)
    starter.wait()
    deadline = time.monotonic() + 30
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(server_pid)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has died; only its exit status is left to collect
