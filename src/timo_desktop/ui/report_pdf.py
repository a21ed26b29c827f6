"""The report as a PDF: title, totals against targets, both charts and the table (QPdfWriter).

Drawn with the same painters as the window (`ui.charts`), on A4 at 96 dpi so
one unit is one screen pixel; long tables continue on further pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import local
from timo_desktop.core.reports import Report
from timo_desktop.ui.charts import (
    ChartColors,
    day_bars,
    group_bars,
    paint_day_chart,
    paint_group_chart,
)
from timo_desktop.ui.report_table import COLUMNS, cell_text, summary_items

DPI = 96
PRINTED_COLUMNS = tuple(name.replace("Non-billable", "Non-bill.") for name in COLUMNS)


def export_pdf(report: Report, path: str | Path, *, zone: str) -> None:
    """Write `report` as a PDF to `path` (a Qt application is created if none exists)."""
    if QApplication.instance() is None:
        QApplication([])  # kept alive by Qt until the process ends: fonts need an application
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(DPI)
    writer.setTitle(f"Timo report {report.span.label}")
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
        raise InvalidInput(f"cannot write the PDF to {target}")
    try:
        _paint(painter, writer, report, zone)
    finally:
        painter.end()


def _paint(painter: QPainter, writer: QPdfWriter, report: Report, zone: str) -> None:
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
    heading = f"Timo report · {report.span.label}"
    painter.drawText(QRectF(page.left(), y, page.width(), 30), Qt.AlignmentFlag.AlignLeft, heading)
    y += QFontMetricsF(title).height() + 2
    painter.setFont(body)
    painter.setPen(colors.muted)
    made = local(report.generated_at, zone)
    painter.drawText(
        QRectF(page.left(), y, page.width(), line),
        Qt.AlignmentFlag.AlignLeft,
        f"{report.span.first} – {report.span.last} · by {report.group_by.heading.lower()}"
        f" · {zone} · made {made:%Y-%m-%d %H:%M}",
    )
    y += line * 2

    items = summary_items(report)
    width = page.width() / len(items)
    for index, item in enumerate(items):
        x = page.left() + width * index
        painter.setFont(body)
        painter.setPen(colors.muted)
        painter.drawText(QRectF(x, y, width, line), item.name)
        if item.target:
            painter.drawText(QRectF(x, y + line * 2.2, width, line), f"target {item.target}")
        painter.setFont(bold)
        painter.setPen(_tone(item.on_target, colors))
        painter.drawText(QRectF(x, y + line * 1.1, width, line * 1.2), item.value)
    y += line * 4.2

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
    _table(painter, writer, report, page, y, body, colors)


def _table(
    painter: QPainter,
    writer: QPdfWriter,
    report: Report,
    page: QRectF,
    y: float,
    body: QFont,
    colors: ChartColors,
) -> None:
    line = QFontMetricsF(body).height() + 4
    first = page.width() * 0.22
    rest = (page.width() - first) / (len(COLUMNS) - 1)
    lefts = [page.left()] + [page.left() + first + rest * i for i in range(len(COLUMNS) - 1)]
    widths = [first] + [rest] * (len(COLUMNS) - 1)

    def header(at: float) -> float:
        painter.setFont(body)
        painter.setPen(colors.muted)
        names = (report.group_by.heading, *PRINTED_COLUMNS[1:])
        for index, name in enumerate(names):
            _cell(painter, lefts[index], at, widths[index], line, name, index)
        painter.setPen(colors.grid)
        painter.drawLine(int(page.left()), int(at + line), int(page.right()), int(at + line))
        return at + line + 2

    y = header(y)
    painter.setFont(body)
    for row in report.rows:
        if y + line > page.bottom():
            writer.newPage()
            y = header(page.top())
            painter.setFont(body)
        for index in range(len(COLUMNS)):
            text, tone = cell_text(report, row, index)
            painter.setPen(_tone(tone, colors))
            _cell(painter, lefts[index], y, widths[index], line, text, index)
        y += line


def _cell(
    painter: QPainter, x: float, y: float, width: float, height: float, text: str, index: int
) -> None:
    align = Qt.AlignmentFlag.AlignLeft if index == 0 else Qt.AlignmentFlag.AlignRight
    shown = QFontMetricsF(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, width - 6)
    painter.drawText(QRectF(x, y, width - 6, height), align | Qt.AlignmentFlag.AlignVCenter, shown)


def _tone(on_target: bool | None, colors: ChartColors) -> QColor:
    if on_target is None:
        return colors.text
    return colors.billable if on_target else colors.over
