"""Reminders in the desktop app: a once-a-minute check, at most one reminder on screen.

`core.reminders.due_reminder` decides; this shows the result — a tray
notification for "not tracking" (clicking it offers Start and Snooze), a
small question for a long timer, the end-of-day popup — and keeps the
memory of what was shown and snoozed in the data folder. No timer runs while
every reminder is switched off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
)

from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry
from timo_desktop.core.errors import TimoError, sentence
from timo_desktop.core.local_time import clock_time
from timo_desktop.core.reminders import (
    Reminder,
    ReminderKind,
    ReminderMemory,
    Snooze,
    due_reminder,
    local_instant,
    snooze_until,
)
from timo_desktop.services.reminders import (
    MEMORY_FILE,
    any_on,
    load_memory,
    reminder_settings,
    save_memory,
    tracker_state,
    work_schedule,
)
from timo_desktop.ui.away_dialog import timer_words
from timo_desktop.ui.end_of_day import DaySummary, EndOfDayPopup
from timo_desktop.ui.prompts import UNASKED, appear_unasked
from timo_desktop.ui.target_picker import TargetChoice

if TYPE_CHECKING:
    from timo_desktop.platform.quiet import QuietSource
    from timo_desktop.settings import Settings
    from timo_desktop.ui.controller import TimoApp

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # reminders are about minutes; one coarse wake-up a minute is plenty
MESSAGE_MS = 15_000  # how long a tray notification asks to stay


class ReminderQuestion(QDialog):
    """A small non-modal question with one button per answer (Start, Keep, Snooze…)."""

    def __init__(self, title: str, text: str, answers: list[tuple[str, Callable[[], object]]]):
        super().__init__(None, UNASKED)
        self.setWindowTitle(title)
        appear_unasked(self)
        message = QLabel(text)
        message.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for label, answer in answers:
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, a=answer: (a(), self.close()))
            self.buttons[label] = button
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(row)


class Reminders(QObject):
    """Checks once a minute which reminder is due and shows it, one at a time.

    Nothing shows while `quiet` (by default what the OS offers, found at the first
    check) says the person is presenting or has turned on Do Not Disturb.
    """

    def __init__(
        self, app: TimoApp, settings: Settings | None, quiet: QuietSource | None = None
    ) -> None:
        super().__init__(app)
        self._app = app
        self._quiet = quiet
        self._memory_file = app.paths.data / MEMORY_FILE
        self.memory = load_memory(self._memory_file)
        self.on_screen: QDialog | None = None
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.check)
        if app.tray is not None:
            app.tray.icon.messageClicked.connect(self._on_message_clicked)
        self._message: Reminder | None = None
        app.changed.connect(self._refresh_popup)  # fixes made anywhere show in the popup
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings | None) -> None:
        """Follow `reminders.*` and `schedule.*`; with every reminder off, stop checking."""
        self.settings = reminder_settings(settings)
        self.schedule = work_schedule(settings)
        if any_on(self.settings):
            self.timer.start()
        else:
            self.timer.stop()

    def stop(self) -> None:
        """Stop checking, close what is on screen and let go of the OS's quiet signal (at quit)."""
        self.timer.stop()
        if self._quiet is not None:
            from timo_desktop.platform.quiet import close

            close(self._quiet)
            self._quiet = None
        if self.on_screen is not None:
            # A reminder has no parent window; left for the interpreter's exit to delete,
            # it crashed PySide's last clean-up.
            self.on_screen.close()
            self.on_screen.deleteLater()
            self.on_screen = None

    # Deciding ------------------------------------------------------------------------------
    def check(self) -> Reminder | None:
        """Show the reminder due now, if any and if none is on screen; return it."""
        if self.on_screen is not None and self.on_screen.isVisible():
            return None  # coalesced: the one on screen answers for now
        tracker = self._app.tracker
        now = tracker.clock()
        due = due_reminder(
            now,
            self._zone(),
            self.schedule,
            tracker_state(tracker),
            self.settings,
            self.memory,
            quiet=self._is_quiet(),
        )
        if due is None:
            return None
        self._remember(self.memory.shown(due.kind, now))
        shows: dict[ReminderKind, Callable[[Reminder], object]] = {
            ReminderKind.NOT_TRACKING: self._not_tracking,
            ReminderKind.LONG_TIMER: self._long_timer,
            ReminderKind.END_OF_DAY: self.end_of_day,
        }
        shows[due.kind](due)
        return due

    def snooze(self, kind: ReminderKind, option: Snooze) -> None:
        """Leave `kind` alone for an hour or until the next working day (kept across restarts)."""
        until = snooze_until(option, self._app.tracker.clock(), self._zone(), self.schedule)
        self._remember(self.memory.snoozed(kind, until))

    def _remember(self, memory: ReminderMemory) -> None:
        self.memory = memory
        try:
            save_memory(self._memory_file, memory)
        except OSError as error:  # shown once more after a restart at worst
            log.warning("cannot save the reminder memory: %s", error)

    def _is_quiet(self) -> bool:
        if self._quiet is None:  # found once, at the first check, to keep start-up cheap
            from timo_desktop.platform.quiet import detect

            self._quiet = detect()
            log.info("quiet source: %s", self._quiet.name)
        return self._quiet.is_quiet()

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._app.tracker.zone)

    # Showing -------------------------------------------------------------------------------
    def _not_tracking(self, due: Reminder) -> None:
        since = clock_time(due.since, self._app.tracker.zone)
        tray = self._app.tray
        if tray is not None and QSystemTrayIcon.supportsMessages():
            self._message = due
            tray.icon.showMessage(
                "Nothing is being tracked",
                f"No timer since {since}. Click to start one or to snooze.",
                QSystemTrayIcon.MessageIcon.Information,
                MESSAGE_MS,
            )
        else:
            self._ask_not_tracking(since)

    def _on_message_clicked(self) -> None:
        if self._message is not None and self._message.kind is ReminderKind.NOT_TRACKING:
            self._ask_not_tracking(clock_time(self._message.since, self._app.tracker.zone))
        self._message = None

    def _ask_not_tracking(self, since: str) -> None:
        kind = ReminderKind.NOT_TRACKING
        self._show(
            ReminderQuestion(
                "Nothing is being tracked — Timo",
                f"No timer has run since {since}.",
                [
                    ("Start timer", self._start_timer),
                    ("Snooze 1 hour", lambda: self.snooze(kind, Snooze.HOUR)),
                    ("Snooze until tomorrow", lambda: self.snooze(kind, Snooze.TOMORROW)),
                ],
            )
        )

    def _start_timer(self) -> None:
        from timo_desktop.ui.timer_bar import TimerDraft

        self._app.start_timer(TimerDraft("", None, False, ()))

    def _long_timer(self, due: Reminder) -> None:
        running = self._app.tracker.running()
        if running is None:
            return
        zone, now = self._app.tracker.zone, self._app.tracker.clock()
        answers: list[tuple[str, Callable[[], object]]] = [("Keep running", lambda: None)]
        stop_at = self._configured_end(running.start, now)
        if stop_at is not None:
            answers.append((f"Stop at {clock_time(stop_at, zone)}", lambda: self._stop(stop_at)))
        kind = ReminderKind.LONG_TIMER
        answers += [
            ("Snooze 1 hour", lambda: self.snooze(kind, Snooze.HOUR)),
            ("Snooze until tomorrow", lambda: self.snooze(kind, Snooze.TOMORROW)),
        ]
        self._show(
            ReminderQuestion(
                "Is this timer real? — Timo",
                f"{self._describe(running)} has been running since "
                f"{clock_time(running.start, zone)} ({format_duration(now - running.start)}).",
                answers,
            )
        )

    def end_of_day(self, due: Reminder | None = None) -> EndOfDayPopup:
        """Show the end-of-day popup (also reachable without a due reminder)."""
        app = self._app
        popup = EndOfDayPopup(app.tracker.zone, app.catalog, self._describe)
        popup.stop_now.connect(lambda: self._stop(None))
        popup.stop_at.connect(self._stop)
        popup.keep_running.connect(popup.close)
        popup.edit_entry.connect(self._edit_entry)
        popup.pick_target.connect(self._pick_target)
        popup.sync_now.connect(app.sync_now)
        popup.show_summary(self.day_summary())
        popup.place_near(None if app.tray is None else app.tray.icon.geometry())
        self._show(popup)
        return popup

    def day_summary(self) -> DaySummary:
        """Today's figures, the running timer and today's entries needing a look."""
        from timo_desktop.core.reports import Span

        app = self._app
        tracker = app.tracker
        reports = app.reports()
        today = Span(tracker.today(), tracker.today())
        totals = reports.report(today).totals
        running = tracker.running()
        stop_at = None if running is None else self._configured_end(running.start, tracker.clock())
        return DaySummary(
            totals.seconds, totals.billable_seconds, running, stop_at, reports.attention(today)
        )

    def _configured_end(self, start: datetime, now: datetime) -> datetime | None:
        """The end of working hours (or end of day) on the timer's first day, if already past."""
        zone = self._zone()
        end = local_instant(start.astimezone(zone).date(), self.schedule.end, zone)
        if end <= start:
            end = start + (self.settings.long_timer_after or timedelta(hours=10))
        return end if end <= now else None

    def _describe(self, entry: Entry) -> str:
        return timer_words(entry, self._app.target_label)

    def _refresh_popup(self) -> None:
        popup = self.on_screen
        if isinstance(popup, EndOfDayPopup) and popup.isVisible():
            popup.show_summary(self.day_summary())

    def _show(self, dialog: QDialog) -> None:
        if self.on_screen is not None:
            self.on_screen.close()
            self.on_screen.deleteLater()
        self.on_screen = dialog
        dialog.show()
        dialog.raise_()

    # Fixing --------------------------------------------------------------------------------
    def _stop(self, at: datetime | None) -> None:
        self._app.stop_earlier(at)

    def _pick_target(self, ref: str, choice: TargetChoice | None) -> None:
        from timo_desktop.ui.controller import target_of

        try:
            self._app.tracker.edit(ref, target=target_of(choice))
        except TimoError as error:
            self._app.window.undo_bar.say(sentence(str(error)))
        self._app.reload()

    def _edit_entry(self, ref: str) -> None:
        """Open the entry for editing in the window: selected, its times in an editor."""
        from timo_desktop.ui.entry_model import Column

        window = self._app.window
        window.bring_forward()
        window.attention_button.setChecked(False)
        index = window.attention.mapFromSource(window.model.index_of(ref, Column.TIMES))
        if index.isValid():
            window.entries.setCurrentIndex(index)
            window.entries.scrollTo(index)
            window.entries.edit(index)
