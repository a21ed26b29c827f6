"""Start Timo at login: the Run key on Windows, a LaunchAgent on macOS, XDG autostart on Linux."""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Sequence
from typing import Protocol

APP_ID = "app.timo.desktop"

log = logging.getLogger(__name__)


class Autostart(Protocol):
    """Start-at-login switch for one OS."""

    def is_enabled(self) -> bool:
        """Whether Timo starts at login: its entry is there, and not turned off by the OS's
        own startup settings (Task Manager's Startup tab, the desktop's)."""
        ...

    def command(self) -> list[str] | None:
        """The command Timo's login entry starts, None without an entry (on or not) or when
        what it starts cannot be told for sure (then it is never rewritten)."""
        ...

    def enable(self, command: Sequence[str]) -> None:
        """Start `command` at login (replacing an older entry)."""
        ...

    def disable(self) -> None:
        """Stop starting at login (nothing happens if it was off)."""
        ...


def launch_command() -> list[str]:
    """The command that starts this Timo in the tray: the frozen executable or this Python,
    on the folder it keeps its files in when TIMO_HOME (or `--home`) chose one: at login
    there is no TIMO_HOME, and Timo would have opened an empty home of its own."""
    import os

    from timo_desktop.command import timo_command

    home = os.environ.get("TIMO_HOME")
    return timo_command("--background", *(("--home", os.path.abspath(home)) if home else ()))


def refresh(autostart: Autostart, command: Sequence[str]) -> bool:
    """Point start at login at `command` (this Timo's `launch_command()`) when it is on but
    starts a program that is gone: Timo moved, was installed elsewhere, or its venv or
    bundle did, and Settings said on while nothing started. True when it was rewritten."""
    if not autostart.is_enabled():
        return False  # off, here or in the desktop's own startup settings: it stays off
    recorded = autostart.command()
    # Only an entry starting a Timo in the tray on this home (`--home` comes after
    # `--background`, or no home means the default one): a Timo started once on another
    # TIMO_HOME, a test's or a portable one, must not take the login over.
    if recorded is None or _tray_arguments(recorded) != _tray_arguments(command):
        return False
    # And only one whose program is gone: one still there still starts, and this Timo may
    # be a second copy, or one macOS runs from a translocated path gone after a restart.
    if shutil.which(recorded[0]) is not None:
        return False
    autostart.enable(command)
    log.info("start at login now runs %s (%s is gone)", command[0], recorded[0])
    return True


def _tray_arguments(command: Sequence[str]) -> list[str] | None:
    """The arguments from `--background` on; None if `command` is not Timo in the tray."""
    if "--background" not in command:
        return None
    return list(command[command.index("--background") :])


def for_this_os() -> Autostart:
    """The autostart switch for the running OS."""
    if sys.platform == "win32":
        from timo_desktop.platform.autostart.windows import RunKeyAutostart

        return RunKeyAutostart()
    if sys.platform == "darwin":
        from timo_desktop.platform.autostart.macos import LaunchAgentAutostart

        return LaunchAgentAutostart()
    from timo_desktop.platform.autostart.linux import XdgAutostart

    return XdgAutostart()
