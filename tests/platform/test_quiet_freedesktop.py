"""The notification server's `Inhibited` property over a real D-Bus daemon.

The notification server (Plasma's, for one) is played by the test on a
private bus; Timo's side is the real client.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import NotificationServer
from timo_desktop.platform.quiet import Unsupported, detect
from timo_desktop.platform.quiet.freedesktop import (
    BUS_NAME,
    OBJECT_PATH,
    PROPERTY,
    NotificationsInhibited,
)


def test_follows_the_inhibited_property(tmp_path: Path) -> None:
    server = NotificationServer(inhibited=True)
    with private_bus(tmp_path) as address:
        service = Service(address, BUS_NAME, server)
        backend = detect({"DBUS_SESSION_BUS_ADDRESS": address}, "linux")
        assert isinstance(backend, NotificationsInhibited)
        try:
            assert backend.is_quiet() is True
            server.inhibited = False
            assert backend.is_quiet() is False
            server.inhibited = True
            assert backend.is_quiet() is True
        finally:
            backend.close()
            service.close()
    get = (OBJECT_PATH, "org.freedesktop.DBus.Properties", "Get", (BUS_NAME, PROPERTY), True)
    assert server.requests == [get, get, get]


def test_a_server_without_the_property_is_not_quiet(tmp_path: Path) -> None:
    with private_bus(tmp_path) as address:
        service = Service(address, BUS_NAME, NotificationServer(inhibited=None))
        backend = NotificationsInhibited(address)
        try:
            assert backend.is_quiet() is False
        finally:
            backend.close()
            service.close()


def test_no_notification_server_is_not_quiet(tmp_path: Path) -> None:
    with private_bus(tmp_path) as address:
        backend = NotificationsInhibited(address)
        try:
            assert backend.is_quiet() is False
            assert backend.is_quiet() is False
        finally:
            backend.close()


def test_a_lost_bus_is_not_quiet_and_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with private_bus(tmp_path) as address:
        service = Service(address, BUS_NAME, NotificationServer(inhibited=True))
        backend = NotificationsInhibited(address)
        assert backend.is_quiet() is True
        service.close()
    # The daemon is gone now.
    try:
        with caplog.at_level(logging.WARNING):
            assert backend.is_quiet() is False
            assert backend.is_quiet() is False
    finally:
        backend.close()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith("the notification server did not answer")


def test_an_unreachable_session_bus_is_unsupported(tmp_path: Path) -> None:
    found = detect({"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'none'}"}, "linux")
    assert isinstance(found, Unsupported)
    assert "session D-Bus" in found.reason and found.is_quiet() is False
