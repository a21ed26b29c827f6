"""macOS: a LaunchAgent property list, loaded by launchd at the next login."""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path
from xml.parsers.expat import ExpatError

from timo_desktop.platform.autostart import APP_ID


class LaunchAgentAutostart:
    """`~/Library/LaunchAgents/app.timo.desktop.plist` (under `home` if given)."""

    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def command(self) -> list[str] | None:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, ValueError, ExpatError):  # none, or one launchd cannot read either
            return None
        arguments = agent.get("ProgramArguments") if isinstance(agent, dict) else None
        if isinstance(arguments, list) and all(isinstance(part, str) for part in arguments):
            return arguments
        return None

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        temporary = self.path.with_suffix(".tmp")
        temporary.write_bytes(plistlib.dumps(agent))
        temporary.replace(self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
