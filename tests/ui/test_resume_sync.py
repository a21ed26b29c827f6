"""Waking from sleep syncs at once, with away detection on or off; off never asks about time away.

The OS is played by the test (idle seconds, power events, the clocks: none of
them can be made to sleep here); the app, its Tracker, SQLite file and sync
worker are the real ones. Nobody is signed in, so each round the worker runs
ends quickly in "signed out" and is counted in `SyncWorker.rounds`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.platform.power import OnEvent, PowerEvent, PowerEventKind, PowerSource
from timo_desktop.platform.power.clock_gap import ClockReading
from timo_desktop.platform.presence_monitor import PresenceMonitor
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, with_value
from timo_desktop.sync.worker import SyncWorker
from timo_desktop.ui.controller import TimoApp

SETTLE_MS = 30_000  # only guards against a hang


class FakeOs:
    """Idle seconds, power events and the three clocks, as the test sets them."""

    name = "fake"

    def __init__(self) -> None:
        self.idle = 0.0
        self.asleep = 0.0  # seconds slept so far: the wall and elapsed clocks ran, awake did not
        self.report: OnEvent | None = None

    def seconds_since_input(self) -> float:
        return self.idle

    def clocks(self) -> ClockReading:
        awake = time.monotonic()
        wall = datetime.now(UTC) + timedelta(seconds=self.asleep)
        return ClockReading(wall, awake + self.asleep, awake)

    def start_sources(self, on_event: OnEvent) -> list[PowerSource]:
        self.report = on_event
        return []

    def power(self, kind: PowerEventKind, at: datetime | None = None) -> None:
        assert self.report is not None, "the app listens to no power events"
        self.report(PowerEvent(kind, at or datetime.now(UTC)))


@pytest.fixture
def fake_os(monkeypatch: pytest.MonkeyPatch) -> FakeOs:
    fake = FakeOs()
    monkeypatch.setattr("timo_desktop.platform.idle.detect", lambda: fake)
    monkeypatch.setattr("timo_desktop.platform.presence_monitor.system_clocks", lambda: fake.clocks)
    monkeypatch.setattr("timo_desktop.platform.presence_monitor.start_sources", fake.start_sources)
    return fake


@pytest.fixture(params=[0, 300], ids=["away-detection-off", "away-detection-on"])
def threshold(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture
def app(qtbot: QtBot, fake_os: FakeOs, threshold: int) -> Iterator[TimoApp]:
    """The app with `idle.threshold_seconds` = `threshold`, a timer running for an hour,
    and the sync worker's first round done."""
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    tracker.start("Homepage layout", at=datetime.now(UTC) - timedelta(hours=1))
    settings = with_value(Settings(), "idle.threshold_seconds", str(threshold))
    timo = TimoApp(tracker, paths, settings, use_tray=False)
    timo.start(background=False)
    qtbot.waitUntil(lambda: _worker(timo).status() is not None, timeout=SETTLE_MS)
    qtbot.waitUntil(lambda: timo.presence is not None, timeout=SETTLE_MS)
    yield timo
    if timo.presence is not None and timo.presence.flow.dialog is not None:
        timo.presence.flow.dialog.dismiss()
    timo.shutdown()
    tracker.close()
    timo.window.deleteLater()
    timo.deleteLater()


def _worker(timo: TimoApp) -> SyncWorker:
    worker = timo.sync_bridge.worker
    assert worker is not None
    return worker


def _monitor(timo: TimoApp) -> PresenceMonitor:
    assert timo.presence is not None and timo.presence.monitor is not None
    return timo.presence.monitor


def test_resume_announced_by_the_os_syncs_at_once(
    qtbot: QtBot, app: TimoApp, fake_os: FakeOs
) -> None:
    before = _worker(app).rounds
    fake_os.power(PowerEventKind.SUSPEND)
    fake_os.power(PowerEventKind.RESUME)
    qtbot.waitUntil(lambda: _worker(app).rounds > before, timeout=SETTLE_MS)


def test_sleep_found_only_by_the_clocks_syncs_at_once(
    qtbot: QtBot, app: TimoApp, fake_os: FakeOs
) -> None:
    before = _worker(app).rounds
    fake_os.asleep += 40 * 60
    _monitor(app).poll()  # the 5 s poll, without waiting for it
    qtbot.waitUntil(lambda: _worker(app).rounds > before, timeout=SETTLE_MS)


def test_away_is_asked_about_only_while_away_detection_is_on(
    qtbot: QtBot, app: TimoApp, fake_os: FakeOs, threshold: int
) -> None:
    # Locked for 20 minutes while the timer ran: four times the threshold, when there is one.
    fake_os.power(PowerEventKind.LOCK, datetime.now(UTC) - timedelta(minutes=30))
    fake_os.power(PowerEventKind.UNLOCK, datetime.now(UTC) - timedelta(minutes=10))
    # Power events are queued in order: once the resume has woken the worker,
    # the lock and unlock before it have been handled too.
    before = _worker(app).rounds
    fake_os.power(PowerEventKind.RESUME)
    qtbot.waitUntil(lambda: _worker(app).rounds > before, timeout=SETTLE_MS)

    assert app.presence is not None
    dialog = app.presence.flow.dialog
    if threshold:
        assert dialog is not None and dialog.isVisible()
    else:
        assert dialog is None
