"""The desktop app signed in to the real sandbox (through VMOOX_TOKEN), and a way to wait
for the sync round an action causes. Import `app` as a fixture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Timo, make_timo
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.status import SyncStatus, WorkerState
from timo_desktop.ui.controller import TimoApp

ROUND_MS = 30_000


@pytest.fixture
def app(
    qtbot: QtBot,
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TimoApp]:
    """The desktop app signed in to the sandbox (through VMOOX_TOKEN), first round done."""
    monkeypatch.setenv("VMOOX_TOKEN", sandbox.token)
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, zone="Europe/Berlin")
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    sync_round(qtbot, timo, lambda: timo.start(background=False))
    yield timo
    timo.shutdown()
    tracker.close()
    timo.window.deleteLater()
    timo.deleteLater()


def round_done(status: SyncStatus) -> bool:
    """True once a status says the round is over (whatever its outcome)."""
    return status.state is not WorkerState.SYNCING


def sync_round(qtbot: QtBot, timo: TimoApp, trigger: Callable[[], Any]) -> None:
    """Do `trigger` and wait for the sync round it causes to finish.

    A list filled by a plain slot and polled, rather than `qtbot.waitSignal`: a signal
    blocker's nested event loop, repeated for every round of many apps in one process,
    crashed PySide now and then."""
    statuses: list[SyncStatus] = []
    timo.sync_bridge.status_changed.connect(statuses.append)
    try:
        trigger()
        qtbot.waitUntil(lambda: any(round_done(status) for status in statuses), timeout=ROUND_MS)
    finally:
        timo.sync_bridge.status_changed.disconnect(statuses.append)


def attention_row(
    qtbot: QtBot, timo: TimoApp, ref: str, until: Callable[[Any], bool] = lambda row: True
) -> Any:
    """The Needs attention panel's row for entry `ref`, once the panel shows one `until`
    holds for (a row is built anew when its item changes, so one found earlier goes stale)."""
    found: list[Any] = []

    def shown() -> bool:
        panel = timo._attention_panel
        if panel is None or not panel.isVisible():
            return False
        found[:] = [row for row in panel.rows if row.item.client_ref == ref and until(row)]
        return bool(found)

    qtbot.waitUntil(shown, timeout=ROUND_MS)
    return found[0]


@pytest.fixture
def desktop(sandbox: SandboxHandle, tmp_path: Path) -> Iterator[Timo]:
    """The same person's other computer, signed in to the same sandbox."""
    made = make_timo(sandbox, tmp_path / "desktop.sqlite3", FakeTime())
    try:
        yield made
    finally:
        made.close()
