"""The line at the top of the window: what to work on next, and the timer that runs now.

While a timer runs and no new description is typed, the line is that timer: its project,
billable mark and tags show there, and changing them changes the running entry (each
change one undoable edit, as in the list). Typing a description makes the line the next
timer's, starting blank: the running timer's project and tags are its own, and carried
over unseen they would book the next task to them. Enter or the button then switches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.entry import parse_tags
from timo_desktop.ui import style
from timo_desktop.ui.entry_model import Column, Keys, with_keys
from timo_desktop.ui.formatting import clock
from timo_desktop.ui.plain import OneLineLabel, PlainLabel
from timo_desktop.ui.tag_completer import Suggestions, TagCompleter
from timo_desktop.ui.target_picker import HINT, WIDEST, TargetChoice, TargetPicker

# px: what the description and tags keep in a narrow window; the target's name gives way.
DESCRIPTION_WIDTH = 180
TAGS_WIDTH = 72
# The timer line's keys, window-wide (bound by the app, named in the tooltips here).
START_KEYS: Keys = "Ctrl+Return"  # the big button: Start, Stop or Switch
DESCRIPTION_KEYS: Keys = "Ctrl+L"
CHOOSE_KEYS: Keys = "Ctrl+P"
BILLABLE_KEYS: Keys = "Ctrl+B"
TAGS_KEYS: Keys = "Ctrl+T"


@dataclass(frozen=True)
class TimerDraft:
    """What the user typed in the timer line."""

    description: str
    target: TargetChoice | None
    billable: bool
    tags: tuple[str, ...]


class BillableToggle(QToolButton):
    """A checkable `$` that follows the chosen project's default until the user flips it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("$")
        self.setCheckable(True)
        self.setAccessibleName("Billable")
        self.setToolTip(with_keys("Billable", BILLABLE_KEYS))
        self.setObjectName("billable")
        self.setStyleSheet(style.BILLABLE)  # wherever it is used: timer line and dialogs
        self.toggled.connect(self._describe)
        self._describe(False)

    def _describe(self, on: bool) -> None:
        self.setAccessibleDescription("billable" if on else "not billable")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter flips it as Space does; a plain tool button would pass it on to its parent
        # (the timer line, whose Enter starts or stops the timer).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)


class LinePicker(TargetPicker):
    """The timer line's target: as wide whatever it names. A description typed over a
    running timer's line blanks it to "No project"; had the button shrunk to that, what
    follows it on the line would move away from under the pointer."""

    def sizeHint(self) -> QSize:
        return QSize(WIDEST, super().sizeHint().height())


class TimerBar(QFrame):
    """The timer line (description, target, billable, tags, Start/Stop) and the running strip."""

    start_requested = Signal(object)  # TimerDraft
    stop_requested = Signal()
    cancel_stop_requested = Signal()  # the stop waiting for the database is not wanted now
    suggestion_chosen = Signal(str)  # an earlier description picked from the completer list
    # The running timer's project (TargetChoice | None), billable mark (bool) or tags (text
    # as typed) changed in the line: Column.TARGET, BILLABLE or TAGS and the new value.
    running_edited = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerBar")
        self.setStyleSheet(style.TIMER_BAR)
        self.description = QLineEdit(placeholderText="What are you working on?")
        self.description.setAccessibleName("What are you working on?")
        self.description.setToolTip(with_keys("What are you working on?", DESCRIPTION_KEYS))
        self.description.setObjectName("description")
        self.description.setMinimumWidth(DESCRIPTION_WIDTH)
        self.descriptions = QStringListModel(self)
        completer = Suggestions(self.descriptions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        # Only a pick from the list, never typing that happens to match, says "like that one".
        completer.activated.connect(self.suggestion_chosen)  # the text overload, the default
        self.description.setCompleter(completer)
        self.target = LinePicker()
        self.target.set_hint(with_keys(HINT, CHOOSE_KEYS))
        self.billable = BillableToggle()
        self.tags = QLineEdit(placeholderText="Tags")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.tags.setToolTip(with_keys("Tags, separated by commas", TAGS_KEYS))
        self.tags.setMaximumWidth(140)
        self.tags.setMinimumWidth(TAGS_WIDTH)
        # Tags used so far, most used first; the dialog and the list's Tags cell share them.
        self.known_tags = QStringListModel(self)
        self.tags.setCompleter(TagCompleter(self.known_tags, self))
        self.button = QPushButton("Start")
        self.button.setObjectName("startStop")
        self.button.setAccessibleName("Start timer")
        self.button.setToolTip(with_keys("Start, stop or switch the timer", START_KEYS))
        self.button.setMinimumWidth(96)
        self._pressed_as = ""  # what the button said as the press under way began
        # What it said before the event being handled changed it (None: unchanged since).
        self._said_before: str | None = None
        self.button.pressed.connect(self._went_down)
        self.button.clicked.connect(self._clicked)
        # The user's own changes only: the line is also filled in by the app.
        self.target.picked.connect(self._on_pick)
        self.billable.clicked.connect(self._on_billable)
        self.tags.editingFinished.connect(self._on_tags)

        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.description, 1)
        line.addWidget(self.target)
        line.addWidget(self.billable)
        line.addWidget(self.tags)
        line.addWidget(self.button)
        # Why the line has no project where an earlier entry had one (it takes no time any
        # more): said under the line, until a target is picked or the line is emptied.
        self.target_hint = PlainLabel()
        self.target_hint.setObjectName("targetHint")
        self.target_hint.set_about("About the project")
        self.target_hint.setWordWrap(True)
        self.target_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.target_hint.hide()

        self.running_label = OneLineLabel()
        self.running_label.setObjectName("runningLabel")
        self.running_label.set_about("Running timer")
        self.elapsed = PlainLabel()
        self.elapsed.setObjectName("elapsed")
        self.elapsed.set_about("Elapsed time")
        strip = QHBoxLayout()
        strip.addWidget(self.running_label, 1)
        strip.addWidget(self.elapsed)
        self.strip = QWidget()
        self.strip.setObjectName("runningStrip")
        self.strip.setLayout(strip)
        strip.setContentsMargins(4, 0, 4, 0)
        # Its room stays while no timer runs: starting or stopping one moves nothing below
        # (the toolbar, the list) from under the pointer.
        kept = self.strip.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.strip.setSizePolicy(kept)

        # A stop the database refused, waiting to be saved at the instant it was pressed.
        self.stopping = PlainLabel()
        self.stopping.setObjectName("stopping")
        self.stopping.set_about("Stopping the timer")
        self.stopping.setWordWrap(True)
        self.cancel_stop = QPushButton("Cancel stop")
        self.cancel_stop.setAccessibleName("Cancel the stop and keep the timer running")
        self.cancel_stop.clicked.connect(self.cancel_stop_requested)
        waiting = QHBoxLayout()
        waiting.setContentsMargins(4, 0, 4, 0)
        waiting.addWidget(self.stopping, 1)
        waiting.addWidget(self.cancel_stop)
        self.waiting = QWidget()
        self.waiting.setLayout(waiting)
        self.waiting.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(line)
        layout.addWidget(self.target_hint)
        layout.addWidget(self.strip)
        layout.addWidget(self.waiting)
        self.description.textChanged.connect(self._on_description)
        self.setTabOrder(self.description, self.target)
        self.setTabOrder(self.target, self.billable)
        self.setTabOrder(self.billable, self.tags)
        self.setTabOrder(self.tags, self.button)
        self._running: TimerDraft | None = None  # the running timer's values, if one runs
        self._typed = False  # a new description is in the line
        self._tags_shown: tuple[str, ...] = ()  # what the line last put in the tags field
        self.show_running(None, 0)

    # What the user typed -------------------------------------------------------------
    def draft(self) -> TimerDraft:
        return TimerDraft(
            description=self.description.text().strip(),
            target=self.target.choice(),
            billable=self.billable.isChecked(),
            tags=parse_tags(self.tags.text()),
        )

    def clear(self) -> None:
        """Empty the line for the next thing (Esc): blank, or showing the running timer.
        Ctrl+Z in it brings back what was typed."""
        self.description.clear()
        self._emptied()

    def started(self) -> None:
        """The line's timer has started: the line is empty for the next thing, with nothing
        of its own to undo, so that Ctrl+Z is the window's Undo, of the start. (`clear()` is
        a step of the line's own undo: Ctrl+Z put the description back, the timer running.)"""
        self.description.setText("")  # which forgets the line's undo steps
        self._emptied()
        self.tags.setText(self.tags.text())  # the tags typed are the timer's now

    def _emptied(self) -> None:
        self._take_tags_as_shown()
        self.explain_target(None)
        self._show_what_runs()

    def explain_target(self, why: str | None) -> None:
        """Say `why` the line has no target under it (an earlier entry's takes no time any
        more), or nothing; a target picked next clears it and puts the keyboard back in the
        description, where Enter starts."""
        self.target_hint.setText(why or "")
        self.target_hint.setVisible(why is not None)
        self.target.setAccessibleDescription(why or "")

    def fill(self, target: TargetChoice | None, billable: bool, tags: tuple[str, ...]) -> None:
        """Set the target, billable and tags as an earlier entry had them (still editable)."""
        self.target.set_choice(target)
        self.billable.setChecked(billable)  # after the target, whose default it would follow
        self.tags.setText(", ".join(tags))

    def set_suggestions(self, descriptions: list[str], tags: Sequence[str] = ()) -> None:
        """The earlier descriptions and tags to offer while typing."""
        self.descriptions.setStringList(descriptions)
        self.known_tags.setStringList(list(tags))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # In the running timer's tags, Enter sets them (the field's editingFinished);
            # it does not stop the timer too.
            if not (self.tags.hasFocus() and self.shows_running()):
                self.press()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)

    # The running timer ----------------------------------------------------------------
    def show_running(
        self, summary: str | None, elapsed_seconds: float, values: TimerDraft | None = None
    ) -> None:
        """Show the running entry (`summary` like "Homepage layout · Website") or none;
        `values` are its project, billable mark and tags (None: none of them)."""
        was_running = self._running is not None
        self._running = None if summary is None else values or BLANK
        self.strip.setVisible(summary is not None)
        if summary is not None:
            self.running_label.setText(f"● {summary}")
            self.tick(elapsed_seconds)
        if self._running is not None or was_running:
            self._show_what_runs()
        self._update_button()

    def show_stopping(self, words: str | None) -> None:
        """Say under the running timer that its stop waits for the database (`words`),
        with Cancel stop; None: no stop waits."""
        self.stopping.setText(words or "")
        self.waiting.setVisible(words is not None)

    def shows_running(self) -> bool:
        """True while a timer runs and no new description is typed: the line shows that
        timer (its project, billable mark and tags change it) and the button stops it."""
        return self._running is not None and not self.description.text().strip()

    def _show_what_runs(self) -> None:
        """With no description typed, the line shows the running timer's values, or a
        blank line once none runs. Tags being typed are left alone until they are set."""
        if not self.description.text().strip():
            self._show(self._running or BLANK)

    def _show(self, values: TimerDraft) -> None:
        # Only what differs: this runs at each refresh, and a field set anew loses its cursor.
        if self.target.choice() != values.target:
            self.target.set_choice(values.target)
        self.billable.setChecked(values.billable)
        tags = ", ".join(values.tags)
        if not self._tags_changed():
            self._tags_shown = values.tags
            if self.tags.text() != tags:
                self.tags.setText(tags)

    def _tags_changed(self) -> bool:
        """Whether the tags field holds the person's change, typed or picked from the
        suggestions: other tags than the line last showed there. (Not Qt's modified mark,
        which a pick clears: a clicked tag never reached the running timer.)"""
        return parse_tags(self.tags.text()) != self._tags_shown

    def _take_tags_as_shown(self) -> None:
        """What the tags field holds is no change to set: it is shown as it is."""
        self._tags_shown = parse_tags(self.tags.text())

    def _on_description(self, text: str) -> None:
        typed = bool(text.strip())
        if not typed:
            self.explain_target(None)  # emptied: nothing left for it to be about
        if self._running is not None and typed != self._typed:
            # Typed: the next timer's line, blank; emptied again: back to the running timer.
            self._take_tags_as_shown()
            self._show(BLANK if typed else self._running)
        self._typed = typed
        self._update_button()

    def _on_pick(self, choice: TargetChoice | None) -> None:
        if self.target_hint.text():  # the pick it asked for
            self.explain_target(None)
            self.description.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.shows_running():
            # Its billable mark stays as it is, as when the project is changed in the list;
            # the project's default is for a new timer.
            self.running_edited.emit(Column.TARGET, choice)
        elif choice is not None and choice.billable_default is not None:
            self.billable.setChecked(choice.billable_default)

    def _on_billable(self, on: bool) -> None:
        if self.shows_running():
            # Tags changed and not yet set go first: the `$` takes no keyboard from the field,
            # so a click on it leaves the field without its editingFinished.
            self._on_tags()
            self.running_edited.emit(Column.BILLABLE, on)

    def _on_tags(self) -> None:
        if self.shows_running() and self._tags_changed():
            self._take_tags_as_shown()  # set: the running timer's tags show here again
            self.running_edited.emit(Column.TAGS, self.tags.text())

    def tick(self, elapsed_seconds: float) -> None:
        self.elapsed.setText(clock(elapsed_seconds))

    def _update_button(self) -> None:
        # Running with a new description typed, the button switches (stops and starts at
        # the same instant).
        if self._running is None:
            text, name = "Start", "Start timer"
        elif self.shows_running():
            text, name = "Stop", "Stop timer"
        else:
            text, name = "Switch", "Switch to this"
        held = QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
        if held and text != self.button.text() and self._said_before is None:
            # Changed as a press is delivered (see `_went_down`), the button remembers what
            # it said until the events now in hand are dealt with.
            self._said_before = self.button.text()
            QTimer.singleShot(0, self, self._settled)
        self.button.setText(text)
        self.button.setAccessibleName(name)
        style.set_style_property(self.button, "running", self.shows_running())

    def _settled(self) -> None:
        self._said_before = None

    def _went_down(self) -> None:
        # A press on the button may itself bring the line up to date before the button sees
        # it: one that closes an editor in the list saves the edit, and the window then
        # shows what changed elsewhere meanwhile. The press was meant for what was shown.
        self._pressed_as = self._said_before or self.button.text()

    def _clicked(self) -> None:
        # Only when the button still says what it said as it went down: Stop turned Start
        # under the pointer (the timer was stopped elsewhere) must not start a blank timer.
        if self.button.text() == self._pressed_as:
            self.press()

    def press(self) -> None:
        """Do what the big button shows: Stop, or Start/Switch to the line (the button,
        Enter and Ctrl+Enter all come here, so they cannot disagree)."""
        if self.shows_running():
            self.stop_requested.emit()
        else:
            self.start_requested.emit(self.draft())


BLANK = TimerDraft("", None, False, ())  # the line with nothing in it
