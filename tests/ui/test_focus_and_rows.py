""" "Sync now" shows when the keyboard is on it, as every other control does; the project
picker's rows are a comfortable height to click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_status import SyncSummary, Tone
from timo_desktop.ui.target_picker import ROW_HEIGHT


def test_sync_now_shows_the_keyboard_on_it_without_moving(qtbot: QtBot, timo: TimoApp) -> None:
    window = timo.window
    window.show_sync(SyncSummary("All synced · 14:02", "", Tone.GOOD, can_sync_now=True))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    button = window.sync_button
    window.more_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.more_button)
    without, place = button.grab().toImage(), button.geometry()

    # Shift+Tab from ☰ comes to it.
    qtbot.keyClick(window.more_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    assert button.grab().toImage() != without
    assert button.geometry() == place


def test_picker_rows_are_a_comfortable_height(qtbot: QtBot, timo: TimoApp) -> None:
    picker = timo.window.timer_bar.target
    picker.open_popup()
    tree = picker.popup.tree
    qtbot.waitUntil(tree.isVisible)
    first = tree.model().index(0, 0)
    assert first.isValid()
    line = tree.fontMetrics().height()
    assert tree.visualRect(first).height() >= max(ROW_HEIGHT, line + 8)
    picker.popup.hide()
