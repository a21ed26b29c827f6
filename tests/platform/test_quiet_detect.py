"""Choosing what tells Timo to keep quiet, and the Linux combination of both sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.platform.dbus_support import Service, private_bus
from tests.platform.notification_server import NotificationServer
from tests.platform.window_manager import activate, set_state
from tests.support.desktop import Desktop
from timo_desktop.platform.quiet import MACOS_REASON, AnyOf, Unsupported, detect
from timo_desktop.platform.quiet.freedesktop import BUS_NAME


def test_macos_is_unsupported_with_the_reason() -> None:
    found = detect({"DISPLAY": ":0"}, "darwin")
    assert found == Unsupported(MACOS_REASON)
    assert found.is_quiet() is False


def test_linux_without_display_or_bus_is_unsupported() -> None:
    found = detect({}, "linux")
    assert isinstance(found, Unsupported)
    assert found.reason == "no X display and no session D-Bus to ask"


def test_every_reason_is_named_when_no_source_opens(tmp_path: Path) -> None:
    env = {"DISPLAY": ":399", "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'none'}"}
    found = detect(env, "linux")
    assert isinstance(found, Unsupported)
    assert ":399" in found.reason and "session D-Bus" in found.reason


@pytest.mark.desktop
def test_linux_is_quiet_when_either_source_says_so(desktop: Desktop, tmp_path: Path) -> None:
    server = NotificationServer(inhibited=False)
    with private_bus(tmp_path / "bus") as address:
        service = Service(address, BUS_NAME, server)
        found = detect({"DISPLAY": desktop.display, "DBUS_SESSION_BUS_ADDRESS": address}, "linux")
        assert isinstance(found, AnyOf)
        try:
            assert found.name == "x11+freedesktop"
            assert found.is_quiet() is False  # no fullscreen window, notifications on
            server.inhibited = True
            assert found.is_quiet() is True
            server.inhibited = False
            set_state(desktop, desktop.trayer_window, "_NET_WM_STATE_FULLSCREEN")
            activate(desktop, desktop.trayer_window)
            assert found.is_quiet() is True
        finally:
            found.close()
            service.close()
