"""The cells drawn as marks (billable, sync badge, row actions) sit on what their row's text
cells sit on: the selection's colour when the row is selected, the list's when not."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import Column, EntryFilter, EntryListModel, ListContext

TUE = date(2026, 11, 24)
MARKS = (Column.BILLABLE, Column.SYNC, Column.ACTIONS)


def test_marks_sit_on_the_selection_colour_of_a_selected_row(qtbot: QtBot) -> None:
    view = EntryListView()
    qtbot.addWidget(view)
    model = EntryListModel(view)
    filtered = EntryFilter(model, view)
    view.setModel(filtered)
    model.set_entries(
        [finished(TUE, "09:00", 30, "Chosen"), finished(TUE, "10:00", 30, "Left")],
        ListContext("UTC", time(0, 0), TUE, lambda _target: ""),
    )
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    listed = view.model()  # the entries themselves, while no filter is on
    day = listed.index(0, 0)
    left, chosen = listed.index(0, 0, day), listed.index(1, 0, day)
    view.selectionModel().select(
        chosen,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )

    image = view.viewport().grab().toImage()

    def behind(cell: QModelIndex) -> QColor:
        corner = view.visualRect(cell).topLeft()
        return image.pixelColor(corner.x() + 1, corner.y() + 1)

    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    assert behind(chosen) == highlight
    assert behind(left) != highlight
    for column in MARKS:
        assert behind(chosen.siblingAtColumn(column)) == highlight
        assert behind(left.siblingAtColumn(column)) == behind(left)
