"""The Reports view: where the week went, what burns past its estimate, what needs a look.

A range picker (this week, last week, this month, last month, custom), a
group-by picker, the headline figures coloured against the targets, both
charts, a sortable table and the attention list; CSV (invoice inputs) and PDF
export. It reads through `services.reports.Reports` only; the app opens it
with Ctrl+R (`TimoApp.open_reports`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.entry import described
from timo_desktop.core.errors import TimoError
from timo_desktop.core.reports import GroupBy, Preset, Report, Span
from timo_desktop.reports.export_csv import write_csv
from timo_desktop.reports.formats import group_note
from timo_desktop.services.reports import Reports
from timo_desktop.ui.charts import DayChart, GroupChart, day_bars, group_bars
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.report_pdf import export_pdf
from timo_desktop.ui.report_table import SORT_ROLE, ReportTableModel, summary_items
from timo_desktop.ui.style import GREEN, RED, set_style_property

CUSTOM = "Custom…"
REFRESH_MS = 60_000  # a running timer counts up to now; entries may change in another window
ROUNDING = (("No rounding", None), ("Round up to 1 min", 1), ("to 6 min", 6), ("to 15 min", 15))

_SHEET = f"""
QFrame#summary {{ background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }}
QLabel.figureName {{ color: palette(placeholder-text); }}
QLabel.figureValue {{ font-size: 18px; font-weight: bold; }}
QLabel.figureValue[tone="on"] {{ color: {GREEN}; }}
QLabel.figureValue[tone="off"] {{ color: {RED}; }}
QLabel.chartTitle {{ font-weight: bold; }}
QLabel#message {{ color: {RED}; }}
"""


class ReportsView(QWidget):
    """The weekly review in one screen."""

    def __init__(self, reports: Reports, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = reports
        self.setObjectName("reportsView")
        self.setWindowTitle("Timo · Reports")
        self.setStyleSheet(_SHEET)
        self.report: Report | None = None

        self.range_picker = QComboBox()
        self.range_picker.setAccessibleName("Range")
        self.range_picker.addItems([p.value for p in Preset] + [CUSTOM])
        today = QDate(reports.tracker.today())
        self.first_date = QDateEdit(today)  # both follow the preset shown (see refresh)
        self.last_date = QDateEdit(today)
        for edit, accessible in ((self.first_date, "First day"), (self.last_date, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(accessible)
            edit.dateChanged.connect(self._on_custom_dates)
        self.group_picker = QComboBox()
        self.group_picker.setAccessibleName("Group by")
        for group in GroupBy:
            self.group_picker.addItem(group.heading, group)
        self.rounding = QComboBox()
        self.rounding.setAccessibleName("Rounding for CSV export")
        for text, minutes in ROUNDING:
            self.rounding.addItem(text, minutes)
        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setAccessibleName("Export invoice inputs as CSV")
        self.csv_button.setToolTip("Export invoice inputs as CSV (Alt+C)")
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.setAccessibleName("Export the report as PDF")
        self.pdf_button.setToolTip("Export the report as PDF (Alt+P)")
        self.csv_button.clicked.connect(self._ask_csv)
        self.pdf_button.clicked.connect(self._ask_pdf)
        closing = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)  # Ctrl+W and kin
        for keys in (*closing, QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self, self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.range_picker)
        bar.addWidget(self.first_date)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.last_date)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Group by"))
        bar.addWidget(self.group_picker)
        bar.addStretch(1)
        bar.addWidget(self.rounding)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.pdf_button)

        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.nothing = QLabel()  # the empty state, in place of figures that would all be 0
        self.nothing.setObjectName("nothingTracked")
        self.nothing.setWordWrap(True)
        self.nothing.hide()

        self.summary = QFrame()
        self.summary.setObjectName("summary")
        grid = QGridLayout(self.summary)
        grid.setContentsMargins(12, 8, 12, 8)
        self.figures: list[tuple[QLabel, QLabel]] = []
        for column in range(6):
            name, value = QLabel(), QLabel()
            name.setProperty("class", "figureName")
            value.setProperty("class", "figureValue")
            grid.addWidget(name, 0, column)
            grid.addWidget(value, 1, column)
            self.figures.append((name, value))

        self.day_chart = DayChart()
        self.group_chart = GroupChart()
        self.day_title = QLabel("Billable and non-billable hours per day")
        self.group_title = QLabel()
        charts = QHBoxLayout()
        for title, chart in (
            (self.day_title, self.day_chart),
            (self.group_title, self.group_chart),
        ):
            title.setProperty("class", "chartTitle")
            box = QVBoxLayout()
            box.addWidget(title)
            box.addWidget(chart, 1)
            charts.addLayout(box, 1)
        self.charts = QWidget()
        self.charts.setLayout(charts)

        self.model = ReportTableModel(self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setAccessibleName("Report rows")
        self.table.setModel(self.sorted)
        self.table.setSortingEnabled(True)
        self._sort_for(self.group_by())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.note = QLabel()  # under the rows: why they may not add up to the total
        self.note.setObjectName("reportNote")
        self.note.setWordWrap(True)
        self.note.setProperty("class", "figureName")

        self.attention_title = QLabel()
        self.attention_title.setProperty("class", "chartTitle")
        self.attention_list = QListWidget()
        self.attention_list.setAccessibleName("Entries that need attention")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.note)
        lower_layout.addWidget(self.attention_title)
        lower_layout.addWidget(self.attention_list)
        lower_layout.addStretch()  # takes the table's room when it is hidden (nothing tracked)
        self.attention_list.setMaximumHeight(96)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.charts)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 340])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.nothing)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.ticker = QTimer(self, interval=REFRESH_MS)
        self.ticker.timeout.connect(self.refresh)
        self.range_picker.currentTextChanged.connect(self._on_range)
        self.group_picker.currentIndexChanged.connect(self._on_group)
        self._on_range(self.range_picker.currentText())

    # What is shown ---------------------------------------------------------------------
    def span(self) -> Span:
        """The range picked."""
        choice = self.range_picker.currentText()
        if choice == CUSTOM:
            return Span(self.first_date.date().toPython(), self.last_date.date().toPython())  # type: ignore[arg-type]
        return self.reports.span(Preset(choice))

    def group_by(self) -> GroupBy:
        """The grouping picked."""
        return GroupBy(self.group_picker.currentData())

    def set_range(self, preset: Preset | Span) -> None:
        """Pick a preset, or a custom range."""
        if isinstance(preset, Preset):
            self.range_picker.setCurrentText(preset.value)
            return
        self.first_date.blockSignals(True)
        self.first_date.setDate(QDate(preset.first))
        self.first_date.blockSignals(False)
        self.last_date.setDate(QDate(preset.last))
        self.range_picker.setCurrentText(CUSTOM)
        self.refresh()

    def set_group_by(self, group_by: GroupBy) -> None:
        """Pick a grouping."""
        self.group_picker.setCurrentIndex(self.group_picker.findData(group_by))

    def refresh(self) -> None:
        """Read the report again (after a change to entries, say)."""
        try:
            span = self.span()
            report = self.reports.report(span, self.group_by())
            attention = self.reports.attention(span)
        except TimoError as error:
            self._show_problem(str(error))
            return
        self.message.hide()
        self.report = report
        if self.range_picker.currentText() != CUSTOM:
            # A preset moves with the day and with Settings' first day of the week.
            for edit, day in ((self.first_date, span.first), (self.last_date, span.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
        self.title.setText(f"{span.label}   ·   {span.first:%a %d %b} – {span.last:%a %d %b %Y}")
        # Nothing tracked: say so, rather than a blank table, an empty grid and a red 0 %.
        empty = not report.totals.entries
        self.nothing.setText(
            f"No time tracked from {span.first:%a %d %b} to {span.last:%a %d %b %Y}."
        )
        self.nothing.setVisible(empty)
        for part in (self.summary, self.charts, self.table):
            part.setVisible(not empty)
        note = group_note(report)
        self.note.setText(note)
        self.note.setVisible(bool(note) and not empty)
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(True)
        for (name, value), figure in zip(self.figures, summary_items(report), strict=True):
            name.setText(figure.title)
            value.setText(figure.value)
            value.setAccessibleName(figure.accessible_name)
            tone = "" if figure.on_target is None else "on" if figure.on_target else "off"
            set_style_property(value, "tone", tone)
        self.group_title.setText(f"Hours per {report.group_by.heading.lower()}")
        self.day_chart.set_bars(day_bars(report))
        self.group_chart.set_bars(group_bars(report))
        self.model.set_report(report)
        self.attention_list.clear()
        for item in attention:
            entry = item.entry
            day = self.reports.tracker.day_of(entry)
            what = described(entry.description)
            length = hours_minutes(entry.duration(self.reports.tracker.clock()).total_seconds())
            self.attention_list.addItem(f"{day:%a %d %b}  {what} ({length}) — {item.message}")
        count = len(attention)
        self.attention_title.setText(
            "Nothing needs attention" if not count else f"Needs attention ({count})"
        )
        self.attention_title.show()
        self.attention_list.setVisible(bool(count))  # an empty box under "Nothing…" says nothing

    def _show_problem(self, problem: str) -> None:
        """Say why there is no report, and show none: the last range's title and figures
        under the dates just picked would read as theirs."""
        self.message.setText(problem)
        self.message.show()
        self.report = None
        self.title.clear()
        for _, value in self.figures:
            value.clear()
        for chart in (self.day_chart, self.group_chart):
            chart.set_bars([])
        self.model.set_report(None)
        self.attention_list.clear()
        for part in (
            self.nothing,
            self.summary,
            self.charts,
            self.table,
            self.note,
            self.attention_title,
            self.attention_list,
        ):
            part.hide()
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(False)  # nothing to export; the PDF would be the last range's

    def _sort_for(self, group_by: GroupBy) -> None:
        """Each grouping's own order: days by date, other groups biggest first."""
        if group_by is GroupBy.DAY:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        else:
            self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    def _on_group(self) -> None:
        self._sort_for(self.group_by())
        self.refresh()

    def _on_range(self, choice: str) -> None:
        custom = choice == CUSTOM
        self.first_date.setEnabled(custom)
        self.last_date.setEnabled(custom)
        self.refresh()

    def _on_custom_dates(self) -> None:
        if self.range_picker.currentText() == CUSTOM:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.ticker.stop()  # hidden: nothing to keep up to date

    # Export ------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> int:
        """Write invoice inputs (one row per entry) for the range shown; returns the rows."""
        tracker = self.reports.tracker
        with path.open("w", encoding="utf-8", newline="") as out:
            return write_csv(
                self.reports.lines(self.span()),
                out,
                zone=tracker.zone,
                start_of_day=tracker.start_of_day,
                now=tracker.clock(),
                rounding=self.rounding.currentData(),
            )

    def export_pdf(self, path: Path) -> None:
        """Write the report shown, with its charts, as a PDF."""
        if self.report is not None:
            export_pdf(self.report, path, zone=self.reports.tracker.zone)

    def _ask_csv(self) -> None:
        span = self.span()
        name, _ = QFileDialog.getSaveFileName(
            self, "Export CSV", f"timo-{span.first}-{span.last}.csv", "CSV (*.csv)"
        )
        if name:
            self._attempt(lambda: f"Saved {self.export_csv(Path(name))} entries to {name}.")

    def _ask_pdf(self) -> None:
        span = self.span()
        name, _ = QFileDialog.getSaveFileName(
            self, "Export PDF", f"timo-report-{span.first}-{span.last}.pdf", "PDF (*.pdf)"
        )
        if name:
            self._attempt(lambda: self._saved_pdf(Path(name)))

    def _saved_pdf(self, path: Path) -> str:
        self.export_pdf(path)
        return f"Saved the report to {path}."

    def _attempt(self, work: Callable[[], str]) -> None:
        """Export, then say where to, or why not (the message line above the figures)."""
        try:
            said = work()
        except (OSError, TimoError) as error:
            said = f"Export failed: {error}"
        self.message.setText(said)
        self.message.show()
