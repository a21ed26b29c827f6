"""A timer running in the window that is stopped on Vmoox an hour ago (an admin, or the
person on the web), against the real sandbox: it went without a word ("All synced"), the
hour it ran on here gone. The message bar says so the first time a round finds it, Needs
attention keeps it with Add … as an entry and Keep Vmoox's stop, and Add brings back
only the time it ran on here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, edit_on_server
from tests.ui.signed_in import (  # noqa: F401
    ROUND_MS,
    app,
    attention_row,
    sync_round,
)
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp

NOW = datetime.now(UTC).replace(microsecond=0)


def test_a_running_timer_stopped_earlier_on_vmoox_is_said_and_its_time_can_be_added(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    started = app.tracker.start("Review", target=PROJECT, at=NOW - timedelta(hours=2))
    assert started.started is not None
    ref = started.started.client_ref
    sync_round(qtbot, app, app.sync_now)
    end = NOW - timedelta(hours=1)
    edit_on_server(sandbox, ref, {"end": to_text(end)})

    sync_round(qtbot, app, app.sync_now)

    assert app.tracker.running() is None
    row = attention_row(qtbot, app, ref)
    assert row.reason.text().startswith("“Review” was stopped on Vmoox at ")
    assert " while it ran here until " in row.reason.text()
    assert [b.text() for b in row.buttons.values()] == [
        f"Add {row.item.ran_on} as an entry",
        "Keep Vmoox's stop",
    ]
    bar = app.window.undo_bar
    assert bar.isVisible() and bar.message.text() == row.reason.text()
    bar.hide()
    app.reload()  # seen again: not said again
    assert not bar.isVisible()

    qtbot.mouseClick(row.buttons["restore"], Qt.MouseButton.LeftButton)

    def reviews() -> list[Entry]:
        near = app.tracker.between(NOW - timedelta(hours=3), NOW + timedelta(hours=1))
        return sorted((e for e in near if e.description == "Review"), key=lambda e: e.start)

    qtbot.waitUntil(lambda: len(reviews()) == 2, timeout=ROUND_MS)
    kept, added = reviews()
    assert (kept.start, kept.end) == (started.started.start, end)  # Vmoox's stop stays
    assert added.start == end and added.end is not None and added.end > end  # the rest
