"""A project picked in the list, in the middle of going along a row with Tab, leaves the
keyboard on that row: Tab goes on to the tags and Shift+Tab back to the description, as
from any other field's editor, not out of the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_list_keys import current, editing, entry, three_entries, to_row
from tests.ui.workday import SHIFT, focused, press, type_text, wait_for_window
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.target_picker import TargetPopup


def pick_project(qtbot: QtBot, timo: TimoApp, typed: str) -> None:
    """F2 on the current row's description, Tab to its project, `typed` and Enter."""
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_Tab)
    wait_for_window(qtbot, TargetPopup, active=False)
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())
    assert focused() is timo.window.entries
    assert current(timo)[1] == Column.TARGET


def test_tab_after_a_project_is_picked_goes_on_to_the_tags(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    pick_project(qtbot, timo, "internal")
    assert entry(timo, "Stand-up").target.project_id == "p-int"

    press(qtbot, Qt.Key.Key_Tab)
    editor = editing(qtbot, timo)
    assert editor.accessibleName() == "Tags, separated by commas"
    assert current(timo) == ("Stand-up", Column.TAGS)
    type_text(qtbot, "ops")
    press(qtbot, Qt.Key.Key_Tab)  # and on from there, to start–end
    assert editing(qtbot, timo).accessibleName().startswith("Start and end")
    assert entry(timo, "Stand-up").tags == ("ops",)


def test_shift_tab_after_a_project_is_picked_goes_back_to_the_description(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    pick_project(qtbot, timo, "internal")

    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert editing(qtbot, timo).accessibleName() == "Description"
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)


def test_after_another_key_tab_leaves_the_list_as_usual(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    pick_project(qtbot, timo, "internal")
    press(qtbot, Qt.Key.Key_Up)  # on to another row: the pick's row is left

    press(qtbot, Qt.Key.Key_Tab)
    assert not timo.window.entries.is_editing()
    assert focused() is not timo.window.entries
