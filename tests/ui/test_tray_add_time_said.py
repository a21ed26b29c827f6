"""Time added from the tray's Add time with the window closed is said by the tray icon,
where the undo bar's words are out of sight; a click on the message shows the entry."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.tray_messages import Balloons, add_from_the_tray
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp


def test_time_added_with_the_window_closed_is_said_and_a_click_shows_it(
    qtbot: QtBot,
    tray_app: tuple[TimoApp, Balloons],
    tracker: Tracker,
) -> None:
    app, balloons = tray_app
    assert not app.window.isVisible()
    add_from_the_tray(app, tracker, "Client workshop")

    assert [shown[:2] for shown in balloons.shown] == [
        ("Time added", "“Client workshop”, Yesterday 23:00–23:30 (0:30). Click to see it in Timo.")
    ]
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    assert app.window.isVisible()
    current = app.window.entries.currentIndex()
    assert app.window.entries.model().data(current) == "Client workshop"


def test_time_added_with_the_window_open_is_said_in_the_window_alone(
    qtbot: QtBot,
    tray_app: tuple[TimoApp, Balloons],
    tracker: Tracker,
) -> None:
    app, balloons = tray_app
    app.window.show()
    add_from_the_tray(app, tracker, "Client workshop")
    assert balloons.shown == []
    assert app.window.undo_bar.message.text() == "Added “Client workshop”."
