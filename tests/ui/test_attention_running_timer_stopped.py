"""A timer running in the window that a sync round stops for a newer one started on
another device, against the real sandbox: the message bar says so the first time it is
seen, Needs attention keeps it in the same words with only OK, and OK lets it go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.sync.support import OTHER_PROJECT, PROJECT, Timo
from tests.ui.signed_in import (  # noqa: F401
    ROUND_MS,
    app,
    attention_row,
    desktop,
    sync_round,
)
from timo_desktop.core.local_time import describe_instant, local_day
from timo_desktop.ui.controller import TimoApp

NOW = datetime.now(UTC).replace(microsecond=0)


def test_a_running_timer_stopped_elsewhere_is_said_once_and_ok_lets_it_go(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    desktop: Timo,  # noqa: F811
) -> None:
    started = app.tracker.start("Design", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert started.started is not None
    sync_round(qtbot, app, app.sync_now)
    desktop.engine.sync_until_done(timeout=60)
    newer = desktop.tracker.start("Call", target=OTHER_PROJECT, at=NOW - timedelta(minutes=10))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)

    sync_round(qtbot, app, app.sync_now)

    ref = started.started.client_ref
    row = attention_row(qtbot, app, ref)
    zone = app.tracker.zone
    at = describe_instant(
        newer.started.start, zone, relative_to=local_day(started.started.start, zone)
    )
    words = f"“Design” stopped at {at}, when you started “Call” on another device."
    assert row.reason.text() == words
    assert list(row.buttons) == ["keep"] and row.buttons["keep"].text() == "OK"
    bar = app.window.undo_bar
    assert bar.isVisible() and bar.message.text() == words
    assert app.tracker.running() is not None  # Call, brought by the round
    bar.hide()
    app.reload()  # seen again: not said again
    assert not bar.isVisible()

    qtbot.mouseClick(row.buttons["keep"], Qt.MouseButton.LeftButton)

    def gone() -> bool:
        panel = app._attention_panel
        return panel is not None and not any(r.item.client_ref == ref for r in panel.rows)

    qtbot.waitUntil(gone, timeout=ROUND_MS)
