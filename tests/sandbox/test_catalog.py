"""Who-am-I, workspace settings, records, projects and tasks from the demo seed."""

from __future__ import annotations

from tests.support.sandbox import SandboxHandle


def test_me_lists_user_memberships_and_permissions(sandbox: SandboxHandle) -> None:
    me = sandbox.client.get("/v1/me").json()
    assert me["user"] == {
        "id": "usr_1",
        "name": "Dana Demo",
        "email": "dana@example.com",
        "timezone": "Europe/Berlin",
    }
    first = me["memberships"][0]
    assert first["workspace_id"] == "ws_1" and "time-entries:create:own" in first["permissions"]
    assert me["server_time"].endswith("Z")


def test_workspace_settings(sandbox: SandboxHandle) -> None:
    settings = sandbox.client.get(f"/v1/workspaces/{sandbox.workspace_id}").json()
    assert settings["timezone"] == "Europe/Berlin"
    assert {"lock_date", "allow_overlap", "max_entry_seconds", "future_tolerance_seconds"} <= set(
        settings
    )


def test_records_search_get_and_batch_get(sandbox: SandboxHandle) -> None:
    base = f"/v1/workspaces/{sandbox.workspace_id}/records"
    leads = sandbox.client.get(base, params={"type": "lead"}).json()["data"]
    assert {r["display_name"] for r in leads} == {"Hooli", "Pied Piper", "Vandelay Imports"}
    found = sandbox.client.get(base, params={"q": "glob"}).json()["data"]
    assert [r["id"] for r in found] == ["rec_2"] and found[0]["segment"] == "enterprise"
    one = sandbox.client.get(f"{base}/rec_5").json()
    assert one["status"] == "archived"
    batch = sandbox.client.post(f"{base}:batchGet", json={"ids": ["rec_3", "rec_nope", "rec_1"]})
    assert [r["id"] for r in batch.json()["data"]] == ["rec_3", "rec_1"]


def test_projects_have_phases_estimates_history_and_one_archived(sandbox: SandboxHandle) -> None:
    base = f"/v1/workspaces/{sandbox.workspace_id}/projects"
    projects = sandbox.client.get(base).json()["data"]
    assert 6 <= len(projects) <= 10
    assert len({p["service_type"] for p in projects}) >= 4
    assert [p["id"] for p in projects if p["status"] == "archived"] == ["prj_8"]
    assert sum(p["tracked_minutes"] for p in projects) > 0
    active = sandbox.client.get(base, params={"status": "active"}).json()["data"]
    assert "prj_8" not in {p["id"] for p in active}
    tasks = sandbox.client.get(f"{base}/prj_3/tasks").json()["data"]
    assert len(tasks) == 4 and all(t["project_id"] == "prj_3" for t in tasks)


def test_records_need_the_view_permission(sandbox: SandboxHandle) -> None:
    sandbox.set_membership(permissions=["time-entries:create:own"])
    response = sandbox.client.get(f"/v1/workspaces/{sandbox.workspace_id}/records")
    assert response.status_code == 403 and response.json()["permission"] == "records:view"


def test_empty_seed(sandbox: SandboxHandle) -> None:
    state = sandbox.reset("empty")
    assert state["workspace_ids"] == ["ws_1"]
    response = sandbox.client.get(f"/v1/workspaces/{sandbox.workspace_id}/projects")
    assert response.json()["data"] == []
