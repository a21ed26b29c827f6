"""The Reports view: where the week went, what burns past its estimate, what needs a look.

A range picker (this week, last week, this month, last month, custom) with
previous/next steps (Alt+Left, Alt+Right), a workspace picker (shown when signed in to
more than one: a report covers one workspace), a group-by picker, filters (client,
project, tag, billable or not) that narrow everything shown and exported, the
headline figures coloured against the targets, both charts, a sortable table and
the attention list; CSV (invoice inputs) and PDF export. It reads through
`services.reports.Reports` only; the app opens it with Ctrl+R
(`TimoApp.open_reports`).
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.entry import described
from timo_desktop.core.errors import InvalidInput, TimoError
from timo_desktop.core.folding import spellings
from timo_desktop.core.reports import GroupBy, Preset, Report, ReportFilter, Span
from timo_desktop.files import write_whole
from timo_desktop.reports.export_csv import write_csv
from timo_desktop.reports.formats import (
    filter_words,
    group_note,
    nothing_tracked,
    report_heading,
    running_note,
)
from timo_desktop.services.reports import Reports
from timo_desktop.ui.charts import DayChart, GroupChart, day_bars, group_bars
from timo_desktop.ui.date_field import FIRST_DAY, LAST_DAY
from timo_desktop.ui.flow_layout import FlowLayout
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.open_folder import open_in_file_manager
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.report_pdf import export_pdf
from timo_desktop.ui.report_table import SORT_ROLE, ReportTableModel, summary_items
from timo_desktop.ui.style import GREEN, RED, set_style_property

CUSTOM = "Custom…"
REFRESH_MS = 60_000  # a running timer counts up to now; entries may change in another window
ROUNDING = (("No rounding", None), ("Round up to 1 min", 1), ("to 6 min", 6), ("to 15 min", 15))
BILLABLE = (("Billable or not", None), ("Billable only", True), ("Not billable only", False))
REPORTS_SIZE = (960, 680)  # as it opens, where the screen has room
# Below these the charts' labels run into each other and the table shows no row whole.
CHARTS_MIN_HEIGHT = 200
ROWS_MIN_HEIGHT = 150
NOTHING_TO_EXPORT = "Nothing to export: no time tracked in this range"
NOTHING_KEPT = "Nothing to export: nothing in this range matches the filters"
# As `timo export --round` refuses a PDF: a PDF ignoring the rounding would look rounded.
PDF_AS_TRACKED = (
    "The PDF shows time as tracked; rounding is for the CSV export (pick No rounding for a PDF)"
)
# Plain words for the reasons a file cannot be written (the OS's own read "[Errno 21] …").
WRITE_REFUSALS = {
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "part of its path is a file, not a folder",
    errno.EACCES: "you may not write there",
    errno.EPERM: "you may not write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
}

_SHEET = f"""
QFrame#summary {{ background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }}
QLabel.figureName {{ color: palette(placeholder-text); }}
QLabel.figureValue {{ font-size: 18px; font-weight: bold; }}
QLabel.figureValue[tone="on"] {{ color: {GREEN}; }}
QLabel.figureValue[tone="off"] {{ color: {RED}; }}
QLabel.chartTitle {{ font-weight: bold; }}
QLabel#message[tone="problem"] {{ color: {RED}; }}
"""


def cannot_write(path: Path, error: OSError) -> InvalidInput:
    """`cannot write /x/y.csv: it is a folder`: a write refused, in the same words for CSV
    and PDF."""
    reason = WRITE_REFUSALS.get(error.errno or 0) or (error.strerror or str(error)).lower()
    return InvalidInput(f"cannot write {path}: {reason}")


def _whole_months(span: Span) -> int:
    """How many calendar months `span` covers exactly (0 when it is not whole months)."""
    after = span.last + timedelta(days=1)
    if span.first.day != 1 or after.day != 1:
        return 0
    return (after.year - span.first.year) * 12 + after.month - span.first.month


def _months_on(first: date, months: int) -> date:
    """The first of the month `months` after `first` (a first of a month; negative: before)."""
    years, month = divmod(first.month - 1 + months, 12)
    return date(first.year + years, month + 1, 1)


def named(span: Span, first_weekday: int = 0) -> Span:
    """`span` under the name a week or a month goes by (`2026-W48`, `Week of Sun 22 Nov
    2026`, `2026-11`) when it is one; otherwise as it is."""
    if (span.last - span.first).days == 6 and span.first.weekday() in (0, first_weekday):
        return Span.week_of(span.first, span.first.weekday())
    if _whole_months(span) == 1:
        return Span.month_of(span.first)
    return Span(span.first, span.last)


def stepped(span: Span, direction: int, first_weekday: int = 0) -> Span:
    """The range just before (`direction` -1) or after (+1) `span`, as long as it: a week
    by a week, a month (or several whole months) by as many months, other ranges by
    their number of days."""
    months = _whole_months(span)
    if months:
        first = _months_on(span.first, direction * months)
        moved = Span(first, _months_on(first, months) - timedelta(days=1))
    else:
        length = timedelta(days=(span.last - span.first).days + 1)
        moved = Span(span.first + direction * length, span.last + direction * length)
    return named(moved, first_weekday)


def step_words(span: Span) -> str:
    """`week`, `month`, `3 months`, `10 days`: how far a step moves `span`."""
    months = _whole_months(span)
    if months:
        return "month" if months == 1 else f"{months} months"
    days = (span.last - span.first).days + 1
    return {1: "day", 7: "week"}.get(days, f"{days} days")


class ReportsView(QWidget):
    """The weekly review in one screen."""

    def __init__(self, reports: Reports, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = reports
        self.setObjectName("reportsView")
        self.setWindowTitle("Timo · Reports")
        self.setStyleSheet(_SHEET)
        self.report: Report | None = None
        self._said = ""  # what the message line holds: "problem" (the range's) or "export"
        self._saved_folder: Path | None = None  # where the last export went (Open folder)
        self._export_folder: Path | None = None  # this session's last export folder
        self._tag_spellings: dict[str, list[str]] = {}  # each tag's spellings, by `folded`

        self.range_picker = QComboBox()
        self.range_picker.setAccessibleName("Range")
        self.range_picker.addItems([p.value for p in Preset] + [CUSTOM])
        self.back_button = QPushButton("◀")
        self.back_button.setAccessibleName("Previous range")
        self.forward_button = QPushButton("▶")
        self.forward_button.setAccessibleName("Next range")
        for button, step in ((self.back_button, -1), (self.forward_button, 1)):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("▶") + 24)
            button.clicked.connect(lambda _=False, step=step: self.step(step))
        today = _qdate(reports.tracker.today())
        self.first_date = QDateEdit(today)  # both follow the preset shown (see refresh)
        self.last_date = QDateEdit(today)
        for edit, accessible in ((self.first_date, "First day"), (self.last_date, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            # The years Timo keeps, as the CLI's dates: a range to QDateEdit's own end
            # (9999-12-31) had no day after it to measure months by.
            edit.setDateRange(FIRST_DAY, LAST_DAY)
            edit.setAccessibleName(accessible)
            edit.dateChanged.connect(self._on_custom_dates)
        # One workspace at a time: its entries, its capacity (`Reports.covered`).
        self.workspace_picker = QComboBox()
        self.workspace_picker.setAccessibleName("Workspace")
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
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.setAccessibleName("Export the report as PDF")
        self._export_tips = {
            self.csv_button: "Export invoice inputs as CSV (Alt+C)",
            self.pdf_button: "Export the report as PDF (Alt+P)",
        }
        for button, tip in self._export_tips.items():
            button.setToolTip(tip)
        self.csv_button.clicked.connect(self._ask_csv)
        self.rounding.currentIndexChanged.connect(self._enable_exports)
        self.pdf_button.clicked.connect(self._ask_pdf)

        # Filters: one client, project and tag at most, and billable or not (the CLI's
        # --client, --project, --tag and --billable); they narrow everything, exports too.
        self.client_picker = QComboBox()
        self.client_picker.setAccessibleName("Only client")
        self.project_picker = QComboBox()
        self.project_picker.setAccessibleName("Only project")
        self.tag_picker = QComboBox()
        self.tag_picker.setAccessibleName("Only tag")
        self.billable_picker = QComboBox()
        self.billable_picker.setAccessibleName("Billable or not")
        for text, billable in BILLABLE:
            self.billable_picker.addItem(text, billable)
        self.clear_button = QPushButton("Cl&ear filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.setToolTip("Show all the range's time again (Alt+E)")
        self.clear_button.clicked.connect(self.clear_filters)
        for picker in self._filter_pickers():
            # Long client and project names must not push the window wider.
            picker.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            picker.setMinimumContentsLength(14)
        self._fill_pickers()

        closing = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)  # Ctrl+W and kin
        for keys in (*closing, QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self, self.close)
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step(1))

        # Two rows of controls, each wrapping where the window is narrow (a small or scaled
        # screen): the window never needs more width than its widest control group.
        bar = FlowLayout(spacing=12)
        # Every drop-down has a label tied to it: on Linux a screen reader names a combo box
        # only by its label, reading its accessible name as its current text.
        range_label = PlainLabel("&Range")
        range_label.setBuddy(self.range_picker)
        bar.addWidget(_group(range_label, self.back_button, self.range_picker, self.forward_button))
        bar.addWidget(_group(self.first_date, PlainLabel("–"), self.last_date))
        self.workspace_row = QWidget()  # the picker and its label, hidden together
        workspace_label = PlainLabel("&Workspace")
        workspace_label.setBuddy(self.workspace_picker)
        _group(workspace_label, self.workspace_picker, into=self.workspace_row)
        bar.addWidget(self.workspace_row)
        self._fill_workspaces()
        group_label = PlainLabel("&Group by")
        group_label.setBuddy(self.group_picker)
        bar.addWidget(_group(group_label, self.group_picker))
        rounding_label = PlainLabel("R&ounding")
        rounding_label.setBuddy(self.rounding)
        bar.addWidget(_group(rounding_label, self.rounding, self.csv_button, self.pdf_button))

        filters = FlowLayout(spacing=12)
        for text, picker in (
            ("C&lient", self.client_picker),
            ("Pro&ject", self.project_picker),
            ("&Tag", self.tag_picker),
            ("&Billable", self.billable_picker),
        ):
            label = PlainLabel(text)
            label.setBuddy(picker)
            filters.addWidget(_group(label, picker))
        filters.addWidget(self.clear_button)

        self.title = PlainLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.only = PlainLabel()  # what the filters keep, by the range it narrows
        self.only.setObjectName("reportFilters")
        self.only.setWordWrap(True)
        self.only.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(12)
        heading.addWidget(self.only, 1)
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.open_folder = QPushButton("Open &folder")
        self.open_folder.setAccessibleName("Open the folder of the export")
        self.open_folder.clicked.connect(self._open_saved_folder)
        self.open_folder.hide()
        said = QHBoxLayout()
        said.addWidget(self.message, 1)
        said.addWidget(self.open_folder)
        self.nothing = PlainLabel()  # the empty state, in place of figures that would all be 0
        self.nothing.setObjectName("nothingTracked")
        self.nothing.setWordWrap(True)
        self.nothing.hide()

        self.summary = QFrame()
        self.summary.setObjectName("summary")
        # The six figures side by side, in rows of fewer where the window is narrow.
        figures = FlowLayout(self.summary, spacing=12, spread=True)
        figures.setContentsMargins(12, 8, 12, 8)
        self.figures: list[tuple[QLabel, QLabel]] = []
        for _ in range(6):
            name, value = PlainLabel(), PlainLabel()
            name.setProperty("class", "figureName")
            value.setProperty("class", "figureValue")
            figure = QWidget()
            stacked = QVBoxLayout(figure)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.setSpacing(2)
            stacked.addWidget(name)
            stacked.addWidget(value)
            figures.addWidget(figure)
            self.figures.append((name, value))

        # Under the figures: they hold a timer still running, so they are still growing.
        self.running = PlainLabel()
        self.running.setObjectName("runningNote")
        self.running.setWordWrap(True)
        self.running.setProperty("class", "figureName")
        self.running.hide()

        self.day_chart = DayChart()
        self.group_chart = GroupChart()
        self.day_title = PlainLabel("Billable and non-billable hours per day")
        self.group_title = PlainLabel()
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
        # Tab leaves the table, as it leaves every other part of the window; the arrow
        # keys move within it (Qt's default kept the keyboard in it for good).
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self._sort_for(self.group_by())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # columns come and go
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.note = PlainLabel()  # under the rows: why they may not add up to the total
        self.note.setObjectName("reportNote")
        self.note.setWordWrap(True)
        self.note.setProperty("class", "figureName")

        self.attention_title = PlainLabel()
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

        # Charts and rows keep a readable height: on a screen too short for them the window
        # scrolls rather than squeezing them flat.
        self.charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
        lower.setMinimumHeight(ROWS_MIN_HEIGHT)
        content = _Rows()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addLayout(heading)
        layout.addLayout(said)
        layout.addWidget(self.nothing)
        layout.addWidget(self.summary)
        layout.addWidget(self.running)
        layout.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        window = QVBoxLayout(self)
        window.setContentsMargins(0, 0, 0, 0)
        window.addWidget(scroll)

        # Tab goes as the eye reads: the range, the workspace, the grouping, the exports, the
        # filters, then what was said and the rows.
        chain = [
            self.back_button,
            self.range_picker,
            self.forward_button,
            self.first_date,
            self.last_date,
            self.workspace_picker,
            self.group_picker,
            self.rounding,
            self.csv_button,
            self.pdf_button,
            *self._filter_pickers(),
            self.clear_button,
            self.open_folder,
            self.table,
            self.attention_list,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.ticker = QTimer(self, interval=REFRESH_MS)
        self.ticker.timeout.connect(self._tick)
        self._read_at: tuple[int, date] | None = None  # what the report shown was read at
        self.range_picker.currentTextChanged.connect(self._on_range)
        self.group_picker.currentIndexChanged.connect(self._on_group)
        self.workspace_picker.currentIndexChanged.connect(self._on_workspace)
        for picker in self._filter_pickers():
            picker.currentIndexChanged.connect(self._on_filter)
        self._on_range(self.range_picker.currentText())

    # What is shown ---------------------------------------------------------------------
    def span(self) -> Span:
        """The range picked (a custom week or month under its name: `2026-W48`)."""
        choice = self.range_picker.currentText()
        if choice == CUSTOM:
            first, last = self.first_date.date().toPython(), self.last_date.date().toPython()
            return named(Span(first, last), self.reports.config.first_weekday)  # type: ignore[arg-type]
        return self.reports.span(Preset(choice))

    def covered(self) -> Reports:
        """The reports on the workspace picked (the default one until one is)."""
        return self.reports.covering(self.workspace_picker.currentData())

    def group_by(self) -> GroupBy:
        """The grouping picked."""
        return GroupBy(self.group_picker.currentData())

    def filters(self) -> ReportFilter:
        """What the filters keep (all of it when none is picked)."""
        project, client, tag = (
            picker.currentData()
            for picker in (self.project_picker, self.client_picker, self.tag_picker)
        )
        return ReportFilter(
            project_ids=(project,) if project else (),
            client_ids=(client,) if client else (),
            # A tag no entry has any more stays picked as it was spelled (`_refill`).
            tags=tuple(self._tag_spellings.get(tag, [self.tag_picker.currentText()]))
            if tag
            else (),
            billable=self.billable_picker.currentData(),
        )

    def set_range(self, preset: Preset | Span) -> None:
        """Pick a preset, or a custom range."""
        self._forget_export()
        if isinstance(preset, Preset):
            self.range_picker.setCurrentText(preset.value)
            return
        # Both dates and the picker first, then one refresh: not one per field.
        self._show_dates(preset)
        self.range_picker.blockSignals(True)
        self.range_picker.setCurrentText(CUSTOM)
        self.range_picker.blockSignals(False)
        self._enable_dates()
        self.refresh()

    def _show_dates(self, span: Span) -> None:
        """Put `span`'s first and last day in the date fields, quietly."""
        for edit, day in ((self.first_date, span.first), (self.last_date, span.last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def step(self, direction: int) -> None:
        """Show the range before (-1) or after (+1) the one shown, as long as it is; a
        preset's when it lands on one (back from this week is last week)."""
        try:
            span = self.span()
        except TimoError:
            return  # no range to step from; the message says why
        moved = self._stepped(span, direction)
        if moved is None:
            return  # past the years Timo keeps: the button is off, and says so
        for preset in Preset:
            shown = self.reports.span(preset)
            if (shown.first, shown.last) == (moved.first, moved.last):
                self.set_range(preset)
                return
        self.set_range(moved)

    def _stepped(self, span: Span, direction: int) -> Span | None:
        """The range a step takes `span` to; None past the years Timo keeps."""
        moved = stepped(span, direction, self.reports.config.first_weekday)
        inside = FIRST_DAY.toPython() <= moved.first and moved.last <= LAST_DAY.toPython()
        return moved if inside else None

    def set_group_by(self, group_by: GroupBy) -> None:
        """Pick a grouping."""
        self.group_picker.setCurrentIndex(self.group_picker.findData(group_by))

    def clear_filters(self) -> None:
        """Show all the range's time again."""
        for picker in self._filter_pickers():
            picker.blockSignals(True)
            picker.setCurrentIndex(0)
            picker.blockSignals(False)
        self._on_filter()

    def _tick(self) -> None:
        """Each minute: read the report again while a timer runs (its time grows) or when
        another program changed entries or the day moved on; else nothing has changed (a
        year's report took seconds, a freeze each minute while the window stood open)."""
        tracker = self.reports.tracker
        if tracker.running() is None and self._read_at == (tracker.data_version(), tracker.today()):
            return
        self.refresh()

    def refresh(self) -> None:
        """Read the report again (after a change to entries, say)."""
        tracker = self.reports.tracker
        self._read_at = (tracker.data_version(), tracker.today())
        self._fill_workspaces()
        self._fill_pickers()
        try:
            span = self.span()
            report = self.covered().report(span, self.group_by(), self.filters())
            attention = self.reports.attention(span)
        except TimoError as error:
            self._show_problem(str(error))
            return
        if self._said == "problem":
            self._say("")  # the range is fine again; an export's word stays until the next step
        kept = self._current_row()
        self.report = report
        if self.range_picker.currentText() != CUSTOM:
            # A preset moves with the day and with Settings' first day of the week.
            self._show_dates(span)
        self.title.setText(
            f"{report_heading(report)}   ·   {span.first:%a %d %b} – {span.last:%a %d %b %Y}"
        )
        only = filter_words(report)
        self.only.setText(only)
        self.only.setVisible(bool(only))
        for button, way, direction in (
            (self.back_button, "Previous", -1),
            (self.forward_button, "Next", 1),
        ):
            within = self._stepped(span, direction) is not None
            button.setEnabled(within)
            keys = "Alt+Left" if button is self.back_button else "Alt+Right"
            button.setToolTip(
                f"{way} {step_words(span)} ({keys})"
                if within
                else f"Timo keeps dates from {FIRST_DAY.year()} to {LAST_DAY.year()}"
            )
        self.clear_button.setEnabled(report.filters != ReportFilter())
        # Nothing tracked: say so, rather than a blank table, an empty grid and a red 0 %.
        said = nothing_tracked(report)
        if said and report.filters.tags:
            said += self._tagged_elsewhere(span, report.filters)
        empty = bool(said)
        self.nothing.setText(said)
        self.nothing.setVisible(empty)
        for part in (self.summary, self.charts, self.table):
            part.setVisible(not empty)
        running = running_note(report)
        self.running.setText(running)
        self.running.setVisible(bool(running) and not empty)
        note = group_note(report)
        self.note.setText(note)
        self.note.setVisible(bool(note) and not empty)
        self._enable_exports()
        for (name, value), figure in zip(self.figures, summary_items(report), strict=True):
            name.setText(figure.title)
            value.setText(figure.shown)
            value.setAccessibleName(figure.accessible_name)
            tone = "" if figure.on_target is None else "on" if figure.on_target else "off"
            set_style_property(value, "tone", tone)
        self.group_title.setText(f"Hours per {report.group_by.heading.lower()}")
        self.day_chart.set_bars(day_bars(report))
        self.group_chart.set_bars(group_bars(report))
        scrolled = self.table.verticalScrollBar().value()
        self.model.set_report(report)
        self._keep_row(kept, scrolled)
        self.attention_list.clear()
        for item in attention:
            entry = item.entry
            day = self.reports.tracker.day_of(entry)
            what = described(entry.description)
            length = hours_minutes(entry.duration(self.reports.tracker.clock()).total_seconds())
            self.attention_list.addItem(f"{day:%a %d %b}  {what} ({length}) — {item.message}")
        count = len(attention)
        # The attention list is the range's whole housekeeping, whatever the filters keep.
        whole = " in the whole range" if only else ""
        self.attention_title.setText(
            f"Nothing needs attention{whole}" if not count else f"Needs attention{whole} ({count})"
        )
        self.attention_title.show()
        self.attention_list.setVisible(bool(count))  # an empty box under "Nothing…" says nothing

    def _tagged_elsewhere(self, span: Span, filters: ReportFilter) -> str:
        """Where the range's time with the tag picked is, when none of it is in the
        workspace shown ("" else): the picker offers every workspace's tags, and a bare
        "No time tracked" would read as none at all (`Reports.following` for the CLI)."""
        covered = self.covered()
        shown = covered.covered()
        where = covered.kept_in(span, filters)
        names = [name for ws, name in self.reports.workspaces() if ws in where]
        if shown is None or not names:
            return ""
        one = "it" if len(names) == 1 else "one"
        return (
            f" Time tagged {self.tag_picker.currentText()} in this range is in"
            f" {', '.join(names)}: pick {one} under Workspace."
        )

    def _enable_exports(self) -> None:
        """Each export on while it has something to write, else off with why as its tooltip;
        the PDF off too while a rounding is picked (`PDF_AS_TRACKED`)."""
        if self.report is None:
            return  # off since the problem was shown
        # An empty file or a PDF of zeros helps nobody.
        nothing = NOTHING_KEPT if filter_words(self.report) else NOTHING_TO_EXPORT
        empty = nothing if nothing_tracked(self.report) else ""
        rounded = self.rounding.currentData() is not None
        for button, tip in self._export_tips.items():
            why = empty or (PDF_AS_TRACKED if rounded and button is self.pdf_button else "")
            button.setEnabled(not why)
            button.setToolTip(why or tip)

    def _show_problem(self, problem: str) -> None:
        """Say why there is no report, and show none: the last range's title and figures
        under the dates just picked would read as theirs."""
        self._say(problem, "problem", problem=True)
        self.report = None
        self.title.clear()
        for _, value in self.figures:
            value.clear()
        for chart in (self.day_chart, self.group_chart):
            chart.set_bars([])
        self.model.set_report(None)
        self.attention_list.clear()
        for part in (
            self.only,
            self.nothing,
            self.summary,
            self.running,
            self.charts,
            self.table,
            self.note,
            self.attention_title,
            self.attention_list,
        ):
            part.hide()
        for button in (self.csv_button, self.pdf_button, self.back_button, self.forward_button):
            button.setEnabled(False)  # nothing to export; the PDF would be the last range's

    def _current_row(self) -> tuple[GroupBy, object, int] | None:
        """The table's current row by its group key (and column), to find it again."""
        index = self.table.currentIndex()
        if self.report is None or not index.isValid():
            return None
        row = self.report.rows[self.sorted.mapToSource(index).row()]
        return self.report.group_by, row.key, index.column()

    def _keep_row(self, kept: tuple[GroupBy, object, int] | None, scrolled: int) -> None:
        """Make the row that was current current again, where the rows were scrolled to:
        a refresh (each minute, each change) must not take the reader's place away."""
        if kept is None or self.report is None or self.report.group_by is not kept[0]:
            return
        _, key, column = kept
        for number, row in enumerate(self.report.rows):
            if row.key == key:
                index = self.sorted.mapFromSource(self.model.index(number, column))
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                break
        self.table.verticalScrollBar().setValue(scrolled)

    def _sort_for(self, group_by: GroupBy) -> None:
        """Each grouping's own order: days by date, other groups biggest first."""
        if group_by is GroupBy.DAY:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        else:
            self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    def _on_group(self) -> None:
        self._forget_export()
        self._sort_for(self.group_by())
        self.refresh()

    def _on_range(self, choice: str) -> None:
        self._forget_export()
        self._enable_dates()
        self.refresh()

    def _enable_dates(self) -> None:
        custom = self.range_picker.currentText() == CUSTOM
        self.first_date.setEnabled(custom)
        self.last_date.setEnabled(custom)

    def _on_custom_dates(self) -> None:
        if self.range_picker.currentText() == CUSTOM:
            self._forget_export()
            self.refresh()

    def _on_filter(self) -> None:
        self._forget_export()
        self.refresh()

    def _on_workspace(self) -> None:
        # Another workspace's client or project would keep nothing of this one's.
        for picker in (self.client_picker, self.project_picker):
            picker.blockSignals(True)
            picker.setCurrentIndex(0)
            picker.blockSignals(False)
        self._on_filter()

    def _fill_workspaces(self) -> None:
        """Offer the workspaces sync found, those time can no longer be tracked in too
        (their weeks are still to invoice or keep), the pick kept (else the default one);
        shown only when there is more than one to choose from."""
        picker = self.workspace_picker
        known = self.reports.workspaces()
        shown = [(picker.itemText(i), picker.itemData(i)) for i in range(picker.count())]
        if shown != [(name, ws) for ws, name in known]:
            chosen = picker.currentData() or self.reports.default_workspace()
            picker.blockSignals(True)
            picker.clear()
            for ws, name in known:
                picker.addItem(name, ws)
            found = picker.findData(chosen)
            picker.setCurrentIndex(
                found if found >= 0 else picker.findData(self.reports.default_workspace())
            )
            picker.blockSignals(False)
        self.workspace_row.setVisible(len(known) > 1)

    # Filters -----------------------------------------------------------------------------
    def _filter_pickers(self) -> tuple[QComboBox, ...]:
        return (self.client_picker, self.project_picker, self.tag_picker, self.billable_picker)

    def _fill_pickers(self) -> None:
        """Offer the cached clients and projects of the workspace shown (archived ones too:
        last month's work may be on one) and the tags in use; a project picker under a
        chosen client offers that client's projects."""
        store = self.reports.tracker.store
        covered = self.covered().covered()

        def in_workspace(workspace_id: str | None) -> bool:
            return covered is None or workspace_id in (None, covered[0])

        _refill(
            self.client_picker,
            "All clients",
            [
                (_catalogued(r.display_name, r.status), r.id)
                for r in store.records(include_inactive=True)
                if in_workspace(r.workspace_id)
            ],
        )
        client = self.client_picker.currentData()
        projects = [
            (_catalogued(p.name, p.status), p.id)
            for p in store.projects(include_inactive=True)
            if (client is None or p.client_record_id == client) and in_workspace(p.workspace_id)
        ]
        # Another client's project would leave nothing; one gone from the catalog stays.
        _refill(self.project_picker, "All projects", projects, keep=client is None)
        # One tag however it was spelled (`Design`, `design`), as `timo report --tag` keeps
        # it: shown as spelled most, it keeps every spelling (`filters`).
        self._tag_spellings = spellings(self.reports.tracker.all_tags())
        tags = [(same[0], key) for key, same in self._tag_spellings.items()]
        tags.sort(key=lambda tag: tag[0].casefold())
        _refill(self.tag_picker, "All tags", tags)

    # Messages ----------------------------------------------------------------------------
    def _say(
        self, text: str, kind: str = "", *, problem: bool = False, folder: Path | None = None
    ) -> None:
        """Put `text` on the message line, or clear it (`text` ""). `kind` says whose word
        it is ("problem": the range's, gone once the range is fine; "export": kept until
        the next step), `problem` draws it in red, `folder` offers to open that folder."""
        self._said = kind if text else ""
        self._saved_folder = folder if text else None
        self.message.setText(text)
        set_style_property(self.message, "tone", "problem" if problem else "")
        self.message.setVisible(bool(text))
        self.open_folder.setVisible(self._saved_folder is not None)

    def _forget_export(self) -> None:
        """A new step: what the last export said is done with."""
        if self._said == "export":
            self._say("")

    def _open_saved_folder(self) -> None:
        if self._saved_folder is not None:
            open_in_file_manager(self._saved_folder)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.ticker.stop()  # hidden: nothing to keep up to date

    # Export ------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> int:
        """Write invoice inputs (one row per entry) for the range and filters shown; returns
        the rows."""
        tracker = self.reports.tracker
        text = io.StringIO()  # all of it first: a refused file is then not left half written
        count = write_csv(
            self.covered().lines(self.span(), self.filters()),
            text,
            zone=tracker.zone,
            start_of_day=tracker.start_of_day,
            now=tracker.clock(),
            rounding=self.rounding.currentData(),
            workspaces=self.reports.workspace_names(),
        )
        try:
            write_whole(path, text.getvalue())
        except OSError as error:
            raise cannot_write(path, error) from None
        return count

    def export_pdf(self, path: Path) -> None:
        """Write the report shown, with its charts (and what its filters keep), as a PDF."""
        if self.report is None:
            return
        try:  # refused, it is worded as a refused CSV is
            export_pdf(self.report, path, zone=self.reports.tracker.zone)
        except OSError as error:
            raise cannot_write(path, error) from None

    def export_folder(self) -> Path:
        """Where the export dialog starts: this session's last export folder, else the
        user's Documents, else their home."""
        if self._export_folder is not None and self._export_folder.is_dir():
            return self._export_folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))

    def _ask_csv(self) -> None:
        span = self.span()
        path = self._ask_file("Export CSV", f"timo-{span.first}-{span.last}", "csv", "CSV")
        if path is not None:
            self._attempt(path, lambda: _saved_entries(self.export_csv(path), path))

    def _ask_pdf(self) -> None:
        span = self.span()
        name = f"timo-report-{span.first}-{span.last}"
        path = self._ask_file("Export PDF", name, "pdf", "PDF")
        if path is not None:
            self._attempt(path, lambda: self._saved_pdf(path))

    def _ask_file(self, caption: str, name: str, suffix: str, kind: str) -> Path | None:
        """The file to export to, as asked in a save dialog; `.csv`/`.pdf` added to a name
        typed without a suffix (the dialog adds it, so it asks before replacing that file)."""
        dialog = QFileDialog(self, caption, str(self.export_folder()), f"{kind} (*.{suffix})")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.selectFile(f"{name}.{suffix}")
        try:
            chosen = dialog.selectedFiles() if dialog.exec() else []
        finally:
            dialog.deleteLater()
        if not chosen or not chosen[0]:
            return None
        path = Path(chosen[0])
        if not path.suffix:  # a platform's own dialog may not add it
            path = path.with_name(f"{path.name}.{suffix}")
        return path

    def _saved_pdf(self, path: Path) -> str:
        self.export_pdf(path)
        return f"Saved the report to {path}."

    def _attempt(self, path: Path, work: Callable[[], str]) -> None:
        """Export, then say where to (the folder a click away), or why not. A year of
        entries takes seconds: meanwhile the line says what is being done, and the pointer
        that Timo is busy."""
        self._say(f"Saving {path.name}…", "export")
        self.message.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            said = work()
        except (OSError, TimoError) as error:
            text = str(cannot_write(path, error)) if isinstance(error, OSError) else str(error)
            self._say(f"Export failed: {text}", "export", problem=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if path.parent.is_dir():
            self._export_folder = path.parent  # the next export starts there
        self._say(said, "export", folder=path.parent)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _saved_entries(count: int, path: Path) -> str:
    return f"Saved {count} {'entry' if count == 1 else 'entries'} to {path}."


def _catalogued(name: str, status: str) -> str:
    """`Acme website`, or `Old site (archived)`: a picker's item, its status when not active."""
    return name if status == "active" else f"{name} ({status})"


def _refill(
    combo: QComboBox, everything: str, items: list[tuple[str, str]], *, keep: bool = True
) -> None:
    """Offer `everything` (no filter) and `items` (text, id) in `combo`, the pick kept.

    Left alone when they are what it offers (refilled, an open list would jump). A pick
    the catalog no longer holds stays offered when `keep`: dropped, it would widen the
    report without a word.
    """
    chosen, chosen_text = combo.currentData(), combo.currentText()
    wanted: list[tuple[str, str | None]] = [(everything, None), *items]
    if keep and chosen is not None and all(data != chosen for _, data in wanted):
        wanted.append((chosen_text, chosen))
    shown = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    if shown == wanted:
        return
    combo.blockSignals(True)
    combo.clear()
    for text, data in wanted:
        combo.addItem(text, data)
    found = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)


class _Rows(QWidget):
    """The window's content, in a scroll area: as tall as it must be at a width (its rows of
    controls wrapped), no taller, so that the window scrolls only when it is too short."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        height = layout.totalMinimumSize().height()
        for flow in self.findChildren(FlowLayout):
            # The flow is narrower than the window by the margins around it.
            inset = self.width() - flow.geometry().width() if flow.geometry().width() else 0
            height += flow.heightForWidth(width - inset) - flow.minimumSize().height()
        return height


def _group(*parts: QWidget, into: QWidget | None = None) -> QWidget:
    """`parts` side by side in one widget (`into`, or a new one), which a row wraps whole."""
    group = into or QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        row.addWidget(part)
    return group
