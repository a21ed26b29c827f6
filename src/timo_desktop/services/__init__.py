"""The application layer: `Tracker` is the one API the desktop app and the CLI use."""

from timo_desktop.core.entry import TargetNames
from timo_desktop.services.tracker import Recovery, Tracker

__all__ = ["Recovery", "TargetNames", "Tracker"]
