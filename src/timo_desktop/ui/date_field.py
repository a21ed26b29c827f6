"""A day typed as people write dates, or stepped with the keys, or picked in a calendar.

A date spin box (QDateEdit) takes typing one part at a time: "2026-10-25" typed into
it kept the day of the month and dropped the rest without a word, so time was added
on 20 Nov. This field reads what is typed whole (`core.local_time.parse_date`) and
says what it cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import FIRST_YEAR, LAST_YEAR, parse_date

FIRST_DAY = QDate(FIRST_YEAR, 1, 1)  # the years Timo keeps (`local_time.kept_day`)
LAST_DAY = QDate(LAST_YEAR, 12, 31)


def shown(day: date) -> str:
    """`day` as the field shows it, "Fri 27 Nov 2026" (English names, as all of Timo's
    words; `parse_date` reads it back)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def month_first_here() -> bool:
    """Whether this computer writes the month before the day (10/25/2026)."""
    short = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat)
    return 0 <= short.find("M") < short.find("d")


class DateField(QLineEdit):
    """The entry's day, one tab stop. Typed whole ("2026-10-25", "25.10.2026", "25 Oct",
    "yesterday", "y"), Up and Down step a day, Page Up and Page Down a month, and Alt+Down
    or F4 opens the calendar, as they open a drop-down list. `date()` is the last day
    read; while what is typed is no date, `problem` says why."""

    dateChanged = Signal(QDate)
    typing = Signal()  # a key typed, before the day it makes (or not) is taken

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._day = today()
        self._month_first = month_first_here()
        self.problem: str | None = None
        self._calendar: QCalendarWidget | None = None
        self.setText(shown(self._day))
        self.setToolTip(
            "Type a date (2026-10-25, 25 Oct, yesterday); Up and Down step a day; "
            "Alt+Down opens the calendar"
        )
        # The way in for the mouse: an arrow at the end of the field, as a drop-down has.
        opener = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        opener.setText("Open the calendar")
        opener.setToolTip("Open the calendar (Alt+Down)")
        opener.triggered.connect(self.open_calendar)
        for button in self.findChildren(QToolButton):
            button.setAccessibleName("Open the calendar")
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)

    def date(self) -> QDate:
        """The day the field holds (the last one read)."""
        return QDate(self._day.year, self._day.month, self._day.day)

    def setDate(self, value: QDate | date) -> None:
        """Show and hold `value` (QDateEdit's name, kept for its callers)."""
        self._take(value.toPython() if isinstance(value, QDate) else value, tidy=True)

    def _take(self, day: date, *, tidy: bool) -> None:
        self.problem = None
        changed = day != self._day
        self._day = day
        if tidy:
            self.setText(shown(day))
        if changed:
            self.dateChanged.emit(self.date())

    def _typed(self, text: str) -> None:
        self.typing.emit()
        try:
            day = parse_date(text, self._today(), month_first=self._month_first)
        except InvalidInput as refused:
            self.problem = str(refused)
            self.dateChanged.emit(self.date())  # the form checks again, and says it
            return
        self._take(day, tidy=False)

    def _tidy(self) -> None:
        """Show a day read in the field's own form once typing is done; leave words that
        are no date as typed, to be put right."""
        if self.problem is None and self.text() != shown(self._day):
            self.setText(shown(self._day))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.PopupFocusReason):
            self.selectAll()  # typing replaces the day, as in any field arrived at

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            self.open_calendar()
            return
        days = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(key)
        months = {Qt.Key.Key_PageUp: 1, Qt.Key.Key_PageDown: -1}.get(key)
        if days is not None or months is not None:
            day = self.date()
            stepped = day.addDays(days) if days is not None else day.addMonths(months or 0)
            if FIRST_DAY <= stepped <= LAST_DAY:  # past them, the day stays (Up from 9999 crashed)
                self._take(stepped.toPython(), tidy=True)
            self.selectAll()
            return
        super().keyPressEvent(event)

    def calendarWidget(self) -> QCalendarWidget:
        """The calendar Alt+Down opens (made the first time)."""
        if self._calendar is None:
            popup = QFrame(self, Qt.WindowType.Popup)
            popup.setFrameShape(QFrame.Shape.Box)
            self._calendar = QCalendarWidget(popup)
            self._calendar.setGridVisible(True)
            self._calendar.setDateRange(FIRST_DAY, LAST_DAY)
            QVBoxLayout(popup).addWidget(self._calendar)
            popup.layout().setContentsMargins(0, 0, 0, 0)
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
        return self._calendar

    def open_calendar(self) -> None:
        """Show the calendar below the field on its day, with the keyboard in it."""
        calendar = self.calendarWidget()
        calendar.setSelectedDate(self.date())
        popup = calendar.window()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.calendarWidget().window().hide()
        self._take(day.toPython(), tidy=True)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
