"""The Reports view beyond a plain week: days in date order, an empty range, a range that
cannot be, a ratio a hair under its target, tags that overlap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.reports.workspace import (
    ADMIN,
    FRIDAY_AFTERNOON,
    SITE,
    ZONE,
    Clock,
    add,
    seed_catalog,
)
from tests.ui.test_reports_view import WEEK, review_tracker, shown_view, table
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import SEVERAL_TAGS
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.reports_view import ReportsView

EMPTY_WEEK = Span.iso_week("2026-W02")
DAYS = [f"{day:%a} {day.isoformat()}" for day in WEEK.days()]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    tracker = review_tracker()
    yield shown_view(qtbot, tracker)
    tracker.close()


def shown(view: ReportsView) -> dict[str, bool]:
    """Which parts of the view show."""
    parts = {
        "nothing": view.nothing,
        "summary": view.summary,
        "charts": view.charts,
        "table": view.table,
        "note": view.note,
        "message": view.message,
    }
    return {name: part.isVisibleTo(view) for name, part in parts.items()}


def test_days_read_in_date_order(view: ReportsView) -> None:
    view.set_group_by(GroupBy.DAY)
    assert [row[0] for row in table(view)] == DAYS  # by date at once, not by hours
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in table(view)] == DAYS[::-1]  # not Wed, Tue, Thu... by name
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in table(view)] == DAYS
    view.set_group_by(GroupBy.PROJECT)
    hours = [row[1] for row in table(view)]
    assert hours[0] == "10:45"  # other groups: biggest first again


def test_an_empty_range_says_nothing_was_tracked(view: ReportsView) -> None:
    view.set_range(EMPTY_WEEK)
    assert view.nothing.text() == "No time tracked from Mon 05 Jan to Sun 11 Jan 2026."
    assert shown(view) == {
        "nothing": True,
        "summary": False,  # no red "Utilization 0 %"
        "charts": False,  # no empty grid
        "table": False,
        "note": False,
        "message": False,
    }
    assert view.title.text().endswith("Mon 05 Jan – Sun 11 Jan 2026")
    view.set_range(WEEK)
    assert shown(view)["nothing"] is False and shown(view)["table"] is True


def test_a_reversed_range_shows_no_figures_of_the_last_one(view: ReportsView) -> None:
    view.set_range(WEEK)
    view.first_date.setDate(QDate(2026, 11, 29))
    view.last_date.setDate(QDate(2026, 11, 23))  # the custom range now ends before it begins
    assert view.message.text() == "the range ends (2026-11-23) before it begins (2026-11-29)"
    assert shown(view) == {
        "nothing": False,
        "summary": False,
        "charts": False,
        "table": False,
        "note": False,
        "message": True,
    }
    assert view.title.text() == ""
    assert [value.text() for _, value in view.figures] == [""] * 6
    assert view.report is None and view.model.rowCount() == 0
    assert view.day_chart.bars() == [] and view.group_chart.bars() == []
    assert not view.pdf_button.isEnabled()  # it would print the last range's report
    view.first_date.setDate(QDate(2026, 11, 23))  # Monday to Monday
    assert shown(view)["summary"] and view.pdf_button.isEnabled()
    assert view.figures[0][1].text() == "6:45"


def test_a_custom_range_stays_in_the_years_timo_keeps(view: ReportsView) -> None:
    """As `timo report --from/--to`: up to the date field's own end, 9999-12-31, the
    report could not be read (no day after it)."""
    view.set_range(Span(date(2999, 12, 1), date(2999, 12, 7)))
    view.last_date.setDate(QDate(9999, 12, 31))
    assert view.last_date.date() == QDate(2999, 12, 31)
    assert view.report is not None and view.report.span.label == "2999-12"
    assert not shown(view)["message"]
    for edit in (view.first_date, view.last_date):
        assert (edit.minimumDate(), edit.maximumDate()) == (QDate(1970, 1, 1), QDate(2999, 12, 31))


def test_a_step_past_the_years_timo_keeps_is_off_and_says_why(view: ReportsView) -> None:
    """At December 2999, Next (Alt+Right) stayed on and did nothing, without a word."""
    view.set_range(Span(date(2999, 12, 1), date(2999, 12, 31)))
    assert not view.forward_button.isEnabled()
    assert view.forward_button.toolTip() == "Timo keeps dates from 1970 to 2999"
    assert view.back_button.isEnabled()
    view.step(1)
    assert view.report is not None and view.report.span.label == "2999-12"
    view.step(-1)
    assert view.report is not None and view.report.span.label == "2999-11"
    assert view.forward_button.isEnabled()
    assert view.forward_button.toolTip() == "Next month (Alt+Right)"


def test_tag_rows_note_that_they_may_add_up_to_more(view: ReportsView) -> None:
    view.set_group_by(GroupBy.TAG)
    assert shown(view)["note"] and view.note.text() == SEVERAL_TAGS
    view.set_group_by(GroupBy.CLIENT)
    assert not shown(view)["note"]
    # Projects with estimates say instead whose time their "to date" counts.
    view.set_group_by(GroupBy.PROJECT)
    assert shown(view)["note"]
    assert view.note.text() == "To date: your time only (not fetched from Vmoox yet)."


def test_a_ratio_a_hair_under_its_target_does_not_read_as_on_it(qtbot: QtBot) -> None:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(FRIDAY_AFTERNOON))
    seed_catalog(tracker)
    monday = date(2026, 11, 23)
    add(tracker, monday, "09:00", 179, Target(SITE.id), billable=True)  # 2:59
    add(tracker, monday, "13:00", 60, Target(ADMIN.id), billable=False)  # 1:00
    view = shown_view(qtbot, tracker)
    view.set_range(WEEK)
    name, value = view.figures[3]
    assert (name.text(), value.text()) == ("Billable ratio (target 75 %)", "74.9 % ▼")
    assert value.property("tone") == "off"
    view.set_group_by(GroupBy.DAY)
    assert table(view)[0][4] == "74.9 % ▼"  # marked, not told by its colour alone
    tracker.close()
