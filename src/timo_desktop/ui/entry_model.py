"""The day-grouped entry list: days at the top level, their entries beneath."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from timo_desktop.core.entry import Entry, SyncState, Target, described
from timo_desktop.core.local_time import local_day
from timo_desktop.ui.formatting import day_label, hours_minutes, time_range

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    DESCRIPTION = 0
    TARGET = 1
    TAGS = 2
    BILLABLE = 3
    TIMES = 4
    DURATION = 5
    SYNC = 6
    ACTIONS = 7


EDITABLE = frozenset(
    int(c) for c in (Column.DESCRIPTION, Column.TARGET, Column.TAGS, Column.TIMES, Column.DURATION)
)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the Entry of a row (None on a day header)
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 2  # why a row needs attention, or ""
DAY_ROLE = Qt.ItemDataRole.UserRole + 3  # the DayGroup of a header row
WARN_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the row deserves a warning mark
_DAY_ID = 0  # internal id of a day header; entry rows carry their day's index + 1
_COLUMNS = len(Column)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DAY_FLAGS = Qt.ItemFlag.ItemIsEnabled
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass
class DayGroup:
    """One day of entries, newest first, with its totals."""

    day: date
    entries: list[Entry] = field(default_factory=list)
    total: timedelta = timedelta(0)
    billable: timedelta = timedelta(0)


@dataclass(frozen=True)
class ListContext:
    """What the list needs to know besides the entries."""

    zone: str
    start_of_day: time
    today: date
    target_label: Callable[[Target], str]
    reasons: Mapping[str, str] = field(default_factory=dict)  # client_ref → why it needs a look
    # Entries with a real problem get a warning mark; "not synced yet" alone shows in the badge.
    warned: frozenset[str] = frozenset()


def group_by_day(entries: Sequence[Entry], context: ListContext) -> list[DayGroup]:
    """Finished entries grouped by working day, newest day and entry first."""
    groups: dict[date, DayGroup] = {}
    for entry in sorted(entries, key=lambda e: e.start, reverse=True):
        if entry.end is None or entry.is_deleted:
            continue
        day = local_day(entry.start, context.zone, context.start_of_day)
        group = groups.get(day)
        if group is None:
            group = groups[day] = DayGroup(day)
        group.entries.append(entry)
        length = entry.end - entry.start
        group.total += length
        if entry.billable:
            group.billable += length
    return list(groups.values())


class EntryListModel(QAbstractItemModel):
    """Entries by day; edits go out as `edit_requested` for the Tracker to apply."""

    edit_requested = Signal(
        str, object, object
    )  # client_ref, Column, new value (text or bool/choice)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: list[DayGroup] = []
        self._reasons: Mapping[str, str] = {}
        self._context: ListContext | None = None

    # Filling ---------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[Entry], context: ListContext) -> None:
        """Replace everything shown (cheap enough for a year of entries)."""
        self.beginResetModel()
        self._context = context
        self._days = group_by_day(entries, context)
        self._reasons = context.reasons
        self.endResetModel()

    def days(self) -> list[DayGroup]:
        return self._days

    def entry_at(self, index: AnyIndex) -> Entry | None:
        if not index.isValid() or index.internalId() == _DAY_ID:
            return None
        return self._days[index.internalId() - 1].entries[index.row()]

    def index_of(self, client_ref: str, column: Column = Column.DESCRIPTION) -> QModelIndex:
        for day_row, group in enumerate(self._days):
            for row, entry in enumerate(group.entries):
                if entry.client_ref == client_ref:
                    return self.index(row, column, self.index(day_row, 0))
        return QModelIndex()

    # Structure -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Plain bounds checks: the view asks for tens of thousands of indexes on a reset.
        if not 0 <= column < _COLUMNS:
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self._days):
                return self.createIndex(row, column, _DAY_ID)
            return QModelIndex()
        day = parent.row()
        if parent.internalId() == _DAY_ID and 0 <= row < len(self._days[day].entries):
            return self.createIndex(row, column, day + 1)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _DAY_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _DAY_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == _DAY_ID and parent.column() == 0:
            return len(self._days[parent.row()].entries)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        if index.internalId() == _DAY_ID:
            return _DAY_FLAGS
        return _EDIT_FLAGS if index.column() in EDITABLE else _ROW_FLAGS

    # Content ---------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _DAY_ID:
            return self._day_data(self._days[index.row()], index.column(), role)
        entry = self._days[index.internalId() - 1].entries[index.row()]
        return self._entry_data(entry, Column(index.column()), role)

    def _day_data(self, group: DayGroup, column: int, role: int) -> Any:
        if role == DAY_ROLE:
            return group
        if column != Column.DESCRIPTION or self._context is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"{day_label(group.day, self._context.today)} — "
                f"{hours_minutes(group.total.total_seconds())} total, "
                f"{hours_minutes(group.billable.total_seconds())} billable"
            )
        return None

    def _entry_data(self, entry: Entry, column: Column, role: int) -> Any:
        assert self._context is not None
        if role == ENTRY_ROLE:
            return entry
        if role == ATTENTION_ROLE:
            return self._reasons.get(entry.client_ref, "")
        if role == WARN_ROLE:
            return entry.client_ref in self._context.warned
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(entry, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.BILLABLE:
            return Qt.CheckState.Checked if entry.billable else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.TIMES, Column.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: Entry, column: Column, editing: bool) -> Any:
        assert self._context is not None
        assert entry.end is not None
        if column == Column.DESCRIPTION:
            return entry.description if editing else described(entry.description)
        if column == Column.TARGET:
            return "" if entry.target.is_empty else self._context.target_label(entry.target)
        if column == Column.TAGS:
            return ", ".join(entry.tags)
        if column == Column.TIMES:
            return time_range(entry.start, entry.end, self._context.zone)
        if column == Column.DURATION:
            return hours_minutes((entry.end - entry.start).total_seconds())
        if column == Column.SYNC:
            return _SYNC_TEXT[entry.sync_state]
        return None

    def _tooltip(self, entry: Entry, column: Column) -> str | None:
        if column == Column.SYNC:
            return self._reasons.get(entry.client_ref) or _SYNC_TEXT[entry.sync_state]
        if column == Column.BILLABLE:
            return "Billable" if entry.billable else "Not billable"
        return self._reasons.get(entry.client_ref) or None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entry_at(index)
        if entry is None:
            return False
        column = Column(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.BILLABLE:
            self.edit_requested.emit(entry.client_ref, column, not entry.billable)
            return True
        if role == Qt.ItemDataRole.EditRole and column in EDITABLE:
            if value == self.data(index, Qt.ItemDataRole.EditRole):
                return False
            self.edit_requested.emit(entry.client_ref, column, value)
            return True
        return False


_SYNC_TEXT = {
    SyncState.SYNCED: "Synced",
    SyncState.PENDING: "Waiting to sync",
    SyncState.ATTENTION: "Needs attention",
}


class AttentionFilter(QSortFilterProxyModel):
    """Shows only entries that need attention (and their days) when switched on."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._on = False

    def set_enabled(self, on: bool) -> None:
        self.beginFilterChange()
        self._on = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_enabled(self) -> bool:
        return self._on

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._on:
            return True
        if not source_parent.isValid():
            return False  # a day shows only through its entries (recursive filtering)
        index = self.sourceModel().index(source_row, Column.DESCRIPTION, source_parent)
        return bool(index.data(ATTENTION_ROLE))
