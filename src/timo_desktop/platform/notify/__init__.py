"""Desktop notifications with buttons: one notification that can be answered where it shows.

`detect(on_action)` picks what the running session offers, at run time, and
imports only that. The person's answer arrives as `on_action(key)` — from the
notifier's own thread, so a Qt caller moves it to the GUI thread itself. Where
buttons cannot be offered, `detect` returns `Unsupported` with the reason and
the caller keeps its own way of asking (the tray message).

- Linux: `freedesktop.FreedesktopNotifier`, `org.freedesktop.Notifications`
  on the session D-Bus, when the server offers actions.
- Windows and macOS: `Unsupported`; their buttons need APIs Timo does not use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# The key a notification server reports when the body itself is clicked (Desktop
# Notifications spec); offered like any other action.
DEFAULT_ACTION = "default"

OnAction = Callable[[str], None]


class NotifyUnavailable(RuntimeError):
    """Notifications with buttons cannot be shown (no server, no actions, the bus is gone)."""


class Notifier(Protocol):
    """Shows one notification at a time, with buttons; reports the one chosen."""

    @property
    def name(self) -> str:
        """A short name for logs ("freedesktop")."""
        ...

    def show(self, title: str, body: str, actions: Sequence[tuple[str, str]]) -> None:
        """Show (or replace) the notification; `actions` are (key, label) pairs.

        Raises `NotifyUnavailable` when it could not be shown."""
        ...

    def dismiss(self) -> None:
        """Take the notification off the screen, if it is still there."""
        ...

    def close(self) -> None:
        """Dismiss, stop reporting answers and release what was opened (at quit)."""
        ...


@dataclass(frozen=True)
class Unsupported:
    """No notifications with buttons here; `reason` says why, in plain words."""

    reason: str
    name: str = "unsupported"


WINDOWS_REASON = (
    "Windows shows buttons only in toast notifications, which need an app id "
    "registered by an installer and the WinRT toast API; Timo does not use them"
)
MACOS_REASON = (
    "macOS shows buttons only through UNUserNotificationCenter from a signed app "
    "bundle the person allowed to notify; Timo does not use it"
)


def detect(
    on_action: OnAction,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Notifier | Unsupported:
    """Return the notifier for this session, or `Unsupported` with the reason."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if plat == "win32":
        return Unsupported(WINDOWS_REASON)
    if plat == "darwin":
        return Unsupported(MACOS_REASON)
    address = env.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        return Unsupported("no session D-Bus to reach a notification server")
    from timo_desktop.platform.notify.freedesktop import FreedesktopNotifier

    try:
        return FreedesktopNotifier(address, on_action)
    except NotifyUnavailable as exc:
        return Unsupported(str(exc))
