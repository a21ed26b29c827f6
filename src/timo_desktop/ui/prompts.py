"""The questions Timo asks about a running timer (on quitting, after a crash), and how a
window Timo opens on its own appears."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from timo_desktop.core.local_time import clock_time, local
from timo_desktop.ui.formatting import day_label

# A reminder or the away question: a dialog that stays on top of other windows.
UNASKED = Qt.WindowType.Dialog | Qt.WindowType.WindowStaysOnTopHint


def appear_unasked(dialog: QDialog, says: Callable[[], str], *, urgent: bool = False) -> None:
    """Make `dialog`, made with the UNASKED flags, a window Timo opens on its own: not modal,
    and shown without taking the keyboard from what the person is typing into, where a stray
    key (Enter, or the away question's D) would answer it. A click, or switching to it,
    gives it the keyboard.

    Not given the keyboard, it is not read out either: as it appears, screen readers are
    told `says()` (its question in a sentence), cutting in on what they are saying when
    `urgent`, else once they are done."""
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    dialog.installEventFilter(_SaidOnShowing(dialog, says, urgent))


class _SaidOnShowing(QObject):
    """Announces what its dialog says each time Timo shows it (not when the window system
    shows it again, after it was minimised)."""

    def __init__(self, dialog: QDialog, says: Callable[[], str], urgent: bool) -> None:
        super().__init__(dialog)
        self._says = says
        self._urgent = urgent

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and not event.spontaneous():
            assert isinstance(watched, QWidget)
            announce(watched, self._says(), urgent=self._urgent)
        return False


def announce(widget: QWidget, words: str, *, urgent: bool = False) -> None:
    """Have screen readers say `words`, about `widget`, without moving the keyboard: at once
    when `urgent` (assertive), else after what they are saying (polite)."""
    # Here, not at the top: QtGui's accessibility types cost start-up time to make.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if not QAccessible.isActive():
        return  # no screen reader listens
    event = QAccessibleAnnouncementEvent(widget, words)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


class QuitChoice(Enum):
    KEEP_RUNNING = "keep"
    STOP = "stop"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    STOP_WHEN_AWAY = "away"
    STOP_AT_LAST_SEEN = "stop"
    KEEP_RUNNING = "keep"


class AwayFirst(Enum):
    ANSWER = "answer"
    CANCEL = "cancel"


def ask_quit(parent: QWidget | None, running: str) -> QuitChoice:
    """Quit with a timer running: keep it running (it survives a restart) or stop it now."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
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


def ask_quit_stop_unsaved(parent: QWidget | None, running: str, at: str, why: str) -> bool:
    """Quit while the database still refuses the stop of `running` at `at` (`why`: another
    program is writing to it): the stop is NOT saved. Keep Timo open (the default), and it
    keeps trying; or quit, and stop the timer and correct its end in the list later. True:
    quit all the same."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
    box.setWindowTitle("Quit Timo")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(
        f"“{running}” is still running: its stop at {at} is NOT saved, for the database"
        f" refuses it ({why})."
    )
    box.setInformativeText(
        "Keep Timo open and it saves the stop as soon as the database lets it. If you quit,"
        f" the timer runs on: when Timo is open again, stop it and correct its end to {at}"
        " in the list."
    )
    keep = box.addButton("Keep Timo open", QMessageBox.ButtonRole.RejectRole)
    go = box.addButton("Quit anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is go


def ask_away_first(parent: QWidget | None) -> AwayFirst:
    """Quit while "You were away" waits for an answer: answer it first (Timo then quits as
    asked), or do not quit. Quitting past it would keep the time away on the timer with no
    one asked, and the next start would not ask again."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
    box.setWindowTitle("Quit Timo")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText("You have not said what to do with the time you were away.")
    box.setInformativeText("Answer “You were away” first, and Timo quits once you have.")
    answer = box.addButton("Answer first", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(answer)
    box.exec()
    return AwayFirst.ANSWER if box.clickedButton() is answer else AwayFirst.CANCEL


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
    parent: QWidget | None,
    running: str,
    when: str,
    *,
    session_ended: bool = False,
    away: str | None = None,
) -> RecoveryChoice:
    """After Timo went without Quit (a crash, the system stopping it, the session ending):
    stop the timer `when` (`at 17:42`, `yesterday at 17:42`) Timo was last alive, or keep
    it running. `session_ended`: Timo went as the person logged out or shut down, and the
    question says so. Keep running is the default (Enter, Esc, closing the box): the
    person may have worked on after Timo went, and stopping then would throw that time
    away for a key pressed in passing, while a timer kept running can still be stopped
    or its end changed.

    `away`: the person had been away from the computer since then (`at 17:05`), so they
    did not work on after it: stopping then comes first and is the default (Enter), for
    the other answers bill the time away; Esc still keeps the timer running."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes descriptions and names
    box.setWindowTitle("Timo")
    box.setIcon(QMessageBox.Icon.Question)
    went = "You logged out or shut down" if session_ended else "Timo was closed"
    last = "when you did" if session_ended else "when Timo was last running"
    then = "" if away is None else f"{away}, when you were last at the computer, or "
    box.setText(
        f"{went} while “{running}” was running. Stop it {then}{when}, {last}, or keep it running?"
    )
    stop_away = (
        None if away is None else box.addButton(f"Stop {away}", QMessageBox.ButtonRole.AcceptRole)
    )
    stop = box.addButton(f"Stop {when}", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep running", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep if stop_away is None else stop_away)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is not None and clicked is stop_away:
        return RecoveryChoice.STOP_WHEN_AWAY
    return RecoveryChoice.STOP_AT_LAST_SEEN if clicked is stop else RecoveryChoice.KEEP_RUNNING
