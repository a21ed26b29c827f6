"""The questions Timo asks about a running timer (on quitting, after a crash), and how a
window Timo opens on its own appears."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

# A reminder or the away question: a dialog that stays on top of other windows.
UNASKED = Qt.WindowType.Dialog | Qt.WindowType.WindowStaysOnTopHint


def appear_unasked(dialog: QDialog) -> None:
    """Make `dialog`, made with the UNASKED flags, a window Timo opens on its own: not modal,
    and shown without taking the keyboard from what the person is typing into, where a stray
    key (Enter, or the away question's D) would answer it. A click, or switching to it,
    gives it the keyboard."""
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


class QuitChoice(Enum):
    KEEP_RUNNING = "keep"
    STOP = "stop"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    STOP_AT_LAST_SEEN = "stop"
    KEEP_RUNNING = "keep"


def ask_quit(parent: QWidget | None, running: str) -> QuitChoice:
    """Quit with a timer running: keep it running (it survives a restart) or stop it now."""
    box = QMessageBox(parent)
    box.setWindowTitle("Quit Timo")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"“{running}” is still running.")
    box.setInformativeText(
        "Keep it running and Timo picks it up when it starts again, or stop it now."
    )
    keep = box.addButton("Keep running", QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton("Stop now", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return QuitChoice.KEEP_RUNNING
    if clicked is stop:
        return QuitChoice.STOP
    return QuitChoice.CANCEL


def ask_recovery(parent: QWidget | None, running: str, last_seen: str) -> RecoveryChoice:
    """After a crash: stop the timer when Timo was last alive, or keep it running."""
    box = QMessageBox(parent)
    box.setWindowTitle("Timo")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        f"Timo was closed while “{running}” was running. Stop it at {last_seen}, "
        "when Timo was last running, or keep it running?"
    )
    stop = box.addButton(f"Stop at {last_seen}", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep running", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.setEscapeButton(keep)
    box.exec()
    return (
        RecoveryChoice.STOP_AT_LAST_SEEN
        if box.clickedButton() is stop
        else RecoveryChoice.KEEP_RUNNING
    )
