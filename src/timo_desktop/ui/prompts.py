"""The questions Timo asks about a running timer (on quitting, after a crash), and how a
window Timo opens on its own appears."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from timo_desktop.core.local_time import clock_time, local
from timo_desktop.ui.formatting import day_label

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


def when_last_seen(instant: datetime, zone: str, now: datetime) -> str:
    """When Timo was last seen, as said after "Stop it": `at 17:42` today, else with the
    day (`yesterday at 17:42`, `on Mon 23 Nov at 17:42`): a time alone reads as today's."""
    at = f"at {clock_time(instant, zone)}"
    day, today = local(instant, zone).date(), local(now, zone).date()
    if day == today:
        return at
    label = day_label(day, today)
    return f"{label.lower()} {at}" if label == "Yesterday" else f"on {label} {at}"


def ask_recovery(
    parent: QWidget | None, running: str, when: str, *, session_ended: bool = False
) -> RecoveryChoice:
    """After Timo went without Quit (a crash, the system stopping it, the session ending):
    stop the timer `when` (`at 17:42`, `yesterday at 17:42`) Timo was last alive, or keep
    it running. `session_ended`: Timo went as the person logged out or shut down, and the
    question says so. Keep running is the default (Enter, Esc, closing the box): the
    person may have worked on after Timo went, and stopping then would throw that time
    away for a key pressed in passing, while a timer kept running can still be stopped
    or its end changed."""
    box = QMessageBox(parent)
    box.setWindowTitle("Timo")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(
        f"You logged out or shut down while “{running}” was running. Stop it {when}, "
        "when you did, or keep it running?"
        if session_ended
        else f"Timo was closed while “{running}” was running. Stop it {when}, "
        "when Timo was last running, or keep it running?"
    )
    stop = box.addButton(f"Stop {when}", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep running", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return (
        RecoveryChoice.STOP_AT_LAST_SEEN
        if box.clickedButton() is stop
        else RecoveryChoice.KEEP_RUNNING
    )
