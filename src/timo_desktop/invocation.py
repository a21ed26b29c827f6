"""Which `timo` was asked for: the desktop app (no subcommand) or the command line.

Read without argparse, which the desktop app would otherwise load (~7 ms) only to
find two flags the check below has already read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HOME = "--home"  # takes a directory; the command line understands it too
BACKGROUND = "--background"  # only the desktop app understands this


@dataclass(frozen=True)
class AppOptions:
    """How the desktop app was asked to start."""

    background: bool = False  # in the tray, without opening the window
    home: str | None = None  # keep all of Timo's files under this folder


def app_options(args: Sequence[str]) -> AppOptions | None:
    """The desktop app's options when `timo ARGS` has no subcommand (only `--home DIR`,
    `--home=DIR` and `--background`); None when ARGS are for the command line."""
    background, home = False, None
    rest = list(args)
    while rest:
        head = rest.pop(0)
        if head == BACKGROUND:
            background = True
        elif head == HOME and rest:
            home = rest.pop(0)
        elif head.startswith(f"{HOME}="):
            home = head.split("=", 1)[1]
        else:
            return None
    if home is not None and not home.strip():
        return None  # the command line's parser says what is wrong with an empty --home
    return AppOptions(background, home)
