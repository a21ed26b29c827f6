"""Chart layout over the ranges people pick: day names dated and apart over months and a year,
days still to come drawn as such, group names told apart, a tooltip on every group bar, the
groups beyond the first eight in words rather than a bar that sets the scale (tags' without a
sum), and days charted by date where they fit, else the biggest."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.test_report_charts import HOUR, Recording, drawn, overlapping
from timo_desktop.core.reports import (
    DaySum,
    EstimateUse,
    GroupBy,
    KeySum,
    Report,
    ReportConfig,
    Span,
    build_report,
)
from timo_desktop.ui.charts import (
    TO_COME,
    Bar,
    ChartColors,
    GroupChart,
    bar_words,
    day_axis,
    day_bars,
    day_plot,
    group_bars,
    group_layout,
    group_names,
    group_tip,
    paint_day_chart,
    paint_group_chart,
)

NOW = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONG = "Very long project name number {} — Relaunch of the corporate intranet and partner portal"


def report(span: Span, today: date | None = None, keys: list[KeySum] | None = None) -> Report:
    """`span` with 6 h (4.5 billable) on every weekday."""
    days = [
        DaySum(day, billable, seconds, 1)
        for day in span.days()
        if day.weekday() < 5
        for billable, seconds in ((True, int(4.5 * HOUR)), (False, int(1.5 * HOUR)))
    ]
    return build_report(
        span,
        GroupBy.PROJECT,
        keys or [],
        days,
        estimates={},
        config=ReportConfig(),
        now=NOW,
        today=today,
    )


def names_under(bars: list[Bar], width: int, height: int) -> list[tuple[str, QRectF]]:
    """The day names the chart draws under its columns."""
    plot_bottom = day_plot(QRectF(0, 0, width, height), metrics()).bottom()
    return [(t, r) for t, r in drawn(paint_day_chart, bars, width, height) if r.top() > plot_bottom]


def metrics() -> QFontMetricsF:
    return QFontMetricsF(QApplication.font())


@pytest.mark.parametrize(("width", "height"), [(490, 240), (680, 190)], ids=["window", "pdf"])
def test_a_year_of_days_keeps_its_names_apart_and_dated(
    qapp: QApplication, width: int, height: int
) -> None:
    year = day_bars(report(Span(date(2025, 11, 27), date(2026, 11, 26))))
    texts = drawn(paint_day_chart, year, width, height)
    assert overlapping(texts) == []  # "Thu 27Thu 8" ran together at the start
    names = [text for text, _ in names_under(year, width, height)]
    assert len(names) >= 4
    assert all(any(month in name for month in MONTHS) for name in names)
    assert names[0] == "27 Nov 2025"  # the year where the range begins and where it changes
    assert sum("2026" in name for name in names) == 1


def test_a_week_across_months_names_the_month_where_it_changes(qapp: QApplication) -> None:
    week = day_bars(report(Span(date(2026, 11, 30), date(2026, 12, 6))))
    assert [bar.label for bar in week][:2] == ["Mon 30 Nov", "Tue 1 Dec"]  # tooltips say it all
    plot = day_plot(QRectF(0, 0, 490, 240), metrics())
    names = [name.text for name in day_axis(week, plot, metrics())]
    assert names[0] == "Mon 30 Nov"
    assert next(name for name in names if "Dec" in name).endswith(" Dec")
    assert names[-1] == "Sun 6"  # December said once, where it began
    assert overlapping(names_under(week, 490, 240)) == []


def test_a_single_month_keeps_weekday_names(qapp: QApplication) -> None:
    month = day_bars(report(Span.month("2026-11")))
    plot = day_plot(QRectF(0, 0, 490, 240), metrics())
    names = [name.text for name in day_axis(month, plot, metrics())]
    assert names[0] == "Sun 1" and all(
        name[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} for name in names
    )


class Fills(Recording):
    """A painter that notes the rectangles it fills, and with what brush."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.fills: list[tuple[QRectF, Qt.BrushStyle]] = []

    def fillRect(self, *args: Any) -> None:  # every overload
        brush = args[-1]
        style = brush.style() if isinstance(brush, QBrush) else Qt.BrushStyle.SolidPattern
        self.fills.append((QRectF(args[0]), style))
        super().fillRect(*args)


def test_days_still_to_come_are_drawn_as_such(qapp: QApplication) -> None:
    # Wednesday: Thursday has not been yet, unlike an untracked day gone by.
    week = report(Span.iso_week("2026-W48"), today=date(2026, 11, 25))
    bars = day_bars(week)
    assert [bar.to_come for bar in bars] == [False] * 3 + [True] * 4
    assert bar_words(Bar("Thu 26", 0, 0, to_come=True)) == "Thu 26: still to come"
    assert bar_words(bars[3]).startswith("Thu 26: 6h 00m")  # had time been planned on it
    image = QImage(490, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = Fills(image)
    area = QRectF(0, 0, 490, 240)
    paint_day_chart(painter, area, bars, ChartColors.for_print(), QApplication.font())
    painter.end()
    plot = day_plot(area, metrics())
    slot = plot.width() / len(bars)
    hatched = {
        int((rect.center().x() - plot.left()) / slot)
        for rect, style in painter.fills
        if style == Qt.BrushStyle.BDiagPattern and rect.height() > plot.height() / 2
    }
    assert hatched == {3, 4, 5, 6}
    assert TO_COME in [text for text, _ in painter.texts]  # the legend says what hatching is
    past = drawn(paint_day_chart, day_bars(report(Span.iso_week("2026-W47"))), 490, 240)
    assert TO_COME not in [text for text, _ in past]


@pytest.mark.parametrize("width", [110, 150, 220])
def test_long_group_names_stay_told_apart(qapp: QApplication, width: int) -> None:
    labels = [LONG.format(n) for n in (0, 3, 12, 15)] + ["Project 16", "Acme website"]
    names = group_names(labels, width, metrics())
    assert len(set(names)) == len(names)  # cut at the end, the long ones read alike
    assert all(metrics().horizontalAdvance(name) <= width + 0.5 for name in names)
    assert names[4:] == ["Project 16", "Acme website"]  # short names whole


def test_the_group_chart_draws_the_number_that_tells_them_apart(qapp: QApplication) -> None:
    bars = [Bar(LONG.format(n), (20 - n) * HOUR, 0) for n in (0, 3, 12)]
    texts = [text for text, _ in drawn(paint_group_chart, bars, 460, 200)]
    for n in (0, 3, 12):
        assert any(re.search(rf"number {n}\b", text) and text.endswith("…") for text in texts)


def eighteen_projects() -> list[KeySum]:
    return [KeySum(f"p{n}", f"Project {n}", True, (20 - n) * HOUR, 1) for n in range(18)]


def test_the_groups_beyond_eight_are_words_not_the_longest_bar(qapp: QApplication) -> None:
    bars = group_bars(report(Span.iso_week("2026-W47"), keys=eighteen_projects()))
    assert len(bars) == 9 and bars[-1].rest and bars[-1].label == "10 more projects"
    assert bars[-1].seconds > bars[0].seconds  # 10 groups together outweigh the biggest
    rows = group_layout(QRectF(0, 0, 460, 320), bars, metrics())
    widths = [row.billable.width() + row.non_billable.width() for row in rows]
    assert widths[0] == max(widths)  # the scale is the biggest group's, not the rest's
    assert widths[-1] == 0
    texts = [text for text, _ in drawn(paint_group_chart, bars, 460, 320)]
    assert "10 more projects: 75:00 in all, each in the table" in texts
    assert overlapping(drawn(paint_group_chart, bars, 460, 320)) == []


def by_day(span: Span, hours: list[float]) -> Report:
    """`span` grouped by day, with `hours` (billable) on its first days, in turn."""
    days = [
        DaySum(span.first + timedelta(days=n), True, int(h * HOUR), 1) for n, h in enumerate(hours)
    ]
    return build_report(span, GroupBy.DAY, [], days, estimates={}, config=ReportConfig(), now=NOW)


def test_a_week_by_day_is_charted_in_date_order() -> None:
    bars = group_bars(by_day(Span.iso_week("2026-W48"), [2, 8, 0, 5, 1, 3, 4]))
    # Every day with time, as the week runs; none summed.
    assert [bar.label for bar in bars] == [
        "Mon 2026-11-23",
        "Tue 2026-11-24",
        "Thu 2026-11-26",
        "Fri 2026-11-27",
        "Sat 2026-11-28",
        "Sun 2026-11-29",
    ]


def test_a_month_by_day_charts_its_biggest_days() -> None:
    # Ten days, each an hour longer than the one before but the last, of 2 h.
    bars = group_bars(by_day(Span.month("2026-11"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 2]))
    assert [bar.seconds // HOUR for bar in bars] == [9, 8, 7, 6, 5, 4, 3, 2, 3]
    assert bars[-2].label == "Mon 2026-11-02"  # of the two 2 h days, the first
    assert bars[-1].rest and bars[-1].label == "2 more days"  # 1 h and the later 2 h


def test_the_tags_beyond_eight_are_named_without_a_sum(qapp: QApplication) -> None:
    # One hour tagged twelve ways: it is in each tag's row, so the last four rows come to
    # four hours in a week of one.
    tags = [KeySum(f"t{n:02d}", f"t{n:02d}", True, HOUR, 1) for n in range(12)]
    week = Span.iso_week("2026-W48")
    tagged = build_report(
        week,
        GroupBy.TAG,
        tags,
        [DaySum(week.first, True, HOUR, 1)],
        estimates={},
        config=ReportConfig(),
        now=NOW,
    )
    *drawn_bars, rest = group_bars(tagged)
    assert len(drawn_bars) == 8 and rest.rest and rest.label == "4 more tags"
    assert rest.seconds == 0  # no sum to draw or say
    texts = [text for text, _ in drawn(paint_group_chart, [*drawn_bars, rest], 460, 320)]
    assert "4 more tags, each in the table" in texts
    assert not [text for text in texts if "in all" in text or "4:00" in text]
    assert group_tip(rest) == bar_words(rest) == "4 more tags, each in the table"


def test_each_group_bar_has_its_figures_in_a_tooltip(qtbot: QtBot) -> None:
    chart = GroupChart()
    qtbot.addWidget(chart)
    chart.resize(460, 240)
    site = Bar(LONG.format(3), 9 * HOUR, HOUR, EstimateUse(10 * HOUR, int(18.75 * HOUR)))
    bars = [Bar(LONG.format(0), 12 * HOUR, 0), site]
    chart.set_bars(bars)
    rows = group_layout(chart.area(), bars, QFontMetricsF(chart.font()))
    assert chart.bar_at(rows[1].row.center().y()) == site
    assert chart.bar_at(rows[-1].row.bottom() + 1) is None
    assert group_tip(site) == (
        f"{LONG.format(3)}: 10h 00m (9h 00m billable);"
        " 188 % of the 10h 00m estimate used, 18h 45m to date"
    )
    chart.show()
    at = QPoint(int(rows[1].billable.center().x()), int(rows[1].row.center().y()))
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, at, chart.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == group_tip(site)  # the whole name, which the bar cuts short
    QToolTip.hideText()


def test_day_bars_over_a_range_within_one_month_keep_short_names() -> None:
    bars = day_bars(report(Span(date(2026, 11, 23), date(2026, 11, 23) + timedelta(days=6))))
    assert [bar.label for bar in bars][:2] == ["Mon 23", "Tue 24"]
