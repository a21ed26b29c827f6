"""The window's Stop of a timer in Dana's Side Studio keeps to that workspace's longest
entry, not to the default Northwind Agency's: refused, the timer could only be stopped
earlier, throwing minutes away. The app signed in to the real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.clock import Clock
from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import app, sync_round  # noqa: F401
from timo_desktop.core.entry import Target
from timo_desktop.ui.controller import TimoApp

PORTFOLIO = Target(project_id="prj_9")  # in Dana's Side Studio


def test_stop_of_a_timer_past_the_default_workspaces_longest_entry(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace("ws_1", max_entry_seconds=60)
    sync_round(qtbot, app, app.sync_now)
    # Started two minutes back, so that its stop is no later than Vmoox's clock either.
    clock = Clock(datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=2))
    app.tracker.clock = clock
    started = app.tracker.start("Side timer", target=PORTFOLIO).started
    assert started is not None
    app.reload()
    clock.advance(seconds=70)

    qtbot.mouseClick(app.window.timer_bar.button, Qt.MouseButton.LeftButton)

    assert app.tracker.running() is None
    stopped = app.tracker.get(started.client_ref)
    assert stopped.end == started.start + timedelta(seconds=70)
