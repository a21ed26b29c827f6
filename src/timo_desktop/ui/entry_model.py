"""The day-grouped entry list: days at the top level, their entries beneath."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence

from timo_desktop.core.durations import shown_minutes
from timo_desktop.core.entry import Entry, SyncState, Target, described
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.folding import folded
from timo_desktop.core.local_time import (
    at_local,
    clock_text,
    clock_time,
    clocks_change,
    day_range,
    local,
    local_day,
    range_parts,
    time_of_day,
    typed_time_on,
    utc_now,
)
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


HEADINGS = {
    Column.DESCRIPTION: "Description",
    Column.TARGET: "Project",
    Column.TAGS: "Tags",
    Column.BILLABLE: "Billable",
    Column.TIMES: "Time",
    Column.DURATION: "Duration",
    Column.SYNC: "Sync",
    Column.ACTIONS: "Actions",
}

EDITABLE = frozenset(
    int(c) for c in (Column.DESCRIPTION, Column.TARGET, Column.TAGS, Column.TIMES, Column.DURATION)
)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the Entry of a row (None on a day header)
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 2  # why a row needs attention, or ""
DAY_ROLE = Qt.ItemDataRole.UserRole + 3  # the DayGroup of a header row
WARN_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the row deserves a warning mark
RUNNING_ROLE = Qt.ItemDataRole.UserRole + 5  # True on the running timer's row
_DAY_ID = 0  # internal id of a day header; entry rows carry their day's index + 1
_COLUMNS = len(Column)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DAY_FLAGS = Qt.ItemFlag.ItemIsEnabled
# An entry's row never has rows under it: saying so spares the tree view asking each one
# (`rowCount`, 20,000 calls into Python for a year of entries at each refill).
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_EDIT_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable
# A running timer has no end to set: its length and end wait until it is stopped.
RUNNING_EDITABLE = EDITABLE - {int(Column.DURATION)}
# Each column's flags on an entry's row, and on the running timer's.
_ENTRY_FLAGS = tuple(_EDIT_FLAGS if column in EDITABLE else _ROW_FLAGS for column in Column)
_RUNNING_FLAGS = tuple(
    _EDIT_FLAGS if column in RUNNING_EDITABLE else _ROW_FLAGS for column in Column
)


@dataclass
class DayGroup:
    """One day of entries, newest first (a running timer on top), with its totals."""

    day: date
    entries: list[Entry] = field(default_factory=list)
    total: timedelta = timedelta(0)  # the running timer counts up to the last `count_to`
    billable: timedelta = timedelta(0)
    finished: timedelta = timedelta(0)  # the finished entries alone
    finished_billable: timedelta = timedelta(0)
    whole: timedelta | None = None  # the whole day's total when this is a filter's share of it
    # The running timer the totals count: the first row's, but for rows kept as they were
    # while the day changed elsewhere (`EntryListModel.update_entries`).
    counted: Entry | None = None

    @property
    def running(self) -> Entry | None:
        """The running timer, when it belongs to this day."""
        return self.entries[0] if self.entries and self.entries[0].end is None else None

    def total_text(self) -> str:
        """`7:30`, or `2:15 of 7:30` for a filter's share of the day."""
        total = hours_minutes(self.total.total_seconds())
        if self.whole is None:
            return total
        return f"{total} of {hours_minutes(self.whole.total_seconds())}"

    def only(self, keep: Callable[[Entry], bool]) -> DayGroup:
        """The entries `keep` accepts with their totals, as a share of this whole day; a kept
        running timer counts as far as this day's totals were last counted."""
        part = DayGroup(self.day, [e for e in self.entries if keep(e)], whole=self.total)
        for entry in part.entries:
            part.count_finished(entry)
        part.total, part.billable = part.finished, part.finished_billable
        if part.running is not None:
            part.total += self.total - self.finished
            part.billable += self.billable - self.finished_billable
        return part

    def count_finished(self, entry: Entry) -> None:
        """Add `entry` to the finished totals, unless it is the running timer."""
        if entry.end is not None:
            length = entry.end - entry.start
            self.finished += length
            if entry.billable:
                self.finished_billable += length

    def count_to(self, now: datetime) -> None:
        """Totals as of `now`: the finished entries plus the running timer so far."""
        self.total, self.billable = self.finished, self.finished_billable
        running = self.counted
        if running is not None:
            length = running.duration(now)
            self.total += length
            if running.billable:
                self.billable += length


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
    clock: Callable[[], datetime] = utc_now  # the Tracker's: how long the running timer has run


def group_by_day(
    entries: Sequence[Entry], context: ListContext, now: datetime | None = None
) -> list[DayGroup]:
    """Entries grouped by working day, newest day and entry first; the running timer is on
    top of its day and counts in its totals up to `now` (default: the context's clock)."""
    groups: dict[date, DayGroup] = {}
    running: DayGroup | None = None
    newest_first = sorted(entries, key=attrgetter("start"), reverse=True)
    for day, entry in _with_days(newest_first, context):
        if entry.is_deleted:
            continue
        group = groups.get(day)
        if group is None:
            group = groups[day] = DayGroup(day)
        group.entries.append(entry)
        group.count_finished(entry)
        if entry.end is None:
            running = group
            group.counted = entry
    if running is not None:  # an entry synced in with a later start must not push it down
        running.entries.sort(key=lambda e: e.end is not None)
    at = context.clock() if now is None else now
    for group in groups.values():
        group.count_to(at)
    return sorted(groups.values(), key=lambda g: g.day, reverse=True)


def _counting(days: Sequence[DayGroup]) -> int | None:
    """The row of the day among `days` whose totals count the running timer, if any."""
    return next((row for row, group in enumerate(days) if group.counted is not None), None)


def _with_days(entries: Iterable[Entry], context: ListContext) -> Iterator[tuple[date, Entry]]:
    """Each of `entries`, in order of their starts, with its working day. A day's entries
    come together, and its bounds place all but the first: a year has thousands, and
    working out each one's day on its own took most of the time a refill took."""
    never = datetime.max.replace(tzinfo=UTC)
    day, begins, ends = date.min, never, never  # no bounds until the first
    for entry in entries:
        if not begins <= entry.start < ends:
            day = local_day(entry.start, context.zone, context.start_of_day)
            begins, ends = day_range(day, context.zone, context.start_of_day)
        yield day, entry


def _layout(days: Sequence[DayGroup]) -> list[tuple[date, list[str]]]:
    """Which entries the rows hold, in order: each day and its entries' `client_ref`s."""
    return [(group.day, [entry.client_ref for entry in group.entries]) for group in days]


def running_start(text: str, entry: Entry, zone: str, now: datetime) -> datetime:
    """The new start typed for running timer `entry` (`09:45`, or `09:45–now`): on the day
    of its present start, or the day after when that is not still to come (a timer started
    late in the evening, corrected after midnight); a bare hour is on the hour (`9`). A typed
    end is refused in plain words."""
    parts = range_parts(_without_now(text))
    if len(parts) > 1:
        raise InvalidEntry("the timer is running; stop it to set its end")
    if not parts:
        raise InvalidEntry(f"type the time the timer started, for example {clock_text(time(9, 0))}")
    clock = time_of_day(parts[0], bare_hour=True)
    day = local(entry.start, zone).date()
    if at_local(day + timedelta(days=1), clock, zone) <= now:
        day += timedelta(days=1)
    return typed_time_on(day, parts[0], zone, bare_hour=True)


class EntryListModel(QAbstractItemModel):
    """Entries by day; edits go out as `edit_requested` for the Tracker to apply."""

    edit_requested = Signal(
        str, object, object
    )  # client_ref, Column, new value (text or bool/choice)
    # Each tick, for views that count the running timer differently (a search's day totals).
    counted = Signal()
    updated = Signal()  # `update_entries` changed what the rows show, not which rows there are

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: list[DayGroup] = []
        self._reasons: Mapping[str, str] = {}
        self._context: ListContext | None = None
        self._now = utc_now()  # what the running timer is counted to; moved by `tick`
        self._running_day: int | None = None  # the row of the day counting the running timer
        self._searched: dict[str, str] = {}  # client_ref → what a search looks through
        self._texts: dict[Column, frozenset[str]] = {}  # what each column shows, once each

    # Filling ---------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[Entry], context: ListContext) -> None:
        """Replace everything shown (cheap enough for a year of entries)."""
        self.beginResetModel()
        now = context.clock()
        self._take(group_by_day(entries, context, now), context, now)
        self.endResetModel()

    def update_entries(
        self, entries: Sequence[Entry], context: ListContext, *, keep_rows: bool = False
    ) -> bool:
        """Show `entries` as they are now without a refill, where the rows stay the same
        entries in the same places (a timer stopped, an entry changed): an editor open in
        the list stays open, and the day totals are right. False where rows would come, go
        or move; then only `set_entries` shows them, and meanwhile, with `keep_rows` (an
        editor is open, which a refill would close), the days listed show their totals as
        of `entries` (an entry added elsewhere counts at once), and nothing else changes."""
        now = context.clock()
        days = group_by_day(entries, context, now)
        if _layout(days) != _layout(self._days):
            if keep_rows:
                self._take_totals(days, now)
            return False
        self._take(days, context, now)
        last = _COLUMNS - 1
        for row, group in enumerate(days):
            day = self.index(row, 0)
            self.dataChanged.emit(day, self.index(row, last))  # its header and totals
            self.dataChanged.emit(
                self.index(0, 0, day), self.index(len(group.entries) - 1, last, day)
            )
        self.updated.emit()
        return True

    def _take_totals(self, days: list[DayGroup], now: datetime) -> None:
        """Each listed day's totals from its group in `days` (none there: no entries left),
        its rows as they are; the running timer counted is the one `days` count."""
        fresh = {group.day: group for group in days}
        self._now = now
        for row, group in enumerate(self._days):
            counted = fresh.get(group.day) or DayGroup(group.day)
            before = (group.total, group.billable)
            group.finished, group.finished_billable = counted.finished, counted.finished_billable
            group.counted = counted.counted
            group.count_to(now)
            if (group.total, group.billable) != before:
                self.dataChanged.emit(self.index(row, 0), self.index(row, _COLUMNS - 1))
        self._running_day = _counting(self._days)

    def _take(self, days: list[DayGroup], context: ListContext, now: datetime) -> None:
        self._context = context
        self._now = now
        self._days = days
        self._running_day = _counting(days)
        self._reasons = context.reasons
        self._searched = {}
        self._texts = {}

    def tick(self) -> None:
        """Count the running timer up to the clock. Only its duration cell and its day's
        header are repainted, and only when their minutes change: the window ticks each
        second while shown, and a reset would repaint (and re-filter) the whole list."""
        if self._context is None or self._running_day is None:
            return
        group = self._days[self._running_day]
        running = group.counted
        assert running is not None
        before = self._minutes(group, running)
        self._now = self._context.clock()
        group.count_to(self._now)
        self.counted.emit()
        if self._minutes(group, running) == before:
            return
        # Indexes made afresh: ones kept from before a refill would point at freed rows.
        day = self.index(self._running_day, 0)
        self.dataChanged.emit(day, self.index(self._running_day, _COLUMNS - 1))
        cell = self.running_index(Column.DURATION)
        if cell.isValid():
            self.dataChanged.emit(cell, cell)

    def _minutes(self, group: DayGroup, running: Entry) -> tuple[int, ...]:
        return (
            shown_minutes(group.total),
            shown_minutes(group.billable),
            shown_minutes(running.duration(self._now)),
        )

    def shown_duration(self, entry: Entry) -> timedelta:
        """How long `entry` is as the list shows it: a running timer counted to the last tick."""
        return entry.duration(self._now)

    def running_index(self, column: Column = Column.DESCRIPTION) -> QModelIndex:
        """The running timer's cell in `column`, or an invalid index when none runs (or,
        while rows are kept as they were, its row is not listed yet)."""
        if self._running_day is None or self._days[self._running_day].running is None:
            return QModelIndex()
        return self.index(0, column, self.index(self._running_day, 0))

    def days(self) -> list[DayGroup]:
        return self._days

    def reason(self, entry: Entry) -> str:
        """Why `entry` needs attention, or ""."""
        return self._reasons.get(entry.client_ref, "")

    def search_text(self, entry: Entry) -> str:
        """Description, target and tags casefolded, one a line (so no word spans two); kept
        until the next fill, as a search reads every entry at each change of its words."""
        text = self._searched.get(entry.client_ref)
        if text is None:
            assert self._context is not None
            target = "" if entry.target.is_empty else self._context.target_label(entry.target)
            text = folded("\n".join((entry.description, target, *entry.tags)))
            self._searched[entry.client_ref] = text
        return text

    def shown_texts(self, column: Column) -> frozenset[str]:
        """Every text the target or tags `column` shows for an entry, once each (a view
        sizes the column to them); kept until the next fill, as a view asks at each change
        of a search. Each is made once: a year of entries has a few dozen."""
        texts = self._texts.get(column)
        if texts is None:
            made_of = _MADE_OF[column]
            alike = {made_of(e): e for group in self._days for e in group.entries}
            texts = frozenset(self._text(entry, column, False) for entry in alike.values())
            self._texts[column] = texts
        return texts

    def times_naming_offsets(self) -> frozenset[str]:
        """The start–end texts of the entries of days the clocks change on (or of the day
        before, ending after it): the only ones that can name UTC offsets and be wider than
        any other day's. Looked at by the day, not formatting every entry of a year."""
        if self._context is None:  # nothing listed yet
            return frozenset()
        zone = self._context.zone
        return frozenset(
            self._text(entry, Column.TIMES, False)
            for group in self._days
            if clocks_change(group.day, zone, days=2)
            for entry in group.entries
        )

    def day_text(self, group: DayGroup) -> str:
        """A day header's words: `Today — 7:30 total, 5:00 billable`."""
        assert self._context is not None
        return (
            f"{day_label(group.day, self._context.today)} — {group.total_text()} total, "
            f"{hours_minutes(group.billable.total_seconds())} billable"
        )

    def oldest_day(self) -> str | None:
        """The oldest day listed, as its header names it (None when the list is empty)."""
        if not self._days or self._context is None:
            return None
        return day_label(self._days[-1].day, self._context.today)

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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # The header is not shown, but screen readers name each cell by its column's.
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADINGS.get(section)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Asked twice of every entry at each layout of the list: a lookup or two, no more.
        day = index.internalId()
        if day == _DAY_ID:  # a day header, or no cell at all
            return _DAY_FLAGS if index.isValid() else _NO_FLAGS
        if index.row() == 0 and self._days[day - 1].running is not None:
            return _RUNNING_FLAGS[index.column()]
        return _ENTRY_FLAGS[index.column()]

    # Content ---------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _STYLE_ROLES or not index.isValid():
            return None
        day = index.internalId()
        if day == _DAY_ID:
            return self._day_data(self._days[index.row()], index.column(), role)
        return self._entry_data(self._days[day - 1].entries[index.row()], index.column(), role)

    def _day_data(self, group: DayGroup, column: int, role: int) -> Any:
        if role == DAY_ROLE:
            return group
        if self._context is None or not _day_words(column, role):
            return None
        return self.day_text(group)

    def _entry_data(self, entry: Entry, column: int, role: int) -> Any:
        assert self._context is not None
        if role == ENTRY_ROLE:
            return entry
        if role == ATTENTION_ROLE:
            return self._reasons.get(entry.client_ref, "")
        if role == WARN_ROLE:
            return entry.client_ref in self._context.warned
        if role == RUNNING_ROLE:
            return entry.end is None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(entry, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(entry, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and entry.end is None:
            return "running"
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.BILLABLE:
            return Qt.CheckState.Checked if entry.billable else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.TIMES, Column.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, entry: Entry, column: int, editing: bool) -> Any:
        assert self._context is not None
        if column == Column.DESCRIPTION:
            return entry.description if editing else described(entry.description)
        if column == Column.TARGET:
            return "" if entry.target.is_empty else self._context.target_label(entry.target)
        if column == Column.TAGS:
            return ", ".join(entry.tags)
        if column == Column.TIMES:
            if editing and entry.end is None:  # only its start can change while it runs
                return clock_time(entry.start, self._context.zone)
            return time_range(entry.start, entry.end, self._context.zone)
        if column == Column.DURATION:
            return hours_minutes(entry.duration(self._now).total_seconds())
        if column == Column.SYNC:
            return _SYNC_TEXT[entry.sync_state]
        return None

    def _spoken(self, entry: Entry, column: int) -> str | None:
        """What a screen reader says for the cells drawn as marks rather than text."""
        if column == Column.BILLABLE:
            return "billable" if entry.billable else "not billable"
        if column == Column.ACTIONS:
            return ", ".join(label for _name, label in row_actions(entry))
        if column == Column.SYNC:
            reason = self._reasons.get(entry.client_ref)
            said = _SYNC_TEXT[entry.sync_state]
            return f"{said}: {reason}" if reason else said
        return None  # the display text is read

    def _tooltip(self, entry: Entry, column: int) -> str | None:
        if column == Column.SYNC:
            return self._reasons.get(entry.client_ref) or _SYNC_TEXT[entry.sync_state]
        if column == Column.BILLABLE:
            return "Billable" if entry.billable else "Not billable"
        if entry.end is None and column == Column.TIMES:
            return "Running; change its start here, or stop the timer to set its end"
        if entry.end is None and column == Column.DURATION:
            return "Running; stop the timer to set its length"
        return self._reasons.get(entry.client_ref) or None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entry_at(index)
        if entry is None:
            return False
        column = Column(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.BILLABLE:
            self.edit_requested.emit(entry.client_ref, column, not entry.billable)
            return True
        if role == Qt.ItemDataRole.EditRole and self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            if entry.end is None and column == Column.TIMES and isinstance(value, str):
                value = _without_now(value)  # `09:45–now`, as the row reads, is its start
            if value == self.data(index, Qt.ItemDataRole.EditRole):
                return False
            self.edit_requested.emit(entry.client_ref, column, value)
            return True
        return False


# What the target's and tags' texts are made of: entries alike in it read alike.
_MADE_OF: dict[Column, Callable[[Entry], object]] = {
    Column.TARGET: attrgetter("target"),
    Column.TAGS: attrgetter("tags"),
}
# Asked of every cell painted, and left to the style: no cell has a font, colours or an
# icon of its own (the delegate draws the running timer's and the warning mark).
_STYLE_ROLES = frozenset(
    {
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
    }
)
_HEADER_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole})


def _day_words(column: int, role: int) -> bool:
    """Whether a day header's cell in `column` gives its words in `role`. The header is drawn
    as one cell, its first; a screen reader reads each cell of the row, and found the
    others blank: they say the day too, to screen readers only."""
    if column == Column.DESCRIPTION:
        return role in _HEADER_TEXT_ROLES
    return role == Qt.ItemDataRole.AccessibleTextRole


_SYNC_TEXT = {
    SyncState.SYNCED: "Synced",
    SyncState.PENDING: "Waiting to sync",
    SyncState.ATTENTION: "Needs attention",
}
ACTIONS = (
    ("continue", "Continue"),
    ("duplicate", "Duplicate"),
    ("delete", "Delete"),
)
# A shortcut as QKeySequence takes it; a standard key stands for every binding this
# platform has for it. Each key is written once, beside the control it belongs to, and
# both its shortcut and the tooltip that names it are made from that.
Keys = str | QKeySequence.StandardKey
# The row actions' keys, which act on the list's current row while the list has the focus.
# Continue is also the window's "Continue last entry" elsewhere. Delete is Del alone, not
# the standard key: on Linux that also brings Ctrl+D (an Emacs binding), Duplicate's key,
# and a key bound twice does neither.
ACTION_KEYS: dict[str, Keys] = {
    "continue": "Ctrl+Shift+Return",
    "duplicate": "Ctrl+D",
    "delete": "Del",
}
EDIT_KEYS: Keys = "F2"  # edit the current cell in place
# Continue: it runs already. Duplicate: the Tracker copies finished entries only.
_RUNNING_ACTIONS = frozenset({"delete"})


def row_actions(entry: Entry) -> list[tuple[str, str]]:
    """The (name, label) row actions that apply to `entry`."""
    if entry.end is None:
        return [action for action in ACTIONS if action[0] in _RUNNING_ACTIONS]
    return list(ACTIONS)


def key_sequences(keys: Keys) -> list[QKeySequence]:
    """`keys` as the shortcuts they stand for (a standard key: each of its bindings here)."""
    if isinstance(keys, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(keys)
    return [QKeySequence(keys)]


def with_keys(text: str, keys: Keys) -> str:
    """`Duplicate (Ctrl+D)`: a control's tooltip naming its shortcut as this platform
    writes it (a standard key by its first binding)."""
    shown = key_sequences(keys)[0].toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shown})"


def _without_now(text: str) -> str:
    """`09:45` for `09:45–now`, as a running timer's row reads; anything else as typed."""
    parts = range_parts(text)
    return parts[0] if len(parts) == 2 and parts[1].lower() == "now" else text.strip()


class EntryFilter(QSortFilterProxyModel):
    """What the list shows: with "Needs attention" on, the entries that need it; with search
    words, the entries whose description, target or tags hold every word. A day shows through
    its entries; under either its header totals the entries shown, of the whole day.

    With neither on it lets every row through, and a view lists its source instead (see
    `EntryListView.setModel`): `filtering` says when that turns, before the filter lets go
    of its rows and after it has taken them, so that no view lays them out twice."""

    filtering = Signal(bool)  # whether it now filters

    def __init__(self, source: EntryListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._on = False
        self._words: tuple[str, ...] = ()
        self._counted: tuple[int, int] | None = None  # the running day's shown minutes
        # Entries are read from the model itself, not through data(): a search goes through
        # a year of them at each change of its words, and data() costs several times more.
        self.source = source
        self.setSourceModel(source)
        source.counted.connect(self._recount)

    def set_enabled(self, on: bool) -> None:
        if on == self._on:
            return
        self._refilter(on, self._words)

    def is_enabled(self) -> bool:
        return self._on

    def set_search(self, text: str) -> None:
        """Show only entries holding every word of `text`, in any case ("" shows all)."""
        words = tuple(folded(text).split())
        if words != self._words:
            self._refilter(self._on, words)

    def words(self) -> tuple[str, ...]:
        return self._words

    def filters(self) -> bool:
        """Whether it leaves any entry out: "Needs attention" or a search is on."""
        return self._on or bool(self._words)

    def _refilter(self, on: bool, words: tuple[str, ...]) -> None:
        was = self.filters()
        if was and not (on or words):
            self.filtering.emit(False)
        self._on, self._words = on, words
        self._counted = None
        # One layout change, not a removal per run of hidden rows: a word that leaves every
        # fortieth entry of a year made thousands of them, and the view took seconds.
        self.invalidate()
        if self.filters() and not was:
            self.filtering.emit(True)

    def keeps(self, entry: Entry) -> bool:
        """Whether `entry` is shown under the filters now on."""
        if self._on and not self.source.reason(entry):
            return False
        if not self._words:
            return True
        text = self.source.search_text(entry)
        return all(word in text for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.filters():
            return True  # asked of every entry at each refill: answered without a lookup
        if not source_parent.isValid():
            # A day shows only through its entries (recursive filtering).
            return not (self._on or self._words)
        return self.keeps(self.source.days()[source_parent.row()].entries[source_row])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.filters() or role not in _FILTERED_DAY_ROLES or index.parent().isValid():
            return super().data(index, role)
        column = index.column()
        if role == DAY_ROLE and column == Column.DESCRIPTION:
            return self._shown(self.mapToSource(index).row())
        if role == DAY_ROLE or not _day_words(column, role):
            return None
        return self.source.day_text(self._shown(self.mapToSource(index).row()))

    def _shown(self, source_day: int) -> DayGroup:
        return self.source.days()[source_day].only(self.keeps)

    def _recount(self) -> None:
        """Under a filter the running day's header shows the shown entries' total, whose
        minutes turn over at other seconds than the whole day's: repaint it when they do."""
        if not self.filters():
            return
        day = self.mapFromSource(self.source.running_index().parent())
        if not day.isValid():
            return
        part = self._shown(self.mapToSource(day).row())
        minutes = (shown_minutes(part.total), shown_minutes(part.billable))
        if minutes != self._counted:
            self._counted = minutes
            self.dataChanged.emit(day, day.siblingAtColumn(_COLUMNS - 1))


# A day header's roles that a filter changes: its totals and the words saying them.
_FILTERED_DAY_ROLES = _HEADER_TEXT_ROLES | {DAY_ROLE}
