"""Small builders shared by the sandbox tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.support.sandbox import SandboxHandle


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def past(hours: float) -> datetime:
    """A whole-second UTC time ``hours`` ago."""
    return (datetime.now(UTC) - timedelta(hours=hours)).replace(microsecond=0)


def entry_body(hours_ago: float = 3, minutes: int = 45, **overrides: Any) -> dict[str, Any]:
    """A valid finished entry on the demo project, ``hours_ago`` before now."""
    start = past(hours_ago)
    body: dict[str, Any] = {
        "client_ref": str(uuid.uuid4()),
        "target": {"type": "project", "id": "prj_1", "task_id": "tsk_2"},
        "description": "Homepage layout",
        "tags": ["design"],
        "start": iso(start),
        "end": iso(start + timedelta(minutes=minutes)),
        "timezone": "Europe/Berlin",
        "source": {"app": "timo-desktop", "version": "0.1.0", "os": "linux", "device_id": "dev_1"},
    }
    body.update(overrides)
    return body


def create(sandbox: SandboxHandle, body: dict[str, Any], key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    return sandbox.client.post(sandbox.entries_path(), json=body, headers=headers)


def created(sandbox: SandboxHandle, **overrides: Any) -> dict[str, Any]:
    """Create an entry and return it, failing loudly if the server refused."""
    response = create(sandbox, entry_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def patch(
    sandbox: SandboxHandle, entry: dict[str, Any], body: dict[str, Any], **headers: str
) -> httpx.Response:
    sent = {"If-Match": f'"{entry["version"]}"', **headers}
    return sandbox.client.patch(
        sandbox.entries_path(f"/{entry['id']}"),
        json=body,
        headers={"Content-Type": "application/merge-patch+json", **sent},
    )
