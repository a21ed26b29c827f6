"""The report as a PDF: title, totals against targets, both charts and the table (QPdfWriter).

Drawn with the same painters as the window (`ui.charts`), on A4 at 96 dpi so
one unit is one screen pixel; long tables continue on further pages. The
figures, the columns (`report_table.columns`) and the words for a range with
nothing tracked (`formats.nothing_tracked`) are the window's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import clock_text, local
from timo_desktop.core.reports import Report
from timo_desktop.files import write_whole
from timo_desktop.reports.formats import (
    filter_words,
    group_note,
    nothing_tracked,
    report_heading,
    running_note,
)
from timo_desktop.ui.charts import (
    ChartColors,
    day_bars,
    group_bars,
    paint_day_chart,
    paint_group_chart,
)
from timo_desktop.ui.report_table import COLUMNS, cell_text, columns, summary_items

DPI = 96
PRINTED_COLUMNS = tuple(name.replace("Non-billable", "Non-bill.") for name in COLUMNS)
CELL_GAP = 12  # px between a figure and the column before it
NAME_SHARE = 0.22  # the least of the page width the names get
NAME_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
NOTE_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def export_pdf(report: Report, path: str | Path, *, zone: str) -> None:
    """Write `report` as a PDF to `path` (a Qt application is created if none exists).
    The PDF is made in memory and written whole (`write_whole`): Qt writing the file would
    say nothing of a full disk, leaving a cut-off PDF behind a success. `OSError` says why
    the file could not be written."""
    if QApplication.instance() is None:
        QApplication([])  # kept alive by Qt until the process ends: fonts need an application
    made = QBuffer()
    made.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(made)
    writer.setResolution(DPI)
    writer.setTitle(f"Timo report {report_heading(report)}")
    writer.setCreator("Timo")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise InvalidInput(f"cannot make the PDF for {path}")
    try:
        paint_report(painter, writer, report, zone)
    finally:
        painter.end()
    write_whole(Path(path), bytes(made.data().data()))


def paint_report(painter: QPainter, writer: QPdfWriter, report: Report, zone: str) -> None:
    """Draw `report` with `painter` on `writer`'s pages: the title, then the figures (with
    the timer still running they count, if any), the charts and the table, or
    `nothing_tracked`'s words in their place (as the window)."""
    page = QRectF(writer.pageLayout().paintRectPixels(DPI))
    page.moveTo(0, 0)
    colors = ChartColors.for_print()
    body = QFont("DejaVu Sans")
    body.setPointSizeF(9)
    title = QFont(body)
    title.setPointSizeF(16)
    title.setBold(True)
    bold = QFont(body)
    bold.setBold(True)
    line = QFontMetricsF(body).height()

    painter.setPen(colors.text)
    painter.setFont(title)
    y = page.top()
    heading = f"Timo report · {report_heading(report)}"
    # Wrapped: one line cut a week's title off at "…2026-11-2".
    wrapping = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    room = QRectF(page.left(), y, page.width(), page.height())
    taken = painter.boundingRect(room, wrapping, heading)
    painter.drawText(taken, wrapping, heading)
    y += taken.height() + 2
    painter.setFont(body)
    painter.setPen(colors.muted)
    made = local(report.generated_at, zone)
    painter.drawText(
        QRectF(page.left(), y, page.width(), line),
        Qt.AlignmentFlag.AlignLeft,
        f"{report.span.dates} · by {report.group_by.heading.lower()}"
        f" · {zone} · made {made:%Y-%m-%d} {clock_text(made.time())}",
    )
    y += line
    only = filter_words(report)
    if only:  # in the text's colour: the figures below are this part's, not the range's
        painter.setFont(bold)
        painter.setPen(colors.text)
        y = _words(painter, page, y, only)
    y += line
    nothing = nothing_tracked(report)
    if nothing:  # as the window: no figures that would all be 0, no empty charts and table
        painter.setFont(body)
        painter.setPen(colors.text)
        _words(painter, page, y, nothing)
        return

    items = summary_items(report)
    width = page.width() / len(items)
    lowest = y + line * 3.2
    for index, item in enumerate(items):
        x = page.left() + width * index
        painter.setFont(body)
        painter.setPen(colors.muted)
        painter.drawText(QRectF(x, y, width, line), item.name)
        if item.below:  # its target, or the whole range's capacity beside that to date
            # Wrapped: "168:00 in the month" is wider than a sixth of the page.
            lowest = max(
                lowest, _words(painter, QRectF(x, 0, width - 4, 0), y + line * 2.2, item.below)
            )
        painter.setFont(bold)
        painter.setPen(_tone(item.on_target, colors))
        painter.drawText(QRectF(x, y + line * 1.1, width, line * 1.2), item.shown)
    y = lowest
    running = running_note(report)
    if running:  # as under the window's figures: they are still growing
        painter.setFont(body)
        painter.setPen(colors.muted)
        y = _words(painter, page, y + line / 2, running)
    y += line

    painter.setFont(bold)
    painter.setPen(colors.text)
    painter.drawText(
        QRectF(page.left(), y, page.width(), line), "Billable and non-billable hours per day"
    )
    y += line + 4
    paint_day_chart(
        painter, QRectF(page.left(), y, page.width(), 190), day_bars(report), colors, body
    )
    y += 190 + line

    bars = group_bars(report)
    painter.setFont(bold)
    painter.setPen(colors.text)
    painter.drawText(
        QRectF(page.left(), y, page.width(), line),
        f"Hours per {report.group_by.heading.lower()}",
    )
    y += line + 6
    height = max(len(bars), 1) * line * 2.6
    paint_group_chart(painter, QRectF(page.left(), y, page.width(), height), bars, colors, body)
    y += height + line
    y = _table(painter, writer, report, page, y, body, colors)
    note = group_note(report)
    if note:
        if y + line * 3 > page.bottom():
            writer.newPage()
            y = page.top()
        painter.setFont(body)
        painter.setPen(colors.muted)
        _words(painter, page, y + line / 2, note)


def _words(painter: QPainter, page: QRectF, y: float, text: str) -> float:
    """`text` across the page (or a column: only its left and width count) from `y`,
    wrapped; returns where it ends."""
    height = painter.boundingRect(
        QRectF(page.left(), y, page.width(), 10_000), NOTE_FLAGS, text
    ).height()
    painter.drawText(QRectF(page.left(), y, page.width(), height), NOTE_FLAGS, text)
    return y + height


def _table(
    painter: QPainter,
    writer: QPdfWriter,
    report: Report,
    page: QRectF,
    y: float,
    body: QFont,
    colors: ChartColors,
) -> float:
    """The table from `y`, going on over further pages; returns where it ends."""
    line = QFontMetricsF(body).height() + 4
    # The window's columns: no estimate columns where groups cannot have estimates.
    names = (report.group_by.heading, *PRINTED_COLUMNS[1 : len(columns(report.group_by))])
    widths = column_widths(report, names, page.width(), QFontMetricsF(body))
    lefts = [page.left() + sum(widths[:index]) for index in range(len(widths))]

    def header(at: float) -> float:
        painter.setFont(body)
        painter.setPen(colors.muted)
        for index, name in enumerate(names):
            _cell(painter, lefts[index], at, widths[index], line, name, index)
        painter.setPen(colors.grid)
        painter.drawLine(int(page.left()), int(at + line), int(page.right()), int(at + line))
        return at + line + 2

    y = header(y)
    painter.setFont(body)
    for row in report.rows:
        # A long name wraps (the row grows): cut short, long project names all read alike.
        name = painter.boundingRect(
            QRectF(0, 0, widths[0] - 6, page.height()), NAME_FLAGS, row.label
        )
        height = max(line, name.height() + 4)
        if y + height > page.bottom():
            writer.newPage()
            y = header(page.top())
            painter.setFont(body)
        for index in range(len(names)):
            text, tone = cell_text(report, row, index)
            painter.setPen(_tone(tone, colors))
            _cell(painter, lefts[index], y, widths[index], height, text, index)
        y += height
    return y


def column_widths(
    report: Report, names: tuple[str, ...], width: float, metrics: QFontMetricsF
) -> list[float]:
    """Each figure column as wide as its widest text and the names the rest, but never less
    than `NAME_SHARE` of the page (the figures then share what is left evenly)."""
    figures = [
        max(
            metrics.horizontalAdvance(text)
            for text in (names[index], *(cell_text(report, row, index)[0] for row in report.rows))
        )
        + CELL_GAP
        for index in range(1, len(names))
    ]
    first = width - sum(figures)
    if first < width * NAME_SHARE:  # figures too wide to fit as they are: share the rest
        first = width * NAME_SHARE
        figures = [(width - first) / len(figures)] * len(figures)
    return [first, *figures]


def _cell(
    painter: QPainter, x: float, y: float, width: float, height: float, text: str, index: int
) -> None:
    room = QRectF(x, y, width - 6, height)
    if index == 0:
        painter.drawText(room, NAME_FLAGS, text)
        return
    shown = QFontMetricsF(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, width - 6)
    painter.drawText(room, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)


def _tone(on_target: bool | None, colors: ChartColors) -> QColor:
    if on_target is None:
        return colors.text
    return colors.billable if on_target else colors.over
