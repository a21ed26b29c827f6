"""A computer signed in for the first time: while the first sync brings the entries kept on
Vmoox (slow, here: the sandbox holds its entries back), the empty list says they are on
their way, not "No time tracked yet"; once that round is over, the list or the usual
words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import ROUND_MS, round_done
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.status import SyncStatus
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.main_window import FETCHING, NOTHING_TRACKED

SLOW_ENTRIES_MS = 2500  # the first pull of entries, held back this long


@pytest.fixture
def fresh_app(
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TimoApp]:
    """The desktop app on a new computer, signed in to the sandbox, not started yet."""
    monkeypatch.setenv("VMOOX_TOKEN", sandbox.token)
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, zone="Europe/Berlin")
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    yield timo
    timo.shutdown()
    tracker.close()
    timo.window.deleteLater()
    timo.deleteLater()


def first_round(qtbot: QtBot, timo: TimoApp) -> str:
    """Start the app and wait out its first sync round; the empty list's words during it."""
    statuses: list[SyncStatus] = []
    timo.sync_bridge.status_changed.connect(statuses.append)
    window = timo.window
    try:
        timo.start(background=False)
        qtbot.waitUntil(lambda: bool(statuses), timeout=ROUND_MS)
        during = window.empty.text() if window.stack.currentWidget() is window.empty else ""
        qtbot.waitUntil(lambda: any(round_done(s) for s in statuses), timeout=ROUND_MS)
    finally:
        timo.sync_bridge.status_changed.disconnect(statuses.append)
    return during


def test_the_first_sync_says_the_entries_are_coming_then_lists_them(
    qtbot: QtBot,
    fresh_app: TimoApp,
    sandbox: SandboxHandle,
) -> None:
    sandbox.add_fault(
        "/v1/workspaces/*/time-entries*", "latency", latency_ms=SLOW_ENTRIES_MS, times=1
    )
    assert first_round(qtbot, fresh_app) == FETCHING
    window = fresh_app.window
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.entries, timeout=ROUND_MS)


def test_with_nothing_on_vmoox_the_usual_words_follow_the_first_sync(
    qtbot: QtBot,
    fresh_app: TimoApp,
    sandbox: SandboxHandle,
) -> None:
    sandbox.reset("empty")
    sandbox.add_fault(
        "/v1/workspaces/*/time-entries*", "latency", latency_ms=SLOW_ENTRIES_MS, times=1
    )
    assert first_round(qtbot, fresh_app) == FETCHING
    window = fresh_app.window
    assert window.stack.currentWidget() is window.empty
    assert window.empty.text() == NOTHING_TRACKED
