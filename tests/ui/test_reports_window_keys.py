"""The Reports window by keyboard: Tab passes through the table instead of staying in it,
Alt+Left and Alt+Right (and ◀ ▶) step the range by its own length, and the filters are
reached by their Alt+letter. Keys go where the focus is, as a person's would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_reports_view import active_view, table
from tests.ui.workday import ALT, SHIFT, focused, press
from timo_desktop.core.reports import Preset, Span
from timo_desktop.ui.reports_view import CUSTOM, ReportsView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    with active_view(qtbot) as shown:
        yield shown


def focus_on(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def shown_range(view: ReportsView) -> tuple[str, date, date]:
    """The range as the window shows it: title's name, first and last day."""
    span = view.span()
    return view.title.text().split("   ")[0], span.first, span.last


def test_tab_leaves_the_report_rows_and_arrows_move_within_them(
    qtbot: QtBot, view: ReportsView
) -> None:
    focus_on(qtbot, view.table)
    press(qtbot, Qt.Key.Key_Down)  # the arrows walk the rows
    first = view.table.currentIndex().row()
    press(qtbot, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == first + 1
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not view.table  # one Tab, and the keyboard is out of the table
    assert focused() is view.attention_list
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is view.table
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is not view.table and view.isAncestorOf(focused())
    assert view.table.currentIndex().row() == first + 1  # passing through moved no row


def test_alt_left_and_right_step_a_week_by_a_week(qtbot: QtBot, view: ReportsView) -> None:
    focus_on(qtbot, view.range_picker)
    assert shown_range(view) == ("2026-W48", date(2026, 11, 23), date(2026, 11, 29))
    press(qtbot, Qt.Key.Key_Left, ALT)
    # Back from this week is last week, the preset, under its ISO name.
    assert view.range_picker.currentText() == Preset.LAST_WEEK.value
    assert shown_range(view) == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22))
    assert view.figures[0][1].text() == "8:00"
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert view.range_picker.currentText() == CUSTOM
    assert shown_range(view) == ("2026-W46", date(2026, 11, 9), date(2026, 11, 15))
    assert view.first_date.date().toPython() == date(2026, 11, 9)
    press(qtbot, Qt.Key.Key_Right, ALT)
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert view.range_picker.currentText() == Preset.THIS_WEEK.value
    assert shown_range(view)[0] == "2026-W48"
    # The buttons do the same, and say how far they go.
    assert view.back_button.toolTip() == "Previous week (Alt+Left)"
    qtbot.mouseClick(view.forward_button, Qt.MouseButton.LeftButton)
    assert shown_range(view) == ("2026-W49", date(2026, 11, 30), date(2026, 12, 6))
    assert view.nothing.isVisibleTo(view)  # the week to come: nothing tracked yet


def test_a_month_steps_by_a_month_and_a_custom_range_by_its_length(
    qtbot: QtBot, view: ReportsView
) -> None:
    view.set_range(Preset.THIS_MONTH)
    focus_on(qtbot, view.group_picker)
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert view.range_picker.currentText() == Preset.LAST_MONTH.value
    press(qtbot, Qt.Key.Key_Left, ALT)  # September has 30 days, October 31: a month each
    assert shown_range(view) == ("2026-09", date(2026, 9, 1), date(2026, 9, 30))
    assert view.forward_button.toolTip() == "Next month (Alt+Right)"

    view.set_range(Span(date(2026, 11, 20), date(2026, 11, 29)))  # ten days
    focus_on(qtbot, view.table)
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert (view.span().first, view.span().last) == (date(2026, 11, 30), date(2026, 12, 9))
    press(qtbot, Qt.Key.Key_Left, ALT)
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert (view.span().first, view.span().last) == (date(2026, 11, 10), date(2026, 11, 19))
    assert view.back_button.toolTip() == "Previous 10 days (Alt+Left)"


def test_the_filters_by_their_alt_letters(qtbot: QtBot, view: ReportsView) -> None:
    focus_on(qtbot, view.range_picker)
    press(qtbot, Qt.Key.Key_L, ALT)  # C&lient
    assert focused() is view.client_picker
    assert view.client_picker.accessibleName() == "Only client"
    qtbot.keyClicks(focused(), "Acme")  # a closed list picks by typing, as any list does
    assert view.client_picker.currentText() == "Acme Corp"
    press(qtbot, Qt.Key.Key_B, ALT)  # &Billable
    assert focused() is view.billable_picker
    press(qtbot, Qt.Key.Key_Down)
    assert view.billable_picker.currentText() == "Billable only"
    assert view.only.text() == "Only: client Acme Corp; billable"
    assert {row[0] for row in table(view)} == {"Acme website", "Acme brand"}
    press(qtbot, Qt.Key.Key_J, ALT)  # Pro&ject: only Acme's projects are offered
    assert focused() is view.project_picker
    offered = [view.project_picker.itemText(i) for i in range(view.project_picker.count())]
    assert offered == ["All projects", "Acme brand", "Acme website"]
    press(qtbot, Qt.Key.Key_T, ALT)  # &Tag
    assert focused() is view.tag_picker

    press(qtbot, Qt.Key.Key_E, ALT)  # Cl&ear filters (a button's Alt+key clicks a moment later)
    qtbot.waitUntil(view.only.isHidden)
    assert view.client_picker.currentText() == "All clients"
    assert view.billable_picker.currentText() == "Billable or not"
    assert view.figures[0][1].text() == "25:45"  # the whole week again
    assert not view.clear_button.isEnabled()  # nothing left to clear


def test_every_drop_down_is_named_by_a_label_tied_to_it(qtbot: QtBot, view: ReportsView) -> None:
    """On Linux a screen reader names a combo box by the label tied to it (its accessible
    name is its current text): the range and rounding drop-downs had none, and read as
    "combo box, This week". Each label's Alt+letter takes the keyboard there, too."""
    pickers = {
        "Range": view.range_picker,
        "Workspace": view.workspace_picker,
        "Group by": view.group_picker,
        "Rounding": view.rounding,
        "Client": view.client_picker,
        "Project": view.project_picker,
        "Tag": view.tag_picker,
        "Billable": view.billable_picker,
    }
    for label, picker in pickers.items():
        read = QAccessible.queryAccessibleInterface(picker)
        labels = read.relations(QAccessible.RelationFlag.Label)
        assert [by.text(QAccessible.Text.Name) for by, _ in labels] == [label]
    focus_on(qtbot, view.group_picker)
    press(qtbot, Qt.Key.Key_R, ALT)  # &Range
    assert focused() is view.range_picker
    press(qtbot, Qt.Key.Key_O, ALT)  # R&ounding
    assert focused() is view.rounding
