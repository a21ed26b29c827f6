"""Pure mapping logic of `VmooxClient`: headers sent, problems to exceptions,
the single refresh on 401 and the transport-failure flag. The same client is
exercised against the real sandbox in `test_client_sandbox.py`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from timo_desktop.vmoox import errors
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.models import NewTimeEntry, ProjectTarget, TimeEntryPatch
from timo_desktop.vmoox.tokens import StaticToken

ENTRY: dict[str, Any] = {
    "id": "te_1",
    "client_ref": "c-1",
    "workspace_id": "ws_1",
    "user_id": "usr_1",
    "target": {"type": "project", "id": "prj_1"},
    "description": "x",
    "tags": [],
    "billable": True,
    "start": "2026-03-03T09:00:00Z",
    "end": None,
    "version": 4,
}


def problem(status: int, code: str, **extra: Any) -> httpx.Response:
    body = {"type": "about:blank", "title": "t", "status": status, "code": code, **extra}
    return httpx.Response(
        status, json=body, headers={"content-type": "application/problem+json", **{}}
    )


def client_for(
    handler: Callable[[httpx.Request], httpx.Response], tokens: Any = None
) -> VmooxClient:
    return VmooxClient(
        "http://127.0.0.1:1", tokens or StaticToken("tok"), transport=httpx.MockTransport(handler)
    )


class RotatingTokens:
    def __init__(self) -> None:
        self.current = "old"
        self.refreshed_from: list[str] = []

    def access_token(self) -> str:
        return self.current

    def refresh(self, rejected: str) -> str:
        self.refreshed_from.append(rejected)
        self.current = "new"
        return self.current


def test_create_sends_idempotency_key_user_agent_and_bearer() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201, json=ENTRY, headers={"etag": '"1"', "idempotent-replayed": "true"}
        )

    entry = NewTimeEntry(
        client_ref="c-1",
        target=ProjectTarget(id="prj_1"),
        start=datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    result = client_for(handler).create_time_entry("ws_1", entry, idempotency_key="k-1")
    request = seen[0]
    assert request.url.path == "/v1/workspaces/ws_1/time-entries"
    assert request.headers["idempotency-key"] == "k-1"
    assert request.headers["authorization"] == "Bearer tok"
    assert request.headers["user-agent"].startswith("timo-desktop/")
    assert json.loads(request.content)["start"] == "2026-03-03T09:00:00Z"
    assert result.value.id == "te_1" and result.meta.replayed and result.version == 1


def test_patch_is_a_merge_patch_with_if_match() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={**ENTRY, "version": 5}, headers={"etag": '"5"'})

    client_for(handler).update_time_entry(
        "ws_1", "te/1", TimeEntryPatch(description="y", end=None), if_match=4, idempotency_key="k"
    )
    request = seen[0]
    assert request.headers["if-match"] == '"4"'
    assert request.headers["content-type"] == "application/merge-patch+json"
    assert json.loads(request.content) == {"description": "y", "end": None}
    assert request.url.raw_path == b"/v1/workspaces/ws_1/time-entries/te%2F1"


@pytest.mark.parametrize(
    ("response", "cls"),
    [
        (problem(412, "version-mismatch", current=ENTRY), errors.VersionMismatch),
        (problem(409, "running-entry-exists", existing=ENTRY), errors.RunningEntryExists),
        (problem(409, "client-ref-conflict"), errors.ClientRefConflict),
        (problem(409, "idempotency-in-flight"), errors.IdempotencyInFlight),
        (problem(409, "entry-locked"), errors.EntryLocked),
        (problem(422, "target-unavailable", reason="archived"), errors.TargetUnavailable),
        (problem(422, "entry-in-future", server_time="2026-03-03T10:00:00Z"), errors.EntryInFuture),
        (problem(410, "sync-token-expired"), errors.SyncTokenExpired),
        (problem(403, "membership-revoked"), errors.MembershipRevoked),
        (problem(403, "something-new"), errors.PermissionDenied),
        (problem(409, "brand-new-rule"), errors.Conflict),
        (httpx.Response(502, text="<html>bad gateway</html>"), errors.ServerError),
        (httpx.Response(503, headers={"retry-after": "2"}), errors.ServiceUnavailable),
        (problem(429, "rate-limited"), errors.RateLimited),
    ],
)
def test_problems_map_to_the_class_for_their_code(
    response: httpx.Response, cls: type[errors.ApiError]
) -> None:
    client = client_for(lambda request: response)
    with pytest.raises(cls) as caught:
        client.get_time_entry("ws_1", "te_1")
    assert type(caught.value) is cls


def test_problem_extensions_are_typed() -> None:
    def raise_for(response: httpx.Response) -> errors.ApiError:
        with pytest.raises(errors.ApiError) as caught:
            client_for(lambda request: response).get_time_entry("ws_1", "te_1")
        return caught.value

    mismatch = raise_for(problem(412, "version-mismatch", current=ENTRY))
    assert isinstance(mismatch, errors.VersionMismatch)
    assert mismatch.current is not None and mismatch.current.version == 4
    running = raise_for(problem(409, "running-entry-exists", existing=ENTRY))
    assert isinstance(running, errors.RunningEntryExists)
    assert running.existing is not None and running.existing.id == "te_1"
    future = raise_for(problem(422, "entry-in-future", server_time="2026-03-03T10:00:00Z"))
    assert isinstance(future, errors.EntryInFuture)
    assert future.server_time == datetime(2026, 3, 3, 10, tzinfo=UTC)
    unavailable = raise_for(problem(422, "target-unavailable", reason="archived"))
    assert isinstance(unavailable, errors.TargetUnavailable) and unavailable.reason == "archived"
    invalid = raise_for(
        problem(
            422,
            "validation-failed",
            detail="Invalid entry",
            errors=[{"pointer": "/end", "code": "before-start", "detail": "end before start"}],
        )
    )
    assert isinstance(invalid, errors.ValidationFailed)
    assert [e.pointer for e in invalid.errors] == ["/end"]
    assert "/end: end before start" in str(invalid)
    limited = raise_for(
        httpx.Response(
            429, json={"status": 429, "code": "rate-limited"}, headers={"retry-after": "7"}
        )
    )
    assert isinstance(limited, errors.RateLimited) and limited.retry_after == 7.0


def test_401_invalid_token_refreshes_once_and_retries() -> None:
    tokens = RotatingTokens()
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        if request.headers["authorization"] == "Bearer old":
            return httpx.Response(
                401,
                json={"status": 401, "code": "invalid-token"},
                headers={"www-authenticate": 'Bearer error="invalid_token"'},
            )
        return httpx.Response(200, json=ENTRY, headers={"etag": '"4"'})

    result = client_for(handler, tokens).get_time_entry("ws_1", "te_1")
    assert result.value.id == "te_1"
    assert seen == ["Bearer old", "Bearer new"]
    assert tokens.refreshed_from == ["old"]


def test_a_second_401_after_refresh_is_unauthorized_without_a_loop() -> None:
    tokens = RotatingTokens()
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(401, headers={"www-authenticate": 'Bearer error="invalid_token"'})

    with pytest.raises(errors.Unauthorized):
        client_for(handler, tokens).me()
    assert len(calls) == 2 and tokens.refreshed_from == ["old"]


def test_static_token_refusal_asks_for_sign_in() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, headers={"www-authenticate": 'Bearer error="invalid_token"'})

    with pytest.raises(errors.SignInRequired):
        client_for(handler).me()


@pytest.mark.parametrize(
    ("exc", "maybe_committed"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow connect"), False),
        (httpx.ReadTimeout("slow answer"), True),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), True),
        (httpx.ReadError("reset"), True),
    ],
)
def test_transport_failures_say_whether_the_request_may_have_landed(
    exc: Exception, maybe_committed: bool
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(errors.NetworkError) as caught:
        client_for(handler).create_time_entry(
            "ws_1", {"client_ref": "c", "start": "2026-03-03T09:00:00Z"}, idempotency_key="k"
        )
    assert caught.value.maybe_committed is maybe_committed


def test_current_entry_204_is_none_and_pages_are_followed() -> None:
    pages = {
        None: {"data": [ENTRY], "next_cursor": "c2"},
        "c2": {"data": [{**ENTRY, "id": "te_2"}], "next_cursor": None},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/current"):
            return httpx.Response(204)
        return httpx.Response(200, json=pages[request.url.params.get("cursor")])

    client = client_for(handler)
    assert client.current_time_entry("ws_1").value is None
    assert [e.id for e in client.iter_time_entries("ws_1")] == ["te_1", "te_2"]


def test_batch_size_is_checked_before_sending() -> None:
    client = client_for(lambda request: httpx.Response(500))
    with pytest.raises(ValueError, match="1 to 100"):
        client.batch_time_entries("ws_1", [], idempotency_key="k")


def test_patch_replaces_the_whole_target_and_batch_ops_carry_their_op() -> None:
    from timo_desktop.vmoox.models import BatchCreate, BatchDelete, BatchUpdate, RecordTarget

    assert TimeEntryPatch(target=RecordTarget(id="rec_1")).to_json() == {
        "target": {"type": "record", "id": "rec_1", "task_id": None}
    }
    assert TimeEntryPatch(target=ProjectTarget(id="prj_1")).to_json() == {
        "target": {"type": "project", "id": "prj_1", "task_id": None}
    }
    entry = NewTimeEntry(client_ref="c", start=datetime(2026, 3, 3, 9, tzinfo=UTC))
    assert BatchCreate(entry=entry).to_json() == {"op": "create", "entry": entry.to_json()}
    assert BatchUpdate(id="te_1", version=3, patch=TimeEntryPatch(billable=False)).to_json() == {
        "op": "update",
        "id": "te_1",
        "version": 3,
        "patch": {"billable": False},
    }
    assert BatchDelete(id="te_1", version=3).to_json() == {
        "op": "delete",
        "id": "te_1",
        "version": 3,
    }


def test_a_body_that_breaks_the_contract_is_unexpected_response() -> None:
    client = client_for(lambda request: httpx.Response(200, json={"id": "te_1"}))
    with pytest.raises(errors.UnexpectedResponse, match="does not match the Vmoox API"):
        client.get_time_entry("ws_1", "te_1")


def test_problem_extension_members_by_name() -> None:
    from timo_desktop.vmoox.models import Problem

    problem = Problem.model_validate(
        {"status": 409, "code": "x", "current": ENTRY, "holiday": "2026-12-24"}
    )
    assert problem.extension("current") == ENTRY
    assert problem.extension("holiday") == "2026-12-24"
    assert problem.extension("missing") is None
