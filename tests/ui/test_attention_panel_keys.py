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
