"""How long since the person last touched the keyboard or mouse, per OS.

`detect()` picks the backend for the running session at run time and imports
only that one. Where no backend can answer honestly it returns `Unsupported`
with the reason — Timo never guesses idle time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from timo_desktop.platform.session import is_wayland


class IdleUnavailable(RuntimeError):
    """A backend cannot read idle time in this session (library or service missing)."""


@runtime_checkable
class IdleSource(Protocol):
    """Reads the seconds since the last keyboard or pointer input."""

    name: str

    def seconds_since_input(self) -> float:
        """Seconds since the last input; raises `IdleUnavailable` if the OS stops answering."""
        ...


@dataclass(frozen=True)
class Unsupported:
    """No honest idle reading is available; `reason` says why, in plain words."""

    reason: str
    name: str = "unsupported"


def detect(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> IdleSource | Unsupported:
    """Return the idle backend for this session, or `Unsupported` with the reason."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    try:
        if plat == "win32":
            from timo_desktop.platform.idle.windows import WindowsIdle

            return WindowsIdle()
        if plat == "darwin":
            from timo_desktop.platform.idle.macos import MacIdle

            return MacIdle()
        if is_wayland(env):
            # Xwayland's screensaver counter only sees X clients' input, so it
            # would report people as idle while they type in native windows.
            if "gnome" not in env.get("XDG_CURRENT_DESKTOP", "").lower():
                return Unsupported(
                    "this Wayland desktop offers no idle time to apps (only GNOME's is supported)"
                )
            from timo_desktop.platform.idle.gnome_wayland import GnomeWaylandIdle

            return GnomeWaylandIdle(env.get("DBUS_SESSION_BUS_ADDRESS", ""))
        if env.get("DISPLAY"):
            from timo_desktop.platform.idle.x11 import X11Idle

            return X11Idle(env["DISPLAY"])
        return Unsupported("no graphical session found (neither DISPLAY nor WAYLAND_DISPLAY)")
    except IdleUnavailable as exc:
        return Unsupported(str(exc))
