"""Tab or Shift+Tab in a cell of the list with its suggestions open goes on along the row as
with them shut: to the next field's editor, or back to the one before. A real key goes to the
open list, and Qt handed it to the cell's field past the list's own handling: the cell closed
and the keyboard left the list for the timer line (Tab) or stayed on the row (Shift+Tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCompleter
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_list_keys import WEB, current, editing, entry, three_entries, to_row
from tests.ui.workday import CTRL, SHIFT, focused, press, type_text, wait_for_window
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.target_picker import TargetPopup


def suggested(qtbot: QtBot, completer: QCompleter, text: str) -> None:
    """`text` typed over the open cell's own, its suggestions open and holding the keyboard
    (as on screen, where the open list takes it)."""
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)
    popup = completer.popup()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is popup.windowHandle())


def in_the_list(qtbot: QtBot, completer: QCompleter, key: Qt.Key) -> None:
    """`key` as a real one is delivered while the suggestions are open: to their list."""
    modifiers = SHIFT if key == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(completer.popup(), key, modifiers)


def test_tab_and_shift_tab_go_along_the_row_from_the_tags_suggestions(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_F2)
    tags = editing(qtbot, timo).completer()
    suggested(qtbot, tags, "de")  # "design" is offered, none chosen

    in_the_list(qtbot, tags, Qt.Key.Key_Tab)
    assert editing(qtbot, timo).accessibleName().startswith("Start and end")
    assert current(timo) == ("Stand-up", Column.TIMES)
    assert entry(timo, "Stand-up").tags == ("de",)  # as typed

    press(qtbot, Qt.Key.Key_Backtab, SHIFT)  # back to the tags, and past them to the project
    tags = editing(qtbot, timo).completer()
    suggested(qtbot, tags, "des")
    in_the_list(qtbot, tags, Qt.Key.Key_Backtab)
    wait_for_window(qtbot, TargetPopup, active=False)
    assert current(timo) == ("Stand-up", Column.TARGET)
    assert entry(timo, "Stand-up").tags == ("des",)


def test_tab_from_the_description_suggestions_takes_the_chosen_one_and_goes_on(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    stand_up = entry(timo, "Stand-up").client_ref
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    suggested(qtbot, timo.descriptions, "Home")
    in_the_list(qtbot, timo.descriptions, Qt.Key.Key_Down)  # "Homepage layout" chosen

    in_the_list(qtbot, timo.descriptions, Qt.Key.Key_Tab)
    wait_for_window(qtbot, TargetPopup, active=False)
    assert current(timo) == ("Homepage layout", Column.TARGET)
    # Taken as picked, not typed: it brings the earlier entry's project and tags.
    taken = timo.tracker.get(stand_up)
    assert (taken.description, taken.target, taken.tags) == ("Homepage layout", WEB, ("design",))


def test_shift_tab_from_the_first_fields_suggestions_leaves_the_list_the_keyboard(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """No field before the description: the cell closes on it, as with the list shut."""
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    suggested(qtbot, timo.descriptions, "Home")

    in_the_list(qtbot, timo.descriptions, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert focused() is view
    assert current(timo) == ("Home", Column.DESCRIPTION)
