"""Report charts drawn with QPainter: the same drawing on screen and in the PDF.

- Billable vs non-billable per day: stacked columns, every day of the range.
  Days still to come are hatched (and the legend says "To come"), so a
  Thursday not yet lived does not look like an untracked holiday. Day names
  go under the columns every day where they fit, else every few days, never
  over one another; where the range spans months the month is named on the
  first name and where it changes (over long ranges `27 Nov`, without the
  weekday), the year likewise where it spans years.
- Hours per group (project by default): stacked bars, biggest first (days in
  date order where they all fit, as a week's do); a group with an estimate
  gets a thin track beneath showing its actual time to date against the
  estimate, with a mark at the estimate (red past it). Names too
  long for the chart are cut keeping what tells them apart; each bar has its
  figures in a tooltip. The groups beyond the first eight are one line of
  words ("10 more projects: 38:30 in all"), not a bar: their sum is no group's
  size, and as a bar it set the scale and squashed the groups drawn. Tags' line
  says no sum ("4 more tags, each in the table"): an entry with several tags is
  in each of their rows, so theirs could come to more than all the time tracked.

Bars are built from the report's own figures (`day_bars`, `group_bars`), and
labels use the table's hours:minutes, so chart and table agree to the minute.
Where things go is worked out apart from the drawing (`day_axis`,
`group_layout`, `group_names`), so it can be checked without reading pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
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

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import format_duration
from timo_desktop.core.reports import EstimateUse, GroupBy, Report
from timo_desktop.reports.formats import used_percent
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.style import GREEN, RED

MAX_GROUP_BARS = 8
NOTHING_TRACKED = "No time tracked in this range"
TO_COME = "To come"
AXIS_GAP = 6  # px kept clear between two day names
ELLIPSIS = "…"


@dataclass(frozen=True)
class Bar:
    """One bar: billable and non-billable seconds, and the estimate use if there is one.

    A day's bar knows its date (`day`) and whether it is still to come; `rest` marks the
    groups beyond those drawn, summed (said in words, not drawn as a bar), unless `summed`
    is False: then they have no time of their own to say (`rest_words`).
    """

    label: str
    billable_seconds: int
    non_billable_seconds: int
    estimate: EstimateUse | None = None
    day: date | None = None
    to_come: bool = False
    rest: bool = False
    summed: bool = True

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
    """One bar per day of the report's range (`Mon 23`; `Mon 30 Nov` where the range spans
    months, `Mon 30 Nov 2026` where it spans years), days after today marked to come."""
    span = report.span
    months, years = span.spans_months(), span.first.year != span.last.year
    return [
        Bar(
            f"{d.day:%a} {d.day.day}"
            + (f" {d.day:%b}" if months else "")
            + (f" {d.day.year}" if years else ""),
            d.figures.shown_billable_seconds,
            d.figures.shown_non_billable_seconds,
            day=d.day,
            to_come=report.to_come(d.day),
        )
        for d in report.days
    ]


def group_bars(report: Report, limit: int = MAX_GROUP_BARS) -> list[Bar]:
    """The report's rows as bars, biggest first, but days in date order where they all fit
    (a week's); beyond `limit`, the rest summed in one (`10 more projects`, `22 more days`),
    marked `rest`. Tags' rest has no sum (`summed` False, no time)."""
    rows = [row for row in report.rows if row.figures.seconds]
    if report.group_by is GroupBy.DAY and len(rows) > limit:
        # A month's days in date order would be its first eight, the rest summed: its
        # biggest are drawn instead (ties by date), the day chart having every one.
        rows.sort(key=lambda row: -row.figures.seconds)
    bars = [
        Bar(
            row.label,
            row.figures.shown_billable_seconds,
            row.figures.shown_non_billable_seconds,
            row.estimate,
        )
        for row in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        noun = report.group_by.value.replace("_", " ") + ("s" if len(rest) > 1 else "")
        # An entry with several tags is in each of their rows: summed, one hour tagged
        # twelve ways read "4 more tags: 4:00 in all" under a week of 1:00.
        summed = report.group_by is not GroupBy.TAG
        bars.append(
            Bar(
                f"{len(rest)} more {noun}",
                sum(r.figures.shown_billable_seconds for r in rest) if summed else 0,
                sum(r.figures.shown_non_billable_seconds for r in rest) if summed else 0,
                rest=True,
                summed=summed,
            )
        )
    return bars


def rest_words(bar: Bar, length: Callable[[int], str] = format_duration) -> str:
    """The line said for the groups beyond those drawn: `10 more projects: 38h 30m in all,
    each in the table` (its length written by `length`), or, without a sum, `4 more tags,
    each in the table`."""
    if not bar.summed:
        return f"{isolated(bar.label)}, each in the table"
    return f"{isolated(bar.label)}: {length(bar.seconds)} in all, each in the table"


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


@dataclass(frozen=True)
class AxisLabel:
    """A day name under the day chart: the column it names, its text and where it goes."""

    index: int
    text: str
    rect: QRectF


def day_axis(bars: Sequence[Bar], plot: QRectF, metrics: QFontMetricsF) -> list[AxisLabel]:
    """The day names under `plot`'s columns: every day where they fit, else every few days
    (a name never runs into the next, nor past the plot's ends); the month on the first name
    and where it changes when the range spans months, the year likewise when it spans years.
    Names a week or more apart give the date alone (`27 Nov`): the weekday says little there.
    Bars without a `day` are named by their label."""
    if not bars:
        return []
    slot = plot.width() / len(bars)
    days = [bar.day for bar in bars]
    dated = [day for day in days if day is not None] if None not in days else []
    months = len({(day.year, day.month) for day in dated}) > 1
    years = len({day.year for day in dated}) > 1

    def short(index: int, weekday: bool) -> str:
        day = days[index]
        if not dated or day is None:
            return bars[index].label
        return f"{day:%a} {day.day}" if weekday else f"{day.day} {day:%b}"

    def every(weekday: bool, suffix: str = "") -> int:
        widest = max(
            metrics.horizontalAdvance(short(i, weekday) + suffix) for i in range(len(bars))
        )
        return max(1, math.ceil((widest + AXIS_GAP) / slot))

    weekday = True
    step = every(weekday)
    if months and step >= 7:
        # Sparse names are dates alone; spaced for the widest (with a year), so evenly.
        weekday = False
        step = every(weekday, " 0000" if years else "")
    placed: list[AxisLabel] = []
    shown_month: tuple[int, int] | None = None
    shown_year: int | None = None
    index = 0
    while index < len(bars):
        text = short(index, weekday)
        day = days[index]
        if dated and day is not None:
            if months and weekday and (day.year, day.month) != shown_month:
                text += f" {day:%b}"  # where it changes (a date alone always has its month)
            if years and day.year != shown_year:
                text += f" {day.year}"
        width = metrics.horizontalAdvance(text) + AXIS_GAP
        # Centred under its column, but kept inside the plot (not under the hours of the axis).
        left = plot.left() + slot * (index + 0.5) - width / 2
        left = max(min(left, plot.right() - width), plot.left())
        rect = QRectF(left, plot.bottom() + 4, width, metrics.height())
        # Kept inside, the first name moves right, onto its neighbour (as may a name that
        # carries its month): the next day along is named instead.
        if placed and rect.left() < placed[-1].rect.right():
            index += 1
            continue
        placed.append(AxisLabel(index, text, rect))
        if day is not None:
            shown_month, shown_year = (day.year, day.month), day.year
        index += step
    return placed


def paint_day_chart(
    painter: QPainter, area: QRectF, bars: Sequence[Bar], colors: ChartColors, font: QFont
) -> None:
    """Stacked columns, billable at the bottom, the day's total above each column; days still
    to come hatched."""
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
    to_come = any(bar.to_come for bar in bars)
    _legend(painter, QRectF(plot.left(), area.top(), plot.width(), line), colors, metrics, to_come)
    slot = plot.width() / max(len(bars), 1)
    width = min(slot * 0.6, 48)
    # A month leaves a day less room than its total: leave the totals to the tooltip when
    # they would run into each other.
    totals_fit = (
        max((metrics.horizontalAdvance(hours_minutes(bar.seconds)) for bar in bars), default=0) + 4
        <= slot
    )
    for index, bar in enumerate(bars):
        x = plot.left() + slot * index + (slot - width) / 2
        if bar.to_come:  # not an empty day: one that has not been yet
            painter.fillRect(QRectF(x, plot.top(), width, plot.height()), _hatch(colors))
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
    painter.setPen(colors.muted)
    for name in day_axis(bars, plot, metrics):
        painter.drawText(name.rect, Qt.AlignmentFlag.AlignCenter, name.text)
    painter.restore()


def _hatch(colors: ChartColors) -> QBrush:
    """Thin diagonal lines: a day still to come (lighter than the columns: nothing is there)."""
    lines = QColor(colors.muted)
    lines.setAlphaF(0.55)
    return QBrush(lines, Qt.BrushStyle.BDiagPattern)


def _legend(
    painter: QPainter,
    line: QRectF,
    colors: ChartColors,
    metrics: QFontMetricsF,
    to_come: bool = False,
) -> None:
    """`■ Billable  ■ Non-billable` (and `▨ To come` where days are), right-aligned on `line`."""
    keys: list[tuple[str, QBrush]] = [
        ("Billable", QBrush(colors.billable)),
        ("Non-billable", QBrush(colors.non_billable)),
    ]
    if to_come:
        keys.append((TO_COME, _hatch(colors)))
    x = line.right()
    for text, brush in reversed(keys):
        x -= metrics.horizontalAdvance(text)
        painter.setPen(colors.muted)
        painter.drawText(
            QRectF(x, line.top(), metrics.horizontalAdvance(text), line.height()), text
        )
        x -= line.height() * 0.7 + 4
        square = line.height() * 0.6
        key = QRectF(x, line.center().y() - square / 2, square, square)
        painter.fillRect(key, brush)
        if brush.style() != Qt.BrushStyle.SolidPattern:  # a square's few hatch lines need an edge
            painter.setPen(QPen(brush.color(), 1))
            painter.drawRect(key)
        x -= 14


def group_names(labels: Sequence[str], width: float, metrics: QFontMetricsF) -> list[str]:
    """Each label cut to `width` where it is longer, keeping what tells it from the others:
    where cutting the end off would leave two alike ("Very long project name …" three times),
    the words where they first differ stay in view (`Very long…number 12 — Relau…`)."""
    cut = [metrics.elidedText(label, Qt.TextElideMode.ElideRight, width) for label in labels]
    shown = list(cut)
    for index, label in enumerate(labels):
        alike = [
            other
            for other, other_cut in zip(labels, cut, strict=True)
            if other_cut == cut[index] and other != label
        ]
        if alike:
            differs = max(_common_start(label, other) for other in alike)
            shown[index] = _keep_from(label, differs, width, metrics)
    return shown


def _common_start(one: str, other: str) -> int:
    """How many characters `one` and `other` begin with alike."""
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))


def _keep_from(label: str, differs: int, width: float, metrics: QFontMetricsF) -> str:
    """`label` in `width` showing its character `differs` (where it parts from a label that
    would read alike): from the word before it if there is room, else from its own word,
    after as much of the label's beginning as fits; both ends (`ElideMiddle`) at worst."""
    word = label.rfind(" ", 0, differs) + 1  # where the word holding the difference begins
    context = label.rfind(" ", 0, word - 1) + 1 if word else 0
    dots = metrics.horizontalAdvance(ELLIPSIS)
    for start in dict.fromkeys((context, word)):
        if not start:  # from the beginning: cutting the end off is what made them alike
            continue
        head = label[:start].rstrip()
        for share in (0.4, 0.2, 0.0):  # of the width, left for the beginning
            room = width - min(metrics.horizontalAdvance(head), width * share) - dots
            tail = metrics.elidedText(label[start:], Qt.TextElideMode.ElideRight, room)
            if tail.startswith(label[start : differs + 1]):
                left = width - metrics.horizontalAdvance(tail) - dots
                while head and metrics.horizontalAdvance(head) > left:
                    head = head[:-1].rstrip()
                return f"{head}{ELLIPSIS}{tail}"
    return metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, width)


@dataclass(frozen=True)
class GroupRow:
    """One row of the group chart as laid out: what it shows and where."""

    bar: Bar
    name: str  # the label as drawn (the rest line has none: it is all words, in `value`)
    row: QRectF  # the row's whole band: its tooltip answers there
    label: QRectF
    billable: QRectF
    non_billable: QRectF
    value: QRectF
    value_text: str
    track: QRectF | None  # the estimate track, where there is an estimate and room for it


def group_layout(area: QRectF, bars: Sequence[Bar], metrics: QFontMetricsF) -> list[GroupRow]:
    """Where each bar of the group chart goes in `area`. Bars scale to the longest group
    drawn; the rest (`rest`) is a line of words across the row instead."""
    line = metrics.height()
    drawn = [bar for bar in bars if not bar.rest]
    label_width = min(
        max((metrics.horizontalAdvance(bar.label) for bar in drawn), default=0) + 8,
        area.width() * 0.35,
    )
    names = iter(group_names([bar.label for bar in drawn], label_width - 8, metrics))
    value_width = (
        max((metrics.horizontalAdvance(hours_minutes(bar.seconds)) for bar in drawn), default=0) + 8
    )
    left, right = area.left() + label_width, area.right() - value_width
    top = max((bar.seconds for bar in drawn), default=0) or 1
    row = max(min(area.height() / max(len(bars), 1), line * 2.6), line + 4)
    height = line * 0.9
    laid: list[GroupRow] = []
    for index, bar in enumerate(bars):
        y = area.top() + row * index
        band = QRectF(area.left(), y, area.width(), row)
        if bar.rest:
            words = rest_words(bar, hours_minutes)
            shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, area.width())
            nowhere = QRectF(area.left(), y, 0, height)
            full = QRectF(area.left(), y, area.width(), height)
            laid.append(GroupRow(bar, "", band, nowhere, nowhere, nowhere, full, shown, None))
            continue
        billable = (right - left) * bar.billable_seconds / top
        non_billable = (right - left) * bar.non_billable_seconds / top
        end = left + billable + non_billable
        track = None
        if bar.estimate is not None and row >= line * 1.8:
            track = QRectF(left, y + height + 4, (right - left) * 0.5, 4)
        laid.append(
            GroupRow(
                bar,
                next(names),
                band,
                QRectF(area.left(), y, label_width - 8, height),
                QRectF(left, y, billable, height),
                QRectF(left + billable, y, non_billable, height),
                QRectF(end + 4, y, value_width, height),
                hours_minutes(bar.seconds),
                track,
            )
        )
    return laid


def paint_group_chart(
    painter: QPainter, area: QRectF, bars: Sequence[Bar], colors: ChartColors, font: QFont
) -> None:
    """Horizontal stacked bars with the total, and estimate tracks where there are estimates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    if not bars:
        painter.setPen(colors.muted)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, NOTHING_TRACKED)
        painter.restore()
        return
    beside = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for laid in group_layout(area, bars, QFontMetricsF(font)):
        if laid.bar.rest:
            painter.setPen(colors.muted)
            painter.drawText(laid.value, beside, laid.value_text)
            continue
        painter.setPen(colors.text)
        painter.drawText(laid.label, beside, laid.name)
        for rect, colour in (
            (laid.billable, colors.billable),
            (laid.non_billable, colors.non_billable),
        ):
            if rect.width() > 0:
                painter.fillRect(rect, colour)
        painter.drawText(laid.value, beside, laid.value_text)
        if laid.track is not None and laid.bar.estimate is not None:
            _estimate_track(painter, laid.track, area.right(), laid.bar.estimate, colors, font)
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
        f"{used_percent(use)} · {hours_minutes(use.actual_seconds)} of"
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
    time of day; `Thu 26: still to come` for a day not yet come with nothing on it; the
    groups beyond those drawn as their line says them (`rest_words`)."""
    if bar.rest:
        return rest_words(bar)
    if bar.to_come and not bar.seconds:
        return f"{isolated(bar.label)}: still to come"
    return (  # a project's name set apart: a Hebrew one took the hours to its far side
        f"{isolated(bar.label)}: {format_duration(bar.seconds)}"
        f" ({format_duration(bar.billable_seconds)} billable)"
    )


def group_tip(bar: Bar) -> str:
    """A group bar's tooltip: its whole name and figures in words, and its estimate's use
    (`…; 188 % of the 10h 00m estimate used, 18h 45m to date`)."""
    use = bar.estimate
    if use is None:
        return bar_words(bar)
    return (
        f"{bar_words(bar)}; {used_percent(use)} of the"
        f" {format_duration(use.estimate_seconds)} estimate used,"
        f" {format_duration(use.actual_seconds)} to date"
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
            return _tooltip(self, event, self.bar_at(event.pos().x()), bar_words)
        return super().event(event)


class GroupChart(_Chart):
    """Hours per group, with estimate marks; a group's whole name and figures in a tooltip
    (a long name is cut short on its bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Hours per group", paint_group_chart, (4, 8, -8, -4), parent)

    def bar_at(self, y: float) -> Bar | None:
        """The group whose row is at `y`, if any."""
        for laid in group_layout(self.area(), self._bars, QFontMetricsF(self.font())):
            if laid.row.top() <= y < laid.row.bottom():
                return laid.bar
        return None

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            return _tooltip(self, event, self.bar_at(event.pos().y()), group_tip)
        return super().event(event)


def _tooltip(
    chart: QWidget, event: QHelpEvent, bar: Bar | None, words: Callable[[Bar], str]
) -> bool:
    """Show `bar`'s words at the help event (or hide the tooltip off the bars)."""
    if bar is None:
        QToolTip.hideText()
    else:
        QToolTip.showText(event.globalPos(), words(bar), chart)
    return True
