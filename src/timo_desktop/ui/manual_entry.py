"""Add time manually: date, start and end or a duration, what, for whom; checked as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QAbstractItemModel, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.durations import format_duration, parse_duration
from timo_desktop.core.entry import Entry, described
from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.local_time import (
    at_local,
    clock_text,
    clock_time,
    local,
    parse_clock,
    utc_now,
)
from timo_desktop.core.validation import EntryRules, check_description, check_times, overlap_message
from timo_desktop.ui import style
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.like_earlier import fill_unset
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import TargetChoice, TargetPicker
from timo_desktop.ui.timer_bar import BillableToggle, parse_tags


@dataclass(frozen=True)
class ManualEntry:
    """A checked manual entry, ready for the Tracker."""

    start: datetime
    end: datetime
    description: str
    target: TargetChoice | None
    billable: bool
    tags: tuple[str, ...]
    trim: Entry | None  # the neighbour to trim so the two do not overlap
    keep_both: bool  # overlap accepted (only where the workspace allows it)


class FieldError(Exception):
    """A problem belonging to one field of the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def resolve_times(
    day: date, start_text: str, end_text: str, duration_text: str, *, zone: str, now: datetime
) -> tuple[datetime, datetime]:
    """Start and end from what was typed: start+end, start+duration, end+duration, or,
    for today only, a duration alone (ending now). All three must agree to the minute.
    """
    start = _clock_on(day, start_text, "start", zone)
    end = _clock_on(day, end_text, "end", zone)
    length = None
    if duration_text.strip():
        try:
            length = parse_duration(duration_text)
        except TimoError as error:
            raise FieldError("duration", str(error)) from None
    if start and end:  # end before start is the core's to report, in its words
        if length and end > start and abs(end - start - length) >= timedelta(minutes=1):
            # Neither is dropped silently: the user says which one they meant.
            span = f"{clock_time(start, zone)}–{clock_time(end, zone)}"
            raise FieldError(
                "duration",
                f"duration {format_duration(length)} does not match {span}"
                f" ({format_duration(end - start)}); clear the duration, the start or the end",
            )
        return start, end
    if start and length:
        return start, start + length
    if end and length:
        return end - length, end
    if length and day == local(now, zone).date():
        return now - length, now
    if length:
        raise FieldError("start", "Give a start time (or an end time) for another day")
    if start or end:
        raise FieldError("end" if start else "start", "Give an end time or a duration")
    raise FieldError("start", "Give a start and an end, or a duration")


def _clock_on(day: date, text: str, field: str, zone: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        return at_local(day, parse_clock(text), zone)
    except TimoError as error:
        raise FieldError(field, str(error)) from None


def field_of(message: str) -> str:
    """Which field a core message is about ("end 09:00 is before…" is about the end)."""
    first = message.split(" ", 1)[0].lower()
    if first in ("start", "end"):
        return first
    if message.startswith("the description"):
        return "description"
    if message.startswith("the entry is"):
        return "duration"
    return "form"


class ManualEntryDialog(QDialog):
    """The backfill dialog; `submitted` carries a checked `ManualEntry` for the caller to save."""

    submitted = Signal(object)  # ManualEntry
    suggestion_chosen = Signal(str)  # an earlier description picked from the suggestion list

    def __init__(
        self,
        *,
        zone: str,
        rules: EntryRules,
        neighbours: Callable[[datetime, datetime], Sequence[Entry]],
        catalog: object | None = None,
        descriptions: QCompleter | None = None,
        known_tags: QAbstractItemModel | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add time manually")
        self._clock = clock  # the Tracker's, so "today" and "the future" mean what it means
        self.setMinimumWidth(520)
        self._zone = zone
        self._rules = rules
        self._neighbours = neighbours
        self._overlap: Entry | None = None
        self._choice: str | None = None  # "trim" or "keep" once the user picked one

        today = local(clock(), zone).date()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setAccessibleName("Date")
        self.start = self._line(clock_text(time(9, 0)), "Start time")
        self.end = self._line(clock_text(time(10, 30)), "End time")
        self.duration = self._line("or 1h30", "Duration")
        self.description = self._line("What did you work on?", "Description")
        if descriptions is not None:
            self.description.setCompleter(descriptions)
            # Only a pick from the list, never typing that happens to match, says "like that
            # one". The completer is shared (the list's Description cell, other dialogs): a
            # pick counts here only while it serves this field.
            descriptions.activated.connect(self._description_picked)
        self.target = TargetPicker()
        if catalog is not None:
            self.target.set_catalog(catalog)  # type: ignore[arg-type]
        self.billable = BillableToggle()
        self.target.changed.connect(self._follow_project_default)
        self.tags = self._line("Tags, separated by commas", "Tags")
        if known_tags is not None:
            self.tags.setCompleter(TagCompleter(known_tags, self))

        self.hint = QLabel()  # why a duplicate's times are what they are
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("About these times")
        self.hint.hide()
        self.errors = {
            name: self._error_label(name)
            for name in ("start", "end", "duration", "description", "form")
        }
        self.trim_button = QPushButton()
        self.trim_button.setAccessibleName("Trim the overlapping entry")
        self.keep_button = QPushButton("Keep both")
        self.keep_button.setAccessibleName("Keep both entries")
        self.trim_button.clicked.connect(lambda: self._resolve_overlap("trim"))
        self.keep_button.clicked.connect(lambda: self._resolve_overlap("keep"))
        self.overlap_row = QWidget()
        row = QHBoxLayout(self.overlap_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.trim_button)
        row.addWidget(self.keep_button)
        row.addStretch(1)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        grid.addWidget(QLabel("Date"), 0, 0)
        grid.addWidget(self.date, 0, 1, 1, 5)
        grid.addWidget(QLabel("Start"), 1, 0)
        grid.addWidget(self.start, 1, 1)
        grid.addWidget(QLabel("End"), 1, 2)
        grid.addWidget(self.end, 1, 3)
        grid.addWidget(QLabel("Duration"), 1, 4)
        grid.addWidget(self.duration, 1, 5)
        grid.addWidget(self.errors["start"], 2, 1)
        grid.addWidget(self.errors["end"], 2, 3)
        # The last column is narrow, and what is said of the duration (that it disagrees
        # with start and end) is long: it gets the row's width, ending under its field.
        grid.addWidget(self.errors["duration"], 3, 1, 1, 5)
        self.errors["duration"].setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(QLabel("What"), 4, 0)
        grid.addWidget(self.description, 4, 1, 1, 5)
        grid.addWidget(self.errors["description"], 5, 1, 1, 5)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.billable)
        grid.addWidget(QLabel("For"), 6, 0)
        grid.addLayout(target_row, 6, 1, 1, 5)
        grid.addWidget(QLabel("Tags"), 7, 0)
        grid.addWidget(self.tags, 7, 1, 1, 5)
        for label_row in range(grid.rowCount()):
            item = grid.itemAtPosition(label_row, 0)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(grid.itemAtPosition(label_row, 1).widget())  # type: ignore[union-attr]

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Add")
        self.save_button.setAccessibleName("Add this time")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.overlap_row)
        layout.addWidget(self.buttons)

        for widget in (self.start, self.end, self.duration, self.description):
            widget.textChanged.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self.start.setFocus()
        self._changed()

    def fill_like(
        self,
        original: Entry,
        target: TargetChoice | None,
        slot: tuple[datetime, datetime] | None,
    ) -> None:
        """Fill the form as a copy of finished `original` on `slot` (from
        `Tracker.duplicate_slot`); with no slot the times are left for the user to type."""
        assert original.end is not None
        self.description.setText(original.description)
        self.target.set_choice(target)
        self.billable.setChecked(original.billable)  # after the target, whose default it is not
        self.tags.setText(", ".join(original.tags))
        what = f"A copy of “{described(original.description)}”"
        if slot is None:
            length = format_duration(original.end - original.start)
            today = local(self._clock(), self._zone).date()
            self.date.setDate(QDate(today.year, today.month, today.day))
            self.start.clear()
            self.end.clear()
            self.hint.setText(
                f"{what}: there is no free {length} left today, so type the times"
                " (or pick another day)."
            )
        else:
            day = local(slot[0], self._zone).date()
            self.date.setDate(QDate(day.year, day.month, day.day))
            self.start.setText(clock_time(slot[0], self._zone))
            self.end.setText(clock_time(slot[1], self._zone))
            self.hint.setText(
                f"{what} on the latest free time today; change the times if you like."
            )
        self.duration.clear()
        self.hint.show()
        self.start.setFocus()
        grow_to_fit(self)

    def fill_like_earlier(self, earlier: Entry, target: TargetChoice | None) -> None:
        """After a description was picked from the suggestions: fill what is still unset here
        like `earlier`, the newest entry with it (`target`: its target for the picker), by
        `fill_unset`. A target or tags already set, by the user or by Duplicate, stay."""
        billable = self.billable.isChecked()
        fill = fill_unset(
            earlier,
            has_target=self.target.choice() is not None,
            billable=billable,
            has_tags=bool(parse_tags(self.tags.text())),
        )
        if "target" in fill:
            self.target.set_choice(target)
            # After the target, whose project default it would otherwise follow.
            self.billable.setChecked(fill.get("billable", billable))
        if "tags" in fill:
            self.tags.setText(", ".join(fill["tags"]))

    def _description_picked(self, text: str) -> None:
        completer = self.description.completer()
        if completer is not None and completer.widget() is self.description:
            self.suggestion_chosen.emit(text)

    def _line(self, placeholder: str, name: str) -> QLineEdit:
        line = QLineEdit(placeholderText=placeholder)
        line.setAccessibleName(name)
        return line

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setStyleSheet(style.FIELD_ERROR)
        label.setWordWrap(True)
        label.setAccessibleName(f"Problem with {name}")
        label.hide()
        return label

    # Checking -------------------------------------------------------------------------
    def _changed(self) -> None:
        self._choice = None  # a new overlap must be answered again
        self.check()

    def check(self) -> ManualEntry | None:
        """Check the form now; show each problem beside its field; return the entry if valid."""
        self.overlap_row.hide()
        self._overlap = None
        now = self._clock()
        day = self.date.date().toPython()
        try:
            start, end = resolve_times(
                day,
                self.start.text(),
                self.end.text(),
                self.duration.text(),
                zone=self._zone,
                now=now,
            )
            check_times(start, end, now=now, zone=self._zone, rules=self._rules)
            check_description(self.description.text().strip(), self._rules)
        except FieldError as error:
            return self._fail(error.field, error.message)
        except TimoError as error:
            return self._fail(field_of(str(error)), str(error))
        self._show_problem(None)
        if not self.duration.text().strip():
            self.duration.setPlaceholderText(format_duration(end - start))
        overlapping = [e for e in self._neighbours(start, end) if e.client_ref]
        if overlapping and self._choice is None:
            self._offer_overlap(overlapping[0], start, end, now)
            return None
        target = self.target.choice()
        entry = ManualEntry(
            start=start,
            end=end,
            description=self.description.text().strip(),
            target=target,
            billable=self.billable.isChecked(),
            tags=parse_tags(self.tags.text()),
            trim=overlapping[0] if overlapping and self._choice == "trim" else None,
            keep_both=bool(overlapping) and self._choice == "keep",
        )
        self.save_button.setEnabled(True)
        return entry

    def _fail(self, field: str, message: str) -> None:
        self._show_problem(self.errors.get(field, self.errors["form"]), sentence(message))
        self.save_button.setEnabled(False)
        return None

    def _show_problem(self, label: QLabel | None, text: str = "") -> None:
        """Show `text` in `label` alone (None: no problem). The window grows to fit only when
        what shows changes, not at every keystroke that leaves the same problem standing."""
        for other in self.errors.values():
            if other is not label:
                other.hide()
        if label is None or (not label.isHidden() and label.text() == text):
            return
        label.setText(text)
        label.show()
        grow_to_fit(self)

    def _offer_overlap(self, other: Entry, start: datetime, end: datetime, now: datetime) -> None:
        self._overlap = other
        message = overlap_message(other, self._zone, now=start)
        self._fail("form", message)
        trimmable = trim_bounds(other, start, end) is not None
        self.trim_button.setVisible(trimmable)
        if trimmable:
            self.trim_button.setText(f"Trim “{other.description or '(no description)'}”")
        self.keep_button.setVisible(self._rules.allow_overlap)
        self.overlap_row.setVisible(trimmable or self._rules.allow_overlap)

    def _resolve_overlap(self, choice: str) -> None:
        self._choice = choice
        if self.check() is not None:
            self._show_problem(
                self.errors["form"],
                "The other entry will be trimmed."
                if choice == "trim"
                else "Both entries will be kept.",
            )

    def _follow_project_default(self, choice: TargetChoice | None) -> None:
        if choice is not None and choice.billable_default is not None:
            self.billable.setChecked(choice.billable_default)

    def submit(self) -> None:
        """Send the entry out if it is valid; otherwise keep everything typed and say why."""
        entry = self.check()
        if entry is not None:
            self.submitted.emit(entry)

    def show_error(self, message: str) -> None:
        """A refusal from the Tracker: shown beside its field, nothing typed is lost."""
        self._fail(field_of(message), message)


def trim_bounds(other: Entry, start: datetime, end: datetime) -> tuple[datetime, datetime] | None:
    """The neighbour's new bounds so it no longer overlaps [start, end), or None when it
    would have to be cut in two or vanish."""
    if other.end is None:
        return None
    if other.start < start < other.end <= end:
        return other.start, start
    if start <= other.start < end < other.end:
        return end, other.end
    return None
