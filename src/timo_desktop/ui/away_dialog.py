"""The one question about time away: Keep, Discard, Discard and continue, or Assign to…"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry, Target, described
from timo_desktop.core.local_time import clock_text, day_and_time, local, utc_offset_text
from timo_desktop.core.presence import Away, AwayChoice
from timo_desktop.ui import style
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.prompts import UNASKED, appear_unasked
from timo_desktop.ui.target_picker import TargetChoice, TargetPopup

TITLE = "You were away — Timo"

# Button text (with its Alt mnemonic), plain-key shortcut, accessible name while the timer
# runs, and once it was stopped after the return.
_BUTTONS: dict[AwayChoice, tuple[str, str, str, str]] = {
    AwayChoice.KEEP: (
        "&Keep",
        "K",
        "Keep the time away on the timer",
        "Keep the time away on the entry",
    ),
    AwayChoice.DISCARD: (
        "&Discard",
        "D",
        "Discard the time away and stop the timer when you left",
        "Discard the time away and end the entry when you left",
    ),
    AwayChoice.DISCARD_AND_CONTINUE: (
        "Discard and &continue",
        "C",
        "Discard the time away and keep the timer going from your return",
        "Discard the time away and keep the entry from your return to its stop",
    ),
    AwayChoice.ASSIGN: (
        "&Assign to…",
        "A",
        "Book the time away on another project or record; the timer goes on from your return",
        "Book the time away on another project or record; the entry keeps the rest",
    ),
}


def timer_words(entry: Entry, target_label: Callable[[Target], str]) -> str:
    """`“Homepage layout” — Website`: how questions about a timer name it."""
    what = f"“{isolated(entry.description)}”" if entry.description else described(entry.description)
    return what if entry.target.is_empty else f"{what} — {isolated(target_label(entry.target))}"


def away_text(aways: Sequence[Away], timer: str, zone: str, stopped: datetime | None = None) -> str:
    """`You were away from 10:32 to 10:58 (26m). Timer: “Homepage layout” — Website.`

    Several away periods are each listed; a timer stopped since says when. Times on
    different days (a lid closed for the weekend) each name their day, and times with
    different UTC offsets (the night the clocks go back) each name their offset, so that
    none reads as earlier than the one before it.
    """
    instants = [instant for away in aways for instant in (away.start, away.end)]
    if stopped is not None:
        instants.append(stopped)
    walls = [local(instant, zone) for instant in instants]
    days = len({wall.date() for wall in walls}) > 1
    offsets = len({wall.utcoffset() for wall in walls}) > 1

    def show(instant: datetime) -> str:
        wall = local(instant, zone)
        text = day_and_time(wall) if days else clock_text(wall.time())
        return f"{text} {utc_offset_text(wall)}" if offsets else text

    def length(away: Away) -> str:
        # Between the minutes shown, so that 00:17:50 to 00:19:41 reads 00:17 to 00:19 (2m).
        return format_duration(_shown_minute(away.end) - _shown_minute(away.start))

    spans = [f"from {show(away.start)} to {show(away.end)} ({length(away)})" for away in aways]
    listed = spans[0] if len(spans) == 1 else f"{', '.join(spans[:-1])} and {spans[-1]}"
    subject = timer if stopped is None else f"{timer}, stopped at {show(stopped)}"
    return f"You were away {listed}. Timer: {subject}."


def _shown_minute(instant: datetime) -> datetime:
    """`instant` to the minute its clock time shows (clock times leave out the seconds)."""
    return instant.replace(second=0, microsecond=0)


class AwayDialog(QDialog):
    """Asks what to do with the away periods of one timer; `answered(choice, target, what)`
    carries the answer (the target and what the time was, for Assign).

    Closing it without a choice keeps the time (nothing changes). The buttons
    answer to plain keys (K, D, C, A) as well as Alt+key. Assign picks a target (or
    none), then asks what the time was (optional) before booking it: Enter books.
    The dialog stays until whoever carries out the answer closes it; an answer refused
    is shown by `refuse`, with the pick and what was typed kept for another try.
    """

    answered = Signal(object, object, str)  # AwayChoice, TargetChoice | None, what it was

    def __init__(self, catalog: QStandardItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, UNASKED)
        self.setWindowTitle(TITLE)
        self.setAccessibleName("You were away")
        self.message = PlainLabel()
        # A person back at the keyboard may be typing: a D would answer. The question is
        # said at once, for the time away keeps counting on the timer until it is answered.
        appear_unasked(self, self.message.text, urgent=True)
        self._answered = False  # an answer is being carried out, or was
        self.message.setWordWrap(True)
        self.message.set_about("Time away")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.picker = TargetPopup(self)
        self.picker.set_model(catalog)
        self.picker.chosen.connect(self._picked)
        self._target: TargetChoice | None = None
        self.buttons: dict[AwayChoice, QPushButton] = {}
        row = QHBoxLayout()
        for choice, (text, key, _, _) in _BUTTONS.items():
            button = QPushButton(text)
            button.setAutoDefault(False)
            handler = self._assign if choice is AwayChoice.ASSIGN else self._answerer(choice)
            button.clicked.connect(handler)
            QShortcut(QKeySequence(key), self).activated.connect(handler)
            self.buttons[choice] = button
            row.addWidget(button)
        self.problem = style.problem_label("Why that answer was refused")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self._booking_row())
        layout.addWidget(self.problem)  # under what the time was, where Assign's refusal is
        self._name_buttons(stopped=False)

    def _booking_row(self) -> QWidget:
        """Assign's second step, shown once a target is picked: what the time was, and Book."""
        self.booking = QWidget()
        self.booking.hide()
        self.booking_target = PlainLabel()
        self.booking_target.setTextFormat(Qt.TextFormat.PlainText)
        self.what = QLineEdit()
        self.what.setPlaceholderText("What was it? (optional)")
        self.what.setAccessibleName("What the time away was")
        self.what.returnPressed.connect(self._book)
        self.book = QPushButton("&Book")
        self.book.setAccessibleName("Book the time away")
        self.book.setToolTip("Book the time away on the picked target (Enter)")
        self.book.setAutoDefault(False)
        self.book.clicked.connect(self._book)
        row = QHBoxLayout(self.booking)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.booking_target)
        row.addWidget(self.what, 1)
        row.addWidget(self.book)
        return self.booking

    def show_away(
        self, aways: Sequence[Away], timer: str, zone: str, stopped: datetime | None = None
    ) -> None:
        """Show (or update, when the time away or the timer changed) the question about
        `aways` on `timer`, `stopped` since or still running."""
        text = away_text(aways, timer, zone, stopped)
        if text == self.message.text():
            return
        self.message.setText(text)
        self._name_buttons(stopped=stopped is not None)
        self.adjustSize()

    def _name_buttons(self, *, stopped: bool) -> None:
        """Say what each answer does to a running timer or to one stopped since."""
        for choice, (_, key, running_name, stopped_name) in _BUTTONS.items():
            name = stopped_name if stopped else running_name
            self.buttons[choice].setAccessibleName(name)
            self.buttons[choice].setToolTip(f"{name} ({key})")

    def _answerer(self, choice: AwayChoice) -> Callable[[], None]:
        return lambda: self._answer(choice, None)

    def _picked(self, choice: TargetChoice | None) -> None:
        """A target picked for Assign, or none: the time is then its own entry without a
        project (listed under Needs attention until it gets one)."""
        self._target = choice
        self.booking_target.setText(f"On {choice.shown}:" if choice else "Without a project:")
        self.booking.show()
        self.adjustSize()
        self.what.setFocus()

    def _book(self) -> None:
        if not self.booking.isHidden():  # something was picked, a target or none
            self._answer(AwayChoice.ASSIGN, self._target)

    def _assign(self) -> None:
        self.picker.move(self.buttons[AwayChoice.ASSIGN].mapToGlobal(self.rect().topLeft()))
        self.picker.search.clear()
        self.picker.show()
        self.picker.search.setFocus()

    def _answer(self, choice: AwayChoice, target: TargetChoice | None) -> None:
        if self._answered:
            return
        self._answered = True
        self.picker.hide()
        self.problem.hide()
        what = self.what.text().strip() if choice is AwayChoice.ASSIGN else ""
        self.answered.emit(choice, target, what)

    def refuse(self, reason: str) -> None:
        """The answer could not be carried out: say why and ask again, keeping the target
        picked and what was typed (the keyboard back where it was being typed)."""
        self._answered = False
        self.problem.setText(reason)
        self.problem.show()
        grow_to_fit(self)
        if not self.booking.isHidden():
            self.what.setFocus()

    def reject(self) -> None:
        """Esc or closing the window: keep the time, as if Keep were chosen."""
        if not self._answered:
            self._answered = True
            self.answered.emit(AwayChoice.KEEP, None, "")
        super().reject()

    def dismiss(self) -> None:
        """Close the question: its answer is carried out, or there is nothing to ask any more
        (the timer was stopped while away, moved or deleted)."""
        self._answered = True
        self.picker.hide()
        self.done(QDialog.DialogCode.Rejected)
