"""Add time manually: date, start and end or a duration, what, for whom; checked as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import ClassVar

from PySide6.QtCore import QAbstractItemModel, QDate, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
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
    clock_text,
    clock_time,
    local,
    overnight_end,
    typed_time_on,
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


# A range typed with its end before its start, shorter than this that way, ends the next
# day (22:00–01:00): the rule of the list's in-place edit too.
def resolve_times(
    day: date, start_text: str, end_text: str, duration_text: str, *, zone: str, now: datetime
) -> tuple[datetime, datetime]:
    """Start and end from what was typed: start+end, start+duration, end+duration, or,
    for today only, a duration alone (ending now). All three must agree to the minute.
    An end before the start runs past midnight by `overnight_end`.
    """
    start = _clock_on(day, start_text, "start", zone)
    end = _clock_on(day, end_text, "end", zone)
    if start and end:
        end = overnight_end(start, end, zone)
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
        return typed_time_on(day, text, zone)  # `02:30+02:00` the night clocks go back
    except TimoError as error:
        raise FieldError(field, str(error)) from None


def day_note(day: date, start: datetime, end: datetime, zone: str) -> str:
    """Where the times leave `day`: `Ends the next day, 01:00`; empty when they do not."""
    first, last = local(start, zone), local(end, zone)
    if first.date() < day:
        return f"Starts the day before, {clock_text(first.time())}"
    later = (last.date() - day).days
    if later == 1:
        return f"Ends the next day, {clock_text(last.time())}"
    if later > 1:
        return f"Ends {later} days later, {clock_text(last.time())}"
    return ""


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


class DateField(QDateEdit):
    """The entry's day, one tab stop: arriving by keyboard selects the day of the month (Up
    and Down step days, Left and Right move between its parts), T and Y type today and
    yesterday, and Alt+Down or F4 opens the calendar, as they open a drop-down list. Qt
    opens a date field's calendar only on a click on its arrow."""

    FORMAT = "ddd d MMM yyyy"
    DAY_OF_MONTH = 1  # the part of FORMAT; Qt calls the weekday a day part too
    NAMED = (0, 2)  # the parts typed by name (weekday, month), where T and Y are letters
    DAYS_BACK: ClassVar[dict[str, int]] = {"t": 0, "y": 1}  # today, yesterday

    def __init__(self, today: Callable[[], date]) -> None:
        self._today = today
        day = today()
        super().__init__(QDate(day.year, day.month, day.day))
        self.setCalendarPopup(True)
        self.setDisplayFormat(self.FORMAT)
        self.setToolTip("T today, Y yesterday; Alt+Down opens the calendar")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Qt selects the weekday name going forward and the year going back (where Down
        # changed the year); a click keeps the part clicked.
        if event.reason() not in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.PopupFocusReason):
            self.setCurrentSectionIndex(self.DAY_OF_MONTH)
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab leaves the field, as from every other field, rather than visiting its parts.
        return QWidget.focusNextPrevChild(self, forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_arrow = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier) and event.key() in (
            Qt.Key.Key_Down,
            Qt.Key.Key_Up,
        )
        if event.key() == Qt.Key.Key_F4 or alt_arrow:
            self.open_calendar()
            return
        back = self.DAYS_BACK.get(event.text().lower())
        if back is not None and self.currentSectionIndex() not in self.NAMED:
            day = self._today() - timedelta(days=back)
            self.setDate(QDate(day.year, day.month, day.day))
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Show the calendar below the field on its day, with the keyboard in it."""
        calendar = self.calendarWidget()
        calendar.setSelectedDate(self.date())
        popup = calendar.window()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        calendar.setFocus()


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

        self.date = DateField(lambda: local(self._clock(), zone).date())
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
            name: style.problem_label(f"Problem with {name}")
            for name in ("date", "start", "end", "duration", "description", "form")
        }
        self.day_note = QLabel()  # times that leave the day: "Ends the next day, 01:00"
        self.day_note.setWordWrap(True)
        self.day_note.setAccessibleName("Which day the times fall on")
        self.day_note.hide()
        self.trim_button = QPushButton()
        self.trim_button.setAccessibleName("Trim the overlapping entry")
        self.keep_button = QPushButton("&Keep both")
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
        grid.addWidget(_label("&Date", self.date), 0, 0)
        grid.addWidget(self.date, 0, 1, 1, 5)
        grid.addWidget(self.errors["date"], 1, 1, 1, 5)
        grid.addWidget(_label("&Start", self.start), 2, 0)
        grid.addWidget(self.start, 2, 1)
        grid.addWidget(_label("&End", self.end), 2, 2)
        grid.addWidget(self.end, 2, 3)
        grid.addWidget(_label("D&uration", self.duration), 2, 4)
        grid.addWidget(self.duration, 2, 5)
        grid.addWidget(self.errors["start"], 3, 1)
        grid.addWidget(self.errors["end"], 3, 3)
        # The last column is narrow, and what is said of the duration (that it disagrees
        # with start and end) is long: it gets the row's width, ending under its field.
        grid.addWidget(self.errors["duration"], 4, 1, 1, 5)
        self.errors["duration"].setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.day_note, 5, 1, 1, 5)
        grid.addWidget(_label("&What", self.description), 6, 0)
        grid.addWidget(self.description, 6, 1, 1, 5)
        grid.addWidget(self.errors["description"], 7, 1, 1, 5)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(_label("&Billable", self.billable))
        target_row.addWidget(self.billable)
        grid.addWidget(_label("&For", self.target), 8, 0)
        grid.addLayout(target_row, 8, 1, 1, 5)
        grid.addWidget(_label("&Tags", self.tags), 9, 0)
        grid.addWidget(self.tags, 9, 1, 1, 5)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Add")
        self.save_button.setAccessibleName("Add this time")
        # Enter adds (the button box makes Add the default), wherever the keyboard is:
        # never Cancel, which would throw away all that was typed. Esc cancels.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.overlap_row)
        layout.addWidget(self.buttons)
        order = (
            self.date,
            self.start,
            self.end,
            self.duration,
            self.description,
            self.target,
            self.billable,
            self.tags,
            self.trim_button,
            self.keep_button,
            *self.buttons.buttons(),
        )
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

        for widget in (self.start, self.end, self.duration, self.description):
            widget.textChanged.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self.date.setFocus()
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

    # Checking -------------------------------------------------------------------------
    def _changed(self) -> None:
        self._choice = None  # a new overlap must be answered again
        self.check()

    def check(self) -> ManualEntry | None:
        """Check the form now; show each problem beside its field; return the entry if valid."""
        self.overlap_row.hide()
        self._overlap = None
        self.day_note.hide()
        now = self._clock()
        day = self.date.date().toPython()
        try:
            if day > local(now, self._zone).date():
                # Said here, not clamped to today as a date field would do unasked.
                raise FieldError("date", "that day is still to come; time can be added up to today")
            start, end = resolve_times(
                day,
                self.start.text(),
                self.end.text(),
                self.duration.text(),
                zone=self._zone,
                now=now,
            )
            self._note_day(day_note(day, start, end, self._zone))
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

    def _note_day(self, text: str) -> None:
        self.day_note.setText(text)
        if text and self.day_note.isHidden():
            self.day_note.show()
            grow_to_fit(self)

    def _offer_overlap(self, other: Entry, start: datetime, end: datetime, now: datetime) -> None:
        self._overlap = other
        message = overlap_message(other, self._zone, now=start)
        trimmable = trim_bounds(other, start, end) is not None
        if not trimmable and not self._rules.allow_overlap:
            message += no_way_around(other, start, end, self._zone)
        self._fail("form", message)
        self.trim_button.setVisible(trimmable)
        if trimmable:
            self.trim_button.setText(f"T&rim “{other.description or '(no description)'}”")
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
            # The choice's button is gone with the question: the keyboard goes to Add, so
            # Enter adds (it went to Cancel, where Enter threw the form away).
            self.save_button.setFocus()

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


def no_way_around(other: Entry, start: datetime, end: datetime, zone: str) -> str:
    """What to do about an overlap with `other` that can be neither trimmed nor kept (the
    workspace allows no overlaps), to follow `overlap_message`."""
    if other.end is None:
        return (
            f", a timer still running: end this time by {clock_time(other.start, zone)}"
            " or stop that timer first"
        )
    if start <= other.start and other.end <= end:
        return (
            ", which lies within this time: add the time before and after it as"
            " separate entries, or change that entry first"
        )
    return ", which covers all of this time: change that entry first, or pick other times"


def _label(text: str, buddy: QWidget) -> QLabel:
    """A field's label; Alt and its underlined letter take the keyboard to the field."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


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
