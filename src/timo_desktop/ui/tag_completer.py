"""Suggestions for a comma-separated tags field, from the tags used so far; and what every
suggesting field shares: Down or Ctrl+Space lists the suggestions before anything is typed,
and a click outside the open list both closes it and does what it clicked.

One known spelling offered and picked keeps reports from splitting into "design",
"Design" and "desgin". Used by the timer line, the Add time manually dialog and the
entry list's Tags cell, all on the one list the controller refreshes on reload.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

from timo_desktop.core.folding import folded
from timo_desktop.ui.click_through import ClickThrough

# What the completer looks for when the last word is still empty (just after a comma): no
# tag typed here can start with a comma, so nothing pops up until a letter is typed, as
# with an empty field.
_NOTHING = ","


class _Unused(QSortFilterProxyModel):
    """The known tags less those already in the field, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._present: frozenset[str] = frozenset()

    def leave_out(self, present: frozenset[str]) -> None:
        if present != self._present:  # most keystrokes change only the last word
            self._present = present
            self.invalidate()  # not invalidateFilter: deprecated in Qt 6.11, and few rows

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        tag = self.sourceModel().index(row, 0, parent).data()
        return folded(str(tag)) not in self._present


class Suggestions(QCompleter):
    """A completer whose list also opens on Down or Ctrl+Space: typing opens it only from
    the first letter, so an empty field would otherwise hide what it can offer. Before
    anything is typed it lists every suggestion, in the model's order (the most recent
    descriptions, the most used tags). A click outside the open list closes it and reaches
    what was clicked, Start say, in one click: on X11 Qt closes the list and drops it."""

    _through: ClickThrough | None = None  # made with the first click on the open list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QCompleter watches the field it completes (its widget) and its list already.
        if watched is self.popup() and isinstance(event, QMouseEvent):
            if self._through is None:
                self._through = ClickThrough()
            if self._through.handle(self.popup(), event):
                return True
        if (
            watched is self.widget()
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and _asks_for_suggestions(event)
            and not self.popup().isVisible()
        ):
            self.offer()
            return True
        if (
            watched is self.popup()
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.widget() is not None
            and _the_fields_key(event, chosen=self.popup().currentIndex())
        ):
            # Enter with none chosen, and Tab or Shift+Tab, are the field's, as with the list
            # shut: the timer line starts, a dialog takes it, a cell of the list saves and
            # goes on to the next. Qt only shut the list and handed the key to the field
            # alone, past what watches it: Enter never reached the line or the dialog around
            # it, and Tab closed a cell of the list and took the keyboard out of the list.
            # Tab takes the suggestion chosen first, as a click does (and as Qt did).
            chosen = self.popup().currentIndex()
            if chosen.isValid():
                self.popup().clicked.emit(chosen)
            self.popup().hide()
            again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self.widget(), again)
            return True
        return super().eventFilter(watched, event)

    def offer(self) -> None:
        """Open the list for what the field holds (everything for an empty field)."""
        field = self.widget()
        self.setCompletionPrefix(field.text() if isinstance(field, QLineEdit) else "")
        self.complete()


def _the_fields_key(event: QKeyEvent, chosen: QModelIndex) -> bool:
    """Whether a key pressed in the open list belongs to the field: Tab or Shift+Tab, and
    Enter while no suggestion is `chosen` (with one, Enter takes it, and nothing else)."""
    if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return True
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not chosen.isValid()


def _asks_for_suggestions(event: QKeyEvent) -> bool:
    """Down, or Ctrl+Space (⌘Space on macOS is the system's)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Down:
        return modifiers == Qt.KeyboardModifier.NoModifier
    return event.key() == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ControlModifier


class TagCompleter(Suggestions):
    """Completes the tag after the last comma from `known` (case-insensitively), leaving
    out tags already in the field; a pick replaces only that word, in the known spelling,
    and adds ", " for the next tag. The usual popup: Down to choose, Enter to take; Down or
    Ctrl+Space before a letter of the tag lists every tag not yet in the field."""

    def __init__(self, known: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._offering = False  # asked for with Down or Ctrl+Space: an empty word matches all
        self._unused = _Unused(self)
        self._unused.setSourceModel(known)
        self.setModel(self._unused)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.popup().setAccessibleName("Tag suggestions")
        # The field's text up to the word being completed, as typed. Kept from the last
        # keystroke: choosing with the arrows already puts a pick in the field, and the
        # next pick must replace that one, not follow it.
        self._before = ""

    def offer(self) -> None:
        self._offering = True
        try:
            super().offer()
        finally:
            self._offering = False

    def splitPath(self, path: str) -> list[str]:
        head, comma, word = path.rpartition(",")
        self._before = f"{head}{comma} " if comma else ""
        self._unused.leave_out(frozenset(folded(t.strip()) for t in head.split(",")))
        return [word.strip() or ("" if self._offering else _NOTHING)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return f"{self._before}{index.data()}, "
