"""Start Timo at login: the Run key on Windows, a LaunchAgent on macOS, XDG autostart on Linux."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol

APP_ID = "app.timo.desktop"


class Autostart(Protocol):
    """Start-at-login switch for one OS."""

    def is_enabled(self) -> bool:
        """Whether Timo starts at login."""
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
