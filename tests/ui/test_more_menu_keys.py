"""An item's key pressed in the open ☰ menu does what choosing the item does: it acts once
and the menu closes, however the menu was opened (a click on ☰, or Space on it). Left open,
Del went on deleting the next rows under it, and it hid the undo bar's Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_list_keys import current, entry, three_entries, to_row
from tests.ui.workday import CTRL, SHIFT, back_to, list_cell, press, the_day
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.main_window import MainWindow
from timo_desktop.ui.sign_in import SignInDialog

NONE = Qt.KeyboardModifier.NoModifier


def in_the_menu(
    window: MainWindow, *keys: tuple[Qt.Key, Qt.KeyboardModifier]
) -> list[tuple[bool, bool]]:
    """Once the ☰ menu has opened (opened, it waits in its own loop until it closes), each
    of `keys` pressed in it while it is open; filled with, after each, whether the menu
    was still open and `window`'s list was editing (looked at before the window is left without
    the keyboard: the offscreen platform gives it none back once a popup closes). The menu
    closes after."""
    after: list[tuple[bool, bool]] = []

    def press_in_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for key, modifiers in keys:
            if menu.isVisible():
                QTest.keyClick(menu, key, modifiers)
                after.append((menu.isVisible(), window.entries.is_editing()))
        menu.close()

    QTimer.singleShot(0, press_in_menu)
    return after


def click(timo: TimoApp, description: str) -> None:
    """A click on `description`'s row, on its times (a click on its description edits)."""
    view = timo.window.entries
    cell = view.visualRect(list_cell(timo, entry(timo, description).client_ref, Column.TIMES))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())


def test_del_in_the_menu_opened_by_a_click_deletes_once_and_closes_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    click(timo, "Homepage layout")
    assert current(timo)[0] == "Homepage layout"
    after = in_the_menu(timo.window, (Qt.Key.Key_Delete, NONE), (Qt.Key.Key_Delete, NONE))
    QTest.mouseClick(timo.window.more_button, Qt.MouseButton.LeftButton)
    assert after == [(False, False)]
    assert [e[0] for e in the_day(timo)] == ["Stand-up", "Call with Acme"]
    assert timo.window.undo_bar.isVisible()


def test_keys_in_the_menu_opened_from_the_keyboard_act_once_and_close_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, window = day_app, day_app.window
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    window.more_button.setFocus()
    after = in_the_menu(timo.window, (Qt.Key.Key_Delete, NONE), (Qt.Key.Key_Delete, NONE))
    press(qtbot, Qt.Key.Key_Space)
    assert after == [(False, False)]
    assert [e[0] for e in the_day(timo)] == ["Stand-up", "Call with Acme"]

    back_to(qtbot, window)
    window.more_button.setFocus()
    after = in_the_menu(timo.window, (Qt.Key.Key_F2, NONE))
    press(qtbot, Qt.Key.Key_Space)
    assert after == [(False, True)]


def test_sign_in_by_its_key_in_the_menu_opened_by_a_click(qtbot: QtBot, day_app: TimoApp) -> None:
    """Its stand-in's key worked only where ☰ had the keyboard, which a click does not give."""
    after = in_the_menu(day_app.window, (Qt.Key.Key_L, CTRL | SHIFT))
    QTest.mouseClick(day_app.window.more_button, Qt.MouseButton.LeftButton)
    assert after == [(False, False)]
    assert any(form.isVisible() for form in day_app.window.findChildren(SignInDialog))


def test_the_windows_keys_in_the_open_menu_act_once_and_close_it(
    qtbot: QtBot, day_app: TimoApp
) -> None:
    """The open menu has the keyboard: Ctrl+R (Reports) and Ctrl+Shift+A (Needs attention)
    pressed in it did nothing, and it stayed open."""
    window = day_app.window
    after = in_the_menu(window, (Qt.Key.Key_A, CTRL | SHIFT))
    QTest.mouseClick(window.more_button, Qt.MouseButton.LeftButton)
    assert after == [(False, False)]
    assert window.attention_button.isChecked()

    after = in_the_menu(window, (Qt.Key.Key_R, CTRL))
    QTest.mouseClick(window.more_button, Qt.MouseButton.LeftButton)
    assert after == [(False, False)]
    assert day_app._reports_view is not None and day_app._reports_view.isVisible()
