"""Suggestions for a comma-separated tags field, from the tags used so far.

One known spelling offered and picked keeps reports from splitting into "design",
"Design" and "desgin". Used by the timer line, the Add time manually dialog and the
entry list's Tags cell, all on the one list the controller refreshes on reload.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QCompleter

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
        return str(tag).casefold() not in self._present


class TagCompleter(QCompleter):
    """Completes the tag after the last comma from `known` (case-insensitively), leaving
    out tags already in the field; a pick replaces only that word, in the known spelling,
    and adds ", " for the next tag. The usual popup: Down to choose, Enter to take."""

    def __init__(self, known: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unused = _Unused(self)
        self._unused.setSourceModel(known)
        self.setModel(self._unused)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.popup().setAccessibleName("Tag suggestions")
        # The field's text up to the word being completed, as typed. Kept from the last
        # keystroke: choosing with the arrows already puts a pick in the field, and the
        # next pick must replace that one, not follow it.
        self._before = ""

    def splitPath(self, path: str) -> list[str]:
        head, comma, word = path.rpartition(",")
        self._before = f"{head}{comma} " if comma else ""
        self._unused.leave_out(frozenset(t.strip().casefold() for t in head.split(",")))
        return [word.strip() or _NOTHING]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return f"{self._before}{index.data()}, "
