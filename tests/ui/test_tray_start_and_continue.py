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


def test_start_timer_shows_the_new_row_through_a_search_that_left_it_out(
    qtbot: QtBot, tray_app: TimoApp, tracker: Tracker
) -> None:
    """With a search typed, the new row was filtered out: no editor opened, and the words
    typed next went into the search."""
    window = tray_app.window
    window.bring_forward()
    window.search.setText("Planning")
    window._search()  # the search applied, as after the typing pause
    assert tray_app.tray is not None
    tray_app.tray.start_requested.emit()
    assert window.search.text() == ""
    assert window.entries.state() == QAbstractItemView.State.EditingState
    running = tracker.running()
    assert running is not None
    assert window.entries.currentIndex().data(ENTRY_ROLE).client_ref == running.client_ref


def test_start_timer_saves_a_cell_open_elsewhere_as_its_own_step_first(
    qtbot: QtBot, tray_app: TimoApp, tracker: Tracker
) -> None:
    """A description half typed in another row was saved unseen as the new row's editor
    opened, and Undo went past it."""
    window = tray_app.window
    window.bring_forward()
    earlier = next(e for e in tracker.recent(10) if e.end is not None)
    index = tray_app.show_entry(earlier.client_ref, Column.DESCRIPTION, only_attention=False)
    assert index is not None
    window.entries.setCurrentIndex(index)
    window.entries.edit(index)
    qtbot.waitUntil(window.entries.is_editing)
    editor = window.entries.delegate.open_editor
    assert editor is not None
    editor.setText("half-edited words")
    assert tray_app.tray is not None
    tray_app.tray.start_requested.emit()
    assert tracker.get(earlier.client_ref).description == "half-edited words"
    assert tracker.running() is not None
    tray_app.undo_last()  # the start
    tray_app.window.entries.end_editing()
    assert tracker.running() is None
    tray_app.undo_last()  # the edit, its own step
    assert tracker.get(earlier.client_ref).description == earlier.description
