"""A Stop the database refuses (another program holding its write lock, a full disk) is kept
at once at the instant it was pressed and saved then once the database takes writes again:
shown meanwhile in the window and the tray menu, with Cancel stop; a Start waits for it;
Quit (and its Stop now) tries it once more and says when it is not saved; a data file put
in place of Timo's gets it. A timer stopped meanwhile elsewhere keeps the end it was given
there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from tests.ui.test_shell_quit import click, quit_answering
from tests.ui.workday import MORNING, the_day
from timo_desktop.core.entry import Source
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.database import Store, WriteTransaction
from timo_desktop.ui import controller
from timo_desktop.ui.controller import TimoApp

WAITING = (
    "Stopping at 09:50 — waiting for the database (another program is writing to it). Timo"
    " tries again every few seconds, and the entry ends at 09:50."
)


@pytest.fixture
def timo(day_app: TimoApp, day_clock: Clock, monkeypatch: pytest.MonkeyPatch) -> TimoApp:
    """The app with "Client workshop" running since 09:00, the clock at 09:50, retrying a
    refused stop at once rather than every few seconds."""
    return workshop_running(day_app, day_clock, monkeypatch)


@pytest.fixture
def tray_timo(day_clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Iterator[TimoApp]:
    """As `timo`, with a tray icon and its menu."""
    with clocked_tracker(day_clock) as tracker, app_on(tracker, use_tray=True) as app:
        yield workshop_running(app, day_clock, monkeypatch)


def workshop_running(app: TimoApp, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> TimoApp:
    """`app` with "Client workshop" running since 09:00, the clock at 09:50, retrying a
    refused stop at once rather than every few seconds."""
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 20)
    app.tracker.start("Client workshop")
    clock.now = MORNING + timedelta(minutes=50)
    app.reload()
    # A write refused after 50 ms, not the 5 s of waiting people get.
    app.tracker.store.connection.execute("PRAGMA busy_timeout = 50")
    return app


@contextmanager
def another_program_writing(timo: TimoApp) -> Iterator[None]:
    """Another connection holds the database's write lock until the block ends."""
    other = sqlite3.connect(timo.tracker.store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        other.close()


def test_a_refused_stop_is_saved_at_the_instant_pressed_once_the_database_takes_it(
    qtbot: QtBot, timo: TimoApp, day_clock: Clock
) -> None:
    bar = timo.window.timer_bar
    with another_program_writing(timo):
        timo.stop_timer()
        assert bar.waiting.isVisible()
        assert bar.stopping.text() == WAITING
        assert timo.tray_state().running == (
            "Client workshop (stopping at 09:50: waiting for the database)"
        )
        assert timo.tracker.running() is not None  # not claimed stopped: it is not, yet
        day_clock.now = MORNING + timedelta(minutes=58)  # the database busy for 8 minutes
        timo.stop_timer()  # Stop again (the window's or the tray's): still 09:50
        assert bar.stopping.text() == WAITING
    qtbot.waitUntil(lambda: timo.tracker.running() is None)
    assert the_day(timo) == [("Client workshop", "09:00", "09:50")]
    assert not bar.waiting.isVisible()
    assert timo.window.undo_bar.message.text() == "Stopped “Client workshop” at 09:50."
    timo.undo_last()  # one undoable stop, as any other
    assert the_day(timo) == [("Client workshop", "09:00", "")]


def test_the_first_press_waits_only_briefly_for_the_database(
    timo: TimoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first press waited the whole busy timeout (5 s of a frozen window) before the
    stop was kept for later; the retries wait only briefly."""
    store = timo.tracker.store
    write, waits = store.write, list[int | None]()

    def writing(
        *, durable: bool = True, wait_ms: int | None = None
    ) -> AbstractContextManager[WriteTransaction]:
        waits.append(wait_ms)
        return write(durable=durable, wait_ms=wait_ms)

    monkeypatch.setattr(store, "write", writing)
    with another_program_writing(timo):
        timo.stop_timer()
        assert timo.window.timer_bar.stopping.text() == WAITING  # kept at once
    assert waits == [controller.STOP_FIRST_WAIT_MS]  # not None: the busy timeout


def test_cancel_stop_keeps_the_timer_running(qtbot: QtBot, timo: TimoApp, day_clock: Clock) -> None:
    bar = timo.window.timer_bar
    with another_program_writing(timo):
        timo.stop_timer()
        assert bar.waiting.isVisible()
        bar.cancel_stop.click()
    assert not bar.waiting.isVisible()
    assert timo.window.undo_bar.message.text() == (
        "The stop at 09:50 was cancelled: “Client workshop” runs on."
    )
    day_clock.now = MORNING + timedelta(minutes=58)
    qtbot.wait(100)  # many retries' worth: none is made
    assert the_day(timo) == [("Client workshop", "09:00", "")]
    timo.stop_timer()  # and Stop is a Stop as ever
    assert the_day(timo) == [("Client workshop", "09:00", "09:58")]


def test_a_start_saves_the_waiting_stop_first_at_its_own_time(
    qtbot: QtBot, timo: TimoApp, day_clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No retry of its own here: the start is what saves the stop.
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 60_000)
    bar = timo.window.timer_bar
    with another_program_writing(timo):
        timo.stop_timer()
        day_clock.now = MORNING + timedelta(minutes=65)
        bar.description.setText("Invoices")
        bar.press()  # Switch: the database still refuses, so nothing starts
        assert timo.window.undo_bar.message.text() == (
            "Nothing was started: the stop at 09:50 is still waiting for the database"
            " (another program is writing to it). Start again once it is saved, or cancel it."
        )
        assert the_day(timo) == [("Client workshop", "09:00", "")]
        assert bar.description.text() == "Invoices"  # kept for the next press
    day_clock.now = MORNING + timedelta(minutes=66)
    bar.press()
    assert the_day(timo) == [("Client workshop", "09:00", "09:50"), ("Invoices", "10:06", "")]
    assert not bar.waiting.isVisible()
    assert timo.undo.count() == 2  # the stop, then the start: each undone on its own
    timo.undo_last()
    assert the_day(timo) == [("Client workshop", "09:00", "09:50")]


def test_a_timer_stopped_elsewhere_meanwhile_keeps_that_end(
    qtbot: QtBot, timo: TimoApp, day_clock: Clock
) -> None:
    cli = Tracker.open(timo.tracker.store.path, source=Source.CLI, zone=ZONE, clock=day_clock)
    try:
        with another_program_writing(timo):
            timo.stop_timer()
        day_clock.now = MORNING + timedelta(minutes=55)
        cli.stop()  # `timo stop`, before the window's next try
    finally:
        cli.close()
    qtbot.waitUntil(lambda: not timo.window.timer_bar.waiting.isVisible())
    assert the_day(timo) == [("Client workshop", "09:00", "09:55")]
    assert timo.window.undo_bar.message.text() == (
        "“Client workshop” was stopped meanwhile, so its stop at 09:50, which was waiting for"
        " the database, was not saved."
    )
    assert timo.undo.count() == 0  # nothing here to undo: the stop was not this window's


def tray_items(timo: TimoApp) -> dict[str, QAction]:
    """The tray menu's items by their words, as it opens."""
    assert timo.tray is not None
    timo.tray.menu.aboutToShow.emit()
    return {action.text(): action for action in timo.tray.menu.actions()}


def test_the_tray_menu_says_a_stop_waits_and_offers_to_cancel_it(
    qtbot: QtBot, tray_timo: TimoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 60_000)  # only the menu tries it
    with another_program_writing(tray_timo):
        tray_items(tray_timo)["Stop"].trigger()
        items = tray_items(tray_timo)
        assert "Stop" not in items
        assert tray_timo.tracker.running() is not None
        items["Cancel stop"].trigger()  # the window's Cancel stop, in the same words
    assert not tray_timo.window.timer_bar.waiting.isVisible()
    assert tray_timo.window.undo_bar.message.text() == (
        "The stop at 09:50 was cancelled: “Client workshop” runs on."
    )
    assert "Stop" in tray_items(tray_timo)
    assert the_day(tray_timo) == [("Client workshop", "09:00", "")]


def test_the_tray_menu_tries_a_waiting_stop_again_at_its_own_time(
    qtbot: QtBot, tray_timo: TimoApp, day_clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 60_000)  # only the menu tries it
    with another_program_writing(tray_timo):
        tray_items(tray_timo)["Stop"].trigger()
    day_clock.now = MORNING + timedelta(minutes=58)
    tray_items(tray_timo)["Try the stop again"].trigger()
    assert the_day(tray_timo) == [("Client workshop", "09:00", "09:50")]
    assert "Start timer" in tray_items(tray_timo)


def keep_timo_open(box: QMessageBox) -> None:
    """Keep Timo open, where offered; any other question is cancelled (not left open)."""
    keep = [button for button in box.buttons() if button.text() == "Keep Timo open"]
    if keep:
        keep[0].click()
    else:
        box.reject()


def test_quit_says_a_waiting_stop_is_not_saved_and_what_to_do(
    qtbot: QtBot, timo: TimoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(controller, "STOP_RETRY_MS", 60_000)  # only Quit tries it
    with another_program_writing(timo):
        timo.stop_timer()
        asked, quit = quit_answering(timo, keep_timo_open)
        assert asked == [
            "“Client workshop” is still running: its stop at 09:50 is NOT saved, for the"
            " database refuses it (another program is writing to it)."
        ]
        assert not quit
        assert timo.window.timer_bar.waiting.isVisible()
    # Quit once the database takes writes: the stop is saved, and nothing left to ask.
    asked, quit = quit_answering(timo)
    assert asked == []
    assert quit
    assert the_day(timo) == [("Client workshop", "09:00", "09:50")]


def test_stop_now_on_quit_refused_keeps_the_stop_at_the_time_chosen(
    qtbot: QtBot, timo: TimoApp, day_clock: Clock
) -> None:
    """Stop now said the database's own error, and the end chosen was gone."""
    with another_program_writing(timo):
        asked, quit = quit_answering(timo, click("Stop now"), keep_timo_open)
        assert asked == [
            "“Client workshop” is still running.",
            "“Client workshop” is still running: its stop at 09:50 is NOT saved, for the"
            " database refuses it (another program is writing to it).",
        ]
        assert not quit
        assert timo.window.timer_bar.stopping.text() == WAITING
        assert timo.window.undo_bar.message.text() == ""  # not the database's own words
        day_clock.now = MORNING + timedelta(minutes=58)
    qtbot.waitUntil(lambda: timo.tracker.running() is None)
    assert the_day(timo) == [("Client workshop", "09:00", "09:50")]


def test_stop_now_on_quit_refused_and_quit_anyway_leaves_the_timer_running(
    timo: TimoApp,
) -> None:
    with another_program_writing(timo):
        asked, quit = quit_answering(timo, click("Stop now"), click("Quit anyway"))
    assert len(asked) == 2
    assert quit
    assert the_day(timo) == [("Client workshop", "09:00", "")]  # as the box said


def running_a_while(qtbot: QtBot, timo: TimoApp) -> None:
    """Wait until sync has said how it stands: its own connection is open on Timo's file by
    then. (One first opened on a file put in its place, Timo's log of changes still beside
    it, would read that log as the new file's.)"""
    qtbot.waitUntil(lambda: timo.sync is not None)


def told_as_noticed(qtbot: QtBot, timo: TimoApp) -> str:
    """Wait for Timo to notice its data file went (its one-second look), answer what it
    says with OK, and return that."""
    told: list[str] = []

    def answer_if_told() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and not told:
            told.append(box.text())
            box.accept()

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_told)
    poll.start()
    try:
        qtbot.waitUntil(lambda: bool(told))
    finally:
        poll.stop()
    assert timo.restart_after_quit
    return told[0]


def test_a_waiting_stop_is_saved_in_a_data_file_put_in_place_of_timos(
    qtbot: QtBot, timo: TimoApp
) -> None:
    """Restored from a backup (the timer running in it too), the file kept the timer
    running, and the stop pressed was gone."""
    path = timo.tracker.store.path
    backup = path.with_name("backup.sqlite3")
    timo.tracker.save_copy(backup)
    running = timo.tracker.running()
    assert running is not None
    running_a_while(qtbot, timo)
    with another_program_writing(timo):
        timo.stop_timer()
        backup.replace(path)
    # The other program lets go before Timo looks: the next try must not save the stop in
    # the file that went.
    told = told_as_noticed(qtbot, timo)
    assert told.endswith(
        " Your stop of “Client workshop” at 09:50 was still waiting for the database, and is"
        " now saved."
    )
    with Store.open(path) as restored:
        entry = restored.get(running.client_ref)
        assert entry is not None and entry.end == MORNING + timedelta(minutes=50)


def test_a_waiting_stop_not_saved_in_the_data_file_put_in_place_is_said_with_its_time(
    qtbot: QtBot, timo: TimoApp
) -> None:
    path = timo.tracker.store.path
    another = path.with_name("another.sqlite3")
    Store.open(another).close()  # a copy without that timer
    running_a_while(qtbot, timo)
    with another_program_writing(timo):
        timo.stop_timer()
        another.replace(path)
    told = told_as_noticed(qtbot, timo)
    assert told.endswith(
        " Your stop of “Client workshop” at 09:50 was still waiting for the database and could"
        " not be saved: that timer is not running in the file Timo starts again with. Check"
        " your time around 09:50 in the list."
    )
    with Store.open(path) as in_place:
        assert in_place.running() is None  # nothing made up in its place
