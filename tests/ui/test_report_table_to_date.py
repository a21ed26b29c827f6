"""The window's table and figures: estimate columns only where groups have estimates, capacity
and utilization to date mid-week, and one rule for a range with nothing tracked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.reports.test_report_to_date import WEDNESDAY_NOON, seed_to_wednesday
from tests.reports.workspace import (
    ACME,
    FRIDAY_AFTERNOON,
    ZONE,
    Clock,
    seed_catalog,
    seed_review_week,
)
from timo_desktop.core.reports import GroupBy, ReportFilter, Span
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import nothing_tracked
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.report_table import (
    COLUMNS,
    ReportTableModel,
    columns,
    summary_items,
)

WEEK = Span.iso_week("2026-W48")


@pytest.fixture
def clock() -> Clock:
    return Clock(FRIDAY_AFTERNOON)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    opened = Tracker.open(resolve().ensure().database, zone=ZONE, clock=clock)
    yield opened
    opened.close()


def headings(model: ReportTableModel) -> list[str]:
    return [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]


def test_estimate_columns_show_only_where_groups_have_estimates(tracker: Tracker) -> None:
    seed_review_week(tracker)
    reports, model = Reports(tracker), ReportTableModel()
    model.set_report(reports.report(WEEK, GroupBy.PROJECT))
    assert headings(model) == ["Project", *COLUMNS[1:]]
    for group_by in (GroupBy.CLIENT, GroupBy.TAG, GroupBy.DAY, GroupBy.SEGMENT):
        model.set_report(reports.report(WEEK, group_by))
        assert headings(model) == [group_by.heading, "Hours", "Billable", "Non-billable", "Ratio"]
    model.set_report(reports.report(WEEK, GroupBy.TASK))
    assert headings(model)[-4:] == ["Estimate", "To date", "Variance", "Used"]
    assert columns(GroupBy.CLIENT) == COLUMNS[:5]


def test_on_wednesday_capacity_and_utilization_are_to_date(tracker: Tracker, clock: Clock) -> None:
    clock.now = WEDNESDAY_NOON
    seed_catalog(tracker)
    seed_to_wednesday(tracker)
    items = summary_items(Reports(tracker).report(WEEK))
    assert [(item.title, item.value, item.on_target) for item in items[4:]] == [
        ("Utilization to date (target 70 %)", "71 %", True),  # 17 of 24 h; of 40 h: 42 %, red
        ("Capacity to date (40:00 in the week; Timo's default)", "24:00", None),
    ]
    assert (
        items[5].accessible_name
        == "Capacity to date (40h 00m in the week; Timo's default): 24h 00m"
    )


def test_a_week_gone_by_reads_as_before(tracker: Tracker) -> None:
    seed_review_week(tracker)
    items = summary_items(Reports(tracker).report(WEEK))  # read on Friday: no working day left
    assert [(item.title, item.value) for item in items[4:]] == [
        ("Utilization (target 70 %)", "51 %"),
        ("Capacity (Timo's default)", "40:00"),
    ]


def test_a_week_to_come_shows_no_utilization(tracker: Tracker) -> None:
    seed_review_week(tracker)
    report = Reports(tracker).report(Span.iso_week("2026-W49"))
    utilization = summary_items(report)[4]
    assert (utilization.value, utilization.on_target) == ("–", None)
    assert nothing_tracked(report) == (
        "No time tracked from Mon 30 Nov to Sun 06 Dec 2026: those days are still to come."
    )


def test_nothing_tracked_is_said_only_for_an_empty_range(tracker: Tracker) -> None:
    seed_review_week(tracker)
    reports = Reports(tracker)
    assert nothing_tracked(reports.report(WEEK)) == ""
    empty = reports.report(Span(date(2026, 1, 5), date(2026, 1, 11)))
    assert nothing_tracked(empty) == "No time tracked from Mon 05 Jan to Sun 11 Jan 2026."
    none_of_it = reports.report(WEEK, filters=ReportFilter(tags=("no-such-tag",)))
    assert nothing_tracked(none_of_it) == (
        "No time tracked from Mon 23 Nov to Sun 29 Nov 2026 matches the filters."
    )


def test_a_filtered_part_has_its_share_of_the_capacity_not_a_target(tracker: Tracker) -> None:
    seed_review_week(tracker)
    part = Reports(tracker).report(WEEK, filters=ReportFilter(client_ids=(ACME.id,)))
    utilization = summary_items(part)[4]
    assert (utilization.title, utilization.on_target) == (
        "Utilization (this part's share of the capacity)",
        None,  # plain, not red: a client's share of the week misses no target
    )
    assert "▼" not in utilization.shown and utilization.below == "this part's share of the capacity"
