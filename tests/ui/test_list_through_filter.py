"""The list shows the entries' model itself while no filter is on, and goes through its filter
only while "Needs attention" or a search is on: through the proxy, a year of entries took
twice as long to lay out. Going from one to the other keeps the person's place and work."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.workday import CTRL, DAY, MORNING, SHIFT, focused, list_cell, press, type_text
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

EVENING = MORNING + timedelta(hours=12)


def test_the_list_goes_through_its_filter_only_while_one_is_on(qtbot: QtBot, timo: TimoApp) -> None:
    window = timo.window
    assert window.entries.model() is window.model
    window.search.setText("acme")
    qtbot.waitUntil(lambda: window.attention.words() == ("acme",))
    assert window.entries.model() is window.attention
    window.search.setText("acme call")  # another search: the same filter, laid out again
    qtbot.waitUntil(lambda: window.attention.words() == ("acme", "call"))
    assert window.entries.model() is window.attention
    window.search.clear()
    assert window.entries.model() is window.model
    window.attention_button.click()
    assert window.entries.model() is window.attention
    window.attention_button.click()
    assert window.entries.model() is window.model


def test_the_current_and_selected_entries_stay_through_a_search(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window, view = timo.window, timo.window.entries
    calls = [
        entry.client_ref
        for group in window.model.days()
        for entry in group.entries
        if entry.description == "Call with Acme"
    ]
    assert len(calls) == 2
    first, second = (list_cell(timo, ref, Column.TAGS) for ref in calls)
    view.setCurrentIndex(second)
    view.selectionModel().select(
        first, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    assert {entry.client_ref for entry in view.selected_entries()} == set(calls)

    window.search.setText("acme")
    qtbot.waitUntil(lambda: window.attention.words() == ("acme",))
    assert {entry.client_ref for entry in view.selected_entries()} == set(calls)
    assert (view.current_ref(), view.currentIndex().column()) == (calls[1], Column.TAGS)

    window.search.clear()
    assert {entry.client_ref for entry in view.selected_entries()} == set(calls)
    assert (view.current_ref(), view.currentIndex().column()) == (calls[1], Column.TAGS)


def test_words_being_typed_in_a_row_are_saved_when_needs_attention_is_turned_on(
    qtbot: QtBot, timo: TimoApp
) -> None:
    window, view = timo.window, timo.window.entries
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    entry = window.model.days()[0].entries[0]
    view.setFocus()
    view.setCurrentIndex(list_cell(timo, entry.client_ref, Column.DESCRIPTION))
    press(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, "Retyped before the filter")
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)  # Needs attention
    assert window.attention_button.isChecked()
    assert window.entries.model() is window.attention
    assert timo.tracker.get(entry.client_ref).description == "Retyped before the filter"


def test_the_current_entry_found_by_a_search_stays_in_view_when_it_is_cleared(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    day_clock.now = EVENING
    for day in range(14):
        for hour in range(8, 12):
            start = at_local(DAY - timedelta(days=day), time(hour), ZONE)
            timo.tracker.add(f"Work {day}-{hour}", start, start + timedelta(minutes=50))
    timo.reload()
    timo.window.search.setText("Work 12-9")
    qtbot.waitUntil(lambda: view.model() is timo.window.attention)
    [found] = [
        e for e in timo.tracker.days(DAY - timedelta(days=12), DAY) if e.description == "Work 12-9"
    ]
    view.setCurrentIndex(list_cell(timo, found.client_ref, Column.DESCRIPTION))
    timo.window.search.clear()
    assert view.current_ref() == found.client_ref
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))
