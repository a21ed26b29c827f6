"""Lengths with seconds (a timer's) shown side by side add up to their total as read: each
cut to whole minutes on its own, three entries of 30:40 read 1:01 and 0:30 against a total
of 1:32, and an invoice's columns a minute short of it. In the text, the window's table and
headline, and the chart's bars (the PDF draws those), rows and days share out the total's
minutes, each less than a minute from its exact length."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Figures, Span, with_shown_minutes
from timo_desktop.reports.formats import report_text
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.charts import day_bars, group_bars
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.report_table import cell_text, summary_items

from .workspace import APP, SITE, at

MONDAY = date(2026, 11, 23)
LENGTH = timedelta(minutes=30, seconds=40)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def test_rows_days_and_totals_add_up_as_read(tracker: Tracker, reports: Reports) -> None:
    for day, clock, target, billable in (
        (MONDAY, "09:00", APP, True),
        (MONDAY, "10:00", APP, False),
        (MONDAY + timedelta(days=1), "10:00", SITE, True),
    ):
        start = at(day, clock)
        tracker.add("Work", start, start + LENGTH, target=Target(target.id), billable=billable)
    report = reports.report(Span.iso_week("2026-W48"))

    # The window's table: each column's rows add up to the headline above it.
    headline = {item.name: _minutes(item.value) for item in summary_items(report)[:3]}
    assert headline == {"Hours": 92, "Billable": 61, "Non-billable": 31}
    for column, name in ((1, "Hours"), (2, "Billable"), (3, "Non-billable")):
        cells = [_minutes(cell_text(report, row, column)[0]) for row in report.rows]
        assert sum(cells) == headline[name], name
    for row in report.rows:  # and each row's parts to the row
        hours, billable, other = (_minutes(cell_text(report, row, c)[0]) for c in (1, 2, 3))
        assert billable + other == hours

    # The text: the same figures, the total line theirs.
    lines = report_text(report).splitlines()
    [app_line] = [line for line in lines if line.startswith(APP.name)]
    [total_line] = [line for line in lines if line.startswith("Total")]
    assert app_line.split()[2:8] == ["1h", "01m", "30m", "31m", "50", "%"]
    assert total_line.split()[1:7] == ["1h", "32m", "1h", "01m", "31m", "67"]

    # The charts: a day's bar and a project's read as the table does, and add up.
    days = [hours_minutes(bar.seconds) for bar in day_bars(report)[:2]]
    assert sum(map(_minutes, days)) == 92
    assert sum(_minutes(hours_minutes(bar.seconds)) for bar in group_bars(report)) == 92


# Seconds left over by a cut (under two minutes) and lengths of a long week, zero among them.
_SECONDS = st.one_of(st.integers(0, 130), st.integers(0, 40 * 3600))


@settings(deadline=None)  # a slow machine is no failure
@given(st.lists(st.tuples(_SECONDS, _SECONDS), min_size=1, max_size=15))
def test_shown_minutes_add_up_and_stay_within_a_minute(parts: list[tuple[int, int]]) -> None:
    rows = with_shown_minutes([Figures(b + n, b) for b, n in parts])
    total = sum(rows, Figures(shown=(0, 0)))
    billable = total.billable_seconds // 60
    assert total.shown == (billable, total.seconds // 60 - billable)  # as any total is cut
    for row, (billable_seconds, other_seconds) in zip(rows, parts, strict=True):
        assert abs(row.shown_billable_seconds - billable_seconds) < 60
        assert abs(row.shown_non_billable_seconds - other_seconds) < 60
        assert abs(row.shown_seconds - (billable_seconds + other_seconds)) < 60
