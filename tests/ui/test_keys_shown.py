"""Each control with a shortcut names it in its tooltip, the same key as its entry in the ☰
menu (both are made from one definition); the row actions name theirs on hover and in the
right-click menu. And suggestions open from the keyboard before anything is typed."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QHelpEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE
from tests.ui.workday import CTRL, DAY, focused, list_cell, press, type_text
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_list import ACTION_WIDTH
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.main_window import SIGN_IN_KEYS
from timo_desktop.ui.sync_status import SyncSummary, Tone


def menu_keys(timo: TimoApp) -> dict[str, str]:
    """The ☰ menu's actions and the keys it shows beside them, as it opens."""
    native = QKeySequence.SequenceFormat.NativeText
    menu = timo.window.more_menu
    menu.popup(timo.window.more_button.mapToGlobal(QPoint(0, 0)))
    keys = {action.text(): action.shortcut().toString(native) for action in menu.actions()}
    menu.hide()
    return keys


def test_the_menu_reads_each_item_by_its_name_and_its_key_as_its_shortcut(
    day_app: TimoApp,
) -> None:
    """The items standing in for the list's row actions and Sign in had their key written
    into their text after a tab, which screen readers read as the name: "Delete entry
    Del". Now the key is the item's shortcut, read as such."""
    window = day_app.window
    window.more_menu.popup(window.more_button.mapToGlobal(QPoint(0, 0)))
    menu = QAccessible.queryAccessibleInterface(window.more_menu)
    items = [menu.child(i) for i in range(menu.childCount())]
    read = {
        item.text(QAccessible.Text.Name): item.text(QAccessible.Text.Accelerator)
        for item in items
        if item.role() == QAccessible.Role.MenuItem
    }
    window.more_menu.hide()
    assert all("\t" not in name for name in read)
    assert read["Delete entry"] == "Del"
    assert read["Duplicate entry"] == "Ctrl+D"
    assert read["Edit entry"] == "F2"
    assert read["Sign in…"] == QKeySequence(SIGN_IN_KEYS).toString()
    # Bound only while the menu is open: a key bound twice at once does neither.
    stand_ins = ("Delete entry", "Duplicate entry", "Edit entry", "Sign in…")
    closed = [a for a in window.more_menu.actions() if a.text() in stand_ins]
    assert len(closed) == 4 and not any(a.shortcuts() for a in closed)


def test_the_controls_name_the_keys_of_their_actions(day_app: TimoApp) -> None:
    timo, window = day_app, day_app.window
    bar, keys = window.timer_bar, menu_keys(day_app)
    named: list[tuple[QWidget, str, str]] = [
        (window.add_button, "Add time manually", "Add time manually…"),
        (window.attention_button, "Show only entries that need attention", "Needs attention"),
        (window.search, "Search entries", "Search entries"),
        (bar.button, "Start, stop or switch the timer", "Start / stop timer"),
        (bar.description, "What are you working on?", "What are you working on?"),
        (bar.billable, "Billable", "Billable"),
        (bar.tags, "Tags, separated by commas", "Tags"),
    ]
    for control, words, action in named:
        assert control.toolTip() == f"{words} ({keys[action]})"
    assert bar.target.toolTip().endswith(f"({keys['Choose project or record']})")

    window.show_sync(SyncSummary("All synced", "", Tone.GOOD, can_sync_now=True))
    assert window.sync_button.toolTip() == f"Sync now ({keys['Sync now']})"
    window.show_sync(SyncSummary("Signed out", "", Tone.BAD, False, needs_sign_in=True))
    assert window.sync_button.toolTip() == f"Sign in ({keys['Sign in…']})"
    assert timo.window.sync_button.text() == "Sign in…"


def test_the_row_actions_name_their_keys(qtbot: QtBot, day_app: TimoApp) -> None:
    timo, view = day_app, day_app.window.entries
    timo.tracker.add("Email", at_local(DAY, time(7, 0), ZONE), at_local(DAY, time(8, 0), ZONE))
    timo.reload()
    [email] = timo.tracker.days(DAY, DAY)
    keys = menu_keys(timo)
    row_keys = [
        ("Continue", keys["Continue last entry"]),  # in the list, the row's own
        ("Duplicate", keys["Duplicate entry"]),
        ("Delete", keys["Delete entry"]),
    ]

    cell = view.visualRect(list_cell(timo, email.client_ref, Column.ACTIONS))
    shown = []
    for slot in range(3):  # ▶ ⧉ ✕, hovered
        at = QPoint(cell.left() + slot * ACTION_WIDTH + ACTION_WIDTH // 2, cell.center().y())
        tip = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
        QApplication.sendEvent(view.viewport(), tip)
        shown.append(QToolTip.text())
    assert shown == [f"{label} ({key})" for label, key in row_keys]

    menu = view.context_menu(email)
    native = QKeySequence.SequenceFormat.NativeText
    assert [(a.text(), a.shortcut().toString(native)) for a in menu.actions()] == row_keys
    menu.deleteLater()
    # The list's own shortcuts, which the ☰ menu names.
    own = {a.text(): a.shortcut().toString(native) for a in view.actions()}
    assert own == {
        "Duplicate entry": keys["Duplicate entry"],
        "Delete entry": keys["Delete entry"],
        "Edit entry": keys["Edit entry"],
    }


def key(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where a real one goes: to an open suggestions list, else the focus."""
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifiers)


def suggestions(field: QLineEdit) -> list[str]:
    popup = field.completer().popup()
    assert popup.isVisible()
    model = popup.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_down_or_ctrl_space_offers_suggestions_before_anything_is_typed(
    qtbot: QtBot, timo: TimoApp
) -> None:
    bar = timo.window.timer_bar
    press(qtbot, Qt.Key.Key_L, CTRL)
    key(qtbot, Qt.Key.Key_Down)
    recent = timo.tracker.descriptions(limit=200)
    assert suggestions(bar.description) == recent  # the most recent first
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # taken like a suggestion found by typing
    assert bar.description.text() == recent[0]
    assert bar.target.choice() is not None  # brought along with it

    press(qtbot, Qt.Key.Key_T, CTRL)
    bar.tags.clear()
    key(qtbot, Qt.Key.Key_Space, CTRL)
    assert suggestions(bar.tags) == timo.tracker.tags(limit=200)  # the most used first
    key(qtbot, Qt.Key.Key_Escape)
    assert bar.description.text() == recent[0]  # Esc closed the list, not the line
    type_text(qtbot, "call, ")
    key(qtbot, Qt.Key.Key_Down)  # after a comma: every tag not there yet
    assert suggestions(bar.tags) == [t for t in timo.tracker.tags(limit=200) if t != "call"]
