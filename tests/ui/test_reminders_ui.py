"""Reminder wiring with the Tracker's clock set by the test: when they show, snooze, memory, off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.heard import announced, listening
from timo_desktop.core.reminders import ReminderKind
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, with_value
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.end_of_day import EndOfDayPopup
from timo_desktop.ui.reminders import (
    CHECK_MS,
    TIMER_GONE,
    LongTimerQuestion,
    ReminderQuestion,
    Reminders,
)

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, a working day


@pytest.fixture
def clock() -> Clock:
    return Clock(TUESDAY)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        yield opened


@pytest.fixture
def app(qtbot: QtBot, tracker: Tracker) -> Iterator[TimoApp]:
    with app_on(tracker) as made:
        yield made


def reminders(app: TimoApp, settings: Settings | None = None) -> Reminders:
    made = Reminders(app, settings or Settings())
    app.destroyed.connect(made.stop)
    return made


def question(shown: Reminders) -> ReminderQuestion:
    assert isinstance(shown.on_screen, ReminderQuestion) and shown.on_screen.isVisible()
    return shown.on_screen


def test_a_check_as_each_minute_begins_and_none_when_all_reminders_are_off(
    app: TimoApp, clock: Clock
) -> None:
    clock.now = TUESDAY + timedelta(seconds=20, microseconds=500_000)
    assert reminders(app).timer.remainingTime() in range(39_000, 39_501)  # at 08:01:00
    off = Settings()
    for key in ("not_tracking", "end_of_day", "long_timer"):
        off = with_value(off, f"reminders.{key}.enabled", "false")
    quiet = reminders(app, off)
    assert not quiet.timer.isActive()
    quiet.apply_settings(with_value(off, "reminders.end_of_day.enabled", "true"))
    assert quiet.timer.isActive()


def test_the_end_of_the_day_is_asked_about_on_its_minute(
    qtbot: QtBot, app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Checked once a minute from whenever Timo started, the question for 17:30 came at any
    moment up to 17:30:59."""
    end_of_day = TUESDAY.replace(hour=16, minute=30)  # 17:30 in Berlin
    clock.now = end_of_day - timedelta(milliseconds=150)
    tracker.add("Stand-up", TUESDAY, TUESDAY + timedelta(minutes=30))
    shown = reminders(app)
    assert shown.on_screen is None
    clock.now = end_of_day  # what the minute's check reads
    qtbot.waitUntil(lambda: isinstance(shown.on_screen, EndOfDayPopup))
    assert shown.timer.remainingTime() > CHECK_MS - 1_000  # and the next, a minute on


def test_not_tracking_counts_from_the_last_stop_and_start_starts_a_timer(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    clock.now = TUESDAY + timedelta(minutes=30)
    tracker.add("Stand-up", TUESDAY, TUESDAY + timedelta(minutes=30))
    shown = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=44)  # 14 min after the stop
    assert shown.check() is None
    clock.now = TUESDAY + timedelta(minutes=45)
    due = shown.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING
    assert due.since == TUESDAY + timedelta(minutes=30)
    question(shown).buttons["Start timer"].click()
    assert tracker.running() is not None


def test_a_timer_started_from_the_reminder_is_named_right_away(
    qtbot: QtBot, app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Before, it ran blank until someone found it in the list; typed in the timer line,
    the name started a second timer instead."""
    shown = reminders(app)  # Timo open since the morning
    clock.now = TUESDAY + timedelta(minutes=45)
    assert shown.check() is not None
    question(shown).buttons["Start timer"].click()
    view = app.window.entries
    assert app.window.isVisible() and view.is_editing()
    [editor] = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert view.currentIndex().data() == "(no description)"  # the running row's, open
    assert editor.text() == ""
    qtbot.keyClicks(editor, "Invoices")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_editing())  # the view commits on its next turn
    running = tracker.running()
    assert running is not None and running.description == "Invoices"
    assert running.start == TUESDAY + timedelta(minutes=45)
    assert len(tracker.recent(5)) == 1  # named, not a second entry


def test_nothing_tracked_counts_from_when_timo_was_opened(app: TimoApp, clock: Clock) -> None:
    """Opened for the first time at 09:45, with working hours from 09:00: "Nothing is being
    tracked" came at once; it waits its minutes from the opening."""
    clock.now = TUESDAY + timedelta(minutes=45)
    shown = reminders(app)
    assert shown.check() is None
    clock.now += shown.settings.not_tracking_after
    assert shown.check() is not None


def test_a_reminder_shown_or_snoozed_stays_quiet_across_a_restart(
    app: TimoApp, clock: Clock
) -> None:
    first = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=20)
    assert first.check() is not None
    question(first).buttons["Snooze 1 hour"].click()
    restarted = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=50)
    assert restarted.check() is None  # shown already, and snoozed
    clock.now = TUESDAY + timedelta(minutes=81)
    due = restarted.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING


def test_at_most_one_reminder_on_screen(app: TimoApp, tracker: Tracker, clock: Clock) -> None:
    shown = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=20)
    assert shown.check() is not None
    tracker.start("Late work", at=clock.now)
    clock.now += timedelta(hours=10)  # a long timer is due now, past the end of day too
    assert shown.check() is None  # the open question answers for now
    question(shown).close()
    due = shown.check()
    assert due is not None and due.kind is ReminderKind.END_OF_DAY
    assert isinstance(shown.on_screen, EndOfDayPopup)


def test_long_timer_asks_whether_it_is_real_and_can_stop_it_at_the_end_of_work(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    settings = with_value(Settings(), "reminders.end_of_day.enabled", "false")
    tracker.start("Homepage layout", at=TUESDAY)
    shown = reminders(app, settings)
    clock.now = TUESDAY + timedelta(hours=10, minutes=1)
    due = shown.check()
    assert due is not None and due.kind is ReminderKind.LONG_TIMER
    asked = question(shown)
    assert asked.windowTitle() == "Is this timer real? — Timo"
    # "Stop at…" suggests the end of working hours, the timer having started before it.
    assert isinstance(asked, LongTimerQuestion)
    asked.buttons["Stop at…"].click()
    assert asked.time.text() == "17:30"
    asked.stop_button.click()
    stopped = tracker.between(TUESDAY, clock.now)[0]
    assert stopped.end == TUESDAY + timedelta(hours=8, minutes=30)


POLITE = QAccessible.AnnouncementPoliteness.Polite


def test_a_reminder_is_said_aloud_as_it_appears(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Shown without taking the keyboard, a reminder was never read out: a person with a
    screen reader did not learn it was there. It waits for them to finish what they hear."""
    nothing = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=45)
    with listening() as heard:
        assert nothing.check() is not None
    assert question(nothing).isVisible()
    assert announced(heard) == [("Nothing is being tracked. No timer has run since 09:00.", POLITE)]
    nothing.stop()

    tracker.start("Homepage layout", at=TUESDAY + timedelta(minutes=45))
    clock.now = TUESDAY + timedelta(hours=10, minutes=46)
    long = reminders(app, with_value(Settings(), "reminders.end_of_day.enabled", "false"))
    with listening() as heard:
        assert long.check() is not None
    assert isinstance(question(long), LongTimerQuestion)
    said = "Is this timer real? “Homepage layout” has been running since 09:45 (10h 01m)."
    assert announced(heard) == [(said, POLITE)]

    with listening() as heard:
        popup = long.end_of_day()
    assert popup.isVisible()
    figures = popup.figures.text()
    assert figures == "Today: 10h 01m tracked, 0m billable"
    assert announced(heard) == [(f"End of day. {figures}", POLITE)]


def test_switched_off_reminders_never_fire(app: TimoApp, clock: Clock) -> None:
    off = with_value(Settings(), "reminders.not_tracking.enabled", "false")
    shown = reminders(app, off)
    clock.now = TUESDAY + timedelta(hours=3)
    assert shown.check() is None and shown.on_screen is None


def test_stopping_deletes_the_reminder_on_screen(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """A reminder has no parent window: left alive until the interpreter's exit, PySide's
    last clean-up crashed on it (a crash when quitting with a question open)."""
    settings = with_value(Settings(), "reminders.end_of_day.enabled", "false")
    tracker.start("Homepage layout", at=TUESDAY)
    shown = reminders(app, settings)
    clock.now = TUESDAY + timedelta(hours=10, minutes=1)
    assert shown.check() is not None
    asked = question(shown)
    shown.stop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shown.on_screen is None and not shiboken6.isValid(asked)


def test_a_timer_started_elsewhere_closes_the_not_tracking_question(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    shown = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=20)
    assert shown.check() is not None
    asked = question(shown)
    tracker.start("Client call")  # in the window, or `timo start` in a terminal
    app.reload()
    assert not asked.isVisible() and shown.on_screen is None


def test_start_on_a_question_gone_stale_never_switches_the_running_timer(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Before, "Start timer" answered after a timer was started elsewhere stopped that
    timer and ran a blank one instead."""
    shown = reminders(app)
    clock.now = TUESDAY + timedelta(minutes=20)
    assert shown.check() is not None
    asked = question(shown)
    call = tracker.start("Client call").started  # the app has not noticed yet
    clock.now += timedelta(minutes=10)
    asked.buttons["Start timer"].click()
    running = tracker.running()
    assert call is not None and running is not None and running.client_ref == call.client_ref
    assert [e.description for e in tracker.between(TUESDAY, clock.now)] == ["Client call"]
    assert app.window.undo_bar.message.text() == "A timer is running already; nothing was started."


def test_long_timer_question_closes_once_its_timer_is_switched(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    settings = with_value(Settings(), "reminders.end_of_day.enabled", "false")
    tracker.start("Forgotten", at=TUESDAY)
    shown = reminders(app, settings)
    clock.now = TUESDAY + timedelta(hours=10, minutes=1)
    assert shown.check() is not None
    asked = question(shown)
    tracker.start("Late fix")
    app.reload()
    assert not asked.isVisible() and shown.on_screen is None
    assert TIMER_GONE not in app.window.undo_bar.message.text()  # nothing was answered


def test_no_end_of_day_when_work_starts_in_the_evening(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Before, nothing tracked all day and a timer started at 20:00 brought the popup."""
    shown = reminders(app, with_value(Settings(), "reminders.not_tracking.enabled", "false"))
    clock.now = TUESDAY + timedelta(hours=9)  # 18:00
    tracker.start("Evening invoices")
    for later in (0, 1, 30):
        clock.now = TUESDAY + timedelta(hours=9, minutes=later)
        assert shown.check() is None
