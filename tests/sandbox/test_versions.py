"""Optimistic concurrency and the entry lifecycle: ETag/If-Match, merge patch, stop, delete."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.helpers import create, created, entry_body, iso, past, patch
from tests.support.sandbox import SandboxHandle


def test_get_answers_with_etag(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    response = sandbox.client.get(sandbox.entries_path(f"/{entry['id']}"))
    assert response.status_code == 200
    assert response.headers["ETag"] == '"1"'


def test_patch_with_current_version_bumps_it(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    response = patch(sandbox, entry, {"description": "Footer"})
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert response.json()["description"] == "Footer"
    assert response.json()["tags"] == ["design"]


def test_stale_version_is_412_with_current(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    patch(sandbox, entry, {"description": "server side"})
    response = patch(sandbox, entry, {"tags": ["mine"]})
    assert response.status_code == 412
    problem = response.json()
    assert problem["code"] == "version-mismatch"
    assert problem["current"]["version"] == 2
    assert problem["current"]["description"] == "server side"


def test_missing_if_match_is_428(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    response = sandbox.client.patch(path, json={"description": "x"})
    assert response.status_code == 428
    assert sandbox.client.delete(path).status_code == 428


def test_merge_patch_clears_nested_field_with_null(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    response = patch(sandbox, entry, {"target": {"task_id": None}, "tags": None})
    assert response.status_code == 200
    assert response.json()["target"] == {"type": "project", "id": "prj_1", "task_id": None}
    assert response.json()["tags"] == []


def test_replayed_patch_that_committed_does_not_412_itself(sandbox: SandboxHandle) -> None:
    """Contract case 3: a read timeout on a PATCH that committed."""
    entry = created(sandbox)
    sandbox.add_fault(
        "/v1/workspaces/*/time-entries/*", "commit_then_drop", method="PATCH", times=1
    )
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        patch(sandbox, entry, {"description": "after"}, **{"Idempotency-Key": "p1"})
    retry = patch(sandbox, entry, {"description": "after"}, **{"Idempotency-Key": "p1"})
    assert retry.status_code == 200
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["version"] == 2


def test_delete_is_204_and_deleting_again_too(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    assert sandbox.client.delete(path, headers={"If-Match": '"1"'}).status_code == 204
    assert sandbox.client.delete(path, headers={"If-Match": '"1"'}).status_code == 204
    tombstone = sandbox.client.get(path).json()
    assert tombstone["deleted_at"] is not None and tombstone["version"] == 2


def test_patching_a_deleted_entry_is_409_entry_deleted(sandbox: SandboxHandle) -> None:
    """Contract case 10: edited locally, deleted on the server."""
    entry = created(sandbox)
    sandbox.client.delete(sandbox.entries_path(f"/{entry['id']}"), headers={"If-Match": '"1"'})
    response = patch(sandbox, entry, {"description": "mine"})
    assert response.status_code == 409
    assert response.json()["code"] == "entry-deleted"
    assert response.json()["current"]["deleted_at"] is not None


def test_stop_is_idempotent_and_current_follows(sandbox: SandboxHandle) -> None:
    current = sandbox.entries_path().replace("/time-entries", "/me/time-entries/current")
    assert sandbox.client.get(current).status_code == 204
    running = created(sandbox, end=None, hours_ago=1)
    assert running["end"] is None and running["duration_seconds"] >= 3600
    assert sandbox.client.get(current).json()["id"] == running["id"]
    stop = sandbox.entries_path(f"/{running['id']}/stop")
    end = iso(past(0.5))
    first = sandbox.client.post(stop, json={"end": end})
    second = sandbox.client.post(stop, json={"end": iso(past(0.25))})
    assert first.status_code == second.status_code == 200
    assert first.json()["end"] == second.json()["end"] == end
    assert second.json()["version"] == first.json()["version"] == 2
    assert sandbox.client.get(current).status_code == 204


def test_unknown_entry_is_404(sandbox: SandboxHandle) -> None:
    response = sandbox.client.get(sandbox.entries_path("/te_nope"))
    assert response.status_code == 404 and response.json()["code"] == "not-found"


def test_create_replay_after_patch_still_replays_original(sandbox: SandboxHandle) -> None:
    body = entry_body()
    first = create(sandbox, body, key="k")
    patch(sandbox, first.json(), {"description": "changed"})
    again = create(sandbox, body, key="k")
    assert again.json()["version"] == 1 and again.headers["Idempotent-Replayed"] == "true"
