"""Signing in or out while a sync round waits on a server that does not answer: the new
worker starts once that round is over, and the window waits for none of it (it froze,
window and tray, for 10 s)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import app  # noqa: F401
from timo_desktop.sync.status import SyncStatus, WorkerState
from timo_desktop.ui.controller import TimoApp

HELD_MS = 3000


def test_a_restart_leaves_the_round_in_progress_to_end_on_its_own(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    bridge = app.sync_bridge
    sandbox.add_fault("/v1/workspaces/*/time-entries*", "latency", latency_ms=HELD_MS, times=1)
    statuses: list[SyncStatus] = []
    bridge.status_changed.connect(statuses.append)
    bridge.sync_now()
    qtbot.waitUntil(lambda: any(s.state is WorkerState.SYNCING for s in statuses), timeout=20_000)
    retired = bridge.worker
    assert retired is not None

    bridge.restart()  # as signing out does

    assert retired.running  # nothing waited for its round: it is still held up
    assert bridge.worker is None  # and no second worker runs beside it
    statuses.clear()
    qtbot.waitUntil(lambda: bridge.worker is not None, timeout=30_000)
    assert not retired.running
    qtbot.waitUntil(lambda: bool(statuses), timeout=30_000)
    assert bridge.worker is not retired
