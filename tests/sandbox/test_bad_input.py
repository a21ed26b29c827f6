"""Bad input gets problem+json with a stable code; rate limits are announced and enforced."""

from __future__ import annotations

import httpx

from tests.sandbox.helpers import create, entry_body
from tests.support.sandbox import SandboxHandle


def test_huge_body_is_413(sandbox: SandboxHandle) -> None:
    body = entry_body(description="x" * 2_000_000)
    response = create(sandbox, body)
    assert response.status_code == 413
    assert response.json()["code"] == "payload-too-large"


def test_huge_chunked_body_is_413(sandbox: SandboxHandle) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 65_536

    response = sandbox.client.post(
        sandbox.entries_path(),
        content=chunks(),
        headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_wrong_json_shapes_are_422_not_500(sandbox: SandboxHandle) -> None:
    for body in [[], "text", 5, {"client_ref": 5}, {"operations": "all"}]:
        response = create(sandbox, body)  # type: ignore[arg-type]
        assert response.status_code == 422, body
        assert response.json()["code"] == "validation-failed"


def test_bad_query_parameters_are_422(sandbox: SandboxHandle) -> None:
    response = sandbox.client.get(sandbox.entries_path(), params={"limit": 5000})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "query:limit"


def test_unknown_workspace_is_404_and_not_a_member_403(sandbox: SandboxHandle) -> None:
    assert sandbox.client.get("/v1/workspaces/ws_404").json()["code"] == "not-found"
    outsider = sandbox.mint_pat("usr_3")
    response = httpx.get(
        sandbox.url("/v1/workspaces/ws_2"), headers={"Authorization": f"Bearer {outsider}"}
    )
    assert response.json()["code"] == "permission-denied"


def test_rate_limit_header_and_429_with_retry_after(sandbox: SandboxHandle) -> None:
    sandbox.set_rate_limit(2, 60)
    first = sandbox.client.get("/v1/me")
    assert first.headers["RateLimit"] == "limit=2, remaining=1, reset=60"
    sandbox.client.get("/v1/me")
    limited = sandbox.client.get("/v1/me")
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate-limited"
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    other = httpx.get(
        sandbox.url("/v1/me"), headers={"Authorization": f"Bearer {sandbox.mint_pat()}"}
    )
    assert other.status_code == 200
