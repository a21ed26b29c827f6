"""Every business rule answers with its own code and leaves nothing half-applied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.sandbox.helpers import create, created, entry_body, iso, past, patch
from tests.support.sandbox import SandboxHandle


def _problem(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.headers["Content-Type"] == "application/problem+json", response.text
    return response.json()


def test_second_running_entry_is_409_with_the_existing_one(sandbox: SandboxHandle) -> None:
    running = created(sandbox, end=None, hours_ago=1)
    response = create(sandbox, entry_body(end=None, hours_ago=0.5))
    assert response.status_code == 409
    problem = _problem(response)
    assert problem["code"] == "running-entry-exists"
    assert problem["existing"]["id"] == running["id"]
    assert problem["retryable"] is False


def test_overlap_refused_only_when_workspace_disallows(sandbox: SandboxHandle) -> None:
    created(sandbox, hours_ago=3, minutes=60)
    overlapping = entry_body(hours_ago=2.5, minutes=60)
    sandbox.set_workspace(allow_overlap=False)
    response = create(sandbox, overlapping)
    assert response.status_code == 409
    assert _problem(response)["code"] == "entry-overlap"
    sandbox.set_workspace(allow_overlap=True)
    assert create(sandbox, overlapping).status_code == 201


def test_entries_before_lock_date_are_read_only(sandbox: SandboxHandle) -> None:
    """Contract case 21."""
    entry = created(sandbox, hours_ago=48)
    sandbox.set_workspace(lock_date=datetime.now(UTC).date().isoformat())
    listed = sandbox.client.get(sandbox.entries_path(f"/{entry['id']}")).json()
    assert listed["locked"] is True
    response = patch(sandbox, listed, {"description": "late edit"})
    assert response.status_code == 409
    assert _problem(response)["code"] == "entry-locked"
    assert _problem(create(sandbox, entry_body(hours_ago=30)))["code"] == "entry-locked"


def test_invoiced_entry_is_read_only(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    invoiced = sandbox.set_invoiced(entry["id"])
    path = sandbox.entries_path(f"/{entry['id']}")
    response = sandbox.client.delete(path, headers={"If-Match": f'"{invoiced["version"]}"'})
    assert response.status_code == 409
    assert _problem(response)["reason"] == "invoiced"


@pytest.mark.parametrize(
    ("target", "control", "reason"),
    [
        ({"type": "project", "id": "prj_8"}, None, "archived"),
        (
            {"type": "project", "id": "prj_1"},
            ("project", "prj_1", {"status": "archived"}),
            "archived",
        ),
        ({"type": "record", "id": "rec_6"}, ("record", "rec_6", {"status": "deleted"}), "deleted"),
        ({"type": "record", "id": "rec_8"}, None, "not-trackable"),
        ({"type": "project", "id": "prj_404"}, None, "not-found"),
        ({"type": "project", "id": "prj_1", "task_id": "tsk_9"}, None, "task-not-found"),
    ],
)
def test_unavailable_targets_are_422_with_reason(
    sandbox: SandboxHandle, target: dict, control: tuple | None, reason: str
) -> None:
    """Contract case 19: archived or deleted while the entry was queued."""
    if control is not None:
        kind, object_id, fields = control
        (sandbox.set_project if kind == "project" else sandbox.set_record)(object_id, **fields)
    response = create(sandbox, entry_body(target=target))
    assert response.status_code == 422
    problem = _problem(response)
    assert (problem["code"], problem["reason"]) == ("target-unavailable", reason)


def test_end_in_future_is_422_with_server_time(sandbox: SandboxHandle) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    body = entry_body(start=iso(start), end=iso(start + timedelta(hours=2)))
    problem = _problem(create(sandbox, body))
    assert problem["code"] == "entry-in-future"
    assert problem["server_time"].endswith("Z")


def test_shifted_server_clock_moves_the_future_limit_and_date(sandbox: SandboxHandle) -> None:
    """Contract case 17: the client measures skew from Date."""
    sandbox.set_clock(3 * 3600)
    response = sandbox.client.get("/v1/me")
    server_time = datetime.strptime(response.headers["Date"], "%a, %d %b %Y %H:%M:%S GMT")
    skew = server_time.replace(tzinfo=UTC) - datetime.now(UTC)
    assert timedelta(hours=2, minutes=59) < skew < timedelta(hours=3, minutes=1)
    start = datetime.now(UTC) + timedelta(hours=1)
    body = entry_body(start=iso(start), end=iso(start + timedelta(minutes=30)))
    assert create(sandbox, body).status_code == 201


@pytest.mark.parametrize(
    ("overrides", "pointer", "code"),
    [
        ({"end": iso(past(5))}, "/end", "end-before-start"),
        ({"start": iso(past(30)), "end": iso(past(1))}, "/end", "too-long"),
        ({"description": "x" * 3001}, "/description", "too-long"),
        ({"timezone": "Mars/Olympus"}, "/timezone", "unknown-timezone"),
        ({"billable": "maybe"}, "/billable", "invalid"),
        ({"colour": "red"}, "/colour", "unknown-field"),
        ({"start": "2026-03-03T09:00:00"}, "/start", "timezone-required"),
        (
            {"target": {"type": "record", "id": "rec_1", "task_id": "tsk_1"}},
            "/target/task_id",
            "not-allowed",
        ),
    ],
)
def test_validation_failures_name_the_field(
    sandbox: SandboxHandle, overrides: dict, pointer: str, code: str
) -> None:
    sandbox.set_workspace(max_entry_seconds=12 * 3600)
    response = create(sandbox, entry_body(hours_ago=3, **overrides))
    assert response.status_code == 422
    problem = _problem(response)
    assert problem["code"] == "validation-failed"
    assert {"pointer": pointer, "code": code} in [
        {"pointer": e["pointer"], "code": e["code"]} for e in problem["errors"]
    ]


def test_required_target_setting(sandbox: SandboxHandle) -> None:
    sandbox.set_workspace(require_target=True)
    problem = _problem(create(sandbox, entry_body(target=None)))
    assert problem["errors"][0]["pointer"] == "/target"


def test_missing_permission_is_403_permission_denied(sandbox: SandboxHandle) -> None:
    sandbox.set_membership(permissions=["records:view", "projects:view"])
    problem = _problem(create(sandbox, entry_body()))
    assert (problem["status"], problem["code"]) == (403, "permission-denied")
    me = sandbox.client.get("/v1/me").json()
    assert "time-entries:create:own" not in me["memberships"][0]["permissions"]


def test_revoked_membership_freezes_one_workspace_only(sandbox: SandboxHandle) -> None:
    """Contract case 20."""
    sandbox.set_membership(status="revoked")
    problem = _problem(create(sandbox, entry_body()))
    assert (problem["status"], problem["code"]) == (403, "membership-revoked")
    other = entry_body(target={"type": "project", "id": "prj_9"})
    response = sandbox.client.post(
        sandbox.entries_path(workspace_id="ws_2"), json=other, headers={"Idempotency-Key": "o"}
    )
    assert response.status_code == 201


def test_refused_patch_changes_nothing(sandbox: SandboxHandle) -> None:
    entry = created(sandbox)
    response = patch(sandbox, entry, {"description": "ok", "end": iso(past(10))})
    assert response.status_code == 422
    stored = sandbox.client.get(sandbox.entries_path(f"/{entry['id']}")).json()
    assert stored == entry | {"duration_seconds": stored["duration_seconds"]}


def test_a_workspace_setting_set_to_null_is_refused_saying_which(sandbox: SandboxHandle) -> None:
    """Null clears a lock date; for a capacity it was a 500 and nothing said."""
    response = sandbox.admin.patch(
        f"/__sandbox/workspaces/{sandbox.workspace_id}",
        json={"capacity_hours_per_week": None, "lock_date": None},
    )
    assert response.status_code == 422
    assert "capacity_hours_per_week cannot be null" in response.text
    assert sandbox.set_workspace(lock_date=None)["lock_date"] is None
