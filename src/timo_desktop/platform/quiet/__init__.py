"""Whether the OS asks apps to keep quiet now: a fullscreen presentation or Do Not Disturb.

`detect()` picks the sources for the running session at run time and imports
only those. Where the OS cannot tell, it returns `Unsupported` with the reason;
that answers "not quiet", so reminders still come.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from timo_desktop.platform.session import is_wayland


class QuietUnavailable(RuntimeError):
    """A source cannot be read in this session (library, display or bus missing)."""


@runtime_checkable
class QuietSource(Protocol):
    """Tells whether the person is presenting or has asked not to be disturbed."""

    @property
    def name(self) -> str:
        """A short name for logs and `timo doctor` ("x11", "freedesktop", "windows")."""
        ...

    def is_quiet(self) -> bool:
        """True while reminders should wait; a source that cannot tell answers False."""
        ...


@dataclass(frozen=True)
class Unsupported:
    """The OS does not tell Timo; `reason` says why, in plain words. Never quiet."""

    reason: str
    name: str = "unsupported"

    def is_quiet(self) -> bool:
        """Not quiet: without a signal from the OS, reminders are shown."""
        return False


class AnyOf:
    """Quiet while any of its sources is (on Linux: a fullscreen window or notifications off)."""

    def __init__(self, sources: Sequence[QuietSource]) -> None:
        self.sources = tuple(sources)
        self.name = "+".join(source.name for source in self.sources)

    def is_quiet(self) -> bool:
        """True as soon as one source says so."""
        return any(source.is_quiet() for source in self.sources)

    def close(self) -> None:
        """Close every source that holds a connection."""
        for source in self.sources:
            close(source)


def close(source: object) -> None:
    """Close a source that holds a connection (the X display, the bus); others hold none."""
    closer = getattr(source, "close", None)
    if closer is not None:
        closer()


MACOS_REASON = (
    "macOS shares Focus (Do Not Disturb) only with apps the person authorises "
    "through INFocusStatusCenter, which Timo does not use"
)


def detect(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> QuietSource | Unsupported:
    """Return what tells Timo to keep quiet in this session, or `Unsupported` with the reason."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if plat == "win32":
        from timo_desktop.platform.quiet.windows import WindowsQuiet

        try:
            return WindowsQuiet()
        except QuietUnavailable as exc:
            return Unsupported(str(exc))
    if plat == "darwin":
        return Unsupported(MACOS_REASON)
    sources: list[QuietSource] = []
    reasons: list[str] = []
    # Under Wayland, Xwayland only knows X clients' windows; a native fullscreen
    # window would go unseen, so the X11 check is not asked there.
    if env.get("DISPLAY") and not is_wayland(env):
        from timo_desktop.platform.quiet.x11 import X11Fullscreen

        try:
            sources.append(X11Fullscreen(env["DISPLAY"]))
        except QuietUnavailable as exc:
            reasons.append(str(exc))
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        from timo_desktop.platform.quiet.freedesktop import NotificationsInhibited

        try:
            sources.append(NotificationsInhibited(env["DBUS_SESSION_BUS_ADDRESS"]))
        except QuietUnavailable as exc:
            reasons.append(str(exc))
    if not sources:
        reasons = reasons or ["no X display and no session D-Bus to ask"]
        return Unsupported("; ".join(reasons))
    return sources[0] if len(sources) == 1 else AnyOf(sources)
