"""The line at the top of the window: what to work on next, and the timer that runs now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.ui import style
from timo_desktop.ui.formatting import clock
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import TargetChoice, TargetPicker

# px: what the description and tags keep in a narrow window; the target's name gives way.
DESCRIPTION_WIDTH = 180
TAGS_WIDTH = 72


@dataclass(frozen=True)
class TimerDraft:
    """What the user typed in the timer line."""

    description: str
    target: TargetChoice | None
    billable: bool
    tags: tuple[str, ...]


def parse_tags(text: str) -> tuple[str, ...]:
    """`design, client a` → ("design", "client a"): comma-separated, blanks and repeats dropped."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        if tag := part.strip():
            seen.setdefault(tag, None)
    return tuple(seen)


class BillableToggle(QToolButton):
    """A checkable `$` that follows the chosen project's default until the user flips it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("$")
        self.setCheckable(True)
        self.setAccessibleName("Billable")
        self.setToolTip("Billable (Ctrl+B)")
        self.setObjectName("billable")
        self.setStyleSheet(style.BILLABLE)  # wherever it is used: timer line and dialogs
        self.toggled.connect(self._describe)
        self._describe(False)

    def _describe(self, on: bool) -> None:
        self.setAccessibleDescription("billable" if on else "not billable")


class TimerBar(QFrame):
    """The timer line (description, target, billable, tags, Start/Stop) and the running strip."""

    start_requested = Signal(object)  # TimerDraft
    stop_requested = Signal()
    suggestion_chosen = Signal(str)  # an earlier description picked from the completer list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerBar")
        self.setStyleSheet(style.TIMER_BAR)
        self.description = QLineEdit(placeholderText="What are you working on?")
        self.description.setAccessibleName("What are you working on?")
        self.description.setObjectName("description")
        self.description.setMinimumWidth(DESCRIPTION_WIDTH)
        self.descriptions = QStringListModel(self)
        completer = QCompleter(self.descriptions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        # Only a pick from the list, never typing that happens to match, says "like that one".
        completer.activated.connect(self.suggestion_chosen)  # the text overload, the default
        self.description.setCompleter(completer)
        self.target = TargetPicker()
        self.billable = BillableToggle()
        self.tags = QLineEdit(placeholderText="Tags")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.tags.setMaximumWidth(140)
        self.tags.setMinimumWidth(TAGS_WIDTH)
        # Tags used so far, most used first; the dialog and the list's Tags cell share them.
        self.known_tags = QStringListModel(self)
        self.tags.setCompleter(TagCompleter(self.known_tags, self))
        self.button = QPushButton("Start")
        self.button.setObjectName("startStop")
        self.button.setAccessibleName("Start timer")
        self.button.setMinimumWidth(96)
        self.button.clicked.connect(self.press)
        self.target.changed.connect(self._follow_project_default)

        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.description, 1)
        line.addWidget(self.target)
        line.addWidget(self.billable)
        line.addWidget(self.tags)
        line.addWidget(self.button)

        self.running_label = QLabel()
        self.running_label.setObjectName("runningLabel")
        self.running_label.setAccessibleName("Running timer")
        self.running_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elapsed = QLabel()
        self.elapsed.setObjectName("elapsed")
        self.elapsed.setAccessibleName("Elapsed time")
        strip = QHBoxLayout()
        strip.addWidget(self.running_label, 1)
        strip.addWidget(self.elapsed)
        self.strip = QWidget()
        self.strip.setObjectName("runningStrip")
        self.strip.setLayout(strip)
        strip.setContentsMargins(4, 0, 4, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(line)
        layout.addWidget(self.strip)
        self.description.textChanged.connect(self._update_button)
        self.setTabOrder(self.description, self.target)
        self.setTabOrder(self.target, self.billable)
        self.setTabOrder(self.billable, self.tags)
        self.setTabOrder(self.tags, self.button)
        self._running = False
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
        """Empty the line for the next thing (Esc)."""
        self.description.clear()
        self.target.set_choice(None)
        self.billable.setChecked(False)
        self.tags.clear()

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
            self.press()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)

    # The running timer ----------------------------------------------------------------
    def show_running(self, summary: str | None, elapsed_seconds: float) -> None:
        """Show the running entry (`summary` like "Homepage layout · Website") or none."""
        self._running = summary is not None
        self.strip.setVisible(self._running)
        if summary is not None:
            self.running_label.setText(f"● {summary}")
            self.tick(elapsed_seconds)
        self._update_button()

    def tick(self, elapsed_seconds: float) -> None:
        self.elapsed.setText(clock(elapsed_seconds))

    def _stops(self) -> bool:
        # Running with nothing new typed: the button stops. Running with a new
        # description: it switches (stop and start at the same instant).
        return self._running and not self.description.text().strip()

    def _update_button(self) -> None:
        if not self._running:
            text, name = "Start", "Start timer"
        elif self._stops():
            text, name = "Stop", "Stop timer"
        else:
            text, name = "Switch", "Switch to this"
        self.button.setText(text)
        self.button.setAccessibleName(name)
        style.set_style_property(self.button, "running", self._stops())

    def press(self) -> None:
        """Do what the big button shows: Stop, or Start/Switch to the line (the button,
        Enter and Ctrl+Enter all come here, so they cannot disagree)."""
        if self._stops():
            self.stop_requested.emit()
        else:
            self.start_requested.emit(self.draft())

    def _follow_project_default(self, choice: TargetChoice | None) -> None:
        if choice is not None and choice.billable_default is not None:
            self.billable.setChecked(choice.billable_default)
