"""How Timo runs itself again (at login, or for a job best done apart), and the programs it
opens for the user."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def timo_command(*args: str) -> list[str]:
    """The command line for `timo ARGS`: the frozen executable, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "timo_desktop", *args]


# What a frozen Timo sets for itself, and a program it opens for the user must not inherit:
# the bundle's library folder (PyInstaller's loader keeps the user's own as `…_ORIG`) and
# its Qt plugins (`packaging/rthooks/qt_paths.py`).
_BUNDLE_ONLY = ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH")


@contextmanager
def as_the_user_has_it() -> Iterator[None]:
    """Start programs for the user (a browser, the file manager) in here: in a frozen
    Timo they get the environment Timo was started with, not the bundle's library paths,
    with which a browser or a KDE file manager loaded Timo's own copies of glib or Qt.
    Timo's own children (`timo_command`) set those again themselves."""
    if not getattr(sys, "frozen", False):
        yield
        return
    kept = {name: os.environ.get(name) for name in _BUNDLE_ONLY}
    for name in _BUNDLE_ONLY:
        os.environ.pop(name, None)
    if (original := os.environ.get("LD_LIBRARY_PATH_ORIG")) is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    try:
        yield
    finally:
        for name, value in kept.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
