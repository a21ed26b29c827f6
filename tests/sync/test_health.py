"""Sync health: the last 14 days compared with the server, each finding with an action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, Timo, post_on_server
from timo_desktop.sync.health import Difference, reconcile


def test_health_finds_missing_waiting_and_duplicates(timo: Timo, sandbox: SandboxHandle) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    timo.engine.sync()
    assert reconcile(timo.store, timo.client, "ws_1", now=now).healthy

    start = now - timedelta(hours=2)
    mine = timo.tracker.add("Homepage layout", start, start + timedelta(minutes=30), target=PROJECT)
    timo.engine.sync()
    sandbox.set_workspace(allow_overlap=True)  # so the web can hold the same work twice
    twin = post_on_server(sandbox, "Homepage layout", start, start + timedelta(minutes=30))
    web_only = post_on_server(
        sandbox, "Made on the web", now - timedelta(hours=5), now - timedelta(hours=4)
    )
    unsent = timo.tracker.add(
        "Not sent yet", now - timedelta(hours=1), now - timedelta(minutes=50), target=PROJECT
    )

    report = reconcile(timo.store, timo.client, "ws_1", now=now)
    found = {(f.kind, f.client_refs, f.action) for f in report.findings}
    assert ("waiting", (unsent.client_ref,), "sync") in found
    assert ("missing_here", (web_only,), "download") in found
    assert ("missing_here", (twin,), "download") in found
    assert ("likely_duplicate", tuple(sorted((mine.client_ref, twin))), "delete_copy") in found
    assert len(report.findings) == 4


def test_two_times_in_the_hour_the_clocks_repeat_read_apart() -> None:
    """ "Start: 1:30 AM here, 1:30 AM on Vmoox" for two times an hour apart."""

    differs = Difference("start", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z")
    assert differs.words("America/New_York") == "Start: 01:30 UTC-4 here, 01:30 UTC-5 on Vmoox"
    plain = Difference("start", "2026-11-02T14:30:00Z", "2026-11-02T15:30:00Z")
    assert plain.words("America/New_York") == "Start: 09:30 here, 10:30 on Vmoox"
