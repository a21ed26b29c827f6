"""Batches: up to 100 operations, not atomic, one result per item; replayable by key."""

from __future__ import annotations

import uuid

from tests.sandbox.helpers import created, entry_body
from tests.support.sandbox import SandboxHandle


def _batch(sandbox: SandboxHandle, operations: list[dict], key: str | None = None):  # type: ignore[no-untyped-def]
    return sandbox.client.post(
        sandbox.entries_path(":batch"),
        json={"operations": operations},
        headers={"Idempotency-Key": key or str(uuid.uuid4())},
    )


def test_mixed_results_are_reported_per_item(sandbox: SandboxHandle) -> None:
    """Contract cases 11 and 12."""
    existing = created(sandbox)
    good = entry_body(hours_ago=6)
    bad = entry_body(hours_ago=7, target={"type": "project", "id": "prj_8"})
    response = _batch(
        sandbox,
        [
            {"op": "create", "entry": good},
            {"op": "create", "entry": bad},
            {"op": "update", "id": existing["id"], "version": 1, "patch": {"description": "b"}},
            {"op": "update", "id": existing["id"], "version": 1, "patch": {"description": "c"}},
            {"op": "delete", "id": existing["id"], "version": 2},
        ],
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, 422, 200, 412, 204]
    assert results[0]["client_ref"] == good["client_ref"] and results[0]["entry"]["id"]
    assert results[1]["problem"]["code"] == "target-unavailable"
    assert results[1]["client_ref"] == bad["client_ref"]
    assert results[3]["problem"]["current"]["version"] == 2
    listed = sandbox.client.get(sandbox.entries_path(), params={"client_ref": bad["client_ref"]})
    assert listed.json()["data"] == []


def test_batch_is_replayed_by_key_without_applying_twice(sandbox: SandboxHandle) -> None:
    operations = [{"op": "create", "entry": entry_body(hours_ago=h)} for h in (5, 6, 7)]
    first = _batch(sandbox, operations, key="b1")
    again = _batch(sandbox, operations, key="b1")
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_resent_batch_under_new_key_keeps_one_entry_per_client_ref(sandbox: SandboxHandle) -> None:
    operations = [{"op": "create", "entry": entry_body(hours_ago=5)}]
    _batch(sandbox, operations)
    again = _batch(sandbox, operations)
    assert again.json()["results"][0]["status"] == 200


def test_more_than_100_operations_is_refused_whole(sandbox: SandboxHandle) -> None:
    operations = [{"op": "create", "entry": entry_body(hours_ago=5)}] * 101
    response = _batch(sandbox, operations)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/operations"


def test_401_mid_sync_then_same_batch_again(sandbox: SandboxHandle) -> None:
    """Contract case 5: nothing is applied on the 401; the resent batch goes through."""
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=401, times=1)
    operations = [{"op": "create", "entry": entry_body(hours_ago=5)}]
    refused = _batch(sandbox, operations, key="b")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert _batch(sandbox, operations, key="b").json()["results"][0]["status"] == 201
