"""Reminders in the desktop app: a check as each minute begins, at most one reminder on screen.

`core.reminders.due_reminder` decides; this shows the result — for "not
tracking" one desktop notification with Start and Snooze buttons where the OS
offers buttons (`platform.notify`), else a tray message whose click offers them;
a small question for a long timer; the end-of-day popup — and keeps the memory
of what was shown and snoozed in the data folder. No timer runs while
every reminder is switched off.

A question acts only on what it asked about: one whose subject is gone (a timer
started elsewhere answers "nothing is being tracked"; the timer asked about was
stopped or switched) closes, and an answer arriving anyway changes nothing.
Reminders wait while the person is away and while the away question is open:
shown to an empty desk a reminder is lost, and beside the away question it asks
about the same timer. What is still due after the answer comes at the next check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry
from timo_desktop.core.errors import InvalidInput, TimoError, sentence
from timo_desktop.core.local_time import (
    at_local,
    clock_text,
    clock_time,
    local,
    time_of_day,
    typed_time_on,
)
from timo_desktop.core.reminders import (
    Reminder,
    ReminderKind,
    ReminderMemory,
    Snooze,
    due_reminder,
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
from timo_desktop.ui import style
from timo_desktop.ui.away_dialog import timer_words
from timo_desktop.ui.end_of_day import DaySummary, EndOfDayPopup
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.prompts import UNASKED, appear_unasked
from timo_desktop.ui.target_picker import TargetChoice

if TYPE_CHECKING:
    from timo_desktop.platform.notify import Notifier
    from timo_desktop.platform.quiet import QuietSource
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.settings import Settings
    from timo_desktop.ui.controller import TimoApp

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # reminders are about minutes: one wake-up a minute, as each one begins
LONG_TIMER_TITLE = "Is this timer real? — Timo"
# A forgotten timer's likely end when nothing better is known: about as long as a piece of
# work runs, so the suggestion is a small correction rather than most of the night.
TYPICAL_RUN = timedelta(hours=1)
# Idle for longer than this when the question shows: the person left, and their last input
# is when the work most likely ended.
AWAY_HINT = timedelta(minutes=5)
NOT_TRACKING_TITLE = "Nothing is being tracked"
TIMER_GONE = "The timer was stopped meanwhile; nothing was changed."


class ReminderQuestion(QDialog):
    """A small non-modal question with one button per answer (Start, Keep, Snooze…)."""

    def __init__(self, title: str, text: str, answers: list[tuple[str, Callable[[], object]]]):
        super().__init__(None, UNASKED)
        self.setWindowTitle(title)
        heading = title.removesuffix(" — Timo")
        said = f"{heading} {text}" if heading.endswith("?") else f"{heading}. {text}"
        appear_unasked(self, lambda: said)
        message = PlainLabel(text)
        message.setWordWrap(True)
        self.answer_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for label, answer in answers:
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, a=answer: (a(), self.close()))
            self.buttons[label] = button
            self.answer_row.addWidget(button)
        self.body = QVBoxLayout(self)
        self.body.addWidget(message)
        self.body.addLayout(self.answer_row)


class LongTimerQuestion(ReminderQuestion):
    """The long-timer question, with "Stop at…": a time field (filled with a likely end) that
    stops the timer when it was; a time refused is explained under the field, kept as typed.

    `stop_at` stops at the typed time and returns None, or returns why it cannot."""

    def __init__(
        self,
        text: str,
        answers: list[tuple[str, Callable[[], object]]],
        suggested: str,
        stop_at: Callable[[str], str | None],
    ) -> None:
        super().__init__(LONG_TIMER_TITLE, text, answers)
        self._stop_at = stop_at
        reveal = QPushButton("Stop at…")
        reveal.setAccessibleName("Stop at a time you choose")
        reveal.clicked.connect(self._reveal)
        self.buttons["Stop at…"] = reveal
        self.answer_row.insertWidget(1, reveal)  # beside "Stop now"
        # Tab as the buttons read: added last, it came after "Snooze until tomorrow".
        shown = [self.answer_row.itemAt(i).widget() for i in range(self.answer_row.count())]
        for before, after in pairwise(w for w in shown if w is not None):
            QWidget.setTabOrder(before, after)
        self.time = QLineEdit(suggested)
        self.time.setAccessibleName("Stop the timer at")
        self.time.returnPressed.connect(self.submit)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop the timer at this time")
        self.stop_button.clicked.connect(self.submit)
        self.error = style.problem_label("Problem with the stop time")
        self.stop_row = QWidget()
        row = QHBoxLayout(self.stop_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(PlainLabel("Stop at"))
        row.addWidget(self.time)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        self.stop_row.hide()
        self.body.addWidget(self.stop_row)
        self.body.addWidget(self.error)

    def _reveal(self) -> None:
        self.stop_row.show()
        self.time.setFocus()
        self.time.selectAll()
        grow_to_fit(self)

    def submit(self) -> None:
        """Stop at the typed time, or say why not beside the field and keep what was typed."""
        problem = self._stop_at(self.time.text())
        if problem is None:
            self.close()
            return
        self.error.setText(problem)
        self.error.show()
        grow_to_fit(self)


def _running(tracker: Tracker, ref: str) -> Entry | None:
    """The running timer if it is `ref`, else None."""
    running = tracker.running()
    return running if running is not None and running.client_ref == ref else None


def stop_time(text: str, start: datetime, now: datetime, zone: str) -> datetime:
    """The moment a typed time of day ("17:30", "5:30 PM") means for a timer running since
    `start`: its first occurrence after the start, so "23:00" and "01:30" both land on the
    night the timer was forgotten; a bare hour is on the hour ("17"). `InvalidInput` when that
    is still to come."""
    if not text.strip():
        raise InvalidInput("type the time the timer should stop")
    clock = time_of_day(text, bare_hour=True)
    day = local(start, zone).date()
    try:  # as typed, offset and all: `02:30+01:00` is the second 02:30 the clocks go back
        at: datetime | None = typed_time_on(day, text, zone, bare_hour=True)
    except InvalidInput:
        # The second showing of a time the clocks show twice may be after the start.
        second = datetime.combine(day, clock.replace(fold=1), ZoneInfo(zone)).astimezone(UTC)
        if max(at_local(day, clock, zone), second) > start:
            raise  # that day's, which says why it needs more (an offset) or has no such time
        at = None
    if at is None or at <= start:
        at = typed_time_on(day + timedelta(days=1), text, zone, bare_hour=True)
    if at > now:
        raise InvalidInput(
            f"{clock_text(clock)} has not come yet; pick a time between "
            f"{clock_time(start, zone)} and {clock_time(now, zone)}"
        )
    return at


class Reminders(QObject):
    """Checks as each minute begins which reminder is due and shows it, one at a time.

    Nothing shows while `quiet` (by default what the OS offers, found at the first
    check) says the person is presenting or has turned on Do Not Disturb.
    """

    # The notifier reports the button chosen from its own thread; queued, it is answered
    # in the Qt thread.
    _notification_answered = Signal(str)

    def __init__(
        self, app: TimoApp, settings: Settings | None, quiet: QuietSource | None = None
    ) -> None:
        super().__init__(app)
        self._app = app
        self._watching_since = app.tracker.clock()  # see `TrackerState.watching_since`
        self._quiet = quiet
        self._memory_file = app.paths.data / MEMORY_FILE
        self.memory = load_memory(self._memory_file)
        self.on_screen: QDialog | None = None
        self._asks: Callable[[], bool] | None = None  # is the question on screen still open?
        self._kind_on_screen: ReminderKind | None = None  # None: opened by the person
        self.timer = QTimer(self, singleShot=True)
        # To the second: a coarse timer may wake a second early, before the minute it is for.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._minute_begun)
        self._message: Reminder | None = None
        self._notifier: Notifier | None = None  # None where the OS offers no buttons
        self._notifier_looked = False  # looked for at first use, to keep start-up cheap
        self._notified: Reminder | None = None  # the not-tracking question in a notification
        self._notification_answered.connect(
            self._on_notification_answer, Qt.ConnectionType.QueuedConnection
        )
        app.changed.connect(self._refresh_popup)  # fixes made anywhere show in the popup
        app.changed.connect(self._withdraw_answered)
        if app.presence is not None:
            app.presence.flow.asking.connect(self._on_away_question)
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings | None) -> None:
        """Follow `reminders.*` and `schedule.*`; with every reminder off, stop checking."""
        self.settings = reminder_settings(settings)
        self.schedule = work_schedule(settings)
        if any_on(self.settings):
            self._wake_next_minute()
        else:
            self.timer.stop()

    def _wake_next_minute(self) -> None:
        """Check again as the next minute of the tracker's clock begins: the end of the day
        set for 17:30 is asked about at 17:30, not up to a minute later."""
        now = self._app.tracker.clock()
        into_minute = now.second * 1000 + now.microsecond // 1000
        self.timer.start(CHECK_MS - into_minute)

    def _minute_begun(self) -> None:
        self.check()
        self._wake_next_minute()

    def stop(self) -> None:
        """Stop checking, close what is on screen and let go of the OS's quiet signal and
        notifications (at quit)."""
        self.timer.stop()
        if self._quiet is not None:
            from timo_desktop.platform.quiet import close

            close(self._quiet)
            self._quiet = None
        self._drop_notifier()
        self._close_on_screen()

    # Deciding ------------------------------------------------------------------------------
    def check(self) -> Reminder | None:
        """Show the reminder due now, if any and if none is on screen; return it."""
        if self.on_screen is not None and self.on_screen.isVisible():
            return None  # coalesced: the one on screen answers for now
        if self._person_away():
            return None  # held until they are back and the away question is answered
        tracker = self._app.tracker
        now = tracker.clock()
        due = due_reminder(
            now,
            tracker.zone,
            self.schedule,
            replace(tracker_state(tracker, self.schedule), watching_since=self._watching_since),
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
        if self.on_screen is not None:
            self._kind_on_screen = due.kind
        return due

    def snooze(self, kind: ReminderKind, option: Snooze) -> None:
        """Leave `kind` alone for an hour or until tomorrow (`snooze_until`; kept across
        restarts)."""
        tracker = self._app.tracker
        until = snooze_until(option, tracker.clock(), tracker.zone, self.schedule, kind)
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

    def _person_away(self) -> bool:
        """True while the person is away (idle, locked, asleep: nobody would see a reminder)
        or the away question is on screen (it asks about the running timer too, and two
        windows about one timer leave the person to guess which answer counts)."""
        presence = self._app.presence  # started after the first paint; None before
        if presence is None:
            return False
        dialog = presence.flow.dialog
        # Not only an away period sampled: waking from sleep, the minute's check comes
        # before the first sample, and a reminder shown to nobody was used up.
        return self._app.away_since() is not None or (dialog is not None and dialog.isVisible())

    # Showing -------------------------------------------------------------------------------
    def _not_tracking(self, due: Reminder) -> None:
        since = clock_time(due.since, self._app.tracker.zone)
        if self._notify_not_tracking(due, since):
            return
        tray = self._app.tray
        if tray is not None and tray.tell(
            "Nothing is being tracked",
            f"No timer since {since}. Click to start one or to snooze.",
            self._on_message_clicked,
        ):
            self._message = due
        else:
            self._ask_not_tracking(since)

    def _on_message_clicked(self) -> None:
        if self._message is not None and self._message.kind is ReminderKind.NOT_TRACKING:
            self._ask_not_tracking(clock_time(self._message.since, self._app.tracker.zone))
        self._message = None

    def _ask_not_tracking(self, since: str) -> None:
        """The question in a dialog (a click on the notification or the tray message), unless
        a timer runs by now: that answers it."""
        if not self._nothing_runs():
            return
        self._show(
            ReminderQuestion(
                f"{NOT_TRACKING_TITLE} — Timo",
                f"No timer has run since {since}.",
                [(label, answer) for _key, label, answer in self._not_tracking_answers()],
            ),
            asks=self._nothing_runs,
        )

    def _nothing_runs(self) -> bool:
        """Whether "nothing is being tracked" is still true: a timer started anywhere answers it."""
        return self._app.tracker.running() is None

    def _not_tracking_answers(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(notification action key, button label, what it does): the question's answers,
        the same in the notification and in the dialog."""
        kind = ReminderKind.NOT_TRACKING
        return [
            ("start", "Start timer", self._app.start_blank_timer),
            ("snooze-hour", "Snooze 1 hour", lambda: self.snooze(kind, Snooze.HOUR)),
            (
                "snooze-tomorrow",
                "Snooze until tomorrow",
                lambda: self.snooze(kind, Snooze.TOMORROW),
            ),
        ]

    def _notify_not_tracking(self, due: Reminder, since: str) -> bool:
        """Ask in one desktop notification with the answers as buttons; False where the OS
        offers no buttons (or the server failed), so the tray message asks instead."""
        from timo_desktop.platform.notify import DEFAULT_ACTION, NotifyUnavailable

        notifier = self._find_notifier()
        if notifier is None:
            return False
        actions = [(key, label) for key, label, _answer in self._not_tracking_answers()]
        try:
            # Clicking the body opens the question, as a click on the tray message does.
            notifier.show(
                NOT_TRACKING_TITLE,
                f"No timer since {since}.",
                [(DEFAULT_ACTION, "Open"), *actions],
            )
        except NotifyUnavailable as error:
            log.warning("notification not shown, using the tray: %s", error)
            self._drop_notifier()  # looked for again next time: the server may come back
            return False
        self._notified = due
        return True

    def _find_notifier(self) -> Notifier | None:
        if not self._notifier_looked:
            from timo_desktop.platform.notify import Unsupported, detect

            self._notifier_looked = True
            found = detect(self._notification_answered.emit)
            if isinstance(found, Unsupported):
                log.info("notifications without buttons: %s", found.reason)
            else:
                log.info("notifications: %s", found.name)
                self._notifier = found
        return self._notifier

    def _on_notification_answer(self, key: str) -> None:
        from timo_desktop.platform.notify import DEFAULT_ACTION

        due, self._notified = self._notified, None
        if due is None:
            return  # answered already, or withdrawn
        if key == DEFAULT_ACTION:
            self._ask_not_tracking(clock_time(due.since, self._app.tracker.zone))
            return
        for action, _label, answer in self._not_tracking_answers():
            if action == key:
                answer()

    def _withdraw_answered(self) -> None:
        """Take back questions answered elsewhere (the entries changed): "nothing is being
        tracked" once a timer runs — notification, tray message and dialog — and the one on
        screen once its subject is gone. Answered anyway, they would act on a timer they did
        not ask about."""
        if not self._nothing_runs():
            self._message = None
            if self._notified is not None:
                self._notified = None
                if self._notifier is not None:
                    self._notifier.dismiss()
        if self._asks is not None and not self._asks():
            self._close_on_screen()

    def _drop_notifier(self) -> None:
        notifier, self._notifier, self._notified = self._notifier, None, None
        self._notifier_looked = False
        if notifier is not None:
            notifier.close()

    def _long_timer(self, due: Reminder) -> None:
        running = self._app.tracker.running()
        if running is None:
            return
        zone, now = self._app.tracker.zone, self._app.tracker.clock()
        kind = ReminderKind.LONG_TIMER
        ref = running.client_ref
        answers: list[tuple[str, Callable[[], object]]] = [
            ("Stop now", lambda: self._stop(ref, None)),
            ("Keep running", lambda: None),
            ("Snooze 1 hour", lambda: self.snooze(kind, Snooze.HOUR)),
            ("Snooze until tomorrow", lambda: self.snooze(kind, Snooze.TOMORROW)),
        ]
        self._show(
            LongTimerQuestion(
                f"{self._describe(running)} has been running since "
                f"{clock_time(running.start, zone)} ({format_duration(now - running.start)}).",
                answers,
                clock_time(self._likely_end(running.start, now), zone),
                lambda text: self._stop_typed(ref, text),
            ),
            asks=lambda: _running(self._app.tracker, ref) is not None,
        )

    def _likely_end(self, start: datetime, now: datetime) -> datetime:
        """What "Stop at…" suggests: the last input when the person has left, else the end of
        the working hours the timer began in (or on the day of), else a typical length after
        the start."""
        left = self._last_input(now)
        if left is not None and left - start >= timedelta(minutes=1):
            return left
        end = self.schedule.work_end(start, self._app.tracker.zone)
        if start < end <= now:
            return end
        return min(start + TYPICAL_RUN, now)

    def _last_input(self, now: datetime) -> datetime | None:
        """When the keyboard or mouse was last used, if the person has been away a while."""
        from timo_desktop.platform.idle import IdleUnavailable, Unsupported

        presence = self._app.presence  # started after the first paint; None before
        if presence is None or isinstance(presence.idle, Unsupported):
            return None
        try:
            idle = timedelta(seconds=presence.idle.seconds_since_input())
        except IdleUnavailable:
            return None
        return now - idle if idle >= AWAY_HINT else None

    def _stop_typed(self, ref: str, text: str) -> str | None:
        """Stop the timer `ref` at the typed time (with Undo); None when done, else why not."""
        tracker = self._app.tracker
        running = self._asked_timer(ref)
        if running is None:
            return None  # nothing left to answer
        try:
            at = stop_time(text, running.start, tracker.clock(), tracker.zone)
        except TimoError as error:
            return sentence(str(error))
        refused: list[str] = []  # the Tracker's own words, for under the field
        self._app.stop_earlier(at, refused.append)
        return refused[0] if refused else None

    def end_of_day(self, due: Reminder | None = None) -> EndOfDayPopup:
        """Show the end-of-day popup (also reachable without a due reminder)."""
        app = self._app
        popup = EndOfDayPopup(app.tracker.zone, app.catalog, self._describe)
        popup.stop_now.connect(lambda ref: self._stop(ref, None))
        popup.stop_at.connect(self._stop)
        popup.keep_running.connect(popup.close)
        popup.edit_entry.connect(self._app.open_in_editor)
        popup.show_attention.connect(self.show_attention)
        popup.pick_target.connect(self._pick_target)
        popup.sync_now.connect(app.sync_now)
        popup.show_summary(self.day_summary())
        popup.place_near(None if app.tray is None else app.tray.icon.geometry())
        self._show(popup)
        return popup

    def day_summary(self) -> DaySummary:
        """Today's figures, the running timer and today's entries needing a look. Today is
        the day reminders read (`WorkSchedule.day_of`): the working day, or where working
        hours cross its start (a night shift from 22:00 to 06:00 with days from midnight),
        a day holding the whole shift."""
        from timo_desktop.core.reports import Span

        app = self._app
        tracker = app.tracker
        reports = app.reports()
        day, start, end = self.schedule.day_of(tracker.clock(), tracker.zone)
        today = Span(day, day)
        totals = reports.report(today, bounds=[(day, start, end)]).totals
        running = tracker.running()
        stop_at = None if running is None else self._configured_end(running.start, tracker.clock())
        needing_a_look = reports.attention(today, tracker.between(start, end))
        return DaySummary(totals.seconds, totals.billable_seconds, running, stop_at, needing_a_look)

    def _configured_end(self, start: datetime, now: datetime) -> datetime | None:
        """The end of working hours (or end of day) on the timer's first day, if already past."""
        end = self.schedule.work_end(start, self._app.tracker.zone)
        if end <= start:
            end = start + (self.settings.long_timer_after or timedelta(hours=10))
        return end if end <= now else None

    def _describe(self, entry: Entry) -> str:
        return timer_words(entry, self._app.target_label)

    def _refresh_popup(self) -> None:
        popup = self.on_screen
        if isinstance(popup, EndOfDayPopup) and popup.isVisible():
            popup.show_summary(self.day_summary())

    def _show(self, dialog: QDialog, asks: Callable[[], bool] | None = None) -> None:
        """Put `dialog` on screen in place of any other; `asks` says whether its question is
        still open, asked whenever the entries change (None: it always is)."""
        self._close_on_screen()
        self.on_screen, self._asks = dialog, asks
        dialog.show()
        dialog.raise_()

    def _on_away_question(self, asking: bool) -> None:
        """The away question asks about the timer too: a reminder left open when the person
        went away is put away unanswered, and reminders are looked at again as soon as
        the away question is answered (not at the next minute's check)."""
        if not asking:
            if self.timer.isActive():  # reminders on and not stopped (at quit)
                self.check()
            return
        kind = self._kind_on_screen
        if self.on_screen is not None and self.on_screen.isVisible():
            self._close_on_screen()
            if kind is not None:
                self._remember(self.memory.unshown(kind))

    def _close_on_screen(self) -> None:
        self._kind_on_screen = None
        dialog, self.on_screen, self._asks = self.on_screen, None, None
        if dialog is not None:
            # A reminder has no parent window; left for the interpreter's exit to delete,
            # it crashed PySide's last clean-up.
            dialog.close()
            dialog.deleteLater()

    # Fixing --------------------------------------------------------------------------------
    def _stop(self, ref: str, at: datetime | None) -> None:
        """Stop the timer `ref` a question asked about at `at` (None: now), with Undo."""
        if self._asked_timer(ref) is not None:
            self._app.stop_earlier(at)

    def _asked_timer(self, ref: str) -> Entry | None:
        """The running timer if it is `ref`, the one the question asked about. Else None, and
        the person is told nothing changed: a late answer must not stop the timer started
        since (a switch in the window or `timo start` stops the one asked about)."""
        running = _running(self._app.tracker, ref)
        if running is None:
            self._app.say(TIMER_GONE)
        return running

    def _pick_target(self, ref: str, choice: TargetChoice | None) -> None:
        from timo_desktop.ui.controller import target_of

        try:
            self._app.tracker.edit(ref, target=target_of(choice))
        except TimoError as error:
            self._app.say(sentence(str(error)))
        self._app.reload()

    def show_attention(self, ref: str) -> None:
        """Bring the window forward on a refused entry's fixes: Needs attention on, the entry
        selected in the list, and its row of sync fixes in view with the first fix focused."""
        from timo_desktop.ui.attention_panel import AttentionPanel
        from timo_desktop.ui.entry_model import Column

        window = self._app.window
        self._app.show_entry(ref, Column.DESCRIPTION, only_attention=True)
        panel = window.findChild(AttentionPanel)
        if panel is None:
            return  # sync has not started yet: the list's Needs attention is all there is
        try:
            row = panel.row_for(ref)
        except LookupError:
            return
        scroll = panel.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(row)
        fixes: list[QWidget] = [*([row.picker] if row.picker else []), *row.buttons.values()]
        if fixes:
            fixes[0].setFocus()
