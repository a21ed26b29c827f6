""" "Sync needs your decision" by keyboard: Tab goes from the control before the panel
straight to the first fix; the panel's scroll area took a tab stop of its own, nameless."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from tests.ui.workday import SHIFT, focused, press
from timo_desktop.sync.attention import Attention
from timo_desktop.ui.attention_panel import AttentionPanel


def test_tab_goes_from_before_the_panel_straight_to_its_fixes(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    before = QLineEdit()
    panel = AttentionPanel(lambda _job, _done: None, lambda entry: entry.description)
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(panel)
    entry = finished(date(2026, 3, 3), "09:00", 60, "Onboarding screens")
    panel.show_items([Attention("refused", "The server refused it: requires a target", entry)])
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.row_for(entry.client_ref).buttons["retry"]
    assert focused().accessibleName() == "Retry now: Onboarding screens"
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is before


def test_in_the_window_tab_meets_the_panel_where_it_shows_above_the_list(qtbot: QtBot) -> None:
    """The panel is made when sync first needs it, after the list: Qt's own order put its
    fixes after the list, though it shows above it."""
    from timo_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.stack.setCurrentWidget(window.entries)
    panel = AttentionPanel(lambda _job, _done: None, lambda entry: entry.description)
    window.add_panel(panel)
    entries = [
        finished(date(2026, 3, 3), "09:00", 60, "Onboarding screens"),
        finished(date(2026, 3, 3), "11:00", 30, "Invoice call"),
    ]
    panel.show_items(
        [Attention("refused", "The server refused it: requires a target", e) for e in entries]
    )
    window.tab_through_panel()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.more_button.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is panel.row_for(entries[0].client_ref).buttons["retry"]
    window.entries.setFocus()
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert panel.isAncestorOf(focused())  # the last fix, just above the list
    assert panel.row_for(entries[1].client_ref).isAncestorOf(focused())
