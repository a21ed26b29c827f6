"""No two of the window's actions share a key, on any platform: a key bound twice does
neither ("Ambiguous shortcut overload"). The keys a standard key stands for depend on the
platform theme (on Linux, Delete is Del and Ctrl+D, Duplicate's key), so the real app's
bindings are also read under a real X server (xcb), as Linux desktops set it up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.support.desktop import Desktop
from timo_desktop.ui.controller import TimoApp

REPO = Path(__file__).resolve().parents[2]
# The desktops whose key bindings differ (KDE and GNOME add theirs to the X11 ones).
DESKTOPS = ("", "KDE", "GNOME")


def bound_keys(app: TimoApp) -> dict[str, list[str]]:
    """Each shortcut the window binds (a button's or an action's, window-wide or the
    list's) and what it is bound to: the ☰ menu's items only show keys, binding none."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QAbstractButton

    bound: dict[str, list[str]] = defaultdict(list)
    window = app.window
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            bound[keys.toString(QKeySequence.SequenceFormat.PortableText)].append(action.text())
    for button in window.findChildren(QAbstractButton):
        keys = button.shortcut()
        if not keys.isEmpty():
            bound[keys.toString(QKeySequence.SequenceFormat.PortableText)].append(button.text())
    return dict(bound)


def shared(bound: dict[str, list[str]]) -> dict[str, list[str]]:
    return {keys: names for keys, names in bound.items() if len(names) > 1}


def print_bound_keys() -> None:
    """Run in a process of its own on the display it is given: print the app's keys."""
    from PySide6.QtWidgets import QApplication

    from timo_desktop.core.entry import Source
    from timo_desktop.paths import resolve
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.settings import Settings

    qapp = QApplication([])
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    app = TimoApp(tracker, paths, Settings(), use_tray=False)
    print(json.dumps({"platform": qapp.platformName(), "bound": bound_keys(app)}))
    app.shutdown()
    tracker.close()


def test_no_two_actions_share_a_key(timo: TimoApp) -> None:
    bound = bound_keys(timo)
    assert "Ctrl+D" in bound and "Del" in bound  # Duplicate and Delete are read
    assert shared(bound) == {}


@pytest.mark.desktop
def test_no_two_actions_share_a_key_on_linux_desktops(desktop: Desktop, tmp_path: Path) -> None:
    for name in DESKTOPS:
        env = {
            **desktop.app_env(tmp_path / f"home-{name or 'x11'}"),
            "XDG_CURRENT_DESKTOP": name,
            "KDE_SESSION_VERSION": "5",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        done = subprocess.run(
            [sys.executable, "-c", f"import {__name__} as t; t.print_bound_keys()"],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        read = json.loads(done.stdout.strip().splitlines()[-1])
        assert read["platform"] == "xcb"
        assert "Ctrl+D" in read["bound"], read
        assert shared(read["bound"]) == {}, f"on {name or 'plain X11'}"
