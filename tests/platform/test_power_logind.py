"""logind signals over a real D-Bus daemon, with logind played by the test."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from jeepney import DBusAddress, HeaderFields, Message, new_signal

from tests.platform.dbus_support import Service, private_bus
from timo_desktop.platform.power import PowerEvent, PowerEventKind
from timo_desktop.platform.power.logind import (
    LOGIN1,
    MANAGER,
    MANAGER_PATH,
    PROPERTIES,
    SESSION,
    LogindListener,
    LogindUnavailable,
)

SESSION_PATH = "/org/freedesktop/login1/session/_33"


class Collector:
    def __init__(self, expected: int) -> None:
        self.events: list[PowerEvent] = []
        self._expected = expected
        self.done = threading.Event()

    def __call__(self, event: PowerEvent) -> None:
        self.events.append(event)
        if len(self.events) >= self._expected:
            self.done.set()


def test_sleep_and_lock_signals_reach_the_listener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_SESSION_ID", raising=False)
    asked: list[tuple[str, tuple[object, ...]]] = []

    def logind(message: Message) -> tuple[str, tuple[str]]:
        member = message.header.fields[HeaderFields.member]
        asked.append((member, message.body))
        if member != "GetSessionByPID":
            raise LookupError
        return "o", (SESSION_PATH,)

    collector = Collector(expected=6)
    with private_bus(tmp_path) as address:
        service = Service(address, LOGIN1, logind)
        listener = LogindListener(collector, bus=address)
        try:
            assert listener.session_path == SESSION_PATH
            assert asked == [("GetSessionByPID", (os.getpid(),))]
            manager = DBusAddress(MANAGER_PATH, interface=MANAGER)
            session = DBusAddress(SESSION_PATH, interface=SESSION)
            other = DBusAddress("/org/freedesktop/login1/session/_7", interface=SESSION)
            properties = DBusAddress(SESSION_PATH, interface=PROPERTIES)
            service.emit(new_signal(manager, "PrepareForSleep", "b", (True,)))
            service.emit(new_signal(manager, "PrepareForSleep", "b", (False,)))
            service.emit(new_signal(other, "Lock"))  # another person's session: not ours
            service.emit(new_signal(session, "Lock"))
            service.emit(new_signal(session, "Unlock"))
            changed = {"LockedHint": ("b", True)}
            service.emit(
                new_signal(properties, "PropertiesChanged", "sa{sv}as", (SESSION, changed, []))
            )
            changed = {"LockedHint": ("b", False)}
            service.emit(
                new_signal(properties, "PropertiesChanged", "sa{sv}as", (SESSION, changed, []))
            )
            assert collector.done.wait(timeout=30)
        finally:
            listener.stop()
            service.close()
    # Only the locker's own LockedHint promises an unlock: i3lock or swaylock run on
    # logind's Lock just exit.
    assert [(event.kind, event.unlock_follows) for event in collector.events] == [
        (PowerEventKind.SUSPEND, True),
        (PowerEventKind.RESUME, True),
        (PowerEventKind.LOCK, False),
        (PowerEventKind.UNLOCK, True),
        (PowerEventKind.LOCK, True),
        (PowerEventKind.UNLOCK, True),
    ]


def test_without_logind_the_listener_says_so(tmp_path: Path) -> None:
    with (
        private_bus(tmp_path) as address,
        pytest.raises(LogindUnavailable, match="logind did not answer"),
    ):
        LogindListener(lambda event: None, bus=address)
