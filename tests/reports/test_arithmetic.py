"""Report arithmetic on hand-computed figures: ranges, capacity, ratios, estimates, rounding."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.reports import (
    Capacity,
    DaySum,
    EstimateUse,
    Figures,
    GroupBy,
    KeySum,
    Preset,
    ReportConfig,
    Span,
    Targets,
    build_report,
    on_target,
    parse_group_by,
    round_up,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_iso_week_and_month() -> None:
    week = Span.iso_week("2026-W48")
    assert (week.first, week.last, week.label) == (
        date(2026, 11, 23),
        date(2026, 11, 29),
        "2026-W48",
    )
    assert Span.iso_week("2026w1").first == date(2025, 12, 29)  # ISO week 1 starts in December
    month = Span.month("2026-02")
    assert (month.first, month.last, month.label) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
        "2026-02",
    )
    assert Span.month("2028-2").last == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("maker", "text", "message"),
    [
        (Span.iso_week, "2025-W53", "'2025-W53' is not an ISO week; use for example 2026-W48"),
        (Span.iso_week, "48", "'48' is not an ISO week; use for example 2026-W48"),
        (Span.month, "2026-13", "'2026-13' is not a month; use for example 2026-11"),
    ],
)
def test_bad_ranges_are_refused_in_plain_words(maker: object, text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        maker(text)  # type: ignore[operator]
    assert str(refused.value) == message


def test_a_range_cannot_end_before_it_begins() -> None:
    with pytest.raises(InvalidInput, match=r"ends \(2026-11-01\) before it begins"):
        Span(date(2026, 11, 2), date(2026, 11, 1))


def test_presets_on_a_thursday() -> None:
    today = date(2026, 11, 26)
    assert Preset.THIS_WEEK.span(today) == Span(date(2026, 11, 23), date(2026, 11, 29), "2026-W48")
    assert Preset.LAST_WEEK.span(today).first == date(2026, 11, 16)
    assert Preset.THIS_MONTH.span(today).last == date(2026, 11, 30)
    assert Preset.LAST_MONTH.span(today) == Span.month("2026-10")


def test_capacity_spreads_the_week_over_working_days() -> None:
    four_days = Capacity.from_names(32, ["Mon", "Tue", "Wed", "Thu"])
    assert four_days.seconds(Span.iso_week("2026-W48")) == 32 * 3600
    # November 2026 has 17 Mondays to Thursdays, 8 hours each.
    assert four_days.seconds(Span.month("2026-11")) == 17 * 8 * 3600
    # A weekend-only range has no capacity; no working days at all, none either.
    assert four_days.seconds(Span(date(2026, 11, 28), date(2026, 11, 29))) == 0
    assert Capacity(40, frozenset()).seconds(Span.iso_week("2026-W48")) == 0


def test_estimate_use() -> None:
    over = EstimateUse(estimate_seconds=10 * 3600, actual_seconds=14 * 3600)
    assert (over.variance_seconds, over.percent_used, over.over) == (4 * 3600, 1.4, True)
    under = EstimateUse(40 * 3600, 3600)
    assert (under.variance_seconds, under.percent_used, under.over) == (-39 * 3600, 0.025, False)
    assert EstimateUse(0, 60).percent_used is None


def test_figures_and_targets() -> None:
    figures = Figures(seconds=13 * 3600, billable_seconds=6 * 3600)
    assert figures.non_billable_seconds == 7 * 3600
    assert figures.billable_ratio == pytest.approx(6 / 13)
    assert Figures().billable_ratio is None
    assert on_target(0.75, 0.75) is True
    assert on_target(0.7499, 0.75) is False
    assert on_target(None, 0.75) is None


@pytest.mark.parametrize(
    ("seconds", "minutes", "expected"),
    [
        (7 * 60, 6, 12 * 60),  # 7 min bills 12 at 6-minute rounding
        (6 * 60, 6, 6 * 60),  # an exact multiple stays
        (6 * 60 + 1, 6, 12 * 60),  # one second over rounds up
        (61, 1, 120),
        (16 * 60, 15, 30 * 60),
        (0, 15, 0),  # nothing stays nothing
        (7 * 60 + 5, None, 7 * 60 + 5),
    ],
)
def test_rounding_up_per_entry(seconds: int, minutes: int | None, expected: int) -> None:
    assert round_up(seconds, minutes) == expected


def test_bad_rounding_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"rounding must be 1 to 60 minutes \(got 90\)"):
        round_up(60, 90)


def test_group_by_names() -> None:
    assert parse_group_by("Service-type") is GroupBy.SERVICE_TYPE
    assert parse_group_by(" segment ") is GroupBy.SEGMENT
    assert parse_group_by("client segment") is GroupBy.SEGMENT
    hint = r"cannot group by 'projet'; choose one of project, .* — did you mean 'project'\?"
    with pytest.raises(InvalidInput, match=hint):
        parse_group_by("projet")


def test_build_report_adds_sums_and_keeps_empty_days() -> None:
    week = Span.iso_week("2026-W48")
    keys = [
        KeySum("p1", "Website", True, 2 * 3600, 1),
        KeySum("p1", "Website", False, 3600, 1),
        KeySum(None, None, False, 1800, 1),
        KeySum("p2", None, True, 5400, 2),  # not in the catalog cache
    ]
    days = [
        DaySum(date(2026, 11, 23), True, 2 * 3600, 1),
        DaySum(date(2026, 11, 23), False, 1800, 1),
        DaySum(date(2026, 11, 26), False, 3600, 1),
        DaySum(date(2026, 11, 26), True, 5400, 2),
    ]
    config = ReportConfig(Targets(0.75, 0.7), Capacity(40))
    estimates = {"p1": EstimateUse(3600, 4 * 3600)}
    report = build_report(
        week, GroupBy.PROJECT, keys, days, estimates=estimates, config=config, now=NOW
    )
    assert [
        (r.key, r.label, r.figures.seconds, r.figures.billable_seconds) for r in report.rows
    ] == [
        ("p1", "Website", 3 * 3600, 2 * 3600),
        ("p2", "p2", 5400, 5400),
        (None, "(no project)", 1800, 0),
    ]
    assert report.rows[0].estimate == EstimateUse(3600, 4 * 3600)
    assert report.rows[1].estimate is None
    assert [d.figures.seconds for d in report.days] == [9000, 0, 0, 9000, 0, 0, 0]
    assert report.totals == Figures(18000, 12600, 5)
    assert report.capacity_seconds == 40 * 3600
    assert report.utilization == pytest.approx(12600 / 144000)
    assert report.billable_ratio_on_target is False  # 70 % < 75 %
    assert report.utilization_on_target is False


def test_day_rows_are_every_day_of_the_range() -> None:
    span = Span(date(2026, 11, 23), date(2026, 11, 25))
    days = [DaySum(date(2026, 11, 24), False, 600, 1)]
    report = build_report(span, GroupBy.DAY, [], days, estimates={}, config=ReportConfig(), now=NOW)
    assert [(r.key, r.label, r.figures.seconds) for r in report.rows] == [
        ("2026-11-23", "Mon 2026-11-23", 0),
        ("2026-11-24", "Tue 2026-11-24", 600),
        ("2026-11-25", "Wed 2026-11-25", 0),
    ]
