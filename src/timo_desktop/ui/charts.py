"""Report charts drawn with QPainter: the same drawing on screen and in the PDF.

- Billable vs non-billable per day: stacked columns, every day of the range.
- Hours per group (project by default): stacked bars, biggest first; a group
  with an estimate gets a thin track beneath showing its actual time to date
  against the estimate, with a mark at the estimate (red past it).

Bars are built from the report's own figures (`day_bars`, `group_bars`), and
labels use the table's hours:minutes, so chart and table agree to the minute.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from timo_desktop.core.durations import format_duration
from timo_desktop.core.reports import EstimateUse, Report
from timo_desktop.reports.formats import percent
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.style import GREEN, RED

MAX_GROUP_BARS = 8
NOTHING_TRACKED = "No time tracked in this range"


@dataclass(frozen=True)
class Bar:
    """One bar: billable and non-billable seconds, and the estimate use if there is one."""

    label: str
    billable_seconds: int
    non_billable_seconds: int
    estimate: EstimateUse | None = None

    @property
    def seconds(self) -> int:
        return self.billable_seconds + self.non_billable_seconds


@dataclass(frozen=True)
class ChartColors:
    """Colours for a chart, from a palette (screen) or fixed (print)."""

    billable: QColor
    non_billable: QColor
    text: QColor
    muted: QColor
    grid: QColor
    over: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColors:
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        return cls(QColor(GREEN), QColor("#9aa5b1"), text, muted, grid, QColor(RED))

    @classmethod
    def for_print(cls) -> ChartColors:
        return cls(
            QColor(GREEN),
            QColor("#9aa5b1"),
            QColor("#202124"),
            QColor("#5f6368"),
            QColor("#dadce0"),
            QColor(RED),
        )


def day_bars(report: Report) -> list[Bar]:
    """One bar per day of the report's range (`Mon 23`)."""
    return [
        Bar(
            f"{d.day:%a} {d.day.day}",
            d.figures.billable_seconds,
            d.figures.non_billable_seconds,
        )
        for d in report.days
    ]


def group_bars(report: Report, limit: int = MAX_GROUP_BARS) -> list[Bar]:
    """The report's rows as bars, biggest first; beyond `limit`, the rest in one bar."""
    rows = [row for row in report.rows if row.figures.seconds]
    bars = [
        Bar(
            row.label,
            row.figures.billable_seconds,
            row.figures.non_billable_seconds,
            row.estimate,
        )
        for row in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        bars.append(
            Bar(
                f"{len(rest)} more",
                sum(r.figures.billable_seconds for r in rest),
                sum(r.figures.non_billable_seconds for r in rest),
            )
        )
    return bars


def _step(top_seconds: int) -> int:
    """A grid step in whole hours giving three to six lines."""
    hours = max(top_seconds / 3600, 1)
    for step in (1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500):
        if hours / step <= 5:
            return step * 3600
    return 1000 * 3600


def day_plot(area: QRectF, metrics: QFontMetricsF) -> QRectF:
    """Where the day chart's columns stand in `area`: right of the hours, under the legend
    and a line for the totals above the columns (the tallest one's total would otherwise
    sit on the legend), over the day names."""
    line = metrics.height()
    return area.adjusted(metrics.horizontalAdvance("00h") + 6, 2 * line + 6, 0, -(line + 6))


def paint_day_chart(
    painter: QPainter, area: QRectF, bars: Sequence[Bar], colors: ChartColors, font: QFont
) -> None:
    """Stacked columns, billable at the bottom, the day's total above each column."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    line = metrics.height()
    plot = day_plot(area, metrics)
    top = max((bar.seconds for bar in bars), default=0)
    step = _step(top)
    ceiling = max(step * (top // step + 1), step)
    painter.setPen(QPen(colors.grid, 1))
    for mark in range(0, ceiling + 1, step):
        y = plot.bottom() - plot.height() * mark / ceiling
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(colors.muted)
        label = QRectF(area.left(), y - line / 2, plot.left() - area.left() - 6, line)
        painter.drawText(
            label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{mark // 3600}h"
        )
        painter.setPen(QPen(colors.grid, 1))
    _legend(painter, QRectF(plot.left(), area.top(), plot.width(), line), colors, metrics)
    slot = plot.width() / max(len(bars), 1)
    width = min(slot * 0.6, 48)
    # A month leaves a day less room than its name or its total: name every few days, and
    # leave the totals to the tooltip when they would run into each other.
    widest = max((metrics.horizontalAdvance(bar.label) for bar in bars), default=0)
    named_every = max(1, math.ceil((widest + 6) / slot))
    totals_fit = (
        max((metrics.horizontalAdvance(hours_minutes(bar.seconds)) for bar in bars), default=0) + 4
        <= slot
    )
    for index, bar in enumerate(bars):
        x = plot.left() + slot * index + (slot - width) / 2
        y = plot.bottom()
        for seconds, colour in (
            (bar.billable_seconds, colors.billable),
            (bar.non_billable_seconds, colors.non_billable),
        ):
            height = plot.height() * seconds / ceiling
            if height > 0:
                painter.fillRect(QRectF(x, y - height, width, height), colour)
            y -= height
        if bar.seconds and totals_fit:
            painter.setPen(colors.text)
            total = QRectF(x - slot, y - line - 2, width + 2 * slot, line)
            painter.drawText(total, Qt.AlignmentFlag.AlignCenter, hours_minutes(bar.seconds))
        if index % named_every == 0:
            # Centred under its column, but not under the hours of the axis.
            left = plot.left() + slot * (index + 0.5) - widest / 2 - 3
            left = min(max(left, plot.left()), plot.right() - widest - 6)
            name = QRectF(left, plot.bottom() + 4, widest + 6, line)
            painter.setPen(colors.muted)
            painter.drawText(name, Qt.AlignmentFlag.AlignCenter, bar.label)
    painter.restore()


def _legend(painter: QPainter, line: QRectF, colors: ChartColors, metrics: QFontMetricsF) -> None:
    """`■ Billable  ■ Non-billable`, right-aligned on `line`."""
    x = line.right()
    for text, colour in (("Non-billable", colors.non_billable), ("Billable", colors.billable)):
        x -= metrics.horizontalAdvance(text)
        painter.setPen(colors.muted)
        painter.drawText(
            QRectF(x, line.top(), metrics.horizontalAdvance(text), line.height()), text
        )
        x -= line.height() * 0.7 + 4
        square = line.height() * 0.6
        painter.fillRect(QRectF(x, line.center().y() - square / 2, square, square), colour)
        x -= 14


def paint_group_chart(
    painter: QPainter, area: QRectF, bars: Sequence[Bar], colors: ChartColors, font: QFont
) -> None:
    """Horizontal stacked bars with the total, and estimate tracks where there are estimates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    line = metrics.height()
    label_width = min(
        max((metrics.horizontalAdvance(bar.label) for bar in bars), default=0) + 8,
        area.width() * 0.35,
    )
    if not bars:
        painter.setPen(colors.muted)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, NOTHING_TRACKED)
        painter.restore()
        return
    value_width = max(metrics.horizontalAdvance(hours_minutes(bar.seconds)) for bar in bars) + 8
    left, right = area.left() + label_width, area.right() - value_width
    top = max((bar.seconds for bar in bars), default=0) or 1
    row = max(min(area.height() / max(len(bars), 1), line * 2.6), line + 4)
    for index, bar in enumerate(bars):
        y = area.top() + row * index
        height = line * 0.9
        painter.setPen(colors.text)
        name = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
        painter.drawText(
            QRectF(area.left(), y, label_width - 8, height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        x = left
        for seconds, colour in (
            (bar.billable_seconds, colors.billable),
            (bar.non_billable_seconds, colors.non_billable),
        ):
            width = (right - left) * seconds / top
            if width > 0:
                painter.fillRect(QRectF(x, y, width, height), colour)
            x += width
        painter.drawText(
            QRectF(x + 4, y, value_width, height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            hours_minutes(bar.seconds),
        )
        if bar.estimate is not None and row >= line * 1.8:
            track = QRectF(left, y + height + 4, (right - left) * 0.5, 4)
            _estimate_track(painter, track, area.right(), bar.estimate, colors, font)
    painter.restore()


def _estimate_track(
    painter: QPainter,
    track: QRectF,
    right: float,
    use: EstimateUse,
    colors: ChartColors,
    font: QFont,
) -> None:
    """Actual to date against the estimate: a bar up to 150 %, a mark at 100 %, words after
    (up to `right`)."""
    used = use.percent_used or 0.0
    scale = track.width() / 1.5
    painter.fillRect(track, colors.grid)
    colour = colors.over if use.over else colors.muted
    painter.fillRect(
        QRectF(track.left(), track.top(), scale * min(used, 1.5), track.height()), colour
    )
    mark_x = track.left() + scale
    painter.setPen(QPen(colors.text, 2))
    painter.drawLine(QPointF(mark_x, track.top() - 3), QPointF(mark_x, track.bottom() + 3))
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.8, 6))
    painter.setFont(small)
    painter.setPen(colour if use.over else colors.muted)
    # With the time to date it counts: beside the range's bar (10:45), "188 % of 10:00"
    # alone reads as a sum that does not add up.
    small_metrics = QFontMetricsF(small)
    room = right - track.right() - 8
    words = small_metrics.elidedText(
        f"{percent(use.percent_used)} · {hours_minutes(use.actual_seconds)} of"
        f" {hours_minutes(use.estimate_seconds)} estimate",
        Qt.TextElideMode.ElideRight,
        room,
    )
    height = small_metrics.height()
    painter.drawText(
        QRectF(track.right() + 8, track.center().y() - height / 2, room, height),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        words,
    )
    painter.setFont(font)


def bar_words(bar: Bar) -> str:
    """`Mon 23: 6h 45m (5h 00m billable)`: in words, as a screen reader reads "6:45" as a
    time of day."""
    return (
        f"{bar.label}: {format_duration(bar.seconds)}"
        f" ({format_duration(bar.billable_seconds)} billable)"
    )


ChartPainter = Callable[[QPainter, QRectF, Sequence[Bar], ChartColors, QFont], None]


class _Chart(QWidget):
    """A chart widget: keeps its bars and paints them with `paint` inside `margins`."""

    def __init__(
        self,
        name: str,
        paint: ChartPainter,
        margins: tuple[int, int, int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._paint = paint
        self._margins = margins
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Show `bars` (kept for tests and accessibility)."""
        self._bars = list(bars)
        self.setAccessibleDescription("; ".join(map(bar_words, self._bars)))
        self.update()

    def bars(self) -> list[Bar]:
        """The bars drawn."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(360, 240)

    def area(self) -> QRectF:
        """Where the chart is drawn."""
        return QRectF(self.rect()).adjusted(*self._margins)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colors = ChartColors.from_palette(self.palette())
        self._paint(painter, self.area(), self._bars, colors, self.font())
        painter.end()


class DayChart(_Chart):
    """Billable vs non-billable hours per day; a day's figures in a tooltip (a month has no
    room for them above its columns)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Billable and non-billable hours per day", paint_day_chart, (4, 4, -8, -4), parent
        )

    def bar_at(self, x: float) -> Bar | None:
        """The day whose column is at `x`, if any."""
        plot = day_plot(self.area(), QFontMetricsF(self.font()))
        if not self._bars or not plot.left() <= x < plot.right():
            return None
        return self._bars[int((x - plot.left()) / plot.width() * len(self._bars))]

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            bar = self.bar_at(event.pos().x())
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), bar_words(bar), self)
            return True
        return super().event(event)


class GroupChart(_Chart):
    """Hours per group, with estimate marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Hours per group", paint_group_chart, (4, 8, -8, -4), parent)
