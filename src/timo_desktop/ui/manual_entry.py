"""Add time manually: date, start and end or a duration, what, for whom; checked as you type.
And what is offered when times overlap other entries, here and for times edited in the list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import entry_length, format_duration
from timo_desktop.core.entry import Entry, described, parse_tags
from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.local_time import (
    MIDNIGHT,
    clock_ends,
    clock_text,
    clock_time,
    local,
    local_day,
    overnight_end,
    typed_time_in_day,
    utc_now,
)
from timo_desktop.core.text_width import shortened
from timo_desktop.core.validation import (
    DEFAULT_RULES,
    EntryRules,
    check_description,
    check_tags,
    check_times,
    check_unlocked,
    fit_to_neighbours,
    fitted_words,
    joined,
    overlap_message,
    trim_bounds,
)
from timo_desktop.ui import style
from timo_desktop.ui.date_field import DateField
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.like_earlier import fill_unset
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import TargetChoice, TargetPicker
from timo_desktop.ui.timer_bar import BillableToggle


@dataclass(frozen=True)
class ManualEntry:
    """A checked manual entry, ready for the Tracker."""

    start: datetime
    end: datetime
    description: str
    target: TargetChoice | None
    billable: bool
    tags: tuple[str, ...]
    trim: tuple[Entry, ...]  # the neighbours to trim so that none overlaps it
    keep_both: bool  # overlap accepted (only where the workspace allows it)


@dataclass(frozen=True)
class OverlapOffer:
    """What time [start, end) overlapping `others` (by start) is offered, in the Add time
    dialog and for an edit in place alike: Trim only when trimming each of them clear of
    it removes every overlap, Keep both only where the workspace allows overlaps.
    `message` names every entry overlapped and, when they cannot all be trimmed, why and
    what to do instead; `trimming` what Trim does (`“Planning” will end at 09:00.`)."""

    others: tuple[Entry, ...]
    can_trim: bool
    can_keep: bool
    message: str
    trimming: str

    @property
    def trim_label(self) -> str:
        """The Trim button's words, R its letter: `Trim “Design review”`."""
        if len(self.others) > MAX_TRIM_NAMED:
            return f"T&rim all {len(self.others)}"
        shown = (shortened(described(other.description), NAMED_WIDTH) for other in self.others)
        names = [f"“{isolated(name)}”" for name in shown]
        return "T&rim " + joined(names)

    @property
    def keep_label(self) -> str:
        """The Keep button's words, K its letter: `Keep both`, or `Keep all` past two."""
        return "&Keep both" if len(self.others) == 1 else "&Keep all"

    @property
    def keeping(self) -> str:
        """What Keep does, said once chosen."""
        if len(self.others) == 1:
            return "Both entries will be kept."
        return f"All {len(self.others) + 1} entries will be kept, overlapping."


# Why an entry cannot be changed here (`Tracker.why_unchangeable`), or None when it can.
Unchangeable = Callable[[Entry], str | None]


def all_changeable(_entry: Entry) -> str | None:
    """No entry is kept read-only (nothing synced)."""
    return None


# The entries of those overlapped that time for a target may not share time with, by the
# rules of its workspace (`Tracker.overlaps_refused`).
Refused = Callable[[TargetChoice | None, Sequence[Entry]], Sequence[Entry]]


MAX_TRIM_NAMED = 2  # past this, the Trim button counts the entries rather than naming them
NAMED_WIDTH = 30  # characters of a description a Trim button names (a long one was clipped)


def overlap_offer(
    others: Sequence[Entry],
    start: datetime,
    end: datetime | None,
    *,
    zone: str,
    can_keep: bool,
    unchangeable: Unchangeable,
) -> OverlapOffer:
    """The offer for time [start, end) (`end` None: a running timer's) overlapping `others`
    (by start); `can_keep`: its workspace lets it keep them all (`Tracker.overlaps_refused`
    finds none); `unchangeable` says why one of them cannot be changed (Vmoox keeps it
    read-only), so that Trim is not offered only for Add to be refused."""
    said = []
    blocking: tuple[Entry, str | None] | None = None
    for other in others:
        fixed = unchangeable(other)
        bounds = None if fixed else trim_bounds(other, start, end)
        if bounds is None:
            blocking = blocking or (other, fixed)
            continue
        moved = ("end", bounds[1]) if bounds[0] == other.start else ("start", bounds[0])
        said.append(
            f"“{isolated(described(other.description))}” will {moved[0]} at"
            f" {clock_time(moved[1], zone)}"
        )
    message = overlap_message(others, start, end, zone)
    if blocking is not None:
        message += _no_way_around(
            *blocking, start, end, zone, several=len(others) > 1, can_keep=can_keep
        )
    trimming = f"{joined(said)}." if blocking is None and said else ""
    return OverlapOffer(tuple(others), bool(trimming), can_keep, message, trimming)


class FieldError(Exception):
    """A problem belonging to one field of the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# A range typed with its end before its start, shorter than this that way, ends the next
# day (22:00–01:00): the rule of the list's in-place edit too.
def resolve_times(
    day: date,
    start_text: str,
    end_text: str,
    duration_text: str,
    *,
    zone: str,
    now: datetime,
    start_of_day: time = MIDNIGHT,
    longest: timedelta = DEFAULT_RULES.max_duration,
) -> tuple[datetime, datetime]:
    """Start and end from what was typed on working day `day`: start+end, start+duration,
    end+duration, or, for today only, a duration alone (ending now). All three must agree
    to the minute. A bare hour is on the hour (`9` is 09:00), as the start and end fields
    take nothing but times of day. A time before `start_of_day` is in that working day's
    night (`typed_time_in_day`), and so is an end typed with a start; an end otherwise before
    the start runs past midnight by `overnight_end`. A duration longer than `longest` is
    refused as read ("'90' is read as 90 hours, …; did you mean 90m?"), before any end it
    makes is found to lie days ahead.
    """
    start = _clock_on(day, start_text, "start", zone, start_of_day)
    if start and end_text.strip():
        try:
            end: datetime | None = overnight_end(
                start, end_text, zone, start_of_day, bare_hour=True
            )
        except TimoError as error:
            raise FieldError("end", str(error)) from None
    else:
        end = _clock_on(day, end_text, "end", zone, start_of_day)
    length = None
    if duration_text.strip():
        try:
            length = entry_length(duration_text, longest)
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
    if length and day == local_day(now, zone, start_of_day):
        return now - length, now
    if length:
        raise FieldError("start", "Give a start time (or an end time) for another day")
    if start or end:
        raise FieldError("end" if start else "start", "Give an end time or a duration")
    raise FieldError("start", "Give a start and an end, or a duration")


def _clock_on(day: date, text: str, field: str, zone: str, start_of_day: time) -> datetime | None:
    if not text.strip():
        return None
    try:  # `02:30+02:00` the night clocks go back; a field for times only: `9` is 09:00
        return typed_time_in_day(day, text, zone, start_of_day, bare_hour=True)
    except TimoError as error:
        raise FieldError(field, str(error)) from None


def day_note(day: date, start: datetime, end: datetime, zone: str) -> str:
    """Where the times leave `day`'s date: `Ends the next day, 01:00`, or `After midnight,
    on Sat 21 Nov` for times in a working day's night; empty when they do not."""
    first, last = local(start, zone), local(end, zone)
    if first.date() < day:
        return f"Starts the day before, {clock_text(first.time())}"
    if first.date() > day:
        return f"After midnight, on {first:%a %d %b}"
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
    if message.startswith(("the tag", "the entry has")):  # too long, or too many
        return "tags"
    if message.startswith("entries before"):  # locked in this workspace
        return "date"
    if first in ("project", "task", "record"):  # `project 'Website' is archived: …`
        return "target"
    return "form"


FIELDS = ("date", "start", "end", "duration", "description", "target", "tags", "form")

# A time half typed ("01:") is no mistake yet: what is wrong with the form waits while the
# user types a time, until they pause this long, leave the field or press Add.
TYPING_PAUSE_MS = 800


class ManualEntryDialog(QDialog):
    """The backfill dialog; `submitted` carries a checked `ManualEntry` for the caller to save."""

    submitted = Signal(object)  # ManualEntry
    suggestion_chosen = Signal(str)  # an earlier description picked from the suggestion list

    def __init__(
        self,
        *,
        zone: str,
        rules: Callable[[TargetChoice | None], EntryRules],
        refused: Refused,
        neighbours: Callable[[datetime, datetime], Sequence[Entry]],
        unchangeable: Unchangeable = all_changeable,
        catalog: object | None = None,
        descriptions: QCompleter | None = None,
        known_tags: QAbstractItemModel | None = None,
        clock: Callable[[], datetime] = utc_now,
        start_of_day: time = MIDNIGHT,
        parent: QWidget | None = None,
    ) -> None:
        """`rules`: those of the workspace of the target chosen; `refused`: the entries of
        those overlapped its time may not share time with. `start_of_day`: the date is a
        working day, and times before it are in its night."""
        super().__init__(parent)
        self.setWindowTitle("Add time manually")
        self._clock = clock  # the Tracker's, so "today" and "the future" mean what it means
        self.setMinimumWidth(520)
        self._zone = zone
        self._start_of_day = start_of_day
        self._rules = rules
        self._refused = refused
        self._neighbours = neighbours
        self._unchangeable = unchangeable
        self._choice: str | None = None  # "trim" or "keep" once the user picked one
        self._offer: OverlapOffer | None = None  # for the overlap the times make, if any
        # No start, end or duration is no mistake until Add is pressed: a form just opened
        # says nothing against itself.
        self._tried = False
        self._typing: QLineEdit | None = None  # the time field being typed in, if any
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._typing_paused)

        self.date = DateField(self._today)
        self.date.setAccessibleName("Date")
        self.start = self._line("", "Start time")
        self.end = self._line("", "End time")
        self.duration = self._line("", "Duration")
        # Grey in an empty time field: an example, or what the other two make of it.
        self._examples = {
            self.start: clock_text(time(9, 0)),
            self.end: clock_text(time(10, 30)),
            self.duration: "or 1h30",
        }
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
        self.target.changed.connect(self._target_changed)
        self.tags = self._line("Tags, separated by commas", "Tags")
        if known_tags is not None:
            self.tags.setCompleter(TagCompleter(known_tags, self))

        self.hint = PlainLabel()  # why a duplicate's times are what they are
        self.hint.setWordWrap(True)
        self.hint.set_about("About these times")
        self.hint.hide()
        self.errors = {name: style.problem_label(f"Problem with {name}") for name in FIELDS}
        # The field each problem is about, whose description carries it while it stands.
        self._fields: dict[str, QWidget] = {
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "duration": self.duration,
            "description": self.description,
            "target": self.target,
            "tags": self.tags,
        }
        # Why an earlier entry's target was left out: a note, not a problem with the form.
        self.target_note = PlainLabel()
        self.target_note.setWordWrap(True)
        self.target_note.set_about("About the project")
        self.target_note.hide()
        # Times that leave the day ("Ends the next day, 01:00"), or start where another ends.
        self.day_note = PlainLabel()
        self.day_note.set_about("When the times fall")
        self.day_note.hide()
        self.trim_button = QPushButton()
        self.trim_button.setAccessibleName("Trim the overlapping entries")
        self.keep_button = QPushButton("&Keep both")
        self.keep_button.setAccessibleName("Keep the entries overlapping")
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
        # What is wrong with the times has a place of its own under them, two lines high
        # whatever shows there: a problem shown or put right moves no field below (a click
        # aimed at one would find another there). A problem with its example ("'01:' is not
        # a time of day; use HH:MM, for example 09:30") wraps in the narrowest window. Each
        # takes the row's width; the duration's ends under its field.
        times_problem = QWidget()
        times_problem.setFixedHeight(2 * self.errors["start"].fontMetrics().lineSpacing())
        said = QVBoxLayout(times_problem)
        said.setContentsMargins(0, 0, 0, 0)
        for name in ("start", "end", "duration"):
            said.addWidget(self.errors[name])
        self.errors["duration"].setAlignment(Qt.AlignmentFlag.AlignRight)
        # Which day valid times fall on, on that same line: shown only when the times hold
        # no problem, it moves no field either (it pushed What, For and Tags down the first
        # time 23:00–01:00 was typed, under a click aimed at What).
        said.addWidget(self.day_note)
        grid.addWidget(times_problem, 3, 1, 1, 5)
        grid.addWidget(_label("&What", self.description), 6, 0)
        grid.addWidget(self.description, 6, 1, 1, 5)
        grid.addWidget(self.errors["description"], 7, 1, 1, 5)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(_label("&Billable", self.billable))
        target_row.addWidget(self.billable)
        grid.addWidget(_label("&For", self.target), 8, 0)
        grid.addLayout(target_row, 8, 1, 1, 5)
        grid.addWidget(self.errors["target"], 9, 1, 1, 5)
        grid.addWidget(self.target_note, 10, 1, 1, 5)
        grid.addWidget(_label("&Tags", self.tags), 11, 0)
        grid.addWidget(self.tags, 11, 1, 1, 5)
        grid.addWidget(self.errors["tags"], 12, 1, 1, 5)

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
        # Room the window has to spare stays below the form, never between its fields.
        layout.addStretch(1)
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

        for widget in (self.start, self.end, self.duration):
            widget.textEdited.connect(lambda _text, field=widget: self._typed_in(field))
            widget.textChanged.connect(self._times_changed)
            widget.editingFinished.connect(self._typing_paused)
        self.date.typing.connect(lambda: self._typed_in(self.date))
        self.date.dateChanged.connect(self._times_changed)
        self.date.editingFinished.connect(self._typing_paused)
        # The description is no part of an overlap: a Trim or Keep both chosen stands.
        self.description.textChanged.connect(self.check)
        self.tags.textChanged.connect(self.check)  # a tag refused is put right there
        self.date.setFocus()
        self.check()

    def holds_typing(self) -> bool:
        """Whether times or words have been typed here (the date and the project aside): read
        from the fields, so words picked from the suggestions, which send no `textEdited`,
        count as typed ones do."""
        fields = (self.start, self.end, self.duration, self.description, self.tags)
        return any(field.text().strip() for field in fields)

    def fill_like(
        self,
        original: Entry,
        target: TargetChoice | None,
        slot: tuple[datetime, datetime] | None,
        closed: str | None = None,
    ) -> None:
        """Fill the form as a copy of finished `original` on `slot` (from
        `Tracker.duplicate_slot`); with no slot the times are left for the user to type.
        A target that takes no time any more (`closed` says why) is left out, as
        `fill_like_earlier` does."""
        assert original.end is not None
        self.description.setText(original.description)
        self._fill_target(target, closed)
        self.billable.setChecked(original.billable)  # after the target, whose default it is not
        self.tags.setText(", ".join(original.tags))
        what = f"A copy of “{isolated(described(original.description))}”"
        if slot is None:
            length = format_duration(original.end - original.start)
            today = self._today()
            self.date.setDate(QDate(today.year, today.month, today.day))
            self.start.clear()
            self.end.clear()
            self.hint.setText(
                f"{what}: there is no free {length} left today, so type the times"
                " (or pick another day)."
            )
        else:
            day = local_day(slot[0], self._zone, self._start_of_day)
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

    def fill_like_earlier(
        self, earlier: Entry, target: TargetChoice | None, closed: str | None = None
    ) -> None:
        """After a description was picked from the suggestions: fill what is still unset here
        like `earlier`, the newest entry with it (`target`: its target for the picker), by
        `fill_unset`. A target or tags already set, by the user or by Duplicate, stay. A
        target that takes no time any more (`closed` says why: `Tracker.closed_target`) is
        left out, and the form says why beside the picker, as the timer line does."""
        billable = self.billable.isChecked()
        fill = fill_unset(
            earlier,
            has_target=self.target.choice() is not None,
            billable=billable,
            has_tags=bool(parse_tags(self.tags.text())),
        )
        if "target" in fill:
            self._fill_target(target, closed)
            # After the target, whose project default it would otherwise follow.
            self.billable.setChecked(fill.get("billable", billable))
        if "tags" in fill:
            self.tags.setText(", ".join(fill["tags"]))

    def _fill_target(self, target: TargetChoice | None, closed: str | None) -> None:
        """Put `target` in the picker, or, when it takes no time any more (`closed` says
        why), leave it out and say why beside the picker."""
        self.target.set_choice(None if closed else target)
        if closed:  # after the choice, whose change hides the note
            self.target_note.setText(f"{sentence(closed)}: pick another, or add without one.")
            self._show_line(self.target_note)

    def _description_picked(self, text: str) -> None:
        completer = self.description.completer()
        if completer is not None and completer.widget() is self.description:
            self.suggestion_chosen.emit(text)

    def _line(self, placeholder: str, name: str) -> QLineEdit:
        line = QLineEdit(placeholderText=placeholder)
        line.setAccessibleName(name)
        return line

    # Checking -------------------------------------------------------------------------
    def _typed_in(self, field: QLineEdit) -> None:
        # Before textChanged's check, which then holds back what it finds.
        self._typing = field
        self._pause.start()

    def _typing_paused(self) -> None:
        if self._typing is not None:
            self._typing = None
            self._pause.stop()
            self.check()

    def _times_changed(self) -> None:
        self._choice = None  # a new overlap must be answered again
        self.check()

    def _today(self) -> date:
        """The working day now is in: the date Add time opens on, and the last it takes."""
        return local_day(self._clock(), self._zone, self._start_of_day)

    def check(self) -> ManualEntry | None:
        """Check the form now; show each problem beside its field; return the entry if valid."""
        self.overlap_row.hide()
        self._offer = None
        self.day_note.hide()
        self._show_computed(None)
        now = self._clock()
        day = self.date.date().toPython()
        times = (self.start.text(), self.end.text(), self.duration.text())
        rules = self._rules(self.target.choice())  # its workspace's
        try:
            if self.date.problem is not None:
                raise FieldError("date", self.date.problem)
            if day > local_day(now, self._zone, self._start_of_day):
                # Said here, not clamped to today as a date field would do unasked.
                raise FieldError("date", "that day is still to come; time can be added up to today")
            if not self._tried and not any(text.strip() for text in times):
                self._show_problem(None)
                self.save_button.setEnabled(True)  # Add says what is missing
                return None
            start, end = resolve_times(
                day,
                *times,
                zone=self._zone,
                now=now,
                start_of_day=self._start_of_day,
                longest=rules.max_duration,
            )
            check_times(start, end, now=now, zone=self._zone, rules=rules)
            # As the Tracker will save them: off a neighbour they overlap only within the
            # minute they share, said beside them.
            typed = (start, end)
            start, end = fit_to_neighbours(start, end, self._neighbours(start, end), now=now)
            notes = (
                day_note(day, start, end, self._zone),
                fitted_words(typed, (start, end), self._zone),
            )
            self._note_day(sentence("; ".join(note for note in notes if note)))
            check_unlocked(start, rules)
            check_description(self.description.text().strip(), rules)
            check_tags(parse_tags(self.tags.text()), rules)
        except FieldError as error:
            return self._fail(error.field, error.message)
        except TimoError as error:
            return self._fail(field_of(str(error)), str(error))
        self._show_problem(None)
        self._show_computed((start, end))
        overlapping = [e for e in self._neighbours(start, end) if e.client_ref]
        trim: tuple[Entry, ...] = ()
        if overlapping:
            self._offer = offer = overlap_offer(
                overlapping,
                start,
                end,
                zone=self._zone,
                can_keep=not self._refused(self.target.choice(), overlapping),
                unchangeable=self._unchangeable,
            )
            if self._choice == "trim" and offer.can_trim:
                trim = offer.others
            elif not (self._choice == "keep" and offer.can_keep):
                self._choice = None
                self._offer_overlap(offer)
                return None
        entry = ManualEntry(
            start=start,
            end=end,
            description=self.description.text().strip(),
            target=self.target.choice(),
            billable=self.billable.isChecked(),
            tags=parse_tags(self.tags.text()),
            trim=trim,
            keep_both=bool(overlapping) and self._choice == "keep",
        )
        self.save_button.setEnabled(True)
        return entry

    def _show_computed(self, times: tuple[datetime, datetime] | None) -> None:
        """Grey in each empty time field: what the other two make of it (a start and a
        duration end at…), or its example while they make nothing."""
        computed = {}
        if times is not None:
            start, end = times
            # Offsets named as in the list: the night the clocks go back, 01:00 + 2h
            # showed an end of 02:00 beside a duration of 2h.
            shown_start, shown_end = clock_ends(start, end, self._zone)
            computed = {
                self.start: shown_start,
                self.end: shown_end,
                self.duration: format_duration(end - start),
            }
        for field, example in self._examples.items():
            field.setPlaceholderText(computed.get(field, example))

    def _fail(self, field: str, message: str) -> None:
        """Say what is wrong beside `field`, once the user is not typing a time."""
        if self._typing is None:
            self._show_problem(self.errors.get(field, self.errors["form"]), sentence(message))
        else:
            self._show_problem(None)  # what was said may be what is being put right
        self.save_button.setEnabled(False)
        return None

    def _show_problem(self, label: QLabel | None, text: str = "") -> None:
        """Show `text` in `label` alone (None: no problem). The window grows to fit only when
        what shows changes, not at every keystroke that leaves the same problem standing."""
        for other in self.errors.values():
            if other is not label:
                other.hide()
        # Also in its field's description: moving to the field, a screen reader says what
        # is wrong with it (the line beside it is read only by going there).
        for name, field in self._fields.items():
            field.setAccessibleDescription(text if self.errors[name] is label else "")
        if label is None or (not label.isHidden() and label.text() == text):
            return
        label.setText(text)
        self._show_line(label)

    def _show_line(self, line: QWidget) -> None:
        """Show a line of the form that comes and goes (a problem, a note, the overlap's
        choices), the window growing to fit. Its room stays once it has shown: a problem
        put right moves no field (a click aimed at one found another there), and the
        window does not grow and shrink as lines come and go. The times' problems have
        their line kept for them already: no more room stays for them."""
        if line not in (self.errors["start"], self.errors["end"], self.errors["duration"]):
            policy = line.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            line.setSizePolicy(policy)
        line.show()
        grow_to_fit(self)

    def _note_day(self, text: str) -> None:
        self.day_note.setText(text)
        self.day_note.setVisible(bool(text))

    def _offer_overlap(self, offer: OverlapOffer) -> None:
        self._fail("form", offer.message)
        if self._typing is not None:
            return
        self.trim_button.setVisible(offer.can_trim)
        self.trim_button.setText(offer.trim_label)
        self.keep_button.setVisible(offer.can_keep)
        self.keep_button.setText(offer.keep_label)
        if offer.can_trim or offer.can_keep:
            self._show_line(self.overlap_row)

    def _resolve_overlap(self, choice: str) -> None:
        self._choice = choice
        if self.check() is not None and self._offer is not None:
            self._show_problem(
                self.errors["form"],
                self._offer.trimming if choice == "trim" else self._offer.keeping,
            )
            # The choice's button is gone with the question: the keyboard goes to Add, so
            # Enter adds (it went to Cancel, where Enter threw the form away).
            self.save_button.setFocus()

    def _target_changed(self) -> None:
        # Another target: a refusal of the last one, or why one was left out, no longer holds,
        # and its workspace's rules hold for the times.
        self.target_note.hide()
        self.check()

    def _follow_project_default(self, choice: TargetChoice | None) -> None:
        if choice is not None and choice.billable_default is not None:
            self.billable.setChecked(choice.billable_default)

    def submit(self) -> None:
        """Send the entry out if it is valid; otherwise keep everything typed and say why."""
        self._tried = True
        self._typing = None  # Add, pressed mid-time, hears everything at once
        self._pause.stop()
        entry = self.check()
        if entry is not None:
            self.submitted.emit(entry)

    def show_error(self, message: str) -> None:
        """A refusal from the Tracker: shown beside its field, nothing typed is lost."""
        self._fail(field_of(message), message)


def _no_way_around(
    other: Entry,
    fixed: str | None,
    start: datetime,
    end: datetime | None,
    zone: str,
    *,
    several: bool = False,
    can_keep: bool = False,
) -> str:
    """Why `other` cannot be trimmed clear of [start, end) (`end` None: a running timer's)
    and what to do instead, to follow `overlap_message`: `, which lies within…` after the
    one entry it names, `; 'Call' lies within…` after `several`. `fixed`: why it cannot be
    changed at all, if so. `can_keep`: keeping them all is one way (the workspace allows
    overlaps)."""
    name = f"'{isolated(described(other.description))}'"
    keeping = ("keep all" if several else "keep both") if can_keep else ""
    keep = f"{keeping}, " if keeping else ""
    opening = f"; {name} " if several else ", which "
    if fixed:
        # The Tracker's refusal speaks of "this entry": here that is the other one.
        why = fixed.replace("this entry", "it", 1)
        instead = f"{keeping} or " if keeping else ""
        return f"{opening}cannot be trimmed: {why}; {instead}pick other times"
    if other.end is None:
        why = f"; {name} is a timer still running" if several else ", a timer still running"
        until = clock_time(other.start, zone)
        return f"{why}: {keep}end this time by {until} or stop that timer first"
    if end is None:
        return (
            f"{opening}starts after this timer's start: {keep}start the timer at"
            f" {clock_time(other.end, zone)} or later, or change that entry first"
        )
    if start <= other.start and other.end <= end:
        return (
            f"{opening}lies within this time, so trimming would leave nothing of it:"
            f" {keep}add the time before and after it as separate entries, or change that"
            " entry first"
        )
    return (
        f"{opening}covers all of this time, so trimming would cut it in two:"
        f" {keep}change that entry first, or pick other times"
    )


def ask_about_overlap(
    parent: QWidget,
    what: str,
    offer: OverlapOffer,
    answered: Callable[[str], None],
    *,
    back_label: str = "&Go back to editing",
    discardable: bool = False,
) -> QMessageBox:
    """An edit in place would have `what` (`“Call” 20:30–20:58`) overlap: the choice Add time
    gives, `answered` with "trim" or "keep" (as `offer` allows), or "back" to editing with
    what was typed — the default, and Esc (`back_label` names it where nothing was being
    edited). `discardable`: "discard" too, what was typed let go and the entry left as it
    was, without retyping its times. Modal to `parent` only, without a loop of its own, so
    the rest of Timo keeps running while it waits."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
    box.setWindowTitle("Overlapping time")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"{what} {offer.message}.")
    if offer.can_trim:
        box.setInformativeText(f"Trim: {offer.trimming}")
    box.setAccessibleName("The change overlaps other entries")
    choices: dict[QPushButton, str] = {}
    if offer.can_trim:
        trim = box.addButton(offer.trim_label, QMessageBox.ButtonRole.AcceptRole)
        trim.setAccessibleName("Trim the overlapping entries")
        choices[trim] = "trim"
    if offer.can_keep:
        keep = box.addButton(offer.keep_label, QMessageBox.ButtonRole.AcceptRole)
        keep.setAccessibleName("Keep the entries overlapping")
        choices[keep] = "keep"
    if discardable:
        discard = box.addButton("&Discard my change", QMessageBox.ButtonRole.DestructiveRole)
        discard.setAccessibleName("Discard my change")
        choices[discard] = "discard"
    back = box.addButton(back_label, QMessageBox.ButtonRole.RejectRole)
    back.setAccessibleName(back_label.replace("&", ""))
    # Enter, which saved the edit a moment ago, and Esc change nothing yet.
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(choices.get(box.clickedButton(), "back")))
    box.open()
    back.setFocus()
    return box


def _label(text: str, buddy: QWidget) -> QLabel:
    """A field's label; Alt and its underlined letter take the keyboard to the field."""
    label = PlainLabel(text)
    label.setBuddy(buddy)
    return label
