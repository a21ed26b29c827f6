"""The process itself: start-up output, readiness, headers on every answer, clean stop."""

from __future__ import annotations

import httpx

from tests.support.sandbox import SandboxHandle, SandboxServer


def test_start_prints_url_and_token_then_stops_cleanly_on_sigterm() -> None:
    server = SandboxServer.start("--seed", "empty")
    try:
        status = httpx.get(server.base_url + "/v1/status")
        me = httpx.get(
            server.base_url + "/v1/me", headers={"Authorization": f"Bearer {server.token}"}
        )
    finally:
        code = server.stop()
    assert status.status_code == 200 and status.json()["status"] == "ok"
    assert server.token.startswith("vmx_pat_")
    assert me.json()["user"]["name"] == "Dana Demo"
    assert code == 0


def test_every_answer_carries_request_id_and_date(sandbox: SandboxHandle) -> None:
    answers = [
        sandbox.client.get("/v1/me"),
        sandbox.client.get("/v1/nowhere"),
        httpx.get(sandbox.url("/v1/me")),
        sandbox.client.post(
            sandbox.entries_path(),
            content=b"{",
            headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
        ),
        sandbox.client.post(
            sandbox.entries_path(), content=b"{}", headers={"Idempotency-Key": "k"}
        ),
    ]
    for response in answers:
        assert response.headers["X-Request-Id"]
        assert response.headers["Date"].endswith("GMT")
    assert [r.status_code for r in answers] == [200, 404, 401, 400, 415]


def test_request_id_sent_by_client_is_echoed(sandbox: SandboxHandle) -> None:
    response = sandbox.client.get("/v1/me", headers={"X-Request-Id": "timo-123"})
    assert response.headers["X-Request-Id"] == "timo-123"
