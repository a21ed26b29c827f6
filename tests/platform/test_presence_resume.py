"""The presence monitor reports waking up, also with away detection off (no threshold)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from timo_desktop.core.presence import Away, AwayCause, PresenceConfig
from timo_desktop.platform.idle import Unsupported
from timo_desktop.platform.power import PowerEvent, PowerEventKind
from timo_desktop.platform.power.clock_gap import ClockReading
from timo_desktop.platform.presence_monitor import PresenceMonitor

SETTLE_MS = 30_000  # only guards against a hang
ON = PresenceConfig(threshold=timedelta(minutes=5))
OFF = PresenceConfig(threshold=None)


class Clocks:
    """Three clocks the test moves: `sleep` runs wall and elapsed time but not awake time."""

    def __init__(self) -> None:
        self.wall = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
        self.elapsed = 1000.0
        self.awake = 1000.0

    def __call__(self) -> ClockReading:
        return ClockReading(self.wall, self.elapsed, self.awake)

    def sleep(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.elapsed += seconds

    def run(self, seconds: float) -> None:
        self.sleep(seconds)
        self.awake += seconds


class AwakeIdle:
    """An idle counter that stops while the machine sleeps, as X11's does."""

    name = "fake"

    def __init__(self, clocks: Clocks) -> None:
        self.clocks = clocks
        self.input_at = clocks.awake

    def seconds_since_input(self) -> float:
        return self.clocks.awake - self.input_at


def _monitor(config: PresenceConfig, clocks: Clocks, interval_ms: int = 5000) -> PresenceMonitor:
    return PresenceMonitor(Unsupported("test"), config, interval_ms=interval_ms, clocks=clocks)


@pytest.mark.parametrize("config", [ON, OFF], ids=["on", "off"])
def test_resume_from_another_thread_is_reported(qtbot: QtBot, config: PresenceConfig) -> None:
    monitor = _monitor(config, Clocks())
    monitor.start(with_os_events=False)
    try:
        with qtbot.waitSignal(monitor.resumed, timeout=SETTLE_MS):
            os_thread = threading.Thread(
                target=monitor.report_power,
                args=(PowerEvent(PowerEventKind.RESUME, datetime.now(UTC)),),
            )
            os_thread.start()
            os_thread.join()
    finally:
        monitor.stop()


@pytest.mark.parametrize("config", [ON, OFF], ids=["on", "off"])
def test_unannounced_sleep_is_reported_by_the_running_poll(
    qtbot: QtBot, config: PresenceConfig
) -> None:
    clocks = Clocks()
    monitor = _monitor(config, clocks, interval_ms=50)
    monitor.start(with_os_events=False)
    try:
        with qtbot.waitSignal(monitor.resumed, timeout=SETTLE_MS):
            clocks.sleep(40 * 60)
    finally:
        monitor.stop()


def test_a_clock_set_forward_is_not_a_resume(qtbot: QtBot) -> None:
    clocks = Clocks()
    monitor = _monitor(OFF, clocks)
    resumed: list[bool] = []
    monitor.resumed.connect(lambda: resumed.append(True))
    monitor.poll()
    clocks.wall += timedelta(hours=1)  # set by hand: no time passed, nothing slept
    monitor.poll()
    clocks.sleep(600)
    monitor.poll()
    assert resumed == [True]


@pytest.mark.parametrize("toggled", [True, False], ids=["switched-off-and-on", "left-on"])
def test_switching_away_detection_off_forgets_an_away_in_progress(
    qtbot: QtBot, toggled: bool
) -> None:
    monitor = _monitor(ON, Clocks())
    received: list[Away] = []
    monitor.away.connect(received.append)
    monitor.report_power(PowerEvent(PowerEventKind.LOCK, datetime.now(UTC) - timedelta(hours=1)))
    qtbot.waitUntil(lambda: monitor.machine.away_since is not None, timeout=SETTLE_MS)
    if toggled:
        monitor.set_config(OFF)
        monitor.set_config(ON)
    with qtbot.waitSignal(monitor.resumed, timeout=SETTLE_MS):  # queued after the unlock
        monitor.report_power(PowerEvent(PowerEventKind.UNLOCK, datetime.now(UTC)))
        monitor.report_power(PowerEvent(PowerEventKind.RESUME, datetime.now(UTC)))
    assert len(received) == (0 if toggled else 1)


def test_a_sleep_announced_only_after_the_wake_is_not_taken_for_a_return(qtbot: QtBot) -> None:
    """Timo takes no delay inhibitor, so logind's PrepareForSleep(true) may be handled only
    after the wake: the idle counter, read first, looked like input at the wake, and "You
    were away from 18:00 to 08:00" showed before anyone was there."""
    clocks = Clocks()
    idle = AwakeIdle(clocks)
    monitor = PresenceMonitor(idle, ON, clocks=clocks)
    received: list[Away] = []
    monitor.away.connect(received.append)
    monitor.poll()
    went = clocks.wall
    clocks.sleep(14 * 3600)  # overnight; both events are handled after the wake
    monitor.report_power(PowerEvent(PowerEventKind.SUSPEND, went))
    monitor.report_power(PowerEvent(PowerEventKind.RESUME, clocks.wall))
    QCoreApplication.sendPostedEvents(monitor)  # both handled now, in order
    assert monitor.machine.away_since == went
    for _ in range(24):  # two minutes with nobody there
        clocks.run(5)
        monitor.poll()
    assert received == []
    idle.input_at = clocks.awake
    monitor.poll()
    assert received == [Away(went, clocks.wall, AwayCause.SUSPEND)]


def test_a_sleep_announced_after_the_wake_with_the_resume_lost_ends_at_the_first_input(
    qtbot: QtBot,
) -> None:
    """The clocks found the sleep, then the late SUSPEND was applied again: with no RESUME
    after it, the next poll took itself for the wake and ignored the person's first
    seconds back."""
    clocks = Clocks()
    idle = AwakeIdle(clocks)
    monitor = PresenceMonitor(idle, ON, clocks=clocks)
    received: list[Away] = []
    monitor.away.connect(received.append)
    monitor.poll()
    went = clocks.wall
    clocks.sleep(14 * 3600)
    monitor.report_power(PowerEvent(PowerEventKind.SUSPEND, went))  # its RESUME never comes
    QCoreApplication.sendPostedEvents(monitor)
    clocks.run(6)
    back = clocks.wall
    for _ in range(4):  # typing, each second polled every 5 s
        idle.input_at = clocks.awake
        clocks.run(4)
        monitor.poll()
        clocks.run(1)
    assert received == [Away(went, back, AwayCause.SUSPEND)]
