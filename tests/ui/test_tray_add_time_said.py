"""Time added from the tray's Add time with the window closed is said by the tray icon,
where the undo bar's words are out of sight; a click on the message shows the entry, or
its week in Reports when the list does not go back so far."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from tests.ui.tray_messages import Balloons, add_from_the_tray
from timo_desktop.core.reports import Span
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import HISTORY_DAYS, TimoApp


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


def test_time_added_older_than_the_list_says_so_and_a_click_shows_its_week_in_reports(
    qtbot: QtBot,
    tray_app: tuple[TimoApp, Balloons],
    tracker: Tracker,
) -> None:
    """The click opened the window with nothing selected, and no word why."""
    app, balloons = tray_app
    add_from_the_tray(app, tracker, "Old workshop", days_ago=HISTORY_DAYS + 30)
    day = tracker.today() - timedelta(days=HISTORY_DAYS + 30)
    [(title, words, *_)] = balloons.shown
    assert title == "Time added"
    assert words.startswith("“Old workshop”, ")
    assert words.endswith(
        " (0:30). It is older than Timo's list goes back: click to see its week in Reports."
    )
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    view = app.open_reports()
    assert view.isVisible()
    assert view.span() == Span.week_of(day, view.reports.config.first_weekday)


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
