"""The entry list by keyboard: Left/Right from field to field of the current row (a ring shows
which), F2 or Enter edits that field, Tab goes on along the same row; Delete leaves a row
current; the row keys act only in the list; Continue; "Needs attention" keeps the place."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import ACME, WEBSITE
from tests.ui.workday import (
    CTRL,
    DAY,
    MORNING,
    SHIFT,
    focused,
    press,
    the_day,
    type_text,
    wait_for_window,
)
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column
from timo_desktop.ui.manual_entry import ManualEntryDialog
from timo_desktop.ui.target_picker import TargetPopup

NOON = MORNING + timedelta(hours=3)
WEB = Target(project_id=WEBSITE.id)


def three_entries(timo: TimoApp, clock: Clock) -> None:
    """Noon on DAY: Stand-up 09:00–09:15 (no project), Homepage layout 09:30–11:00 (Website,
    billable, tagged design), Call with Acme 11:00–11:30; listed newest first."""
    clock.now = NOON
    tracker = timo.tracker
    at = lambda hours, minutes: at_local(DAY, time(hours, minutes), ZONE)  # noqa: E731
    tracker.add("Stand-up", at(9, 0), at(9, 15))
    tracker.add("Homepage layout", at(9, 30), at(11, 0), target=WEB, tags=("design",))
    tracker.add("Call with Acme", at(11, 0), at(11, 30), target=Target(record_id=ACME.id))
    timo.reload()


def to_row(qtbot: QtBot, timo: TimoApp, description: str) -> None:
    """The keyboard in the list, on `description`'s row: Home, Down to it, Left to its
    description (Up and Down keep the field the keys are in)."""
    view = timo.window.entries
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(10):
        if current(timo)[0] == description:
            break
        press(qtbot, Qt.Key.Key_Down)
    for _ in Column:
        if current(timo)[1] == Column.DESCRIPTION:
            break
        press(qtbot, Qt.Key.Key_Left)
    assert current(timo) == (description, Column.DESCRIPTION)


def current(timo: TimoApp) -> tuple[str | None, int]:
    """The current row's description (None on a day header) and column."""
    index = timo.window.entries.currentIndex()
    entry = index.data(ENTRY_ROLE)
    return (None if entry is None else entry.description, index.column())


def entry(timo: TimoApp, description: str) -> Entry:
    [found] = [e for e in timo.tracker.days(DAY, DAY) if e.description == description]
    return found


def editing(qtbot: QtBot, timo: TimoApp) -> QLineEdit:
    """The cell's editor, once open and holding the keyboard."""
    view = timo.window.entries
    qtbot.waitUntil(lambda: view.is_editing() and isinstance(focused(), QLineEdit))
    editor = focused()
    assert isinstance(editor, QLineEdit)
    return editor


def saved(qtbot: QtBot, timo: TimoApp) -> None:
    """Enter in the editor: it saves and closes, the list has the keyboard again."""
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())
    assert focused() is timo.window.entries


FIELDS = [Column.DESCRIPTION, Column.TARGET, Column.TAGS, Column.BILLABLE, Column.TIMES]


# Moving and editing -------------------------------------------------------------------------
def test_left_and_right_go_through_the_current_rows_fields(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    columns = [view.currentIndex().column()]
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Right)
        columns.append(view.currentIndex().column())
    assert columns == [*FIELDS, Column.DURATION, Column.DURATION]  # no further than the last
    # The row stays selected whole, as one entry.
    assert [e.description for e in view.selected_entries()] == ["Homepage layout"]
    row = view.currentIndex()
    assert view.selectionModel().isRowSelected(row.row(), row.parent())
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Left)
    assert current(timo) == ("Homepage layout", Column.DESCRIPTION)

    # Up and Down keep the field; entries selected together stay so from field to field.
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert current(timo) == ("Stand-up", Column.TAGS)
    press(qtbot, Qt.Key.Key_Right)
    assert len(view.selected_entries()) == 2
    assert timo.window.selection_bar.isVisible()

    # A running timer has no duration to set: its start–end is as far as Right goes.
    timo.tracker.start("Review")
    timo.reload()
    to_row(qtbot, timo, "Review")
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Right)
    assert current(timo) == ("Review", Column.TIMES)


def test_f2_and_enter_edit_the_current_field(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    editor = editing(qtbot, timo)
    assert editor.accessibleName() == "Tags, separated by commas"
    assert editor.text() == "design"
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, ", review")
    saved(qtbot, timo)
    assert entry(timo, "Homepage layout").tags == ("design", "review")

    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Return)
    editor = editing(qtbot, timo)
    assert editor.accessibleName().startswith("Start and end")
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "09:30-10:45")
    saved(qtbot, timo)
    assert entry(timo, "Homepage layout").end == at_local(DAY, time(10, 45), ZONE)

    # The project: Enter opens the catalog, Enter there picks.
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Left)
    assert current(timo) == ("Homepage layout", Column.TARGET)
    press(qtbot, Qt.Key.Key_Return)
    wait_for_window(qtbot, TargetPopup, active=False)
    type_text(qtbot, "internal")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())
    assert entry(timo, "Homepage layout").target.project_id == "p-int"
    # Each change is said with Undo, and undone one at a time.
    assert timo.window.undo_bar.message.text() == "Changed the project of “Homepage layout”."
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert entry(timo, "Homepage layout").target == WEB
    assert timo.window.undo_bar.message.text() == "Undone: Change the project of “Homepage layout”."


def test_tab_in_an_editor_goes_on_along_the_same_row(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Homepage grid")

    # Tab saves the description (the row shows it) and opens this row's project.
    press(qtbot, Qt.Key.Key_Tab)
    wait_for_window(qtbot, TargetPopup, active=False)
    assert entry(timo, "Homepage grid").target == WEB
    assert view.currentIndex().siblingAtColumn(Column.DESCRIPTION).data() == "Homepage grid"
    assert current(timo) == ("Homepage grid", Column.TARGET)

    # Tab in the catalog's search leaves the project as it was, on to the tags.
    press(qtbot, Qt.Key.Key_Tab)
    editor = editing(qtbot, timo)
    assert editor.accessibleName() == "Tags, separated by commas"
    assert entry(timo, "Homepage grid").target == WEB
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, ", grid")

    # On past the billable mark (Space flips it in place) to start–end, and back.
    press(qtbot, Qt.Key.Key_Tab)
    assert editing(qtbot, timo).accessibleName().startswith("Start and end")
    assert entry(timo, "Homepage grid").tags == ("design", "grid")
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)  # Shift+Tab, as a keyboard sends it
    assert editing(qtbot, timo).text() == "design, grid"

    # Past the last field the editor closes on it; the next row was never opened.
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert editing(qtbot, timo).accessibleName().startswith("Duration")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert focused() is view
    assert current(timo) == ("Homepage grid", Column.DURATION)
    assert the_day(timo) == [
        ("Stand-up", "09:00", "09:15"),
        ("Homepage grid", "09:30", "11:00"),
        ("Call with Acme", "11:00", "11:30"),
    ]


def ring_over(timo: TimoApp, column: Column) -> QImage:
    """How the current row's `column` cell looks now."""
    view = timo.window.entries
    cell = view.visualRect(view.currentIndex().siblingAtColumn(column))
    return view.viewport().grab().toImage().copy(cell)


def test_a_ring_shows_the_current_field_while_the_list_has_the_keyboard(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    press(qtbot, Qt.Key.Key_Right)
    plain = ring_over(timo, Column.TAGS)  # selected, not current
    press(qtbot, Qt.Key.Key_Right)
    assert ring_over(timo, Column.TAGS) != plain
    timo.window.timer_bar.description.setFocus()
    qtbot.waitUntil(lambda: ring_over(timo, Column.TAGS) == plain)  # elsewhere, no ring
    timo.window.entries.setFocus()
    press(qtbot, Qt.Key.Key_Right)
    assert ring_over(timo, Column.TAGS) == plain


# Delete, and the row keys' reach --------------------------------------------------------------
def test_after_delete_the_row_below_is_current_and_undo_brings_the_entry_back_current(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    press(qtbot, Qt.Key.Key_Delete)
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)
    press(qtbot, Qt.Key.Key_Delete)  # the last row: the one above takes its place
    assert [e[0] for e in the_day(timo)] == ["Call with Acme"]
    assert current(timo) == ("Call with Acme", Column.DESCRIPTION)

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)
    assert timo.window.undo_bar.message.text() == "Undone: Delete “Stand-up”."
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert current(timo) == ("Homepage layout", Column.DESCRIPTION)
    press(qtbot, Qt.Key.Key_Down)  # from there, not from the top
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)


def test_row_keys_act_on_the_list_only_while_it_has_the_keyboard(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    window, bar = timo.window, timo.window.timer_bar
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    listed = the_day(timo)
    for control in (
        bar.billable,
        bar.target,
        bar.button,
        window.attention_button,
        window.more_button,
    ):
        control.setFocus()
        press(qtbot, Qt.Key.Key_Delete)
        assert the_day(timo) == listed, control.accessibleName()
    press(qtbot, Qt.Key.Key_L, CTRL)
    type_text(qtbot, "abc")
    press(qtbot, Qt.Key.Key_D, CTRL)
    press(qtbot, Qt.Key.Key_F2)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ManualEntryDialog)]
    assert not window.entries.is_editing()
    assert focused() is bar.description and bar.description.text() == "abc"

    window.entries.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert [e[0] for e in the_day(timo)] == ["Stand-up", "Call with Acme"]


def test_continue_is_the_current_row_in_the_list_and_the_last_entry_elsewhere(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)  # "Continue last entry"
    running = timo.tracker.running()
    assert running is not None and running.description == "Call with Acme"
    assert timo.window.undo_bar.message.text() == "Continued “Call with Acme”."

    timo.window.entries.setFocus()
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)  # the row's ▶
    running = timo.tracker.running()
    assert running is not None and running.description == "Stand-up"
    assert running.start == NOON


# "Needs attention" ----------------------------------------------------------------------------
def test_needs_attention_keeps_the_keyboard_and_the_current_entry(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, window = day_app, day_app.window
    three_entries(timo, day_clock)  # the Stand-up has no project: it needs attention
    to_row(qtbot, timo, "Call with Acme")
    press(qtbot, Qt.Key.Key_Down)
    assert current(timo) == ("Homepage layout", Column.DESCRIPTION)
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert [e.description for e in window.entries.selected_entries()] != ["Homepage layout"]
    assert focused() is window.entries
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert current(timo) == ("Homepage layout", Column.DESCRIPTION)
    assert focused() is window.entries

    # With nothing to show, the keyboard goes to the toggle, not to the words in its place.
    timo.tracker.edit(entry(timo, "Stand-up").client_ref, target=WEB)
    timo.reload()
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert window.empty.isVisible()
    assert focused() is window.attention_button
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert window.entries.isVisible()
    assert current(timo) == ("Homepage layout", Column.DESCRIPTION)


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F10, SHIFT)],
)
def test_the_menu_key_or_shift_f10_opens_the_current_row_s_menu(
    qtbot: QtBot,
    day_app: TimoApp,
    day_clock: Clock,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    """A right-click's menu by keyboard, for the row the keyboard is on."""
    timo = day_app
    three_entries(timo, day_clock)
    shown: list[list[str]] = []

    def look() -> None:  # inside the menu's own event loop: read it, then close it
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.append([action.text() for action in menu.actions()])
        menu.close()

    to_row(qtbot, timo, "Stand-up")
    QTimer.singleShot(0, look)
    press(qtbot, key, modifiers)
    assert shown == [["Continue", "Duplicate", "Delete"]]
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)
