"""Entries Vmoox deleted or shortened (an admin, or the person on the web), against the
real sandbox: the window went on saying "All synced", the time gone unseen. The message
bar now counts them once, the round that finds them, and Needs attention names which,
each with OK."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, delete_on_server, edit_on_server, slot
from tests.ui.signed_in import (  # noqa: F401
    ROUND_MS,
    app,
    attention_row,
    sync_round,
)
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp


def test_entries_deleted_or_shortened_on_vmoox_are_said_once_and_named(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    gone = app.tracker.add("Design", *slot(1, minutes=60, days_ago=1), target=PROJECT)
    start, end = slot(5, minutes=60, days_ago=1)
    cut = app.tracker.add("Call", start, end, target=PROJECT)
    sync_round(qtbot, app, app.sync_now)
    delete_on_server(sandbox, gone.client_ref)
    edit_on_server(sandbox, cut.client_ref, {"end": to_text(end - timedelta(minutes=30))})

    sync_round(qtbot, app, app.sync_now)

    deleted = attention_row(qtbot, app, gone.client_ref)
    shortened = attention_row(qtbot, app, cut.client_ref)
    assert deleted.reason.text() == "“Design” was deleted on Vmoox."
    assert shortened.reason.text().startswith("“Call” was shortened on Vmoox to ")
    for row in (deleted, shortened):
        assert [b.text() for b in row.buttons.values()] == ["OK"]
    bar = app.window.undo_bar
    words = "1 entry deleted and 1 shortened on Vmoox since you last synced."
    assert bar.isVisible() and bar.message.text() == words
    bar.hide()
    app.reload()  # seen again: not said again
    assert not bar.isVisible()

    qtbot.mouseClick(deleted.buttons["keep"], Qt.MouseButton.LeftButton)

    def read() -> bool:
        panel = app._attention_panel
        return panel is not None and not any(
            r.item.client_ref == gone.client_ref for r in panel.rows
        )

    qtbot.waitUntil(read, timeout=ROUND_MS)
