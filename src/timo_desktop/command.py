"""How Timo runs itself again (at login, or for a job best done apart)."""

from __future__ import annotations

import sys


def timo_command(*args: str) -> list[str]:
    """The command line for `timo ARGS`: the frozen executable, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "timo_desktop", *args]
