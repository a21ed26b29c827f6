"""Faults over a real socket: status, latency, reset, commit-then-drop, trickle, counts and
seeds."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest

from tests.sandbox.helpers import create, created, entry_body
from tests.support.sandbox import SandboxHandle, SandboxServer


def test_status_fault_with_retry_after_fires_given_times(sandbox: SandboxHandle) -> None:
    """Contract cases 13 and 14."""
    sandbox.add_fault("/v1/me", "status", status=429, retry_after=3, times=2)
    answers = [sandbox.client.get("/v1/me") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].headers["Retry-After"] == "3"
    assert answers[0].json()["retryable"] is True
    assert sandbox.faults()[0]["remaining"] == 0


def test_status_fault_applies_nothing(sandbox: SandboxHandle) -> None:
    sandbox.add_fault(sandbox.entries_path(), "status", method="POST", status=503, times=1)
    body = entry_body()
    assert create(sandbox, body, key="k").status_code == 503
    listed = sandbox.client.get(sandbox.entries_path(), params={"client_ref": body["client_ref"]})
    assert listed.json()["data"] == []


def test_probability_is_reproducible_under_a_seed(sandbox: SandboxHandle) -> None:
    def run() -> list[int]:
        sandbox.clear_faults()
        sandbox.add_fault("/v1/me", "status", status=500, probability=0.5, seed=7)
        return [sandbox.client.get("/v1/me").status_code for _ in range(16)]

    first = run()
    assert first == run()
    assert set(first) == {200, 500}


def test_method_and_glob_must_match(sandbox: SandboxHandle) -> None:
    sandbox.add_fault("/v1/workspaces/*/time-entries*", "status", method="POST", status=503)
    assert sandbox.client.get(sandbox.entries_path()).status_code == 200
    assert sandbox.client.get("/v1/me").status_code == 200
    assert create(sandbox, entry_body()).status_code == 503


def test_latency_delays_the_answer(sandbox: SandboxHandle) -> None:
    """Contract case 16: a slow server is observable as a read timeout."""
    sandbox.add_fault("/v1/me", "latency", latency_ms=1500, times=1)
    with pytest.raises(httpx.ReadTimeout):
        sandbox.client.get("/v1/me", timeout=0.3)


def test_trickle_sends_the_whole_answer_a_few_bytes_at_a_time(sandbox: SandboxHandle) -> None:
    """No read waits longer than the pause, so a read timeout never trips, however long
    the whole answer takes (here 7 pieces, 0.2 s apart, against a 1 s read timeout)."""
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    sandbox.add_fault(path, "trickle", method="GET", times=1, piece_bytes=100, pause_ms=200)
    with sandbox.client.stream("GET", path, timeout=httpx.Timeout(10, read=1.0)) as trickled:
        pieces = list(trickled.iter_raw())
    assert trickled.status_code == 200
    assert json.loads(b"".join(pieces)) == sandbox.client.get(path).json() == entry
    assert len(pieces) > 1  # apart (a stalled machine may read two pieces as one)
    assert sandbox.faults()[0]["pieces_sent"] == -(-len(b"".join(pieces)) // 100)


def test_trickle_may_send_the_status_line_and_headers_a_few_bytes_at_a_time_too(
    sandbox: SandboxHandle,
) -> None:
    """`head`: a client waiting for the status line and headers gets them as slowly, and
    reads the same answer in the end; the connection closes after it."""
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    fault = {"times": 1, "piece_bytes": 16, "pause_ms": 20, "head": True}
    sandbox.add_fault(path, "trickle", method="GET", **fault)
    trickled = sandbox.client.get(path, timeout=httpx.Timeout(10, read=1.0))
    assert (trickled.status_code, trickled.json()) == (200, entry)
    assert trickled.headers["connection"] == "close"
    body_pieces = -(-len(trickled.content) // 16)
    assert sandbox.faults()[0]["pieces_sent"] > body_pieces + 4  # the head came in pieces too
    assert sandbox.client.get(path).json() == entry  # the next request, on a new connection


def test_a_trickled_answer_without_a_body_leaves_its_connection_free(
    sandbox: SandboxHandle,
) -> None:
    """A 204 has nothing to trickle: the connection held for a pause after it stalled the
    next request sent on it."""
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    sandbox.add_fault(path, "trickle", method="DELETE", times=1, pause_ms=3000)
    with httpx.Client(base_url=sandbox.base_url, headers=sandbox.client.headers) as one:
        deleted = one.delete(path, headers={"If-Match": f'"{entry["version"]}"'})
        assert deleted.status_code == 204
        assert one.get("/v1/me", timeout=httpx.Timeout(10, read=1.0)).status_code == 200


def test_reset_closes_without_answer_or_change(sandbox: SandboxHandle) -> None:
    sandbox.add_fault(sandbox.entries_path(), "reset", method="POST", times=1)
    body = entry_body()
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        create(sandbox, body)
    listed = sandbox.client.get(sandbox.entries_path(), params={"client_ref": body["client_ref"]})
    assert listed.json()["data"] == []


def test_faults_list_and_clear(sandbox: SandboxHandle) -> None:
    fault = sandbox.add_fault("/v1/me", "status", status=500)
    assert [f["id"] for f in sandbox.faults()] == [fault["id"]]
    sandbox.admin.delete(f"/__sandbox/faults/{fault['id']}").raise_for_status()
    assert sandbox.faults() == []
    sandbox.add_fault("/v1/me", "status", status=500)
    sandbox.clear_faults()
    assert sandbox.client.get("/v1/me").status_code == 200


def test_bad_fault_is_refused_plainly(sandbox: SandboxHandle) -> None:
    response = sandbox.admin.post("/__sandbox/faults", json={"path": "/v1/me", "action": "explode"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"].endswith("/action")


def test_faults_file_at_start_up(tmp_path: Path) -> None:
    faults = tmp_path / "faults.json"
    faults.write_text(
        json.dumps([{"path": "/v1/me", "action": "status", "status": 503, "times": 1}])
    )
    server = SandboxServer.start("--faults", str(faults), "--fault-seed", "3")
    try:
        headers = {"Authorization": f"Bearer {server.token}"}
        codes = [httpx.get(server.base_url + "/v1/me", headers=headers).status_code for _ in "ab"]
    finally:
        server.stop()
    assert codes == [503, 200]


def test_offline_server_refuses_connections(tmp_path: Path) -> None:
    """Contract case 15: a stopped sandbox is 'connection refused', then comes back."""
    server = SandboxServer.start("--data", str(tmp_path))
    port_url = server.base_url
    entry = entry_body()
    headers = {"Authorization": f"Bearer {server.token}", "Idempotency-Key": "k"}
    path = "/v1/workspaces/ws_1/time-entries"
    created = httpx.post(port_url + path, json=entry, headers=headers)
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(port_url + "/v1/status")
    again = SandboxServer.start("--data", str(tmp_path))
    try:
        headers["Authorization"] = f"Bearer {again.token}"
        replay = httpx.post(again.base_url + path, json=entry, headers=headers)
    finally:
        again.stop()
    assert created.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_in_flight_retry_during_slow_patch(sandbox: SandboxHandle) -> None:
    entry = create(sandbox, entry_body()).json()
    sandbox.add_fault("/v1/workspaces/*/time-entries/*", "latency", method="PATCH", latency_ms=1200)
    path = sandbox.entries_path(f"/{entry['id']}")
    headers = {
        "If-Match": '"1"',
        "Idempotency-Key": "p",
        "Content-Type": "application/merge-patch+json",
    }
    first: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: first.append(
            sandbox.client.patch(path, json={"description": "a"}, headers=headers)
        )
    )
    thread.start()
    while not any(k["state"] == "in_flight" for k in sandbox.idempotency_keys()):
        threading.Event().wait(0.02)
    sandbox.clear_faults()
    second = sandbox.client.patch(path, json={"description": "a"}, headers=headers)
    thread.join()
    assert second.json()["code"] == "idempotency-in-flight"
    assert first[0].status_code == 200
