"""Start at login follows Timo when it has moved: once the window is up, an entry that
starts a program gone since is pointed at the running Timo (a real XDG autostart file)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.paths import Paths
from timo_desktop.platform.autostart import launch_command
from timo_desktop.platform.autostart.linux import XdgAutostart
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp

SETTLE_MS = 30_000  # only guards against a hang


@pytest.fixture
def login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> XdgAutostart:
    """Start at login as Timo finds it, in a config folder of the test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return XdgAutostart()


@contextmanager
def started(qtbot: QtBot, tracker: Tracker, paths: Paths) -> Iterator[TimoApp]:
    """The app started after the test has set start at login up (the `timo` fixture's
    would have been under way before)."""
    app = TimoApp(tracker, paths, Settings(), use_tray=False)
    app.start(background=False)
    try:
        qtbot.waitExposed(app.window)
        yield app
    finally:
        app.shutdown()
        app.window.deleteLater()
        app.deleteLater()


def test_start_at_login_follows_timo_to_where_it_is_now(
    qtbot: QtBot, tracker: Tracker, paths: Paths, tmp_path: Path, login: XdgAutostart
) -> None:
    """Its venv (or app bundle) moved, Timo no longer started at login while Settings
    still said it did."""
    here = launch_command()
    login.enable([str(tmp_path / "old-venv" / "bin" / "python"), *here[1:]])
    with started(qtbot, tracker, paths):
        qtbot.waitUntil(lambda: login.command() == here, timeout=SETTLE_MS)
    assert login.is_enabled()


def test_a_timo_on_a_test_home_leaves_the_usual_one_at_login(
    qtbot: QtBot, tracker: Tracker, paths: Paths, tmp_path: Path, login: XdgAutostart
) -> None:
    """This Timo runs on the test's TIMO_HOME; the entry starts the user's, on the default
    home, from a place gone since: it is not this Timo's to take over."""
    usual = [str(tmp_path / "gone" / "timo"), "--background"]
    login.enable(usual)
    with started(qtbot, tracker, paths) as app:
        qtbot.waitUntil(lambda: app.presence is not None, timeout=SETTLE_MS)  # all loaded
    assert login.command() == usual
