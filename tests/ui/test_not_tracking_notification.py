"""The not-tracking reminder as one desktop notification with Start and Snooze buttons.

A notification server is played on a private session D-Bus; the app, its reminders
and the notifier's listening thread are real. Where the server shows no buttons (or
is gone) the tray message asks, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import (
    NotificationServer,
    action_invoked,
    notification_closed,
)
from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.tray_messages import Balloons, add_from_the_tray
from timo_desktop.core.reminders import ReminderKind
from timo_desktop.platform.notify.freedesktop import BUS_NAME
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reminders import ReminderQuestion, Reminders
from timo_desktop.ui.timer_bar import TimerDraft

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, a working day
DUE = TUESDAY + timedelta(minutes=20)  # not tracking for 20 minutes: the reminder is due
PATIENCE_MS = 20_000  # the signal crosses a D-Bus daemon and a thread; the machine is shared
BUTTONS = [
    *("default", "Open"),
    *("start", "Start timer"),
    *("snooze-hour", "Snooze 1 hour"),
    *("snooze-tomorrow", "Snooze until tomorrow"),
]


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


@pytest.fixture
def server() -> NotificationServer:
    return NotificationServer(inhibited=False, capabilities=["actions", "body"])


@pytest.fixture
def bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private session bus, the only one the app sees."""
    with private_bus(tmp_path / "bus") as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
            monkeypatch.delenv(name, raising=False)
        yield address


@pytest.fixture
def service(bus: str, server: NotificationServer) -> Iterator[Service]:
    running = Service(bus, BUS_NAME, server)
    yield running
    running.close()


@pytest.fixture
def reminders(app: TimoApp, service: Service) -> Iterator[Reminders]:
    made = Reminders(app, Settings())
    yield made
    made.stop()  # before the bus goes


def notified(reminders: Reminders, server: NotificationServer, clock: Clock) -> int:
    """Make the not-tracking reminder due and check; the id of the notification shown."""
    clock.now = DUE
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING
    assert len(server.shown) == 1
    return server.ids[-1]


def test_not_tracking_asks_in_one_notification_with_buttons(
    reminders: Reminders, server: NotificationServer, clock: Clock
) -> None:
    assert server.requests == []  # nothing asked before the first check
    notified(reminders, server, clock)
    (shown,) = server.shown
    assert (shown.summary, shown.body) == ("Nothing is being tracked", "No timer since 09:00.")
    assert shown.actions == BUTTONS
    assert shown.replaces_id == 0
    assert reminders.on_screen is None  # no second question on screen


def test_start_on_the_notification_starts_a_timer(
    qtbot: QtBot,
    reminders: Reminders,
    server: NotificationServer,
    service: Service,
    clock: Clock,
    tracker: Tracker,
) -> None:
    service.emit(action_invoked(notified(reminders, server, clock), "start"))
    qtbot.waitUntil(lambda: tracker.running() is not None, timeout=PATIENCE_MS)


def test_start_on_the_notification_after_a_timer_started_elsewhere_switches_nothing(
    qtbot: QtBot,
    app: TimoApp,
    reminders: Reminders,
    server: NotificationServer,
    service: Service,
    clock: Clock,
    tracker: Tracker,
) -> None:
    shown = notified(reminders, server, clock)
    call = tracker.start("Client call").started  # `timo start`, before the app noticed
    service.emit(action_invoked(shown, "start"))
    said = "A timer is running already; nothing was started."
    qtbot.waitUntil(lambda: app.window.undo_bar.message.text() == said, timeout=PATIENCE_MS)
    running = tracker.running()
    assert call is not None and running is not None and running.client_ref == call.client_ref


@pytest.mark.parametrize(
    ("key", "until"),
    [
        ("snooze-hour", DUE + timedelta(hours=1)),
        ("snooze-tomorrow", datetime(2026, 3, 4, 8, 0, tzinfo=UTC)),  # Wednesday 09:00
    ],
)
def test_snooze_on_the_notification_is_remembered(
    qtbot: QtBot,
    app: TimoApp,
    reminders: Reminders,
    server: NotificationServer,
    service: Service,
    clock: Clock,
    key: str,
    until: datetime,
) -> None:
    service.emit(action_invoked(notified(reminders, server, clock), key))
    kind = ReminderKind.NOT_TRACKING
    qtbot.waitUntil(lambda: kind in reminders.memory.snoozed_until, timeout=PATIENCE_MS)
    assert reminders.memory.snoozed_until[kind] == until
    restarted = Reminders(app, Settings())  # read back from the data folder
    assert restarted.memory.snoozed_until[kind] == until
    restarted.stop()


def test_clicking_the_notification_opens_the_question(
    qtbot: QtBot,
    reminders: Reminders,
    server: NotificationServer,
    service: Service,
    clock: Clock,
    tracker: Tracker,
) -> None:
    service.emit(action_invoked(notified(reminders, server, clock), "default"))
    qtbot.waitUntil(lambda: isinstance(reminders.on_screen, ReminderQuestion), timeout=PATIENCE_MS)
    question = reminders.on_screen
    assert isinstance(question, ReminderQuestion) and question.isVisible()
    assert question.windowTitle() == "Nothing is being tracked — Timo"
    question.buttons["Start timer"].click()
    assert tracker.running() is not None


def test_a_notification_closed_unanswered_is_not_shown_again(
    reminders: Reminders, server: NotificationServer, service: Service, clock: Clock
) -> None:
    service.emit(notification_closed(notified(reminders, server, clock), 1))  # expired
    assert reminders.memory.shown_at[ReminderKind.NOT_TRACKING] == DUE
    for later in (1, 30, 90):
        clock.now = DUE + timedelta(minutes=later)
        assert reminders.check() is None
    assert len(server.shown) == 1 and reminders.on_screen is None


def test_a_timer_started_elsewhere_closes_the_notification(
    app: TimoApp, reminders: Reminders, server: NotificationServer, clock: Clock
) -> None:
    shown = notified(reminders, server, clock)
    app.start_timer(TimerDraft("Call with Ana", None, False, ()))
    assert server.closed == [shown]


def test_quitting_closes_the_notification(
    reminders: Reminders, server: NotificationServer, clock: Clock
) -> None:
    shown = notified(reminders, server, clock)
    reminders.stop()
    assert server.closed == [shown]


def answer_the_balloon(app: TimoApp, balloons: Balloons, tracker: Tracker) -> None:
    assert balloons.shown[-1][:2] == (
        "Nothing is being tracked",
        "No timer since 09:00. Click to start one or to snooze.",
    )
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    reminders = app.reminders
    assert reminders is not None and isinstance(reminders.on_screen, ReminderQuestion)
    reminders.on_screen.buttons["Start timer"].click()
    assert tracker.running() is not None


@pytest.mark.parametrize(
    ("capabilities", "reason"),
    [
        (["body"], "the notification server shows no buttons"),
        (None, "no notification server answered"),
    ],
)
def test_without_buttons_the_tray_message_asks(
    tray_app: tuple[TimoApp, Balloons],
    bus: str,
    clock: Clock,
    tracker: Tracker,
    caplog: pytest.LogCaptureFixture,
    capabilities: list[str] | None,
    reason: str,
) -> None:
    app, balloons = tray_app
    server = NotificationServer(inhibited=False, capabilities=capabilities)
    service = Service(bus, BUS_NAME, server) if capabilities is not None else None
    try:
        app.reminders = reminders = Reminders(app, Settings())
        clock.now = DUE
        with caplog.at_level(logging.INFO, logger="timo_desktop.ui.reminders"):
            assert reminders.check() is not None
        assert f"notifications without buttons: {reason}" in caplog.text
        assert server.shown == []
        answer_the_balloon(app, balloons, tracker)
    finally:
        if service is not None:
            service.close()


def test_a_notification_server_gone_falls_back_to_the_tray_message(
    qtbot: QtBot,
    tray_app: tuple[TimoApp, Balloons],
    bus: str,
    clock: Clock,
    tracker: Tracker,
) -> None:
    app, balloons = tray_app
    server = NotificationServer(inhibited=False, capabilities=["actions", "body"])
    service = Service(bus, BUS_NAME, server)
    app.reminders = reminders = Reminders(app, Settings())
    shown = notified(reminders, server, clock)
    assert balloons.shown == []
    service.emit(action_invoked(shown, "snooze-hour"))
    kind = ReminderKind.NOT_TRACKING
    qtbot.waitUntil(lambda: kind in reminders.memory.snoozed_until, timeout=PATIENCE_MS)
    service.close()  # the server quit; the bus stays
    clock.now = DUE + timedelta(hours=1, minutes=1)
    assert reminders.check() is not None
    answer_the_balloon(app, balloons, tracker)


@pytest.mark.parametrize("noticed", [True, False])
def test_a_tray_message_clicked_after_a_timer_started_asks_nothing(
    tray_app: tuple[TimoApp, Balloons], bus: str, clock: Clock, tracker: Tracker, noticed: bool
) -> None:
    """Before, the click opened the question, whose "Start timer" switched the running timer
    to a blank one."""
    app, balloons = tray_app
    app.reminders = reminders = Reminders(app, Settings())
    clock.now = DUE
    assert reminders.check() is not None and balloons.shown
    tracker.start("Client call")
    if noticed:
        app.reload()
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    assert reminders.on_screen is None
    running = tracker.running()
    assert running is not None and running.description == "Client call"


def test_a_click_on_a_later_tray_message_acts_on_that_one(
    tray_app: tuple[TimoApp, Balloons], bus: str, clock: Clock, tracker: Tracker
) -> None:
    """The reminder's message, then time added from the tray: a click on what shows now
    opens the window on the entry, not the reminder's question."""
    app, balloons = tray_app
    app.reminders = reminders = Reminders(app, Settings())
    clock.now = DUE
    assert reminders.check() is not None
    add_from_the_tray(app, tracker, "Client workshop")
    assert balloons.shown[-1][0] == "Time added"
    assert app.tray is not None
    app.tray.icon.messageClicked.emit()
    assert reminders.on_screen is None
    assert app.window.isVisible()
