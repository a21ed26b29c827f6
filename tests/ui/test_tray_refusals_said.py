"""What the tray menu's actions cannot do, with the window closed, is told by the tray icon
in the words the window's message bar says, and a click on the message opens the window.
It was said in the hidden window alone: a refused Start or Continue, or a Stop kept for
later, seemed to do nothing. With the window open, its message bar says it alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from tests.ui.test_long_timer_stop import EVENING, ask
from tests.ui.test_shell_quit import click, quit_answering
from tests.ui.test_stop_refused_busy import (
    WAITING,
    another_program_writing,
    keep_timo_open,
    tray_items,
    workshop_running,
)
from tests.ui.tray_messages import Balloons
from tests.ui.workday import MORNING
from timo_desktop.core.entry import Source
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui import controller
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reminders import TIMER_GONE
from timo_desktop.ui.tray import Tray


@pytest.fixture
def in_the_tray(
    day_clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TimoApp, Balloons]]:
    """Timo in a tray (offscreen Qt has none), its window closed, "Planning" done 08:00–08:30
    and "Client workshop" running since 09:00, the clock at 09:50; the messages by the icon
    are kept. A refused stop is tried again only from the menu."""
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    monkeypatch.setattr(controller, "STOP_FIRST_WAIT_MS", 50)  # kept for later at once
    with clocked_tracker(day_clock) as tracker, app_on(tracker, use_tray=True) as app:
        assert app.tray is not None
        balloons = Balloons()
        setattr(app.tray.icon, "showMessage", balloons)  # noqa: B010 - typed as a method
        tracker.add("Planning", MORNING - timedelta(hours=1), MORNING - timedelta(minutes=30))
        workshop_running(app, day_clock, monkeypatch)
        monkeypatch.setattr(controller, "STOP_RETRY_MS", 60_000)
        yield app, balloons


def told(balloons: Balloons) -> list[tuple[str, str]]:
    """The messages shown by the tray icon: (title, words)."""
    return [(title, words) for title, words, *_ in balloons.shown]


def busy_words(app: TimoApp) -> str:
    """What a write refused while another program holds the database says."""
    return (
        f"The database {app.tracker.store.path} is busy: another program (another Timo, or a"
        " tool with the file open) is writing to it; try again in a moment (nothing was"
        " changed)"
    )


@contextmanager
def command_line(app: TimoApp, clock: Clock) -> Iterator[Tracker]:
    """The Tracker `timo` opens on the app's file: what it does, the window has not seen yet."""
    cli = Tracker.open(app.tracker.store.path, source=Source.CLI, zone=ZONE, clock=clock)
    try:
        yield cli
    finally:
        cli.close()


def test_a_start_refused_is_told_by_the_icon_a_click_on_which_opens_the_window(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons]
) -> None:
    app, balloons = in_the_tray
    tray_items(app)["Stop"].trigger()
    assert app.tracker.running() is None
    assert balloons.shown == []  # a stop done: the icon shows it
    with another_program_writing(app):
        tray_items(app)["Start timer"].trigger()
    assert app.tracker.running() is None
    assert told(balloons) == [("Timo", busy_words(app))]
    assert app.window.undo_bar.message.text() == busy_words(app)  # there once it opens
    assert not app.window.isVisible()
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    assert app.window.isVisible()

    app.window.undo_bar.message.clear()  # so the next words are seen to be said anew
    with another_program_writing(app):
        tray_items(app)["Start timer"].trigger()  # the window open: it says it alone
    assert app.window.undo_bar.message.text() == busy_words(app)
    assert len(balloons.shown) == 1


def test_a_stop_kept_for_later_is_told_and_so_is_a_continue_it_holds_up(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons]
) -> None:
    app, balloons = in_the_tray
    with another_program_writing(app):
        tray_items(app)["Stop"].trigger()
        assert told(balloons) == [("Timo", WAITING)]
        tray_items(app)["Try the stop again"].trigger()  # the menu says it waits: no more
        assert told(balloons) == [("Timo", WAITING)]
        tray_items(app)["Planning"].trigger()  # Continue
    assert told(balloons)[1:] == [
        (
            "Timo",
            "Nothing was started: the stop at 09:50 is still waiting for the database"
            " (another program is writing to it). Start again once it is saved, or cancel it.",
        )
    ]
    assert not app.window.isVisible()


def test_a_waiting_stop_found_unsaveable_at_its_next_try_is_told(
    qtbot: QtBot,
    in_the_tray: tuple[TimoApp, Balloons],
    day_clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, balloons = in_the_tray
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 20)
    with another_program_writing(app):
        tray_items(app)["Stop"].trigger()
    assert told(balloons) == [("Timo", WAITING)]
    day_clock.now = MORNING + timedelta(minutes=55)
    with command_line(app, day_clock) as cli:  # before the next try
        cli.stop()
    qtbot.waitUntil(lambda: len(balloons.shown) == 2)
    assert told(balloons) == [
        ("Timo", WAITING),
        (
            "Timo",
            "“Client workshop” was stopped meanwhile, so its stop at 09:50, which was waiting"
            " for the database, was not saved.",
        ),
    ]


def test_a_stop_of_a_timer_stopped_elsewhere_meanwhile_is_told(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons], day_clock: Clock
) -> None:
    app, balloons = in_the_tray
    items = tray_items(app)  # the menu open as `timo stop` runs
    with command_line(app, day_clock) as cli:
        cli.stop()
    items["Stop"].trigger()
    assert told(balloons) == [
        (
            "Timo",
            "The timer was stopped meanwhile, from the command line or another device."
            " Nothing else was done.",
        )
    ]


def test_a_start_when_a_timer_started_meanwhile_is_told_without_opening_the_window(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons], day_clock: Clock
) -> None:
    app, balloons = in_the_tray
    tray_items(app)["Stop"].trigger()
    items = tray_items(app)  # the menu open as `timo start` runs
    with command_line(app, day_clock) as cli:
        cli.start("Call with Acme")
    items["Start timer"].trigger()
    assert told(balloons) == [("Timo", "A timer is running already; nothing was started.")]
    assert not app.window.isVisible()


def test_where_the_icon_shows_no_messages_the_window_comes_forward_to_say_it(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, balloons = in_the_tray
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: False))
    tray_items(app)["Stop"].trigger()
    with another_program_writing(app):
        tray_items(app)["Start timer"].trigger()
    assert app.window.isVisible()
    assert app.window.undo_bar.message.text() == busy_words(app)
    assert balloons.shown == []


def test_a_reminder_answered_for_a_timer_gone_is_told_by_the_icon(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long-timer question answered from its own window, the main one closed, after
    `timo start` replaced the timer: nothing is stopped, and the icon says so."""
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    clock = Clock(EVENING)
    with clocked_tracker(clock) as tracker, app_on(tracker, use_tray=True) as app:
        assert app.tray is not None
        balloons = Balloons()
        setattr(app.tray.icon, "showMessage", balloons)  # noqa: B010 - typed as a method
        asked = ask(app, tracker, clock)
        tracker.start("Late fix")
        asked.buttons["Stop now"].click()
        assert told(balloons)[-1:] == [("Timo", TIMER_GONE)]
        assert app.window.undo_bar.message.text() == TIMER_GONE


def test_quit_with_a_stop_refused_asks_about_it_without_the_tray_saying_it_too(
    qtbot: QtBot, in_the_tray: tuple[TimoApp, Balloons]
) -> None:
    """Quit's Stop now, refused with the window closed: its question says the stop is not
    saved; the tray told the same thing first, beside it."""
    app, balloons = in_the_tray
    with another_program_writing(app):
        asked, quit = quit_answering(app, click("Stop now"), keep_timo_open)
    assert len(asked) == 2 and "is NOT saved" in asked[1]
    assert not quit
    assert told(balloons) == []
