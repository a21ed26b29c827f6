"""The selection bar's tag field, with Add beside it, closes as one: Esc on Add closes it as
Esc in the field does, the selection kept; and it closes when the selection goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_bulk_edit import cell, click, select_all, standups, three_days
from tests.ui.workday import CTRL, SHIFT, focused, press, type_text
from timo_desktop.ui.controller import TimoApp


def open_tag_field(qtbot: QtBot, timo: TimoApp, typed: str) -> None:
    """All six entries selected, the tag field opened with Ctrl+Shift+T and `typed` in it."""
    select_all(qtbot, timo)
    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(timo.window.selection_bar.tag_field.hasFocus)
    type_text(qtbot, typed)


def test_esc_on_add_closes_the_tag_field_and_keeps_the_selection(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.selection_bar
    three_days(timo, day_clock)
    open_tag_field(qtbot, timo, "review")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.add_typed
    press(qtbot, Qt.Key.Key_Escape)
    assert bar.isVisible() and len(timo.window.entries.selected_entries()) == 6
    assert not bar.tag_field.isVisible() and not bar.add_typed.isVisible()
    assert focused() is bar.add_tag  # where Esc in the field leaves the keyboard
    assert [e.tags for e in standups(timo)] == [("meeting",)] * 3  # nothing added


def test_the_tag_field_closes_when_the_selection_goes(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar, view = day_app, day_app.window.selection_bar, day_app.window.entries
    three_days(timo, day_clock)
    open_tag_field(qtbot, timo, "review")
    click(qtbot, timo, cell(timo, 0, 0))  # one row: the selection goes
    assert not bar.isVisible() and focused() is view
    select_all(qtbot, timo)  # a new selection finds Add tag…, not the field left open
    assert bar.add_tag.isVisible()
    assert not bar.tag_field.isVisible() and not bar.add_typed.isVisible()
    assert bar.tag_field.text() == ""
