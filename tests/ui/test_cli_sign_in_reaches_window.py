"""`timo login` and `timo logout` in a terminal reach the running window, as other changes
made by `timo` do: its sync status and Settings' account follow, with no Sync now asked.
The real CLI in its own process, the real sandbox, a keyring file both processes share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.support.keyring_file import use_file_keyring
from tests.support.sandbox import SandboxHandle
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp

ROUND_MS = 30_000  # a safety net on a shared machine, not a speed check
SIGNED_OUT = "Signed out — sign in to sync"


@pytest.fixture
def tracker(paths: Paths) -> Iterator[Tracker]:
    opened = Tracker.open(paths.database, source=Source.DESKTOP)
    yield opened
    opened.close()


@pytest.fixture
def app(
    qtbot: QtBot,
    tracker: Tracker,
    paths: Paths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TimoApp]:
    """The app signed out, sync started (it says so)."""
    use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    timo.start(background=False)
    qtbot.waitUntil(lambda: timo.window.sync_label.text() == SIGNED_OUT, timeout=ROUND_MS)
    yield timo
    timo.shutdown()
    timo.window.deleteLater()
    timo.deleteLater()


def test_login_and_logout_in_a_terminal_show_in_the_window(
    qtbot: QtBot,
    app: TimoApp,
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    dialog = app.open_settings()
    assert dialog.account.text() == "Not signed in"

    login = run_timo(timo_home, "login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    label = app.window.sync_label
    qtbot.waitUntil(lambda: label.text().startswith("All synced · "), timeout=ROUND_MS)
    qtbot.waitUntil(lambda: dialog.account.text().endswith(f" on {sandbox.base_url}"))
    assert dialog.account_button.accessibleName() == "Sign out"

    logout = run_timo(timo_home, "logout")
    assert logout.returncode == 0, logout.stderr
    qtbot.waitUntil(lambda: label.text() == SIGNED_OUT, timeout=ROUND_MS)
    qtbot.waitUntil(lambda: dialog.account.text() == "Not signed in")
