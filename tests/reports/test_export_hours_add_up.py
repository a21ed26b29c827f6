"""The CSV's hours column, summed in a sheet, is the report's total to four places."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Span, hours
from timo_desktop.reports.export_csv import write_csv
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ADMIN, SITE, ZONE, add, at

MON = date(2026, 9, 21)
WEEK = Span.iso_week("2026-W39")
PLACE = Decimal("0.0001")


def export(reports: Reports, tracker: Tracker, **options: object) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(
        reports.lines(WEEK),
        out,
        zone=tracker.zone,
        start_of_day=tracker.start_of_day,
        now=tracker.clock(),
        **options,  # type: ignore[arg-type]
    )
    out.seek(0)
    return list(csv.DictReader(out))


def summed(rows: list[dict[str, str]], billable: str | None = None) -> Decimal:
    """The column as a sheet adds it up (every row, or those with `billable`)."""
    return sum((Decimal(r["hours"]) for r in rows if billable in (None, r["billable"])), Decimal(0))


def test_three_twenty_minute_entries_bill_an_hour(tracker: Tracker, reports: Reports) -> None:
    for start in ("09:00", "09:20", "09:40"):
        add(tracker, MON, start, 20, Target(SITE.id), billable=True)
    assert reports.report(WEEK).totals.seconds == 3600
    for rounding in (None, 1):
        rows = export(reports, tracker, rounding=rounding)
        assert [r["hours"] for r in rows] == ["0.3334", "0.3333", "0.3333"]
        assert summed(rows) == 1


def test_a_hundred_odd_lengths_add_up_row_by_row_and_grouped(
    tracker: Tracker, reports: Reports
) -> None:
    # Lengths that are no whole number of 0.36 s, billable and not, over five days: cut to
    # four places one by one, they lose some 18 s an hour's worth of rows.
    exact: dict[str, Decimal] = {}  # by date and start, as the rows say
    for n in range(100):
        begin = at(MON + timedelta(days=n % 5), "08:00") + timedelta(minutes=5 * (n // 5))
        seconds = 61 + 7 * n % 170
        target = Target(SITE.id) if n % 3 else Target(ADMIN.id)
        tracker.add("Work", begin, begin + timedelta(seconds=seconds), target=target)
        exact[f"{begin:%Y-%m-%d} {begin.astimezone(ZoneInfo(ZONE)):%H:%M}"] = (
            Decimal(seconds) / 3600
        )
    totals = reports.report(WEEK).totals
    total = Decimal(str(hours(totals.seconds)))
    billable = Decimal(str(hours(totals.billable_seconds)))
    non_billable = Decimal(str(hours(totals.non_billable_seconds)))
    assert billable + non_billable == total  # these two splits can add up, so they do

    rows = export(reports, tracker)
    assert summed(rows) == total
    assert summed(rows, "yes") == billable
    assert summed(rows, "no") == non_billable
    # Each row is its own length to within less than the last place.
    assert len(rows) == len(exact)
    assert all(abs(Decimal(r["hours"]) - exact[f"{r['date']} {r['start']}"]) < PLACE for r in rows)

    grouped = export(reports, tracker, group_by=GroupBy.DAY)
    assert len(grouped) == 10  # five days, billable and not
    assert summed(grouped) == total
    assert summed(grouped, "yes") == billable
    assert summed(grouped, "no") == non_billable
