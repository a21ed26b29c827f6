"""Timo Desktop: a tray time tracker that syncs to Vmoox."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("timo-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
