"""A change made here shows as waiting in the sync status at once, in the window and the tray
menu alike, as its row's clock does; not the last round's "All synced" until the next one.
The real app signed in to the real sandbox."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from tests.ui.signed_in import ROUND_MS, app  # noqa: F401
from timo_desktop.core.entry import SyncState
from timo_desktop.ui.controller import TimoApp


def tray_line(timo: TimoApp) -> str:
    sync = timo.tray_state().sync
    assert sync is not None
    return sync.text


def test_a_change_here_shows_as_waiting_until_it_is_sent(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
) -> None:
    label = app.window.sync_label
    assert label.text().startswith("All synced · ")
    start = app.tracker.clock() - timedelta(hours=2)

    # Straight away: no event is handled in between, so no word from the worker either.
    added = app.tracker.add("Call with Northwind", start, start + timedelta(minutes=30))
    assert app.tracker.get(added.client_ref).sync_state is SyncState.PENDING
    assert label.text() == "1 entry waiting to sync"
    assert tray_line(app) == "1 entry waiting to sync"

    qtbot.waitUntil(lambda: label.text().startswith("All synced · "), timeout=ROUND_MS)
    assert tray_line(app).startswith("All synced · ")
