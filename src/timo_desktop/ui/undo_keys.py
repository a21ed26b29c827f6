"""Ctrl+Z and Ctrl+Shift+Z in a line with nothing of its own to undo or redo reach the
window's Undo and Redo: a line edit takes those keys for its text's undo even when it has
none, so with the keyboard in the empty timer line (where it rests) Undo did nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class UndoToTheWindow(QObject):
    """An event filter for line edits: their own undo while they have one, else the
    window's (the shortcut the line would otherwise swallow)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
        ):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo)
            if (undo and not watched.isUndoAvailable()) or (redo and not watched.isRedoAvailable()):
                event.ignore()  # not the line's: the window's shortcut takes it
                return True
        return False


def leave_undo_to_the_window(*lines: QLineEdit) -> UndoToTheWindow:
    """Install one `UndoToTheWindow` on `lines` (parented to the first) and return it."""
    keys = UndoToTheWindow(lines[0])
    for line in lines:
        line.installEventFilter(keys)
    return keys
