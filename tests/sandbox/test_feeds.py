"""Lists with cursors and Link headers; changes feeds with tombstones and expiring tokens."""

from __future__ import annotations

from tests.sandbox.helpers import created, iso, past
from tests.support.sandbox import SandboxHandle


def _feed(sandbox: SandboxHandle, token: str | None = None, limit: int = 100):  # type: ignore[no-untyped-def]
    params: dict[str, str | int] = {"limit": limit}
    if token:
        params["sync_token"] = token
    return sandbox.client.get(sandbox.entries_path("/changes"), params=params)


def _drain(sandbox: SandboxHandle, token: str | None, limit: int = 100) -> tuple[list[dict], str]:
    seen: list[dict] = []
    while True:
        page = _feed(sandbox, token, limit).json()
        seen += page["data"]
        token = page["sync_token"]
        if not page["has_more"]:
            return seen, token


def test_list_pages_with_cursor_and_link_header(sandbox: SandboxHandle) -> None:
    params = {"start_from": iso(past(24 * 40)), "limit": 7}
    first = sandbox.client.get(sandbox.entries_path(), params=params)
    assert first.status_code == 200
    ids = [e["id"] for e in first.json()["data"]]
    assert len(ids) == 7
    link = first.headers["Link"]
    assert link.startswith("<http") and link.endswith('>; rel="next"')
    second = sandbox.client.get(link[1 : link.index(">")])
    more = [e["id"] for e in second.json()["data"]]
    assert more and not set(ids) & set(more)
    starts = [e["start"] for e in first.json()["data"] + second.json()["data"]]
    assert starts == sorted(starts)


def test_list_filters_by_start_range_and_client_ref(sandbox: SandboxHandle) -> None:
    entry = created(sandbox, hours_ago=2)
    window = {"start_from": iso(past(2.5)), "start_to": iso(past(1))}
    listed = sandbox.client.get(sandbox.entries_path(), params=window).json()["data"]
    assert [e["id"] for e in listed] == [entry["id"]]
    by_ref = sandbox.client.get(sandbox.entries_path(), params={"client_ref": entry["client_ref"]})
    assert [e["id"] for e in by_ref.json()["data"]] == [entry["id"]]


def test_bad_or_foreign_cursor_is_400(sandbox: SandboxHandle) -> None:
    for cursor in ["garbage!", "eyJzIjoieCIsImEiOltdfQ"]:
        response = sandbox.client.get(sandbox.entries_path(), params={"cursor": cursor})
        assert response.status_code == 400
        assert response.json()["code"] == "invalid-cursor"


def test_changes_feed_snapshot_then_increments_with_tombstones(sandbox: SandboxHandle) -> None:
    snapshot, token = _drain(sandbox, None, limit=25)
    assert len(snapshot) == len({e["id"] for e in snapshot}) > 25
    entry = created(sandbox)
    path = sandbox.entries_path(f"/{entry['id']}")
    sandbox.client.delete(path, headers={"If-Match": '"1"'})
    changes, _ = _drain(sandbox, token)
    assert [(e["id"], e["version"]) for e in changes] == [(entry["id"], 2)]
    assert changes[0]["deleted_at"] is not None


def test_feed_shifting_while_paged_misses_nothing(sandbox: SandboxHandle) -> None:
    """Contract case 23."""
    first_page = _feed(sandbox, None, limit=10).json()
    early = first_page["data"][0]
    # Edit an entry already delivered on the first page, then keep paging.
    moved = sandbox.client.patch(
        sandbox.entries_path(f"/{early['id']}"),
        json={"description": "edited meanwhile"},
        headers={
            "If-Match": f'"{early["version"]}"',
            "Content-Type": "application/merge-patch+json",
        },
    )
    assert moved.status_code == 200
    rest, _ = _drain(sandbox, first_page["sync_token"], limit=10)
    latest = {e["id"]: e for e in first_page["data"] + rest}
    assert latest[early["id"]]["description"] == "edited meanwhile"
    everything = sandbox.client.get(sandbox.entries_path(), params={"limit": 500}).json()["data"]
    assert {e["id"] for e in everything} <= set(latest)


def test_expired_sync_token_is_410_and_snapshot_recovers(sandbox: SandboxHandle) -> None:
    """Contract case 22."""
    _, token = _drain(sandbox, None)
    sandbox.expire_sync_tokens()
    response = _feed(sandbox, token)
    assert response.status_code == 410
    assert response.json()["code"] == "sync-token-expired"
    again, _ = _drain(sandbox, None)
    assert len(again) == len({e["id"] for e in again})


def test_forged_sync_token_is_400(sandbox: SandboxHandle) -> None:
    response = _feed(sandbox, "st_not-a-token")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-sync-token"


def test_project_changes_show_archiving(sandbox: SandboxHandle) -> None:
    path = f"/v1/workspaces/{sandbox.workspace_id}/projects/changes"
    first = sandbox.client.get(path).json()
    assert {p["id"] for p in first["data"]} >= {"prj_1", "prj_8"}
    sandbox.set_project("prj_2", status="archived")
    after = sandbox.client.get(path, params={"sync_token": first["sync_token"]}).json()
    assert [(p["id"], p["status"], p["can_track"]) for p in after["data"]] == [
        ("prj_2", "archived", False)
    ]
