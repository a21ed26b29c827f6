"""Reminders hold still while the OS asks for quiet, and come once the quiet ends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import NotificationServer
from tests.ui.clocked import Clock, app_on, clocked_tracker
from timo_desktop.core.reminders import ReminderKind
from timo_desktop.platform.quiet.freedesktop import BUS_NAME
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reminders import ReminderQuestion, Reminders

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, a working day


class Presenting:
    """The OS's answer, set by the test (the OS side has tests of its own)."""

    name = "test"

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.asked = 0
        self.closed = False

    def is_quiet(self) -> bool:
        self.asked += 1
        return self.quiet

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def clock() -> Clock:
    return Clock(TUESDAY)


@pytest.fixture
def app(qtbot: QtBot, clock: Clock) -> Iterator[TimoApp]:
    tracker: Tracker
    with clocked_tracker(clock) as tracker, app_on(tracker) as made:
        yield made


def shown_question(reminders: Reminders) -> ReminderQuestion:
    assert isinstance(reminders.on_screen, ReminderQuestion) and reminders.on_screen.isVisible()
    return reminders.on_screen


def test_a_due_reminder_waits_for_the_presentation_to_end(app: TimoApp, clock: Clock) -> None:
    presenting = Presenting(quiet=True)
    reminders = Reminders(app, Settings(), presenting)
    app.destroyed.connect(reminders.stop)
    clock.now = TUESDAY + timedelta(minutes=20)  # not tracking for 20 min: due
    assert reminders.check() is None
    clock.now = TUESDAY + timedelta(minutes=50)
    assert reminders.check() is None
    assert reminders.on_screen is None and reminders.memory.shown_at == {}
    presenting.quiet = False
    clock.now = TUESDAY + timedelta(minutes=51)
    due = reminders.check()
    assert due is not None and due.kind is ReminderKind.NOT_TRACKING
    assert due.since == TUESDAY  # counted from the start of work, not from the quiet's end
    assert shown_question(reminders).windowTitle() == "Nothing is being tracked — Timo"
    assert presenting.asked == 3


def test_do_not_disturb_on_the_session_bus_holds_reminders(
    app: TimoApp, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = NotificationServer(inhibited=True)
    with private_bus(tmp_path / "bus") as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
            monkeypatch.delenv(name, raising=False)
        service = Service(address, BUS_NAME, server)
        try:
            reminders = Reminders(app, Settings())  # finds the OS's answer itself
            app.destroyed.connect(reminders.stop)
            assert server.requests == []  # nothing asked before the first check
            clock.now = TUESDAY + timedelta(minutes=20)
            assert reminders.check() is None and reminders.on_screen is None
            server.inhibited = False  # Do Not Disturb switched off
            clock.now = TUESDAY + timedelta(minutes=21)
            due = reminders.check()
            assert due is not None and due.kind is ReminderKind.NOT_TRACKING
            shown_question(reminders)
            # Asked at each check (this server then declines to show buttons).
            assert [member for _, _, member, _, _ in server.requests].count("Get") == 2
        finally:
            service.close()


def test_stopping_lets_go_of_the_quiet_source(app: TimoApp) -> None:
    presenting = Presenting(quiet=False)
    reminders = Reminders(app, Settings(), presenting)
    reminders.check()
    reminders.stop()
    assert presenting.closed
