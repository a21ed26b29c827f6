"""Suspend, resume, lock and unlock, where the OS tells us.

Each source calls `on_event(PowerEvent)` — possibly from its own thread; the
presence monitor moves events to the Qt thread. `clock_gap` catches any sleep
the OS did not announce.

- Windows: `windows.PowerEventFilter`, a Qt native event filter for
  `WM_POWERBROADCAST` and WTS session notifications.
- macOS: `macos.WorkspaceObserver`, NSWorkspace sleep/wake and the screen
  lock notifications.
- Linux: `logind.LogindListener`, logind `PrepareForSleep` and the session's
  `Lock`/`Unlock` signals (and `LockedHint`) over D-Bus.

Windows and macOS say every unlock. logind's `Lock` asks the session to lock:
GNOME and KDE then set `LockedHint` and clear it on unlock, but i3lock or
swaylock run on it by xss-lock or swayidle just exit, with no `Unlock`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class PowerEventKind(StrEnum):
    SUSPEND = "suspend"
    RESUME = "resume"
    LOCK = "lock"
    UNLOCK = "unlock"


@dataclass(frozen=True)
class PowerEvent:
    """The OS reported `kind` at wall-clock instant `at`. A LOCK with `unlock_follows`
    False comes from a source that may never say the UNLOCK (logind's `Lock`)."""

    kind: PowerEventKind
    at: datetime
    unlock_follows: bool = True


OnEvent = Callable[[PowerEvent], None]


class PowerSource(Protocol):
    """Something that reports power and lock events until stopped."""

    name: str

    def stop(self) -> None:
        """Stop reporting and release what was opened."""
        ...


def start_sources(on_event: OnEvent) -> list[PowerSource]:
    """Start the power and lock sources this OS has (on Windows, within a running Qt app)."""
    import logging
    import sys

    log = logging.getLogger(__name__)
    if sys.platform == "win32":
        from PySide6.QtCore import QCoreApplication

        from timo_desktop.platform.power.windows import PowerEventFilter

        event_filter = PowerEventFilter(on_event)
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("Windows power events need a running Qt application")
        event_filter.install(app)
        return [event_filter]
    if sys.platform == "darwin":
        from timo_desktop.platform.power.macos import WorkspaceObserver

        return [WorkspaceObserver(on_event)]
    from timo_desktop.platform.power.logind import LogindListener, LogindUnavailable

    try:
        return [LogindListener(on_event)]
    except LogindUnavailable as exc:
        # The clock gap check still catches sleep; lock goes unseen without logind.
        log.info("no logind power events: %s", exc)
        return []
