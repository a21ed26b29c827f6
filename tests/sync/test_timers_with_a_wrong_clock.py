"""Cases 17 and 18 together: this computer's clock hours off while a timer runs on the web.
Which timer is newer, and where the other one stops, is worked out on Vmoox's clock, so
the web timer keeps its own few minutes instead of hours of time nobody worked. The
sandbox's clock is moved instead of this computer's (the engine measures the difference
either way)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, server_entry
from timo_desktop.core.local_time import from_text, to_text

HOURS = 3 * 3600


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


def _length(entry: dict[str, Any]) -> timedelta:
    return from_text(entry["end"]) - from_text(entry["start"])


def _stopped_after_its_own_minutes(sandbox: SandboxHandle, web: dict[str, Any]) -> None:
    """The web timer ran for about the 5 minutes it had, on Vmoox as here."""
    there = server_entry(sandbox, web["client_ref"])
    assert there["end"] is not None, "the web timer still runs on Vmoox"
    assert timedelta(minutes=4) < _length(there) < timedelta(minutes=6)
    assert from_text(there["end"]) <= from_text(sandbox.state()["server_time"])


def test_a_clock_hours_ahead_stops_the_web_timer_at_vmoox_s_now_not_hours_later(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    sandbox.set_clock(-HOURS)  # this computer's clock 3 h ahead of Vmoox's
    web = _web_timer(sandbox, minutes_ago=5)
    started = timo.tracker.start("Here", target=PROJECT).started
    assert started is not None

    timo.engine.sync()  # ours, 3 h in Vmoox's future, waits; the web timer is stopped
    timo.engine.sync()

    here = timo.store.get(web["client_ref"])
    assert here is not None and here.end is not None
    assert timedelta(minutes=4) < here.end - here.start < timedelta(minutes=6)
    _stopped_after_its_own_minutes(sandbox, web)
    # The times tracked here are the person's to correct: left as they were.
    mine = timo.store.get(started.client_ref)
    assert mine is not None and mine.start == started.start and mine.end is None


def test_a_clock_hours_behind_keeps_the_timer_started_here_running(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    sandbox.set_clock(HOURS)  # this computer's clock 3 h behind Vmoox's
    web = _web_timer(sandbox, minutes_ago=5)
    started = timo.tracker.start("Here", target=PROJECT).started
    assert started is not None

    timo.engine.sync()
    timo.engine.sync()

    # Started after the web timer, though its start reads 3 h earlier: it is the newer.
    mine = timo.store.get(started.client_ref)
    assert mine is not None and mine.end is None and mine.start == started.start
    assert server_entry(sandbox, started.client_ref)["end"] is None
    _stopped_after_its_own_minutes(sandbox, web)


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
