"""Settings › Account › "Entries without a project go to": the workspaces the account can
track time in, as the last sync round found them (so offline too), chosen by keyboard or
mouse and saved at once as `timo workspace` saves it; the running app's next round sends
such entries there. The real app signed in (a saved sign-in, as `timo login` keeps it) to
the sandbox, where Dana tracks in ws_1 "Northwind Agency" and ws_2 "Dana's Side Studio"."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries
from tests.ui.signed_in import ROUND_MS, sync_round
from tests.ui.workday import ALT, focused, press
from timo_desktop.auth.account import AccountFile
from timo_desktop.auth.service import open_store, sign_in_with_token
from timo_desktop.core.entry import Entry, Source, SyncState
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.settings_dialog import SettingsDialog

NORTHWIND = "Northwind Agency"
SIDE = "Dana's Side Studio"


@pytest.fixture
def app(
    qtbot: QtBot,
    sandbox: SandboxHandle,
    paths: Paths,
) -> Iterator[TimoApp]:
    """The app signed in as Dana (ws_1 the default), its first sync round done."""
    sign_in_with_token(sandbox.base_url, sandbox.token, open_store("file", paths), paths)
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, zone="Europe/Berlin")
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    sync_round(qtbot, timo, lambda: timo.start(background=False))
    yield timo
    timo.shutdown()
    tracker.close()
    timo.window.deleteLater()
    timo.deleteLater()


def settings(qtbot: QtBot, app: TimoApp) -> SettingsDialog:
    """Settings, open and holding the keyboard."""
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def offered(combo: QComboBox) -> list[str]:
    return [combo.itemText(index) for index in range(combo.count())]


def saved_default(paths: Paths) -> tuple[str | None, str | None]:
    account = AccountFile(paths.config).load()
    assert account is not None
    return account.workspace_id, account.workspace_name


def without_project(tracker: Tracker, description: str) -> Entry:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=40)
    return tracker.add(description, start, start + timedelta(minutes=30))


def test_the_workspaces_one_can_track_in_are_offered_and_a_choice_counts_at_once(
    qtbot: QtBot,
    app: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
) -> None:
    dialog = settings(qtbot, app)
    combo = dialog.workspace
    assert not combo.isHidden()
    assert offered(combo) == [NORTHWIND, SIDE]
    assert combo.currentText() == NORTHWIND
    assert combo.accessibleName() == "Entries without a project go to"

    press(qtbot, Qt.Key.Key_J, ALT)  # "Entries without a pro&ject go to"
    assert focused() is dialog.workspace
    press(qtbot, Qt.Key.Key_Down)
    assert combo.currentText() == SIDE
    assert saved_default(paths) == ("ws_2", SIDE)  # at once, no OK to press

    entry = without_project(app.tracker, "Sketches, no project")
    wait_until_sent(qtbot, app, entry)
    assert holding(sandbox, entry) == ["ws_2"]


def wait_until_sent(qtbot: QtBot, app: TimoApp, entry: Entry) -> None:
    """Until the app's own sync has sent `entry` (a safety net, not a speed check)."""

    def synced() -> bool:
        found = app.tracker.store.get(entry.client_ref)
        return found is not None and found.sync_state is SyncState.SYNCED

    qtbot.waitUntil(synced, timeout=ROUND_MS)


def holding(sandbox: SandboxHandle, entry: Entry) -> list[str]:
    """The workspaces that hold `entry` on the server."""
    return [
        ws
        for ws in ("ws_1", "ws_2")
        for found in server_entries(sandbox, ws)
        if found["client_ref"] == entry.client_ref
    ]


def test_with_one_workspace_there_is_nothing_to_choose_and_a_removed_one_is_not_offered(
    qtbot: QtBot,
    app: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
) -> None:
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    sync_round(qtbot, app, app.sync_now)
    dialog = settings(qtbot, app)
    assert dialog.workspace.isHidden()

    # The default's access removed, the open dialog follows the next round: the default is
    # said as it is, and only the other is offered.
    sandbox.set_membership(workspace_id="ws_2", status="active")
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    sync_round(qtbot, app, app.sync_now)
    combo = dialog.workspace
    assert not combo.isHidden()
    assert offered(combo) == [SIDE]
    assert combo.currentIndex() == -1
    assert combo.placeholderText() == f"{NORTHWIND} (you cannot track time there now)"
    combo.setCurrentIndex(0)  # as a mouse click does
    assert saved_default(paths) == ("ws_2", SIDE)
    assert not combo.isHidden() and combo.currentText() == SIDE


def test_the_choice_is_offered_and_saved_while_the_server_cannot_be_reached(
    qtbot: QtBot,
    app: TimoApp,
    sandbox: SandboxHandle,
    paths: Paths,
) -> None:
    sandbox.add_fault("/v1/*", "reset")
    sync_round(qtbot, app, app.sync_now)
    assert app.sync is not None and app.sync.last_error
    dialog = settings(qtbot, app)
    assert offered(dialog.workspace) == [NORTHWIND, SIDE]
    dialog.workspace.setCurrentIndex(1)
    assert saved_default(paths) == ("ws_2", SIDE)
    entry = without_project(app.tracker, "Written offline")

    sandbox.clear_faults()
    app.sync_now()
    wait_until_sent(qtbot, app, entry)
    assert holding(sandbox, entry) == ["ws_2"]


def test_signed_out_there_is_nothing_to_choose(qtbot: QtBot, timo: TimoApp) -> None:
    dialog = settings(qtbot, timo)
    assert dialog.account.text() == "Not signed in"
    assert dialog.workspace.isHidden()


def test_a_choice_that_cannot_be_saved_says_why_and_shows_the_saved_one(
    qtbot: QtBot, app: TimoApp, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = paths.config / "account.json"
    replace = os.replace

    def disk_full(source: str, target: str) -> None:  # as a full disk refuses the file
        if Path(target) == account:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full)
    dialog = settings(qtbot, app)
    dialog.workspace.setCurrentIndex(1)
    problem = dialog.errors["workspace"]
    assert not problem.isHidden()
    assert problem.text() == f"Not saved: could not write {account} (No space left on device)"
    assert dialog.workspace.currentText() == NORTHWIND
    assert saved_default(paths) == ("ws_1", NORTHWIND)

    monkeypatch.setattr(os, "replace", replace)  # room again
    dialog.workspace.setCurrentIndex(1)
    assert problem.isHidden()
    assert saved_default(paths) == ("ws_2", SIDE)
