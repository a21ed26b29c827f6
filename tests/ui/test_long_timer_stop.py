"""The long-timer question can end a forgotten timer: Stop now, or Stop at a time picked in a
field (suggested from what the app knows), with Undo, and a refused time explained beside it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.reminders import ReminderKind
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, with_value
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.presence import AwayFlow
from timo_desktop.ui.reminders import TIMER_GONE, LongTimerQuestion, Reminders, stop_time

EVENING = datetime(2026, 3, 3, 19, 0, tzinfo=UTC)  # Tuesday 20:00 in Berlin, after work
PAST_MIDNIGHT = EVENING + timedelta(hours=4, minutes=1)  # Wednesday 00:01


@pytest.fixture
def clock() -> Clock:
    return Clock(EVENING)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        yield opened


@pytest.fixture
def app(qtbot: QtBot, tracker: Tracker) -> Iterator[TimoApp]:
    with app_on(tracker) as made:
        yield made


def ask(app: TimoApp, tracker: Tracker, clock: Clock) -> LongTimerQuestion:
    """A timer started at 20:00 and the question asked just past midnight."""
    tracker.start("Invoices", at=EVENING)
    shown = Reminders(app, with_value(Settings(), "reminders.end_of_day.enabled", "false"))
    app.destroyed.connect(shown.stop)
    clock.now = PAST_MIDNIGHT
    due = shown.check()
    assert due is not None and due.kind is ReminderKind.LONG_TIMER
    assert isinstance(shown.on_screen, LongTimerQuestion) and shown.on_screen.isVisible()
    return shown.on_screen


def test_past_midnight_the_question_offers_stopping(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Before: only Keep running and the snoozes, the end of work lying before the start."""
    asked = ask(app, tracker, clock)
    row = asked.answer_row
    shown = [row.itemAt(i).widget().text() for i in range(row.count())]
    assert shown == [
        "Stop now",
        "Stop at…",
        "Keep running",
        "Snooze 1 hour",
        "Snooze until tomorrow",
    ]
    assert asked.stop_row.isHidden()
    asked.buttons["Stop at…"].click()
    assert asked.stop_row.isVisible() and asked.focusWidget() is asked.time
    # 17:30 lies before the start: a typical length after it is suggested instead.
    assert asked.time.text() == "21:00"


def test_stop_at_a_picked_time_and_undo(app: TimoApp, tracker: Tracker, clock: Clock) -> None:
    asked = ask(app, tracker, clock)
    started = tracker.running()
    asked.buttons["Stop at…"].click()
    asked.time.setText("22:15")
    asked.stop_button.click()
    assert tracker.running() is None and not asked.isVisible()
    stopped = tracker.between(EVENING, clock.now)[0]
    assert stopped.end == EVENING + timedelta(hours=2, minutes=15)  # Tuesday 22:15
    assert app.window.undo_bar.message.text() == "Stopped “Invoices” at 22:15."
    app.window.undo_bar.button.click()
    running = tracker.running()
    assert started is not None and running is not None
    assert (running.client_ref, running.start) == (started.client_ref, started.start)


def test_stop_now_is_undoable_too(app: TimoApp, tracker: Tracker, clock: Clock) -> None:
    asked = ask(app, tracker, clock)
    asked.buttons["Stop now"].click()
    assert tracker.between(EVENING, clock.now)[0].end == PAST_MIDNIGHT
    assert app.window.undo_bar.message.text() == "Stopped “Invoices” at 00:01."
    app.window.undo_bar.button.click()
    assert tracker.running() is not None


def test_stop_now_after_a_switch_elsewhere_stops_nothing(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Before, the question about "Invoices" answered "Stop now" after `timo start "Late fix"`
    stopped "Late fix"."""
    asked = ask(app, tracker, clock)
    late = tracker.start("Late fix").started  # before the app noticed: the question is open
    clock.now += timedelta(minutes=5)
    asked.buttons["Stop now"].click()
    running = tracker.running()
    assert late is not None and running is not None and running.client_ref == late.client_ref
    invoices = tracker.between(EVENING, clock.now)[0]
    assert (invoices.description, invoices.end) == ("Invoices", late.start)  # the switch's stop
    assert app.window.undo_bar.message.text() == TIMER_GONE
    assert not asked.isVisible()


def test_stop_at_after_a_switch_elsewhere_stops_nothing(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    asked = ask(app, tracker, clock)
    late = tracker.start("Late fix").started
    asked.buttons["Stop at…"].click()
    asked.time.setText("22:15")
    asked.stop_button.click()
    running = tracker.running()
    assert late is not None and running is not None and running.client_ref == late.client_ref
    assert app.window.undo_bar.message.text() == TIMER_GONE
    assert not asked.isVisible()


def test_a_refused_time_is_explained_beside_the_field_and_kept(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    asked = ask(app, tracker, clock)
    asked.buttons["Stop at…"].click()
    for typed, said in (
        ("25:00", "'25:00' is not a time of day; use HH:MM, for example 09:30"),
        ("00:30", "00:30 has not come yet; pick a time between 20:00 and 00:01"),
        ("", "Type the time the timer should stop"),
    ):
        asked.time.setText(typed)
        asked.stop_button.click()
        assert asked.isVisible() and asked.time.text() == typed  # nothing typed is lost
        assert not asked.error.isHidden() and asked.error.text() == said
        assert tracker.running() is not None
    with Store.open(tracker.store.path) as synced, synced.write() as tx:  # as sync keeps it
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"max_entry_seconds": 3 * 3600}))
    asked.time.setText("23:45")
    asked.stop_button.click()  # the Tracker's refusal, beside the field too
    assert asked.isVisible() and asked.time.text() == "23:45"
    assert "longest allowed is 3h 00m" in asked.error.text()
    assert tracker.running() is not None
    with Store.open(tracker.store.path) as synced, synced.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"max_entry_seconds": 24 * 3600}))
    asked.time.returnPressed.emit()  # Enter in the field stops, as the button does
    assert tracker.between(EVENING, clock.now)[0].end == EVENING + timedelta(hours=3, minutes=45)


def test_times_follow_the_twelve_hour_clock(
    app: TimoApp, tracker: Tracker, clock: Clock, twelve_hour: None
) -> None:
    asked = ask(app, tracker, clock)
    asked.buttons["Stop at…"].click()
    assert asked.time.text() == "9:00 PM"
    asked.time.setText("10:15")
    asked.stop_button.click()
    assert asked.error.text() == "'10:15' could be 10:15 AM or 10:15 PM; add AM or PM"
    asked.time.setText("10:15 pm")
    asked.stop_button.click()
    assert tracker.between(EVENING, clock.now)[0].end == EVENING + timedelta(hours=2, minutes=15)
    assert app.window.undo_bar.message.text() == "Stopped “Invoices” at 10:15 PM."


def test_the_suggestion_is_the_last_input_when_the_person_left(
    app: TimoApp, tracker: Tracker, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle = SimpleNamespace(seconds_since_input=lambda: 2.5 * 3600)  # away since 21:31
    no_question = AwayFlow(app)  # the away question is not open
    presence = SimpleNamespace(idle=idle, monitor=None, flow=no_question, stop=lambda: None)
    monkeypatch.setattr(app, "presence", presence)
    asked = ask(app, tracker, clock)
    assert asked.time.text() == "21:31"


def test_the_end_of_working_hours_is_suggested_when_the_timer_began_before_it(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    morning = EVENING - timedelta(hours=11)  # 09:00
    tracker.start("Homepage layout", at=morning)
    shown = Reminders(app, with_value(Settings(), "reminders.end_of_day.enabled", "false"))
    app.destroyed.connect(shown.stop)
    clock.now = morning + timedelta(hours=10, minutes=1)
    assert shown.check() is not None
    assert isinstance(shown.on_screen, LongTimerQuestion)
    assert shown.on_screen.time.text() == "17:30"


def test_a_typed_time_is_its_first_occurrence_after_the_start() -> None:
    start, now = EVENING, PAST_MIDNIGHT
    assert stop_time("23:00", start, now, ZONE) == EVENING + timedelta(hours=3)
    assert stop_time("00:00", start, now, ZONE) == EVENING + timedelta(hours=4)
    assert stop_time("20:00", start, now + timedelta(days=1), ZONE) == start + timedelta(days=1)
    with pytest.raises(InvalidInput, match="has not come yet"):
        stop_time("19:59", start, now, ZONE)  # tomorrow evening, not before the start


def test_a_bare_hour_is_on_the_hour() -> None:
    """The field takes nothing but a time of day: `23` is 23:00, as `9-10` is in the list."""
    assert stop_time("23", EVENING, PAST_MIDNIGHT, ZONE) == EVENING + timedelta(hours=3)
    assert stop_time("0", EVENING, PAST_MIDNIGHT, ZONE) == EVENING + timedelta(hours=4)


def test_the_second_0230_of_the_night_the_clocks_go_back_is_taken() -> None:
    """Started at 02:40 summer time (00:40 UTC) on 25 Oct 2026, asked at 06:00: 02:30
    winter time (01:30 UTC) came after the start; 02:30 alone asks which one is meant."""
    start = datetime(2026, 10, 25, 0, 40, tzinfo=UTC)
    now = datetime(2026, 10, 25, 5, 0, tzinfo=UTC)
    assert stop_time("02:30+01:00", start, now, ZONE) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    with pytest.raises(InvalidInput, match=r"02:30\+02:00 or 02:30\+01:00"):
        stop_time("02:30", start, now, ZONE)
    assert stop_time("01:30", start, now + timedelta(days=1), ZONE) == datetime(
        2026, 10, 26, 0, 30, tzinfo=UTC
    )


def test_snoozed_until_tomorrow_it_asks_again_that_morning_working_day_or_not(
    app: TimoApp, tracker: Tracker, clock: Clock
) -> None:
    """Working on Mondays only, "Snooze until tomorrow" past midnight on a Wednesday kept the
    running timer's question back until Monday."""
    tracker.start("Invoices", at=EVENING)
    mondays = with_value(Settings(), "schedule.working_days", "Mon")
    shown = Reminders(app, with_value(mondays, "reminders.end_of_day.enabled", "false"))
    app.destroyed.connect(shown.stop)
    clock.now = PAST_MIDNIGHT
    due = shown.check()
    assert due is not None and due.kind is ReminderKind.LONG_TIMER
    assert isinstance(shown.on_screen, LongTimerQuestion)
    shown.on_screen.buttons["Snooze until tomorrow"].click()
    wednesday_nine = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    assert shown.memory.snoozed_until[ReminderKind.LONG_TIMER] == wednesday_nine
