"""Utilization to date: a range that reaches past today is measured against the capacity of its
working days up to and including today; one wholly past as before; one wholly to come has none."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from timo_desktop.core.reports import (
    Capacity,
    DaySum,
    GroupBy,
    Report,
    ReportConfig,
    Span,
    build_report,
)

H = 3600
WEEK = Span.iso_week("2026-W48")  # Mon 23 – Sun 29 Nov 2026
MON, TUE, WED, THU, FRI, SAT = (date(2026, 11, 23) + timedelta(days=n) for n in range(6))
NOW = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)  # Wednesday 12:30 in Berlin


def week_report(today: date | None, span: Span = WEEK) -> Report:
    """8 h billable on Monday and Tuesday, 3 h on Wednesday, 40 h a week over Mon–Fri."""
    days = [DaySum(MON, True, 8 * H, 1), DaySum(TUE, True, 8 * H, 1), DaySum(WED, True, 3 * H, 1)]
    return build_report(
        span, GroupBy.PROJECT, [], days, estimates={}, config=ReportConfig(), now=NOW, today=today
    )


def test_capacity_counts_working_days_up_to_and_including_a_day() -> None:
    week = Capacity(40)
    assert week.seconds(WEEK, through=WED) == 24 * H  # Mon, Tue and all of Wednesday
    assert week.seconds(WEEK, through=SAT) == 40 * H  # the weekend adds nothing
    assert week.seconds(WEEK, through=MON - timedelta(days=1)) == 0
    assert week.seconds(WEEK) == 40 * H
    assert Capacity(40, frozenset()).seconds(WEEK, through=WED) == 0


def test_on_wednesday_utilization_is_measured_to_date() -> None:
    report = week_report(today=WED)
    assert report.capacity_seconds == 40 * H  # the week's, still said beside it
    assert report.capacity_to_date_seconds == 24 * H
    assert report.capacity_partial
    assert report.utilization == pytest.approx(19 / 24)  # not 19 / 40
    assert report.utilization_on_target is True


def test_a_range_wholly_past_is_measured_as_before() -> None:
    report = week_report(today=date(2026, 12, 2))
    assert report.capacity_to_date_seconds == report.capacity_seconds == 40 * H
    assert not report.capacity_partial
    assert report.utilization == pytest.approx(19 / 40)
    # Made without a day (as before), the whole range counts as past.
    assert week_report(today=None).utilization == pytest.approx(19 / 40)


def test_on_saturday_the_week_has_no_working_day_left() -> None:
    report = week_report(today=SAT)
    assert report.capacity_to_date_seconds == report.capacity_seconds
    assert not report.capacity_partial  # nothing to say "to date" about


def test_a_range_wholly_to_come_has_no_utilization() -> None:
    report = week_report(today=date(2026, 11, 20))
    assert report.still_to_come
    assert report.capacity_to_date_seconds == 0
    assert report.utilization is None
    assert report.utilization_on_target is None  # no red 0 %


def test_days_after_today_are_to_come() -> None:
    report = week_report(today=WED)
    assert [report.to_come(d.day) for d in report.days] == [False] * 3 + [True] * 4
    assert not week_report(today=None).to_come(FRI)


@pytest.mark.parametrize(
    ("span", "noun"),
    [
        (WEEK, "week"),
        (Span.week_of(date(2026, 11, 25), 6), "week"),  # Sunday to Saturday
        (Span.month("2026-11"), "month"),
        (Span(date(2026, 11, 1), date(2026, 11, 30)), "month"),  # picked by hand
        (Span(date(2026, 11, 2), date(2026, 11, 30)), "range"),
        (Span(MON, WED), "range"),
    ],
)
def test_a_range_is_named_for_its_capacity(span: Span, noun: str) -> None:
    assert span.noun == noun


def test_a_range_spans_months() -> None:
    assert not WEEK.spans_months()
    assert Span(date(2026, 11, 30), date(2026, 12, 6)).spans_months()
    assert Span(date(2025, 12, 31), date(2026, 1, 1)).spans_months()
