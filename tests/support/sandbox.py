"""The real ``vmoox-sandbox`` server for tests: a subprocess on a free loopback port.

Its fixtures serve every test (a plugin of the root conftest). A module that imported
them would make a fixture of its own, and with it one more process for the rest of the
session.

``sandbox_server`` starts one process per test session (per xdist worker);
``sandbox`` resets and re-seeds it before each test and yields a
:class:`SandboxHandle` with ``base_url``, ``token`` (the demo user's PAT),
``workspace_id``, an authenticated ``client`` and helpers for every control and
fault. For fast in-process unit tests, :func:`asgi_client` wraps the same app
in ``httpx.ASGITransport`` (no sockets, so ``commit_then_drop``/``reset`` faults
raise ``ConnectionDropped`` instead of closing a connection).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from vmoox_sandbox.launcher import SandboxServer

__all__ = [
    "SandboxHandle",
    "SandboxServer",
    "asgi_client",
    "in_process_app",
    "sandbox",
    "sandbox_server",
]


class SandboxHandle:
    """One test's view of the sandbox: its addresses, a client, and every control."""

    def __init__(self, base_url: str, state: dict[str, Any]):
        self.base_url = base_url
        self.token: str = state["token"]
        self.workspace_id: str = state["workspace_id"]
        self.user_id: str = state["user_id"]
        self.admin = httpx.Client(base_url=base_url, timeout=30)
        self.client = httpx.Client(
            base_url=base_url, timeout=30, headers={"Authorization": f"Bearer {self.token}"}
        )

    def close(self) -> None:
        self.admin.close()
        self.client.close()

    def url(self, path: str) -> str:
        """Absolute URL of a path on the server."""
        return self.base_url + path

    def entries_path(self, suffix: str = "", workspace_id: str | None = None) -> str:
        """``/v1/workspaces/{ws}/time-entries{suffix}``."""
        return f"/v1/workspaces/{workspace_id or self.workspace_id}/time-entries{suffix}"

    def control(self, method: str, path: str, json: Any = None) -> Any:
        """Call ``/__sandbox{path}``; raises on any non-2xx answer."""
        response = self.admin.request(method, "/__sandbox" + path, json=json)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self, seed: str = "demo") -> dict[str, Any]:
        return self.control("POST", "/reset", {"seed": seed})

    def state(self) -> dict[str, Any]:
        return self.control("GET", "/state")

    def add_fault(self, path: str, action: str, **fields: Any) -> dict[str, Any]:
        """Add a fault: ``add_fault("/v1/workspaces/*/time-entries", "status", status=503)``."""
        added = self.control("POST", "/faults", {"path": path, "action": action, **fields})
        return added["faults"][0]

    def faults(self) -> list[dict[str, Any]]:
        return self.control("GET", "/faults")["faults"]

    def clear_faults(self) -> None:
        self.control("DELETE", "/faults")

    def set_clock(self, offset_seconds: float) -> dict[str, Any]:
        return self.control("POST", "/clock", {"offset_seconds": offset_seconds})

    def advance_clock(self, seconds: float) -> dict[str, Any]:
        return self.control("POST", "/clock", {"advance_seconds": seconds})

    def expire_tokens(self, *kinds: str, user_id: str | None = None) -> int:
        body = {"kinds": list(kinds or ("access",)), "user_id": user_id}
        return self.control("POST", "/tokens/expire", body)["expired"]

    def revoke_tokens(self, *kinds: str, user_id: str | None = None) -> int:
        body = {"kinds": list(kinds or ("refresh",)), "user_id": user_id}
        return self.control("POST", "/tokens/revoke", body)["revoked"]

    def mint_pat(self, user_id: str = "usr_1") -> str:
        return self.control("POST", "/tokens/pat", {"user_id": user_id})["token"]

    def idempotency_keys(self) -> list[dict[str, Any]]:
        """Stored keys: ``{"user_id", "key", "state": "in_flight"|"done", "status"}``."""
        return self.control("GET", "/idempotency-keys")["keys"]

    def expire_idempotency_keys(self) -> int:
        return self.control("POST", "/idempotency-keys/expire")["expired"]

    def expire_sync_tokens(self, workspace_id: str | None = None) -> None:
        self.control("POST", "/sync-tokens/expire", {"workspace_id": workspace_id})

    def set_membership(
        self, user_id: str | None = None, workspace_id: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """``status="revoked"|"active"``, ``role=...``, ``permissions=[...]``."""
        body = {
            "workspace_id": workspace_id or self.workspace_id,
            "user_id": user_id or self.user_id,
        }
        return self.control("POST", "/memberships", body | fields)

    def set_record(self, record_id: str, **fields: Any) -> dict[str, Any]:
        """``status="archived"|"deleted"|"active"``, ``trackable=bool``."""
        return self.control("PATCH", f"/records/{record_id}", fields)

    def set_project(self, project_id: str, **fields: Any) -> dict[str, Any]:
        """``status=...``, ``can_track=bool``, ``name=...``, ``phase=...``."""
        return self.control("PATCH", f"/projects/{project_id}", fields)

    def set_task(self, task_id: str, **fields: Any) -> dict[str, Any]:
        """``estimate_minutes=...``, ``name=...``, ``status="open"|"done"|"archived"``."""
        return self.control("PATCH", f"/tasks/{task_id}", fields)

    def set_workspace(self, workspace_id: str | None = None, **settings: Any) -> dict[str, Any]:
        """``lock_date="2026-03-01"``, ``allow_overlap=False``, ``max_entry_seconds=...``..."""
        return self.control("PATCH", f"/workspaces/{workspace_id or self.workspace_id}", settings)

    def set_invoiced(self, entry_id: str, invoiced: bool = True) -> dict[str, Any]:
        return self.control("PATCH", f"/time-entries/{entry_id}", {"invoiced": invoiced})

    def set_rate_limit(self, limit: int, window_seconds: int = 60) -> None:
        self.control("POST", "/rate-limit", {"limit": limit, "window_seconds": window_seconds})


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    """One ``vmoox-sandbox`` process for the whole session (per xdist worker)."""
    server = SandboxServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> Iterator[SandboxHandle]:
    """The shared server, reset to the demo seed with no faults, for one test."""
    with httpx.Client(base_url=sandbox_server.base_url, timeout=30) as admin:
        response = admin.post("/__sandbox/reset", json={"seed": "demo"})
        response.raise_for_status()
        state = response.json()
    handle = SandboxHandle(sandbox_server.base_url, state)
    try:
        yield handle
    finally:
        handle.close()


def in_process_app(seed: str = "demo", **config: Any) -> Any:
    """A fresh in-memory sandbox app (for ``httpx.ASGITransport``); its token is
    ``app.state.sandbox.demo_token``."""
    from vmoox_sandbox.app import create_app
    from vmoox_sandbox.context import SandboxConfig

    return create_app(SandboxConfig(seed=seed, **config))


def asgi_client(app: Any | None = None) -> httpx.AsyncClient:
    """An async client talking to an in-process sandbox app, signed in as the demo user."""
    app = app if app is not None else in_process_app()
    token = app.state.sandbox.demo_token
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://sandbox.test",
        headers={"Authorization": f"Bearer {token}"},
    )


# Keep a test run from inheriting a proxy that would swallow loopback calls.
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")


def closed_port() -> int:
    """A loopback port nothing listens on: a server that cannot be reached (the connection
    is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
