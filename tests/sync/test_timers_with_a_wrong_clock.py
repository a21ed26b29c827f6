"""Case 18 with a web timer: starts are compared as recorded, the older timer stopping
where the newer began. (Put on Vmoox's clock, a timer from another computer, which carries
that computer's clock, was taken for the older one whenever Vmoox's clock drifted; a clock
hours off is said instead, `tests/sync/test_clock_put_right.py`.)"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, server_entry
from timo_desktop.core.local_time import from_text, to_text


def _web_timer(sandbox: SandboxHandle, minutes_ago: int) -> dict[str, Any]:
    """A timer started on the web `minutes_ago` by Vmoox's clock; the server's copy."""
    server_now = from_text(sandbox.state()["server_time"])
    response = sandbox.client.post(
        sandbox.entries_path(),
        json={
            "client_ref": str(uuid.uuid4()),
            "description": "Web timer",
            "target": {"type": "project", "id": "prj_3"},
            "billable": True,
            "start": to_text(server_now - timedelta(minutes=minutes_ago)),
            "end": None,
            "timezone": ZONE,
            "tags": [],
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_clocks_that_agree_still_stop_the_older_timer_where_the_newer_began(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    web = _web_timer(sandbox, minutes_ago=5)
    started = timo.tracker.start("Here", target=PROJECT).started
    assert started is not None
    timo.engine.sync()
    timo.engine.sync()

    there = server_entry(sandbox, web["client_ref"])
    assert there["end"] == to_text(started.start)
