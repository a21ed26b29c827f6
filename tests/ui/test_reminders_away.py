"""Reminders and the away question: nothing shown to an empty desk, one question at a time
about a timer (the away one first), and "nothing is being tracked" counted from its answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from timo_desktop.core.presence import Away, AwayCause, AwayChoice, PresenceConfig, PresenceMachine
from timo_desktop.core.reminders import ReminderKind
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.away_dialog import AwayDialog
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.end_of_day import EndOfDayPopup
from timo_desktop.ui.presence import AwayFlow
from timo_desktop.ui.reminders import LongTimerQuestion, Reminders

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, a working day
M = timedelta(minutes=1)
H = timedelta(hours=1)


@pytest.fixture
def clock() -> Clock:
    return Clock(TUESDAY)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        opened.start("Homepage layout")  # 09:00
        yield opened


@pytest.fixture
def app(qtbot: QtBot, tracker: Tracker) -> Iterator[TimoApp]:
    with app_on(tracker) as made:
        yield made


@pytest.fixture
def machine() -> PresenceMachine:
    """Whether the person is here, as the presence monitor keeps it (fed by each test)."""
    return PresenceMachine(TUESDAY, PresenceConfig(threshold=timedelta(minutes=5)))


@pytest.fixture
def flow(
    app: TimoApp, machine: PresenceMachine, monkeypatch: pytest.MonkeyPatch
) -> Iterator[AwayFlow]:
    """The app's away question, as `Presence` runs it, on `machine`."""
    made = AwayFlow(app)
    presence = SimpleNamespace(
        flow=made,
        monitor=SimpleNamespace(machine=machine),
        idle=SimpleNamespace(seconds_since_input=lambda: 0.0),
        stop=lambda: None,
    )
    monkeypatch.setattr(app, "presence", presence)
    yield made
    if made.dialog is not None:
        made.dialog.dismiss()


@pytest.fixture
def reminders(app: TimoApp) -> Iterator[Reminders]:
    made = Reminders(app, Settings())
    yield made
    made.stop()


def on_screen() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def back(machine: PresenceMachine, flow: AwayFlow, at: datetime) -> None:
    """The person's first input at `at`: the monitor hands the away period to the flow."""
    away = machine.sample(at, 0)
    assert away is not None
    flow.on_away(away)


def answer(flow: AwayFlow, choice: AwayChoice) -> None:
    assert flow.dialog is not None
    flow.dialog.buttons[choice].click()
    assert flow.dialog is None


def test_after_a_night_away_the_long_timer_question_waits_for_the_away_one(
    machine: PresenceMachine, flow: AwayFlow, reminders: Reminders, clock: Clock
) -> None:
    """Before, "Is this timer real?" showed beside "You were away" about the same timer."""
    machine.sample(TUESDAY + 8 * H, 0)
    machine.suspend(TUESDAY + 8 * H)  # the lid closed at 17:00
    clock.now = TUESDAY + 23 * H + 30 * M  # opened on Wednesday at 08:30
    machine.resume(clock.now)
    assert reminders.check() is None  # due since 19:00, but nobody has touched anything yet
    clock.now += M
    back(machine, flow, clock.now)
    assert reminders.check() is None
    assert [type(d) for d in on_screen()] == [AwayDialog]
    # The timer was real: the question about it is still due, and comes with the answer
    # (it had waited for the next minute's check).
    answer(flow, AwayChoice.KEEP)
    assert [type(d) for d in on_screen()] == [LongTimerQuestion]


def test_back_after_the_end_of_day_the_popup_comes_after_the_away_answer(
    machine: PresenceMachine,
    flow: AwayFlow,
    reminders: Reminders,
    tracker: Tracker,
    clock: Clock,
) -> None:
    """Before, the end-of-day popup showed beside "You were away" (16:00 to 17:40), or
    came at 17:30 to an empty desk, the away question joining it at 17:40."""
    machine.sample(TUESDAY + 7 * H, 0)  # the last input at 16:00
    clock.now = TUESDAY + 8 * H + 30 * M
    machine.sample(clock.now, 90 * 60)
    assert machine.away_since == TUESDAY + 7 * H
    assert reminders.check() is None
    clock.now += 10 * M
    back(machine, flow, clock.now)
    assert reminders.check() is None
    answer(flow, AwayChoice.DISCARD)  # stopped at 16:00: the day's summary is still due
    assert tracker.running() is None
    assert [type(d) for d in on_screen()] == [EndOfDayPopup]


def test_not_tracking_counts_from_the_away_answer(
    machine: PresenceMachine, flow: AwayFlow, reminders: Reminders, clock: Clock
) -> None:
    """Before, "No timer since 10:32" came a minute after answering "Discard" at 10:58."""
    away = Away(TUESDAY + 92 * M, TUESDAY + 118 * M, AwayCause.IDLE)
    clock.now = away.end
    flow.on_away(away)
    answer(flow, AwayChoice.DISCARD)
    for later in (1, 14):
        clock.now = away.end + later * M
        machine.sample(clock.now, 0)  # at the computer, as the monitor's samples say
        assert reminders.check() is None
    clock.now = away.end + 15 * M
    machine.sample(clock.now, 0)
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING
    assert due.since == away.start  # what it says stays true: no timer since 10:32


def test_a_reminder_due_while_away_comes_when_the_person_is_back(
    machine: PresenceMachine, flow: AwayFlow, reminders: Reminders, tracker: Tracker, clock: Clock
) -> None:
    """Before, it was shown to an empty desk, and, remembered as shown, never again."""
    clock.now = TUESDAY + 5 * M
    tracker.stop()
    machine.sample(clock.now, 0)
    clock.now = TUESDAY + 30 * M  # due since 09:20
    machine.sample(clock.now, 25 * 60)
    assert reminders.check() is None
    clock.now += 10 * M
    back(machine, flow, clock.now)  # no timer ran while away: nothing to ask about
    assert flow.dialog is None
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING


def test_a_reminder_left_open_is_put_away_for_the_away_question_and_comes_back(
    machine: PresenceMachine, flow: AwayFlow, reminders: Reminders, clock: Clock
) -> None:
    """Before, the end-of-day popup shown at 17:35 still sat beside "You were away" when
    the person came back at 18:10, and once closed it counted as the day's one popup."""
    clock.now = TUESDAY + 8 * H + 35 * M
    machine.sample(clock.now - M, 0)
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.END_OF_DAY
    clock.now += 35 * M
    machine.sample(clock.now - M, 35 * 60)  # no input since 17:34
    assert machine.away_since is not None
    back(machine, flow, clock.now)
    assert [type(d) for d in on_screen()] == [AwayDialog]
    answer(flow, AwayChoice.KEEP)
    assert [type(d) for d in on_screen()] == [EndOfDayPopup]


def test_waking_with_nobody_there_the_reminder_waits_for_the_first_sample(
    machine: PresenceMachine, flow: AwayFlow, reminders: Reminders, clock: Clock
) -> None:
    """Frozen (asleep) with no input since 17:00, then woken: the minute's check came before
    the presence monitor's first sample, and a reminder went to nobody, used up."""
    machine.sample(TUESDAY + 8 * H, 0)  # the last input, at 17:00
    clock.now = TUESDAY + 23 * H + 30 * M  # woken on Wednesday at 08:30, not yet sampled
    assert reminders.check() is None
    assert on_screen() == []
    clock.now += M
    back(machine, flow, clock.now)
    assert [type(d) for d in on_screen()] == [AwayDialog]


def test_with_no_idle_time_to_read_not_tracking_still_comes(
    flow: AwayFlow, reminders: Reminders, tracker: Tracker, clock: Clock
) -> None:
    """KDE Plasma Wayland, sway, Hyprland offer no idle time, so no sample ever comes: five
    minutes after Timo started the person counted as away, and no reminder came all day."""
    clock.now = TUESDAY + 30 * M
    tracker.stop()
    clock.now = TUESDAY + 55 * M  # at the computer all along; due since 09:50
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING


def test_with_no_idle_time_to_read_an_afternoon_at_work_is_not_recorded_as_away(
    machine: PresenceMachine, flow: AwayFlow, app: TimoApp, clock: Clock
) -> None:
    """A lunch lock asked about and kept, then work until 18:00 and a logout: the unlock at
    13:00 was recorded as when the person left, for the next start to offer."""
    machine.lock(TUESDAY + 3 * H)
    clock.now = TUESDAY + 4 * H
    away = machine.unlock(clock.now)
    assert away is not None
    flow.on_away(away)
    answer(flow, AwayChoice.KEEP)
    clock.now = TUESDAY + 9 * H
    assert app.away_since() is None
