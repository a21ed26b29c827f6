"""Timo Desktop: a tray time tracker that syncs to Vmoox."""

try:
    # Written from the git tag at install or build time; reading it is cheaper than
    # importlib.metadata, which every `timo` command would otherwise pay for.
    from timo_desktop._version import __version__ as __version__
except ImportError:  # a source tree that was never installed
    __version__ = "0.0.0"
