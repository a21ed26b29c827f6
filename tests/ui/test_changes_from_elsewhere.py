"""Changes made elsewhere (`timo edit` in a terminal, sync) that leave every row the same
entry in the same place are shown where the rows stand, without a refill. Under a search,
such a change can still bring an entry into it or take one out; and the selected entries'
total changes with them."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE
from tests.ui.workday import CTRL, DAY, press
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp

SEVEN, EIGHT = at_local(DAY, time(7), ZONE), at_local(DAY, time(8), ZONE)


def search(qtbot: QtBot, timo: TimoApp, words: str) -> None:
    timo.window.search.setText(words)
    qtbot.waitUntil(lambda: timo.window.attention.words() == tuple(words.split()))


def test_an_entry_changed_elsewhere_into_a_search_or_out_of_it_is_shown_so(
    qtbot: QtBot, day_app: TimoApp
) -> None:
    window = day_app.window
    alpha = day_app.tracker.add("Alpha", SEVEN, SEVEN + timedelta(minutes=10))
    day_app.reload()
    search(qtbot, day_app, "foo")
    assert window.stack.currentWidget() is window.empty
    day_app.tracker.edit(alpha.client_ref, description="Foo call")
    day_app.reload()
    assert window.stack.currentWidget() is window.entries  # it said "No entries match"
    day_app.tracker.edit(alpha.client_ref, description="Alpha")
    day_app.reload()
    assert window.stack.currentWidget() is window.empty  # it showed an empty list
    assert window.empty.text().startswith("No entries match “foo”.")


def test_the_selected_entries_total_follows_a_change_made_elsewhere(
    qtbot: QtBot, day_app: TimoApp
) -> None:
    first = day_app.tracker.add("A", SEVEN, SEVEN + timedelta(minutes=10))
    day_app.tracker.add("B", EIGHT, EIGHT + timedelta(minutes=20))
    day_app.reload()
    day_app.window.entries.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)
    bar = day_app.window.selection_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.summary.text() == "2 entries selected (0:30)"
    day_app.tracker.edit(first.client_ref, end=SEVEN + timedelta(minutes=40))
    day_app.reload()
    assert bar.summary.text() == "2 entries selected (1:00)"
