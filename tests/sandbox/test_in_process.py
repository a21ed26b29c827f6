"""The same app in-process over httpx.ASGITransport, for fast unit tests."""

from __future__ import annotations

import asyncio

import pytest

from tests.sandbox.helpers import entry_body
from tests.support.sandbox import asgi_client, in_process_app
from vmoox_sandbox.faults import ConnectionDropped


def test_create_and_replay_in_process() -> None:
    async def scenario() -> tuple[int, int, str]:
        async with asgi_client() as client:
            body = entry_body()
            path = "/v1/workspaces/ws_1/time-entries"
            first = await client.post(path, json=body, headers={"Idempotency-Key": "k"})
            again = await client.post(path, json=body, headers={"Idempotency-Key": "k"})
            return first.status_code, again.status_code, again.headers["Idempotent-Replayed"]

    assert asyncio.run(scenario()) == (201, 201, "true")


def test_dropping_faults_raise_in_process() -> None:
    app = in_process_app()
    from vmoox_sandbox.faults import FaultSpec

    app.state.sandbox.faults.add(FaultSpec(path="/v1/me", action="commit_then_drop"))

    async def scenario() -> None:
        async with asgi_client(app) as client:
            await client.get("/v1/me")

    with pytest.raises(ConnectionDropped):
        asyncio.run(scenario())
