"""Whatever refilled or filtered the list, it shows every day's entries beneath their day,
each day's header drawn across its whole row."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from timo_desktop.core.entry import Entry
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import EntryFilter, EntryListModel, ListContext

MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def context(reasons: dict[str, str] | None = None) -> ListContext:
    return ListContext("UTC", time(0, 0), WED, lambda _target: "", reasons=reasons or {})


def shown(qtbot: QtBot) -> tuple[EntryListView, EntryListModel, EntryFilter]:
    view = EntryListView()
    qtbot.addWidget(view)
    model = EntryListModel(view)
    filtered = EntryFilter(model, view)
    view.setModel(filtered)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view, model, filtered


def rows(view: EntryListView) -> list[str]:
    """The rows as the view has laid them out, top to bottom: each day, then its entries."""
    listed = []
    row = view.model().index(0, 0)
    while row.isValid():
        listed.append(str(row.data()))
        row = view.indexBelow(row)
    return listed


def expected(view: EntryListView) -> list[str]:
    """The rows the model holds: each day, then its entries."""
    model = view.model()
    listed = []
    for row in range(model.rowCount()):
        day = model.index(row, 0)
        listed.append(str(day.data()))
        listed += [str(model.index(at, 0, day).data()) for at in range(model.rowCount(day))]
    return listed


def assert_headers_span(view: EntryListView) -> None:
    model = view.model()
    whole = view.header().length()
    for row in range(model.rowCount()):
        assert view.isFirstColumnSpanned(row, QModelIndex())
        assert view.visualRect(model.index(row, 0)).width() == whole


def week(count: int) -> list[Entry]:
    return [
        finished(day, f"{9 + hour:02}:00", 30, f"{day:%a} {hour}")
        for day in (MON, TUE, WED)
        for hour in range(count)
    ]


def test_filled_and_refilled_every_entry_shows_beneath_its_day(qtbot: QtBot) -> None:
    view, model, _filtered = shown(qtbot)
    model.set_entries(week(3), context())
    assert len(rows(view)) == 3 + 9
    assert rows(view) == expected(view)
    assert_headers_span(view)

    model.set_entries(week(5)[2:], context())  # other rows, other days' lengths
    assert rows(view) == expected(view)
    assert_headers_span(view)


def test_filtered_and_shown_again_every_entry_shows_beneath_its_day(qtbot: QtBot) -> None:
    view, model, filtered = shown(qtbot)
    entries = week(3)
    model.set_entries(entries, context(reasons={entries[4].client_ref: "No project"}))

    filtered.set_enabled(True)  # "Needs attention"
    assert rows(view) == expected(view) == [str(view.model().index(0, 0).data()), "Tue 1"]
    filtered.set_enabled(False)
    assert rows(view) == expected(view)
    assert_headers_span(view)

    filtered.set_search("mon")
    assert rows(view) == expected(view)
    assert len(rows(view)) == 1 + 3
    filtered.set_search("")
    assert len(rows(view)) == 3 + 9
    assert rows(view) == expected(view)
    assert_headers_span(view)
