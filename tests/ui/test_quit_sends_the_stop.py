"""Quit, "Stop now", signed in: the stop reaches Vmoox before Timo goes. It waited for the
next start, and meanwhile Vmoox and the person's other devices showed the timer running."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entry
from tests.ui.signed_in import app, sync_round  # noqa: F401
from tests.ui.test_shell_quit import click, quit_answering
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp


def test_stop_now_at_quit_reaches_vmoox(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    started = app.tracker.start("Until quitting")
    assert started.started is not None
    ref = started.started.client_ref
    sync_round(qtbot, app, app.sync_now)
    assert server_entry(sandbox, ref)["end"] is None
    asked, quit = quit_answering(app, click("Stop now"))
    assert quit and asked == ["“Until quitting” is still running."]
    stopped = app.tracker.get(ref)
    assert stopped.end is not None
    assert server_entry(sandbox, ref)["end"] == to_text(stopped.end)
