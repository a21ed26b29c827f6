"""GNOME-on-Wayland idle over a real D-Bus daemon, with Mutter's idle monitor played by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from jeepney import HeaderFields, Message

from tests.platform.dbus_support import Service, private_bus
from timo_desktop.platform.idle import IdleUnavailable, Unsupported, detect
from timo_desktop.platform.idle.gnome_wayland import BUS_NAME, OBJECT_PATH, GnomeWaylandIdle


def test_reads_mutter_idle_time(tmp_path: Path) -> None:
    idle_ms = [61_500]
    calls: list[tuple[str, str]] = []

    def mutter(message: Message) -> tuple[str, tuple[int]]:
        fields = message.header.fields
        calls.append((fields[HeaderFields.path], fields[HeaderFields.member]))
        if fields[HeaderFields.member] != "GetIdletime":
            raise LookupError
        return "t", (idle_ms[0],)

    with private_bus(tmp_path) as address:
        service = Service(address, BUS_NAME, mutter)
        try:
            env = {
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "GNOME",
                "DBUS_SESSION_BUS_ADDRESS": address,
            }
            backend = detect(env, "linux")
            assert isinstance(backend, GnomeWaylandIdle)
            assert backend.seconds_since_input() == 61.5
            idle_ms[0] = 250
            assert backend.seconds_since_input() == 0.25
            assert set(calls) == {(OBJECT_PATH, "GetIdletime")}
            backend.close()
        finally:
            service.close()


def test_gnome_without_the_idle_monitor_is_unsupported(tmp_path: Path) -> None:
    with private_bus(tmp_path) as address:
        env = {
            "WAYLAND_DISPLAY": "wayland-0",
            "XDG_CURRENT_DESKTOP": "GNOME",
            "DBUS_SESSION_BUS_ADDRESS": address,
        }
        found = detect(env, "linux")
        assert isinstance(found, Unsupported)
        assert "idle monitor did not answer" in found.reason
        with pytest.raises(IdleUnavailable):
            GnomeWaylandIdle(address)
