"""Idempotent creates: keys, replays, in-flight retries and permanent client_ref uniqueness."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.sandbox.helpers import create, entry_body
from tests.support.sandbox import SandboxHandle


def _entries_with(sandbox: SandboxHandle, client_ref: str) -> list[dict]:
    listed = sandbox.client.get(sandbox.entries_path(), params={"client_ref": client_ref})
    return listed.json()["data"]


def test_create_answers_201_with_location_and_etag(sandbox: SandboxHandle) -> None:
    response = create(sandbox, entry_body())
    assert response.status_code == 201
    entry = response.json()
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"].endswith(f"/time-entries/{entry['id']}")
    assert entry["duration_seconds"] == 45 * 60 and entry["version"] == 1


def test_create_without_key_is_refused(sandbox: SandboxHandle) -> None:
    response = sandbox.client.post(sandbox.entries_path(), json=entry_body())
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency-key-missing"
    assert response.headers["Content-Type"] == "application/problem+json"


def test_replay_returns_stored_response_marked_replayed(sandbox: SandboxHandle) -> None:
    body = entry_body()
    first = create(sandbox, body, key="key-1")
    again = create(sandbox, body, key="key-1")
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert "Idempotent-Replayed" not in first.headers
    assert len(_entries_with(sandbox, body["client_ref"])) == 1


def test_same_key_with_different_body_is_422(sandbox: SandboxHandle) -> None:
    create(sandbox, entry_body(), key="key-1")
    response = create(sandbox, entry_body(), key="key-1")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency-key-reused"


def test_retry_while_first_is_in_flight_is_409(sandbox: SandboxHandle) -> None:
    sandbox.add_fault(sandbox.entries_path(), "latency", method="POST", latency_ms=1500, times=1)
    body = entry_body()
    results: dict[str, httpx.Response] = {}

    def first() -> None:
        results["first"] = create(sandbox, body, key="slow-key")

    thread = threading.Thread(target=first)
    thread.start()
    while not any(k["state"] == "in_flight" for k in sandbox.idempotency_keys()):
        threading.Event().wait(0.02)
    second = create(sandbox, body, key="slow-key")
    thread.join()
    assert second.status_code == 409
    assert second.json()["code"] == "idempotency-in-flight"
    assert second.json()["retryable"] is True
    assert results["first"].status_code == 201
    assert len(_entries_with(sandbox, body["client_ref"])) == 1


def test_expired_key_same_client_ref_same_content_returns_existing(sandbox: SandboxHandle) -> None:
    body = entry_body()
    first = create(sandbox, body, key="key-1").json()
    assert sandbox.expire_idempotency_keys() >= 1
    again = create(sandbox, body, key="key-1")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert "Idempotent-Replayed" not in again.headers


def test_client_ref_with_different_content_is_409_forever(sandbox: SandboxHandle) -> None:
    body = entry_body()
    first = create(sandbox, body).json()
    sandbox.expire_idempotency_keys()
    response = create(sandbox, body | {"description": "something else"})
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "client-ref-conflict"
    assert problem["existing"]["id"] == first["id"]


def test_same_key_from_many_threads_creates_one_entry(sandbox: SandboxHandle) -> None:
    body = entry_body()
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)

    def send(_: int) -> int:
        with httpx.Client(base_url=sandbox.base_url, headers=sandbox.client.headers) as client:
            barrier.wait()
            response = client.post(
                sandbox.entries_path(), json=body, headers={"Idempotency-Key": key}
            )
            return response.status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, range(8)))
    assert set(statuses) <= {201, 409}
    assert 201 in statuses
    assert len(_entries_with(sandbox, body["client_ref"])) == 1


def test_lost_response_after_commit_is_replayed(sandbox: SandboxHandle) -> None:
    """Contract case 1: the connection drops after the server committed."""
    sandbox.add_fault(sandbox.entries_path(), "commit_then_drop", method="POST", times=1)
    body = entry_body()
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        create(sandbox, body, key="lost")
    retry = create(sandbox, body, key="lost")
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert len(_entries_with(sandbox, body["client_ref"])) == 1


def test_lost_response_retried_after_key_expired(sandbox: SandboxHandle) -> None:
    """Contract case 2: client_ref saves it when the key is gone."""
    sandbox.add_fault(sandbox.entries_path(), "commit_then_drop", method="POST", times=1)
    body = entry_body()
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        create(sandbox, body, key="lost")
    sandbox.expire_idempotency_keys()
    retry = create(sandbox, body, key="lost")
    assert retry.status_code == 200
    assert len(_entries_with(sandbox, body["client_ref"])) == 1


def test_refused_create_releases_its_key(sandbox: SandboxHandle) -> None:
    sandbox.set_project("prj_1", status="archived")
    body = entry_body()
    assert create(sandbox, body, key="k").status_code == 422
    sandbox.set_project("prj_1", status="active")
    assert create(sandbox, body, key="k").status_code == 201
