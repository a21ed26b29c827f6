"""A timer running in the window that is deleted on the web, against the real sandbox: it
went without a word. The message bar says so the first time a round finds it, Needs
attention keeps it with Restore and OK, and Restore brings back the time it ran here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, delete_on_server
from tests.ui.signed_in import (  # noqa: F401
    ROUND_MS,
    app,
    attention_row,
    sync_round,
)
from timo_desktop.core.entry import Entry
from timo_desktop.ui.controller import TimoApp

NOW = datetime.now(UTC).replace(microsecond=0)


def test_a_running_timer_deleted_on_the_web_is_said_once_and_restore_brings_it_back(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    started = app.tracker.start("Review", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert started.started is not None
    ref = started.started.client_ref
    sync_round(qtbot, app, app.sync_now)
    delete_on_server(sandbox, ref)

    sync_round(qtbot, app, app.sync_now)

    assert app.tracker.running() is None
    row = attention_row(qtbot, app, ref)
    words = "“Review” was deleted in Vmoox while it ran here."
    assert row.reason.text() == words
    assert [b.text() for b in row.buttons.values()] == ["Restore", "OK"]
    bar = app.window.undo_bar
    assert bar.isVisible() and bar.message.text() == words
    bar.hide()
    app.reload()  # seen again: not said again
    assert not bar.isVisible()

    qtbot.mouseClick(row.buttons["restore"], Qt.MouseButton.LeftButton)

    def restored() -> list[Entry]:
        near = app.tracker.between(NOW - timedelta(hours=1), NOW + timedelta(hours=1))
        return [e for e in near if e.description == "Review"]

    qtbot.waitUntil(lambda: bool(restored()), timeout=ROUND_MS)
    [copy] = restored()
    assert copy.start == started.started.start and copy.end is not None  # the time it ran
