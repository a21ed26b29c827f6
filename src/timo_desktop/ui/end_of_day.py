"""The end-of-day popup near the tray: today's figures, the running timer, what needs a fix."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.attention import AttentionItem, Concern
from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import clock_time
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.prompts import UNASKED, appear_unasked
from timo_desktop.ui.target_picker import TargetPopup

TITLE = "End of day — Timo"

# The fix each concern gets: (button text, what it does). A refusal (an archived project,
# a locked period) is not fixed by trying again: its fixes are in the window's Needs
# attention panel; only an entry that merely waits is helped by "Sync now".
FIXES: dict[Concern, tuple[str, str]] = {
    Concern.NO_TARGET: ("Pick a project…", "pick"),
    Concern.LONG: ("Edit…", "edit"),
    Concern.OVERLAP: ("Edit…", "edit"),
    Concern.REFUSED: ("Fix…", "attention"),
    Concern.HELD: ("Fix…", "attention"),
    Concern.NOT_SYNCED: ("Sync now", "sync"),
}


@dataclass(frozen=True)
class DaySummary:
    """What the popup shows: today's figures, the running timer and the entries to look at."""

    total_seconds: int
    billable_seconds: int
    running: Entry | None
    stop_at: datetime | None  # the configured end, offered while it lies within the timer
    items: Sequence[AttentionItem]


class EndOfDayPopup(QDialog):
    """Shows a `DaySummary`; every button comes out as a signal, `show_summary` refreshes it.

    The timer's buttons name the timer they were shown for, so that a click after a
    switch elsewhere cannot stop the timer started since."""

    stop_now = Signal(str)  # client_ref
    stop_at = Signal(str, object)  # client_ref, datetime
    keep_running = Signal()
    edit_entry = Signal(str)  # client_ref
    show_attention = Signal(str)  # client_ref: its sync fixes, in the window
    pick_target = Signal(str, object)  # client_ref, TargetChoice | None
    sync_now = Signal()

    def __init__(
        self,
        zone: str,
        catalog: QStandardItemModel,
        describe: Callable[[Entry], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, UNASKED)
        self.setWindowTitle(TITLE)
        self.setAccessibleName("End of day")
        appear_unasked(self, lambda: f"End of day. {self.figures.text()}")
        self._zone = zone
        self._describe = describe
        self._picking: str | None = None
        self.picker = TargetPopup(self)
        self.picker.set_model(catalog)
        self.picker.chosen.connect(self._picked)
        self.figures = PlainLabel()
        self.figures.setAccessibleName("Today's time")
        self.running_box = QWidget()
        self.items_box = QWidget()
        self.fix_buttons: dict[tuple[str, Concern], QPushButton] = {}
        self.timer_buttons: dict[str, QPushButton] = {}
        close = QPushButton("Close")
        close.setAccessibleName("Close the day's summary")
        close.clicked.connect(self.close)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.figures)
        self._layout.addWidget(self.running_box)
        self._layout.addWidget(self.items_box)
        self._layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def show_summary(self, summary: DaySummary) -> None:
        """Show (or refresh after a fix) the day's summary."""
        # A sentence, so durations read as the core's messages below it do (`6h 35m`).
        total = format_duration(summary.total_seconds)
        billable = format_duration(summary.billable_seconds)
        self.figures.setText(f"Today: {total} tracked, {billable} billable")
        self._replace("running_box", self._running_part(summary), summary.running is not None)
        self._replace("items_box", self._items_part(summary.items), bool(summary.items))
        self.adjustSize()
        grow_to_fit(self)  # adjustSize alone squeezes the wrapped lines over each other

    def place_near(self, anchor: QRect | None) -> None:
        """Put the popup by the tray icon at `anchor`, or in the screen's bottom-right corner."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        size = self.sizeHint()
        if anchor is not None and anchor.isValid() and not anchor.isEmpty():
            # Below an icon in a top panel, above one in a bottom panel.
            below = anchor.center().y() < area.center().y()
            y = anchor.bottom() + 4 if below else anchor.top() - size.height() - 4
            point = QPoint(anchor.right() - size.width(), y)
        else:
            point = area.bottomRight() - QPoint(size.width() + 16, size.height() + 16)
        x = min(max(point.x(), area.left()), area.right() - size.width())
        y = min(max(point.y(), area.top()), area.bottom() - size.height())
        self.move(x, y)

    def _replace(self, name: str, widget: QWidget, shown: bool) -> None:
        old: QWidget = getattr(self, name)
        self._layout.replaceWidget(old, widget)
        old.deleteLater()
        setattr(self, name, widget)
        # Now, not when Qt would show a part added to a popup on screen (after this
        # refresh is laid out): the popup's size is measured with what it shows.
        widget.setVisible(shown)

    def _running_part(self, summary: DaySummary) -> QWidget:
        box = QWidget()
        self.timer_buttons = {}
        if summary.running is None:
            return box
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        since = clock_time(summary.running.start, self._zone)
        label = PlainLabel(f"Running since {since}: {self._describe(summary.running)}")
        label.setWordWrap(True)
        layout.addWidget(label)
        row = QHBoxLayout()
        ref = summary.running.client_ref
        buttons: list[tuple[str, Callable[[], object]]] = [
            ("Stop now", lambda: self.stop_now.emit(ref))
        ]
        if summary.stop_at is not None:
            at = summary.stop_at
            buttons.append(
                (f"Stop at {clock_time(at, self._zone)}", lambda: self.stop_at.emit(ref, at))
            )
        buttons.append(("Keep running", self.keep_running.emit))
        for text, slot in buttons:
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            self.timer_buttons[text] = button
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def _items_part(self, items: Sequence[AttentionItem]) -> QWidget:
        box = QWidget()
        self.fix_buttons = {}
        if not items:
            return box
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(PlainLabel("Needs a look:"), 0, 0, 1, 2)
        for row, item in enumerate(items, start=1):
            ref = item.entry.client_ref
            when = clock_time(item.entry.start, self._zone)
            label = PlainLabel(f"{when} {self._describe(item.entry)} — {item.message}")
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            actions = QHBoxLayout()
            done: set[str] = set()
            for flag in item.flags:
                text, action = FIXES[flag.concern]
                if action in done:
                    continue
                done.add(action)
                button = QPushButton(text)
                button.setAccessibleName(f"{text.rstrip('…')} for the entry at {when}")
                button.clicked.connect(lambda _=False, a=action, r=ref: self._fix(a, r))
                self.fix_buttons[(ref, flag.concern)] = button
                actions.addWidget(button)
            actions.addStretch(1)  # a lone button keeps its size beside a row with two
            grid.addLayout(actions, row, 1)
        return box

    def _fix(self, action: str, ref: str) -> None:
        if action == "pick":
            self._picking = ref
            self.picker.move(self.mapToGlobal(QPoint(0, 0)))
            self.picker.search.clear()
            self.picker.show()
            self.picker.search.setFocus()
        elif action == "edit":
            self.edit_entry.emit(ref)
        elif action == "attention":
            self.show_attention.emit(ref)
        else:
            self.sync_now.emit()

    def _picked(self, choice: object) -> None:
        if self._picking is not None:
            ref, self._picking = self._picking, None
            self.pick_target.emit(ref, choice)
