"""The report charts read at any range: no text drawn over other text, every figure inside
the chart, and words where there is nothing to draw."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from itertools import combinations
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QHelpEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from timo_desktop.core.reports import EstimateUse
from timo_desktop.ui.charts import (
    NOTHING_TRACKED,
    Bar,
    ChartColors,
    DayChart,
    bar_words,
    day_plot,
    paint_day_chart,
    paint_group_chart,
)

HOUR = 3600
Painter = Callable[[QPainter, QRectF, Sequence[Bar], ChartColors, QFont], None]


class Recording(QPainter):
    """A painter that notes where each text it draws lands."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[tuple[str, QRectF]] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]  # every overload
        rect, text = args[0], args[-1]
        flags = args[1] if len(args) == 3 else 0
        if text:
            self.texts.append((text, self.boundingRect(rect, flags, text)))
        super().drawText(*args)


def drawn(paint: Painter, bars: Sequence[Bar], width: int, height: int) -> list[tuple[str, QRectF]]:
    """The texts `paint` draws for `bars` in a `width` × `height` chart, and where."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = Recording(image)
    paint(painter, QRectF(0, 0, width, height), bars, ChartColors.for_print(), QApplication.font())
    painter.end()
    return painter.texts


def overlapping(texts: list[tuple[str, QRectF]]) -> list[tuple[str, str]]:
    # A pixel of anti-aliasing either side is not an overlap.
    return [
        (one, other)
        for (one, a), (other, b) in combinations(texts, 2)
        if a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))
    ]


def days(first: date, hours: Sequence[float]) -> list[Bar]:
    return [
        Bar(f"{day:%a} {day.day}", int(h * HOUR * 0.75), int(h * HOUR * 0.25))
        for day, h in ((first + timedelta(days=i), h) for i, h in enumerate(hours))
    ]


@pytest.mark.parametrize(("width", "height"), [(490, 240), (680, 190)], ids=["window", "pdf"])
def test_a_month_of_days_keeps_its_labels_apart(
    qapp: QApplication, width: int, height: int
) -> None:
    month = days(date(2026, 11, 1), [7.5 if i % 7 < 5 else 0 for i in range(30)])
    texts = drawn(paint_day_chart, month, width, height)
    assert overlapping(texts) == []
    names = [text for text, _ in texts if text in {bar.label for bar in month}]
    assert names[0] == "Sun 1" and len(names) >= 4  # still a date every few days


def test_a_days_figures_are_in_its_tooltip_where_there_is_no_room_for_them(
    qtbot: QtBot,
) -> None:
    chart = DayChart()
    qtbot.addWidget(chart)
    chart.resize(500, 240)
    month = days(date(2026, 11, 1), [7.5 if i % 7 < 5 else 0 for i in range(30)])
    chart.set_bars(month)
    plot = day_plot(chart.area(), QFontMetricsF(chart.font()))
    slot = plot.width() / len(month)
    assert chart.bar_at(plot.left() + slot * 1.5) == month[1]
    assert chart.bar_at(plot.right() - 1) == month[-1]
    assert chart.bar_at(plot.left() - 1) is None
    assert bar_words(month[1]) == "Mon 2: 7h 30m (5h 37m billable)"
    chart.show()
    at = QPoint(int(plot.left() + slot * 1.5), int(plot.center().y()))
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, at, chart.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == bar_words(month[1])
    QToolTip.hideText()


@pytest.mark.parametrize(("width", "height"), [(490, 240), (680, 190)], ids=["window", "pdf"])
def test_the_longest_days_total_stays_clear_of_the_legend(
    qapp: QApplication, width: int, height: int
) -> None:
    # 23:30 is 94 % of the 25 h the axis goes to: its total, under the legend at the
    # right, sat on it.
    week = days(date(2026, 11, 23), [10, 0.1, 0, 0, 0, 0, 23.5])
    texts = drawn(paint_day_chart, week, width, height)
    assert "23:30" in [text for text, _ in texts]
    assert overlapping(texts) == []


def test_large_group_hours_stay_inside_the_chart(qapp: QApplication) -> None:
    year = [Bar("Website relaunch", 1234 * HOUR, 56 * HOUR), Bar("Admin", 0, 310 * HOUR)]
    texts = drawn(paint_group_chart, year, 460, 200)
    assert "1290:00" in [text for text, _ in texts]
    assert all(rect.right() <= 460 for _, rect in texts)


def test_the_estimate_track_says_the_time_to_date_and_fits(qapp: QApplication) -> None:
    # 10:45 in the range shown, 18:45 ever against a 10 h estimate.
    use = EstimateUse(10 * HOUR, int(18.75 * HOUR))
    site = Bar("Acme website", int(9.75 * HOUR), HOUR, use)
    texts = drawn(paint_group_chart, [site, Bar("Initech app", int(7.25 * HOUR), 0)], 460, 200)
    [words] = [text for text, _ in texts if "estimate" in text]
    assert words == "188 % · 18:45 of 10:00 estimate"
    narrow = drawn(paint_group_chart, [site], 300, 200)
    assert all(rect.right() <= 300 for _, rect in narrow)


def test_a_range_with_no_time_says_so(qapp: QApplication) -> None:
    assert [text for text, _ in drawn(paint_group_chart, [], 460, 200)] == [NOTHING_TRACKED]
