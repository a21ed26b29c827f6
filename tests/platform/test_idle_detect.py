"""Choosing the idle backend for the running session."""

from __future__ import annotations

from timo_desktop.platform.idle import Unsupported, detect


def test_no_graphical_session_is_unsupported() -> None:
    found = detect({}, "linux")
    assert isinstance(found, Unsupported)
    assert "no graphical session" in found.reason


def test_non_gnome_wayland_is_unsupported_not_xwayland() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "KDE"}
    found = detect(env, "linux")
    assert isinstance(found, Unsupported)
    assert "Wayland" in found.reason


def test_gnome_wayland_without_a_session_bus_is_unsupported() -> None:
    env = {
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
    }
    found = detect(env, "linux")
    assert isinstance(found, Unsupported)
    assert "D-Bus" in found.reason


def test_x_display_that_does_not_answer_is_unsupported() -> None:
    found = detect({"DISPLAY": ":399"}, "linux")
    assert isinstance(found, Unsupported)
    assert ":399" in found.reason
