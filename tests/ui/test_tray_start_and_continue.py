"""The tray's Start timer and its Continue list.

Start timer started "(no description)" and opened nothing to type it into; the Continue
list filled with such blank timers and with ones stopped as soon as they started, ahead
of real work.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column


@pytest.fixture
def tray_app(qtbot: QtBot, tracker: Tracker) -> Iterator[TimoApp]:
    app = TimoApp(tracker, resolve(), Settings(), use_tray=True)
    app.start(background=True)  # in the tray, its window hidden
    yield app
    app.shutdown()
    app.window.deleteLater()
    app.deleteLater()


def test_start_timer_opens_the_new_timers_description_to_be_typed(
    qtbot: QtBot, tray_app: TimoApp, tracker: Tracker
) -> None:
    assert tray_app.tray is not None
    tray_app.tray.start_requested.emit()
    running = tracker.running()
    assert running is not None and running.description == ""
    entries = tray_app.window.entries
    qtbot.waitUntil(tray_app.window.isVisible)
    assert entries.state() == QAbstractItemView.State.EditingState
    assert entries.currentIndex().column() == Column.DESCRIPTION
    assert entries.currentIndex().data(ENTRY_ROLE).client_ref == running.client_ref


def test_start_timer_when_one_started_meanwhile_starts_nothing(
    qtbot: QtBot, tray_app: TimoApp, tracker: Tracker
) -> None:
    started = tracker.start("Call with Acme")
    assert tray_app.tray is not None
    tray_app.tray.start_requested.emit()  # from a menu built before
    assert tracker.running() == started.started
    assert tray_app.window.undo_bar.message.text() == (
        "A timer is running already; nothing was started."
    )


def test_continue_lists_work_worth_starting_again(tracker: Tracker) -> None:
    now = tracker.clock()
    worked = tracker.add("Planning", now - timedelta(hours=3), now - timedelta(hours=2))
    tracker.add("", now - timedelta(minutes=90), now - timedelta(minutes=80))  # blank
    oops = tracker.start("Oops").started
    tracker.stop(at=oops.start)  # started and stopped at once
    listed = [entry.description for entry in tracker.recent(to_continue=True)]
    assert {"", "Oops"} <= {entry.description for entry in tracker.recent(10)}  # all, else
    assert listed[0] == worked.description
    assert "" not in listed and "Oops" not in listed
