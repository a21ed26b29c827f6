"""The report as a table: cell texts and tones shared by the window and the PDF, and the model.

Shared as well: the columns a grouping shows (`columns`) and the headline figures
(`summary_items`, to date while working days are still to come); what is said in
their place when nothing was tracked is the text report's (`formats.nothing_tracked`).

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
from timo_desktop.reports.formats import (
    PART_OF_CAPACITY,
    capacity_words,
    percent,
    signed,
    target_percent,
    to_date,
    used_percent,
)
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
FIGURE_COLUMNS = 5  # the group, hours, billable, non-billable and ratio: every grouping's


def columns(group_by: GroupBy) -> tuple[str, ...]:
    """The columns a report grouped by `group_by` shows: estimate, to date, variance and used
    only where groups carry estimates (projects, tasks), as in `timo report`; elsewhere they
    could never hold a value."""
    return COLUMNS if group_by.has_estimates else COLUMNS[:FIGURE_COLUMNS]


def seconds_in(row: ReportRow, column: int) -> int | None:
    """The length column `column` holds for `row`; None where it holds no length."""
    figures, use = row.figures, row.estimate
    lengths = {
        1: figures.shown_seconds,
        2: figures.shown_billable_seconds,
        3: figures.shown_non_billable_seconds,
    }
    if use is not None:
        lengths |= {5: use.estimate_seconds, 6: use.actual_seconds}
    return lengths.get(column)


BELOW = " ▼"  # below its target, as `timo report` marks it
OVER = " ▲"  # over the estimate


def cell_text(report: Report, row: ReportRow, column: int) -> tuple[str, bool | None]:
    """What column `column` shows for `row`, and its tone."""
    use = row.estimate
    if column == 0:
        return row.label, None
    if column == 4:
        ratio, target = row.figures.billable_ratio, report.targets.billable_ratio
        reached = on_target(ratio, target)
        # Marked as the text report marks it, not by colour alone (printed in black, or
        # read by someone who does not tell red from green).
        return percent(ratio, target) + (BELOW if reached is False else ""), reached
    seconds = seconds_in(row, column)
    if seconds is not None:
        return hours_minutes(seconds), None
    if use is None:
        return "", None
    over = False if use.over else None
    if column == 7:
        return signed(use.shown_variance_seconds, hours_minutes), over
    return used_percent(use) + (OVER if use.over else ""), over


def cell_words(report: Report, row: ReportRow, column: int) -> str:
    """What a screen reader says for a cell: durations in words ("7:05" reads as a time)."""
    use = row.estimate
    if column == 4:
        ratio, target = row.figures.billable_ratio, report.targets.billable_ratio
        below = ", below target" if on_target(ratio, target) is False else ""
        return percent(ratio, target) + below
    if column == 8 and use is not None:
        return f"{used_percent(use)} of the estimate" + (", over it" if use.over else "")
    if column == 7 and use is not None:
        variance = use.shown_variance_seconds
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
    detail: str = ""  # said in brackets after the name: `40:00 in the week`
    spoken_detail: str = ""  # the detail in words, as `spoken`

    @property
    def accessible_name(self) -> str:
        """`Hours: 25h 45m`: hours in words, as a screen reader reads "25:45" as a time of day."""
        below = ", below target" if self.on_target is False else ""
        return (
            f"{self._titled(self.spoken_detail or self.detail)}: {self.spoken or self.value}{below}"
        )

    @property
    def shown(self) -> str:
        """The value as shown: `68 % ▼` below its target, marked not by colour alone."""
        return self.value + (BELOW if self.on_target is False else "")

    @property
    def title(self) -> str:
        """`Billable ratio (target 75 %)`, `Capacity to date (40:00 in the week)`."""
        return self._titled(self.detail)

    @property
    def below(self) -> str:
        """The line a printed figure has under it: `target 75 %`, or its detail."""
        return f"target {self.target}" if self.target else self.detail

    def _titled(self, detail: str) -> str:
        said = "; ".join(part for part in (self.target and f"target {self.target}", detail) if part)
        return f"{self.name} ({said})" if said else self.name


def summary_items(report: Report) -> list[SummaryItem]:
    """Hours, billable, non-billable, billable ratio and utilization against targets, capacity.

    While working days of the range are still to come, utilization and capacity are to
    date, and say so: `Capacity to date (40:00 in the week; your setting)` over `24:00`;
    the capacity says whose it is. On a filtered report utilization has no target: it
    says it is the part's share of the capacity instead.
    """
    totals = report.totals
    target = report.utilization_target
    return [
        _hours("Hours", totals.shown_seconds),
        _hours("Billable", totals.shown_billable_seconds),
        _hours("Non-billable", totals.shown_non_billable_seconds),
        SummaryItem(
            "Billable ratio",
            percent(totals.billable_ratio, report.targets.billable_ratio),
            report.billable_ratio_on_target,
            target_percent(report.targets.billable_ratio),
        ),
        SummaryItem(
            to_date("Utilization", report),
            percent(report.utilization, target),
            report.utilization_on_target,
            "" if target is None else target_percent(target),
            detail=PART_OF_CAPACITY if report.filtered else "",
        ),
        SummaryItem(
            to_date("Capacity", report),
            hours_minutes(report.capacity_to_date_seconds),
            spoken=format_duration(report.capacity_to_date_seconds),
            detail=capacity_words(report, hours_minutes),
            spoken_detail=capacity_words(report),
        ),
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
        if parent.isValid():
            return 0
        # Without a report, all of them: a view sets each column's resizing up front.
        return len(COLUMNS if self._report is None else columns(self._report.group_by))

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
