"""`VmooxClient` against the real sandbox over loopback: every endpoint the
desktop uses, each business rule's typed error, replays, faults."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle, closed_port
from timo_desktop.vmoox import errors
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.models import (
    BatchCreate,
    BatchDelete,
    BatchUpdate,
    NewTimeEntry,
    ProjectTarget,
    RecordTarget,
    TimeEntryPatch,
)
from timo_desktop.vmoox.tokens import StaticToken

HOUR = timedelta(hours=1)


@pytest.fixture
def api(sandbox: SandboxHandle) -> VmooxClient:
    with VmooxClient(sandbox.base_url, StaticToken(sandbox.token), timeout=10) as client:
        yield client  # type: ignore[misc]


def past(hours_ago: float) -> datetime:
    return (datetime.now(UTC) - timedelta(hours=hours_ago)).replace(microsecond=0)


def new_entry(start: datetime, end: datetime | None, **fields: object) -> NewTimeEntry:
    body: dict[str, object] = {
        "client_ref": str(uuid.uuid4()),
        "target": ProjectTarget(id="prj_1"),
        "description": "Homepage layout",
        "start": start,
        "end": end,
        "timezone": "Europe/Berlin",
    }
    return NewTimeEntry.model_validate(body | fields)


def test_me_workspace_and_clock(api: VmooxClient, sandbox: SandboxHandle) -> None:
    me = api.me()
    assert me.value.user.id == sandbox.user_id
    assert any(
        m.workspace_id == sandbox.workspace_id and m.can_track_time for m in me.value.memberships
    )
    assert me.meta.request_id and me.meta.rate_limit is not None
    assert me.meta.clock_skew is not None and abs(me.meta.clock_skew) < timedelta(minutes=1)
    sandbox.set_clock(3 * 3600)
    skew = api.me().meta.clock_skew
    assert skew is not None and timedelta(hours=2, minutes=59) < skew < timedelta(
        hours=3, minutes=1
    )
    settings = api.workspace(sandbox.workspace_id).value
    assert settings.timezone and settings.future_tolerance_seconds >= 0


def test_catalog_pages_changes_and_tasks(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    first = api.list_projects(ws, limit=2).value
    assert len(first.data) == 2 and first.next_cursor
    every = list(api.iter_projects(ws))
    assert len({p.id for p in every}) == len(every) > 2
    changes = api.project_changes(ws).value
    assert changes.sync_token
    sandbox.set_project("prj_1", name="Renamed")
    later = api.project_changes(ws, changes.sync_token).value
    assert [p.name for p in later.data if p.id == "prj_1"] == ["Renamed"]
    tasks = list(api.iter_tasks(ws, "prj_1"))
    assert tasks and all(t.project_id == "prj_1" for t in tasks)
    found = api.search_records(ws, "Acme").value.data
    assert found and found[0].display_name.startswith("Acme")
    record = api.get_record(ws, found[0].id)
    assert record.value.id == found[0].id
    batch = api.batch_get_records(ws, [found[0].id, "rec_missing"]).value
    assert [r.id for r in batch] == [found[0].id]


def test_create_replay_get_patch_delete(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    body = new_entry(past(3), past(2))
    created = api.create_time_entry(ws, body, idempotency_key="key-1")
    assert created.meta.status == 201 and not created.meta.replayed
    assert created.version == created.value.version == 1
    replay = api.create_time_entry(ws, body, idempotency_key="key-1")
    assert replay.meta.replayed and replay.value.id == created.value.id
    with pytest.raises(errors.IdempotencyKeyReused):
        api.create_time_entry(ws, new_entry(past(5), past(4)), idempotency_key="key-1")

    entry_id = created.value.id
    assert api.get_time_entry(ws, entry_id).version == 1
    patched = api.update_time_entry(
        ws, entry_id, TimeEntryPatch(description="Footer"), if_match=1, idempotency_key="p-1"
    )
    assert patched.value.description == "Footer" and patched.version == 2
    # A retried PATCH that already committed does not fail against itself.
    again = api.update_time_entry(
        ws, entry_id, TimeEntryPatch(description="Footer"), if_match=1, idempotency_key="p-1"
    )
    assert again.value.version == 2
    with pytest.raises(errors.VersionMismatch) as stale:
        api.update_time_entry(ws, entry_id, TimeEntryPatch(billable=False), if_match=1)
    assert stale.value.current is not None and stale.value.current.description == "Footer"
    assert api.list_time_entries(ws, client_ref=body.client_ref).value.data[0].id == entry_id

    api.delete_time_entry(ws, entry_id, if_match=2, idempotency_key="d-1")
    assert api.delete_time_entry(ws, entry_id, if_match=2).status == 204


def test_running_entry_stop_current_and_conflict(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    running = api.create_time_entry(ws, new_entry(past(0.5), None), idempotency_key="r-1").value
    assert running.running
    current = api.current_time_entry(ws).value
    assert current is not None
    # A running entry's duration is counted at each read, so it may have ticked on.
    assert current.model_copy(update={"duration_seconds": 0}) == running.model_copy(
        update={"duration_seconds": 0}
    )
    assert current.duration_seconds >= running.duration_seconds
    with pytest.raises(errors.RunningEntryExists) as second:
        api.create_time_entry(ws, new_entry(past(0.25), None), idempotency_key="r-2")
    assert second.value.existing is not None and second.value.existing.id == running.id
    end = past(0.1)
    stopped = api.stop_time_entry(ws, running.id, end).value
    assert stopped.end == end
    assert api.stop_time_entry(ws, running.id, end).value.version == stopped.version
    assert api.current_time_entry(ws).value is None


def test_business_rules_raise_their_typed_errors(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    with pytest.raises(errors.EntryInFuture) as future:
        api.create_time_entry(ws, new_entry(past(1), past(-2)), idempotency_key="f")
    assert future.value.server_time is not None
    with pytest.raises(errors.ValidationFailed) as invalid:
        api.create_time_entry(ws, new_entry(past(1), past(2)), idempotency_key="v")
    assert invalid.value.errors and invalid.value.errors[0].pointer.startswith("/")
    sandbox.set_record("rec_2", status="archived")
    with pytest.raises(errors.TargetUnavailable) as archived:
        api.create_time_entry(
            ws, new_entry(past(3), past(2), target=RecordTarget(id="rec_2")), idempotency_key="t"
        )
    assert archived.value.reason
    sandbox.set_membership(status="revoked")
    with pytest.raises(errors.MembershipRevoked):
        api.create_time_entry(ws, new_entry(past(3), past(2)), idempotency_key="m")


def test_changes_feed_tombstones_and_expired_token(
    api: VmooxClient, sandbox: SandboxHandle
) -> None:
    ws = sandbox.workspace_id
    token = None
    while True:
        page = api.time_entry_changes(ws, token, limit=200).value
        token = page.sync_token
        if not page.has_more:
            break
    created = api.create_time_entry(ws, new_entry(past(3), past(2)), idempotency_key="c").value
    api.delete_time_entry(ws, created.id, if_match=created.version)
    changed = api.time_entry_changes(ws, token).value
    assert [e.id for e in changed.data] == [created.id] and changed.data[0].deleted
    sandbox.expire_sync_tokens()
    with pytest.raises(errors.SyncTokenExpired):
        api.time_entry_changes(ws, changed.sync_token)


def test_batch_reports_each_operation(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    existing = api.create_time_entry(ws, new_entry(past(6), past(5)), idempotency_key="e").value
    result = api.batch_time_entries(
        ws,
        [
            BatchCreate(entry=new_entry(past(4), past(3))),
            BatchCreate(entry=new_entry(past(1), past(2))),  # end before start
            BatchUpdate(id=existing.id, version=existing.version, patch=TimeEntryPatch(tags=["x"])),
            BatchDelete(id=existing.id, version=existing.version),  # stale after the update
        ],
        idempotency_key="b-1",
    ).value
    assert [r.index for r in result.results] == [0, 1, 2, 3]
    ok = [r.ok for r in result.results]
    assert ok == [True, False, True, False]
    assert result.results[0].entry is not None and result.results[2].entry is not None
    assert result.results[2].entry.tags == ["x"]
    assert result.results[1].problem is not None
    assert result.results[1].problem.code == "validation-failed"
    assert result.results[3].problem is not None
    assert result.results[3].problem.code == "version-mismatch"


def test_rate_limit_gives_retry_after(api: VmooxClient, sandbox: SandboxHandle) -> None:
    sandbox.set_rate_limit(1, window_seconds=60)
    api.me()
    with pytest.raises(errors.RateLimited) as limited:
        api.me()
    assert limited.value.retry_after is not None and limited.value.retry_after > 0


def test_server_errors_and_dropped_responses(api: VmooxClient, sandbox: SandboxHandle) -> None:
    ws = sandbox.workspace_id
    sandbox.add_fault("/v1/me", "status", status=503, retry_after=2, times=1)
    with pytest.raises(errors.ServiceUnavailable) as unavailable:
        api.me()
    assert unavailable.value.retry_after == 2.0
    sandbox.add_fault(
        f"/v1/workspaces/{ws}/time-entries", "commit_then_drop", method="POST", times=1
    )
    body = new_entry(past(3), past(2))
    with pytest.raises(errors.NetworkError) as dropped:
        api.create_time_entry(ws, body, idempotency_key="drop-1")
    assert dropped.value.maybe_committed
    replay = api.create_time_entry(ws, body, idempotency_key="drop-1")
    assert replay.meta.replayed
    assert len(api.list_time_entries(ws, client_ref=body.client_ref).value.data) == 1


def test_refused_connection_was_not_sent() -> None:
    port = closed_port()
    client = VmooxClient(f"http://127.0.0.1:{port}", StaticToken("t"), timeout=5)
    with client, pytest.raises(errors.NetworkError) as refused:
        client.me()
    assert not refused.value.maybe_committed


def test_unknown_token_is_unauthorized(sandbox: SandboxHandle) -> None:
    client = VmooxClient(sandbox.base_url, StaticToken("vmx_pat_nope"), timeout=10)
    with client, pytest.raises(errors.SignInRequired):
        client.me()
