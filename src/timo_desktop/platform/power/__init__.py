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
    """The OS reported `kind` at wall-clock instant `at`."""

    kind: PowerEventKind
    at: datetime


OnEvent = Callable[[PowerEvent], None]


class PowerSource(Protocol):
    """Something that reports power and lock events until stopped."""

    name: str

    def stop(self) -> None:
        """Stop reporting and release what was opened."""
        ...
