"""What a report says around its figures: the filter it was narrowed by, percentages (and
the JSON's and CSV's ratios) that agree with their target marks, estimates to date with
their variance, overlapping tags, a timer still running, a filtered part's utilization and
a range with nothing tracked."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import (
    NO_FILTER,
    DaySum,
    GroupBy,
    ReportConfig,
    ReportFilter,
    Span,
    Targets,
    build_report,
    on_target,
)
from timo_desktop.reports.formats import (
    SEVERAL_TAGS,
    filter_words,
    percent,
    report_json,
    report_text,
    target_percent,
    write_report_csv,
)
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ACME, ADMIN, APP, SITE, ZONE, Clock, add, at, seed_review_week

WEEK = Span.iso_week("2026-W48")


def json_of(reports: Reports, filters: ReportFilter = NO_FILTER) -> dict[str, Any]:
    report = reports.report(WEEK, GroupBy.PROJECT, filters)
    return report_json(report, zone=ZONE, start_of_day="00:00")


def test_a_filtered_report_names_what_it_kept(tracker: Tracker, reports: Reports) -> None:
    seed_review_week(tracker)
    kept = ReportFilter(client_ids=(ACME.id,), billable=True)
    report = reports.report(WEEK, GroupBy.PROJECT, kept)
    assert report.filters == kept
    lines = report_text(report).splitlines()
    assert lines[:2] == [
        "2026-W48  (2026-11-23 – 2026-11-29)",
        "Only: client Acme Corp; billable",
    ]
    assert json_of(reports, kept)["filters"] == {
        "projects": [],
        "clients": [{"id": ACME.id, "name": "Acme Corp"}],
        "tags": [],
        "billable": True,
    }


def test_several_projects_and_tags_are_listed_by_name(tracker: Tracker, reports: Reports) -> None:
    seed_review_week(tracker)
    kept = ReportFilter(project_ids=(SITE.id, APP.id), tags=("design",), billable=False)
    assert (
        filter_words(reports.report(WEEK, GroupBy.TAG, kept))
        == "Only: projects Acme website, Initech app; tag design; not billable"
    )


def test_an_unfiltered_report_says_nothing_of_filters(tracker: Tracker, reports: Reports) -> None:
    seed_review_week(tracker)
    assert "Only:" not in report_text(reports.report(WEEK))
    assert json_of(reports)["filters"] == {
        "projects": [],
        "clients": [],
        "tags": [],
        "billable": None,
    }


@pytest.mark.parametrize(
    ("value", "target", "shown"),
    [
        (179 / 239, 0.75, "74.9 %"),  # 2:59 billable of 3:59: whole percents say 75 %
        (0.74996, 0.75, "74.9 %"),  # even one decimal says 75.0 %: cut, not rounded
        (0.7449, 0.75, "74 %"),  # far enough below for whole percents
        (0.75, 0.75, "75 %"),
        (0.7, 0.7, "70 %"),  # 0.7 * 100 is 70.00000000000001: still on target
        (0.7549, 0.7549, "75.5 %"),  # on a target of 75.49 %, not "75 %" below it
        (0.2, None, "20 %"),
        (0.525, None, "53 %"),  # 5:15 of 10:00: a half rounds up, as people round (was 52 %)
        (0.125, None, "13 %"),
        (0.625, 0.5, "63 %"),
        (None, 0.75, "–"),
    ],
)
def test_a_percentage_never_reads_across_its_target(
    value: float | None, target: float | None, shown: str
) -> None:
    assert percent(value, target) == shown


def test_a_target_reads_as_it_is_set() -> None:
    assert [target_percent(t) for t in (0.75, 0.7, 0.755, 1.0)] == [
        "75 %",
        "70 %",
        "75.5 %",
        "100 %",
    ]


@settings(deadline=None)  # a slow machine is no failure
@given(
    value=st.floats(min_value=0, max_value=2, allow_nan=False),
    target=st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10_000),
)
def test_the_figure_shown_is_on_the_side_its_mark_says(value: float, target: float) -> None:
    shown = float(percent(value, target).removesuffix(" %"))
    line = float(target_percent(target).removesuffix(" %"))
    assert (shown >= line) == on_target(value, target)


def test_a_ratio_just_under_target_is_marked_and_shown_below_it(
    tracker: Tracker, reports: Reports
) -> None:
    monday = WEEK.first
    add(tracker, monday, "09:00", 179, Target(SITE.id), billable=True)
    add(tracker, monday, "13:00", 60, Target(ADMIN.id), billable=False)
    lines = report_text(reports.report(WEEK)).splitlines()
    assert next(line for line in lines if line.startswith("Total")).endswith("74.9 % ▼")


def test_json_and_csv_ratios_just_under_target_read_under_it(
    tracker: Tracker, reports: Reports
) -> None:
    # 8:20 billable and 2:46:41 not, on one project: a ratio of 0.749981, under 75 %.
    start = at(WEEK.first, "07:00")
    tracker.add("Design", start, start + timedelta(seconds=30_000), target=Target(SITE.id))
    start = at(WEEK.first, "16:00")
    tracker.add(
        "Admin", start, start + timedelta(seconds=10_001), target=Target(SITE.id), billable=False
    )
    report = reports.report(WEEK)
    data = report_json(report, zone=ZONE, start_of_day="00:00")
    [row], monday, totals = data["rows"], data["days"][0], data["totals"]
    assert row["billable_ratio_on_target"] is totals["billable_ratio_on_target"] is False
    # Four places would make each 0.75, the target it is marked as not reaching.
    assert [row["billable_ratio"], monday["billable_ratio"], totals["billable_ratio"]] == [
        0.74998
    ] * 3
    written = io.StringIO()
    write_report_csv(report, written)
    [line] = csv.DictReader(io.StringIO(written.getvalue()))
    assert line["billable_ratio"] == "0.74998"


@settings(deadline=None)  # a slow machine is no failure
@given(
    billable=st.integers(min_value=0, max_value=200_000),
    other=st.integers(min_value=0, max_value=200_000),
    ratio_target=st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10_000),
    utilization_target=st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10_000),
)
@example(billable=30_000, other=10_001, ratio_target=0.75, utilization_target=0.7)
@example(billable=100_799, other=0, ratio_target=0.75, utilization_target=0.7)  # 0.699993
def test_json_ratios_are_on_the_side_their_marks_say(
    billable: int, other: int, ratio_target: float, utilization_target: float
) -> None:
    report = build_report(
        WEEK,
        GroupBy.PROJECT,
        [],
        [DaySum(WEEK.first, True, billable, 1), DaySum(WEEK.first, False, other, 1)],
        estimates={},
        config=ReportConfig(Targets(ratio_target, utilization_target)),
        now=datetime(2026, 11, 30, tzinfo=UTC),
    )
    totals = report_json(report, zone=ZONE, start_of_day="00:00")["totals"]
    ratio, utilization = totals["billable_ratio"], totals["utilization"]
    if ratio is not None:
        assert (ratio >= ratio_target) is totals["billable_ratio_on_target"]
        assert abs(ratio - billable / (billable + other)) < 0.0001
    assert (utilization >= utilization_target) is totals["utilization_on_target"]


def test_text_shows_estimates_to_date_with_their_variance(
    tracker: Tracker, reports: Reports
) -> None:
    seed_review_week(tracker, running=False)
    text = report_text(reports.report(WEEK))
    # Under the hours, a table of its own: the two would not fit 80 columns side by side.
    estimates = text.split("\n\n")[1].splitlines()
    assert estimates[0].split() == ["Project", "Estimate", "To", "date", "Variance", "Used"]
    site = next(line for line in estimates if line.startswith(SITE.name))
    # 8:45 this week and 8 h the week before, against a 10 h estimate.
    assert site.split()[-9:] == ["10h", "00m", "16h", "45m", "+6h", "45m", "168", "%", "▲"]
    assert " ".join(estimates[-2:]) == (
        "To date: your time only (not fetched from Vmoox yet). Variance: to date minus"
        " the estimate; ▲ over the estimate."
    )


def test_tag_grouping_says_rows_overlap(tracker: Tracker, reports: Reports) -> None:
    seed_review_week(tracker, running=False)
    add(tracker, date(2026, 11, 28), "10:00", 30, tags=("design", "call"))
    said = report_text(reports.report(WEEK, GroupBy.TAG)).splitlines()
    assert " ".join(said[-2:]) == SEVERAL_TAGS  # wrapped to 80 columns
    assert SEVERAL_TAGS not in report_text(reports.report(WEEK, GroupBy.PROJECT))


def test_a_report_counting_a_running_timer_says_so(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    seed_review_week(tracker, running=False)
    tracker.start("Running thing", target=Target(APP.id), at=clock.now - timedelta(minutes=50))
    report = reports.report(WEEK)
    # Saturday 13:00 in Berlin: the 50 minutes are in the figures, and the words say so.
    said = "Includes the timer still running (“Running thing”, counted to 13:00)."
    assert said in " ".join(report_text(report).splitlines())
    assert json_of(reports)["running"] == {
        "description": "Running thing",
        "counted_to": "2026-11-28T12:00:00Z",
    }


def test_a_report_not_counting_the_running_timer_says_nothing_of_it(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    seed_review_week(tracker, running=False)
    assert json_of(reports)["running"] is None
    tracker.start("Running thing", target=Target(APP.id), at=clock.now - timedelta(minutes=50))
    # Narrowed to another client, or a range before it started, the report holds none of it.
    acme = ReportFilter(client_ids=(ACME.id,))
    assert json_of(reports, acme)["running"] is None
    assert "still running" not in report_text(reports.report(WEEK, GroupBy.PROJECT, acme))
    assert reports.report(Span.iso_week("2026-W47")).running is None


def test_a_filtered_report_does_not_judge_utilization_by_the_target(
    tracker: Tracker, reports: Reports
) -> None:
    seed_review_week(tracker, running=False)
    whole = reports.report(WEEK)
    assert whole.utilization_on_target is False  # all the week's billable time is below 70 %
    assert "  Utilization 46 % ▼\n" in report_text(whole)
    acme = ReportFilter(client_ids=(ACME.id,))
    part = reports.report(WEEK, GroupBy.PROJECT, acme)
    text = report_text(part)
    assert "  Utilization 28 % (this part's share of the capacity)\n" in text
    assert "utilization 70 %, judged on reports of all the time only." in " ".join(
        text.splitlines()
    )
    totals = json_of(reports, acme)["totals"]
    assert totals["utilization"] == round(part.utilization or 0, 4)
    assert totals["utilization_on_target"] is None


def test_an_empty_range_says_so_in_place_of_a_table_of_zeros(
    tracker: Tracker, reports: Reports
) -> None:
    seed_review_week(tracker, running=False)
    empty = reports.report(Span(date(2026, 1, 5), date(2026, 1, 11)))
    lines = report_text(empty).splitlines()
    assert lines[:2] == [
        "2026-01-05 – 2026-01-11",
        "No time tracked from Mon 05 Jan to Sun 11 Jan 2026.",  # as the window and the PDF
    ]
    assert not [line for line in lines if line.startswith(("Project", "Total", "---"))]
    # The week's capacity is still its capacity, and nothing billed in it is 0 % of it.
    assert "Capacity 40h 00m  Utilization 0 % ▼" in lines
