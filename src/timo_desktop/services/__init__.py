"""The application layer: `Tracker` is the one API the desktop app and the CLI use."""

from timo_desktop.services.tracker import Recovery, TargetNames, Tracker

__all__ = ["Recovery", "TargetNames", "Tracker"]
