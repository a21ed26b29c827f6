"""A refresh of the Reports window (each minute, after each change) leaves the reader's
place alone: the row they are on stays current, even when the rows re-sort under it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.reports.workspace import APP, Clock, add
from tests.ui.test_reports_view import active_view, review_tracker, shown_view, table
from tests.ui.workday import CTRL, press
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.reports_view import ReportsView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    with active_view(qtbot) as shown:
        yield shown


def current_label(view: ReportsView) -> str:
    index = view.table.currentIndex()
    assert index.isValid(), "no current row"
    return str(index.siblingAtColumn(0).data())


def selected_labels(view: ReportsView) -> list[str]:
    return [str(i.data()) for i in view.table.selectionModel().selectedRows(0)]


def test_the_current_row_stays_through_the_minutes_refresh(qtbot: QtBot, view: ReportsView) -> None:
    # Biggest first: Acme website (its timer running), then Initech app; walk to the app.
    assert [r[0] for r in table(view)][:2] == ["Acme website", APP.name]
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down)
    assert current_label(view) == APP.name
    column = view.table.currentIndex().column()

    clock = view.reports.tracker.clock
    assert isinstance(clock, Clock)
    clock.now += timedelta(minutes=1)  # the running timer grows
    view.ticker.timeout.emit()  # and the minute's refresh comes
    assert current_label(view) == APP.name and selected_labels(view) == [APP.name]

    # Four hours on Initech app on the holiday: it overtakes the site and moves to the top;
    # the reader's row moves with it.
    add(view.reports.tracker, date(2026, 11, 26), "09:00", 240, Target(APP.id))
    view.refresh()  # what the app does after a change to entries
    assert table(view)[0][0] == APP.name
    assert current_label(view) == APP.name and selected_labels(view) == [APP.name]
    assert view.table.currentIndex().row() == 0
    assert view.table.currentIndex().column() == column
    assert view.table.hasFocus()


def test_a_new_grouping_starts_afresh(qtbot: QtBot, view: ReportsView) -> None:
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    press(qtbot, Qt.Key.Key_Down)
    view.set_group_by(GroupBy.CLIENT)  # a project's place means nothing among clients
    assert selected_labels(view) == []


def test_rows_scrolled_down_stay_scrolled(qtbot: QtBot) -> None:
    tracker = review_tracker()
    projects = [
        Project(f"prj_{n:02d}", f"Project {n:02d}", billable_default=True) for n in range(30)
    ]
    with tracker.store.write() as tx:
        tx.put_projects(projects)
    for n, project in enumerate(projects):  # on the holiday, one after another
        add(
            tracker, date(2026, 11, 26), f"{8 + n // 6:02d}:{n % 6 * 10:02d}", 5, Target(project.id)
        )
    view = shown_view(qtbot, tracker)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    press(qtbot, Qt.Key.Key_End, CTRL)  # the last row: the table scrolls down to it
    bar = view.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    scrolled, last = bar.value(), current_label(view)
    view.ticker.timeout.emit()
    assert (bar.value(), current_label(view)) == (scrolled, last)
    tracker.close()


def test_the_minute_reads_the_report_again_only_when_something_changed(
    qtbot: QtBot, view: ReportsView
) -> None:
    """No timer running and nothing changed: nothing is read (a year's report took seconds
    each minute); a change another program commits is read at the next minute."""
    tracker = view.reports.tracker
    tracker.stop()
    view.refresh()
    read: list[bool] = []
    real = view.refresh
    view.refresh = lambda: (read.append(True), real())[-1]  # type: ignore[method-assign]
    view.ticker.timeout.emit()
    assert read == []
    elsewhere = Tracker.open(tracker.store.path, zone=tracker.zone, clock=tracker.clock)
    try:
        add(elsewhere, date(2026, 11, 26), "09:00", 240, Target(APP.id))
    finally:
        elsewhere.close()
    view.ticker.timeout.emit()
    assert read == [True]
    assert table(view)[0][0] == APP.name
