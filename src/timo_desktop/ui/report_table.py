"""The report as a table: cell texts and tones shared by the window and the PDF, and the model.

A tone is True (on target: green), False (off target or over the estimate:
red) or None (plain). Hours read `7:05` like every Timo total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from timo_desktop.core.durations import format_duration
from timo_desktop.core.reports import GroupBy, Report, ReportRow, on_target
from timo_desktop.reports.formats import percent, signed, target_percent
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.style import GREEN, RED

COLUMNS = (
    "Group",
    "Hours",
    "Billable",
    "Non-billable",
    "Ratio",
    "Estimate",
    "To date",
    "Variance",
    "Used",
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def seconds_in(row: ReportRow, column: int) -> int | None:
    """The length column `column` holds for `row`; None where it holds no length."""
    figures, use = row.figures, row.estimate
    lengths = {1: figures.seconds, 2: figures.billable_seconds, 3: figures.non_billable_seconds}
    if use is not None:
        lengths |= {5: use.estimate_seconds, 6: use.actual_seconds}
    return lengths.get(column)


def cell_text(report: Report, row: ReportRow, column: int) -> tuple[str, bool | None]:
    """What column `column` shows for `row`, and its tone."""
    use = row.estimate
    if column == 0:
        return row.label, None
    if column == 4:
        ratio, target = row.figures.billable_ratio, report.targets.billable_ratio
        return percent(ratio, target), on_target(ratio, target)
    seconds = seconds_in(row, column)
    if seconds is not None:
        return hours_minutes(seconds), None
    if use is None:
        return "", None
    over = False if use.over else None
    if column == 7:
        return signed(use.variance_seconds, hours_minutes), over
    return percent(use.percent_used), over


def cell_words(report: Report, row: ReportRow, column: int) -> str:
    """What a screen reader says for a cell: durations in words ("7:05" reads as a time)."""
    use = row.estimate
    if column == 7 and use is not None:
        variance = use.variance_seconds
        if not variance:
            return "on the estimate"
        past = "over" if variance > 0 else "under"
        return f"{format_duration(abs(variance))} {past} the estimate"
    seconds = seconds_in(row, column)
    if seconds is not None:
        return format_duration(seconds)
    return cell_text(report, row, column)[0]


def sort_value(report: Report, row: ReportRow, column: int) -> Any:
    """The number (or folded text) a column sorts by; rows without a value sort first.
    Days sort by date (their key), not by the weekday their name begins with."""
    figures, use = row.figures, row.estimate
    values: tuple[Any, ...] = (
        row.key if report.group_by is GroupBy.DAY else row.label.casefold(),
        figures.seconds,
        figures.billable_seconds,
        figures.non_billable_seconds,
        -1.0 if figures.billable_ratio is None else figures.billable_ratio,
    )
    if column < len(values):
        return values[column]
    if use is None:
        return float("-inf")
    return (
        use.estimate_seconds,
        use.actual_seconds,
        use.variance_seconds,
        use.percent_used or 0.0,
    )[column - 5]


@dataclass(frozen=True)
class SummaryItem:
    """One headline figure, and its target if it has one."""

    name: str
    value: str
    on_target: bool | None = None
    target: str = ""
    spoken: str = ""  # the value in words, where a screen reader would misread it

    @property
    def accessible_name(self) -> str:
        """`Hours: 25h 45m`: hours in words, as a screen reader reads "25:45" as a time of day."""
        return f"{self.title}: {self.spoken or self.value}"

    @property
    def title(self) -> str:
        """`Billable ratio (target 75 %)`."""
        return f"{self.name} (target {self.target})" if self.target else self.name


def summary_items(report: Report) -> list[SummaryItem]:
    """Hours, billable, non-billable, billable ratio and utilization against targets, capacity."""
    totals = report.totals
    return [
        _hours("Hours", totals.seconds),
        _hours("Billable", totals.billable_seconds),
        _hours("Non-billable", totals.non_billable_seconds),
        SummaryItem(
            "Billable ratio",
            percent(totals.billable_ratio, report.targets.billable_ratio),
            report.billable_ratio_on_target,
            target_percent(report.targets.billable_ratio),
        ),
        SummaryItem(
            "Utilization",
            percent(report.utilization, report.targets.utilization),
            report.utilization_on_target,
            target_percent(report.targets.utilization),
        ),
        _hours("Capacity", report.capacity_seconds),
    ]


def _hours(name: str, seconds: int) -> SummaryItem:
    return SummaryItem(name, hours_minutes(seconds), spoken=format_duration(seconds))


AnyIndex = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """A report's rows; sort through a proxy on `SORT_ROLE`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None

    def set_report(self, report: Report | None) -> None:
        """Show `report`'s rows (None: no rows, the report could not be made)."""
        self.beginResetModel()
        self._report = report
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._report is None else len(self._report.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0 and self._report is not None:
                return self._report.group_by.heading
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Over its column: names to the left, figures to the right.
            side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
            return side | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._report is None or not index.isValid():
            return None
        row = self._report.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            text, tone = cell_text(self._report, row, column)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            return None if tone is None else QColor(GREEN if tone else RED)
        if role == SORT_ROLE:
            return sort_value(self._report, row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_words(self._report, row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and row.estimate is not None and column >= 5:
            return "Estimate against every entry ever tracked on it, up to now"
        return None
