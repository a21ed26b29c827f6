"""`timo report --json` and `--csv`: the rows' hours, summed, are the totals' to four places."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.reports.formats import report_json, write_report_csv
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ADMIN, APP, BRAND, SITE, ZONE, add, at

MON = date(2026, 9, 21)
WEEK = Span.iso_week("2026-W39")
PLACE = Decimal("0.0001")
COLUMNS = ("hours", "billable_hours", "non_billable_hours")


def as_json(reports: Reports, group_by: GroupBy = GroupBy.PROJECT) -> dict[str, Any]:
    return report_json(reports.report(WEEK, group_by), zone=ZONE, start_of_day="00:00")


def as_csv(reports: Reports) -> list[dict[str, str]]:
    out = io.StringIO()
    write_report_csv(reports.report(WEEK), out)
    out.seek(0)
    return list(csv.DictReader(out))


def summed(rows: list[dict[str, Any]], column: str) -> Decimal:
    """The column as a sheet adds it up."""
    return sum((Decimal(str(row[column])) for row in rows), Decimal(0))


def test_three_twenty_minute_projects_make_an_hour(tracker: Tracker, reports: Reports) -> None:
    for start, project in (("09:00", SITE), ("09:20", BRAND), ("09:40", APP)):
        add(tracker, MON, start, 20, Target(project.id), billable=True)
    data = as_json(reports)
    assert data["totals"]["hours"] == data["totals"]["billable_hours"] == 1
    assert [row["hours"] for row in data["rows"]] == [0.3334, 0.3333, 0.3333]
    assert [row["billable_hours"] for row in data["rows"]] == [0.3334, 0.3333, 0.3333]
    assert [row["seconds"] for row in data["rows"]] == [1200, 1200, 1200]  # still exact
    rows = as_csv(reports)
    assert [row["hours"] for row in rows] == ["0.3334", "0.3333", "0.3333"]
    assert summed(rows, "hours") == summed(rows, "billable_hours") == 1


def test_a_hundred_odd_lengths_add_up_by_project_and_by_day(
    tracker: Tracker, reports: Reports
) -> None:
    # Lengths that are no whole number of 0.36 s, billable and not, over five days and
    # four projects (the site's now and then not billable): rounded one by one, the rows
    # would miss the totals by several places.
    projects = (SITE, BRAND, APP, ADMIN)
    for n in range(100):
        begin = at(MON + timedelta(days=n % 5), "08:00") + timedelta(minutes=5 * (n // 5))
        seconds = 61 + 7 * n % 170
        tracker.add(
            "Work",
            begin,
            begin + timedelta(seconds=seconds),
            target=Target(projects[n % 4].id),
            billable=False if n % 7 == 0 else None,  # None: the project's default
        )
    for group_by in (GroupBy.PROJECT, GroupBy.DAY):
        data = as_json(reports, group_by)
        totals = data["totals"]
        assert summed([totals], "billable_hours") + summed([totals], "non_billable_hours") == (
            summed([totals], "hours")
        )
        for rows in (data["rows"], data["days"]):
            for column in COLUMNS:
                assert summed(rows, column) == summed([totals], column), (group_by, column)
            for row in rows:
                billable = Decimal(str(row["billable_hours"]))
                other = Decimal(str(row["non_billable_hours"]))
                assert billable + other == Decimal(str(row["hours"]))
                # Each part is its own length to within less than the last place.
                assert abs(billable - Decimal(row["billable_seconds"]) / 3600) < PLACE
                non_billable_seconds = row["seconds"] - row["billable_seconds"]
                assert abs(other - Decimal(non_billable_seconds) / 3600) < PLACE
    rows = as_csv(reports)
    totals = as_json(reports)["totals"]
    for column in COLUMNS:
        assert summed(rows, column) == summed([totals], column)


def test_figures_of_an_exact_length_read_exactly(tracker: Tracker, reports: Reports) -> None:
    """A day of 7 billable and 20 non-billable minutes read 0.4501 h (its parts rounded
    apart, each summed into it): 27 minutes are 0.45 h, and its parts still add up to it
    and, with the other days', to the totals'."""
    add(tracker, MON, "09:00", 20, Target(APP.id), billable=False)
    add(tracker, MON, "10:00", 7, Target(SITE.id), billable=True)
    add(tracker, MON + timedelta(days=1), "09:00", 16, Target(SITE.id), billable=True)
    data = as_json(reports, GroupBy.DAY)
    figures = [(d["hours"], d["billable_hours"], d["non_billable_hours"]) for d in data["days"]]
    # Each part within a place of its length, the billable ones adding up to 23 minutes.
    assert figures[:2] == [(0.45, 0.1166, 0.3334), (0.2667, 0.2667, 0.0)]
    totals = data["totals"]
    assert (totals["hours"], totals["billable_hours"], totals["non_billable_hours"]) == (
        0.7167,
        0.3833,
        0.3334,
    )
    for column in COLUMNS:
        assert summed(data["days"], column) == summed([totals], column)
    by_project = {row["label"]: row["hours"] for row in as_json(reports)["rows"]}
    assert (by_project[SITE.name], by_project[APP.name]) == (0.3834, 0.3333)  # 43 minutes
