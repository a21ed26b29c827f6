"""The Qt presence monitor: real X idle counter under Xvfb, power events from other threads."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.support.desktop import Desktop
from timo_desktop.core.presence import Away, AwayCause, PresenceConfig
from timo_desktop.platform.idle import IdleUnavailable, Unsupported
from timo_desktop.platform.idle.x11 import X11Idle
from timo_desktop.platform.power import PowerEvent, PowerEventKind
from timo_desktop.platform.presence_monitor import PresenceMonitor


@pytest.mark.desktop
def test_one_away_signal_after_real_idle_and_return(desktop: Desktop, qtbot: QtBot) -> None:
    idle = X11Idle(desktop.display)
    monitor = PresenceMonitor(idle, PresenceConfig(threshold=timedelta(seconds=2)), interval_ms=200)
    received: list[Away] = []
    monitor.away.connect(received.append)
    try:
        desktop.mousemove(10, 10)
        last_move = datetime.now(UTC)
        monitor.start(with_os_events=False)
        qtbot.waitUntil(lambda: monitor.machine.away_since is not None, timeout=30_000)
        desktop.mousemove(400, 300)
        back = datetime.now(UTC)
        qtbot.waitUntil(lambda: len(received) == 1, timeout=30_000)
        desktop.mousemove(410, 300)  # still here: no second question
        qtbot.wait(600)
    finally:
        monitor.stop()
        idle.close()
    (away,) = received
    assert away.cause is AwayCause.IDLE
    assert abs(away.start - last_move) < timedelta(seconds=1)
    assert abs(away.end - back) < timedelta(seconds=1)


def test_power_events_from_another_thread_end_in_one_away(qtbot: QtBot) -> None:
    monitor = PresenceMonitor(Unsupported("test: no idle counter"), PresenceConfig(timedelta(0)))
    received: list[Away] = []
    monitor.away.connect(received.append)
    locked_at = datetime.now(UTC)

    def os_thread() -> None:
        monitor.report_power(PowerEvent(PowerEventKind.LOCK, locked_at))
        time.sleep(0.01)
        monitor.report_power(PowerEvent(PowerEventKind.UNLOCK, datetime.now(UTC)))

    with qtbot.waitSignal(monitor.away, timeout=30_000):
        worker = threading.Thread(target=os_thread)
        worker.start()
        worker.join()
    assert len(received) == 1
    assert received[0].start == locked_at
    assert received[0].cause is AwayCause.LOCK


class _StopsAnswering:
    """An idle source that answers once, then cannot (GNOME's idle monitor went away)."""

    name = "fake"

    def __init__(self) -> None:
        self.answered = False

    def seconds_since_input(self) -> float:
        if self.answered:
            raise IdleUnavailable("GNOME's idle monitor did not answer")
        self.answered = True
        return 0.0


def test_once_the_idle_time_cannot_be_read_the_person_is_not_taken_as_away(
    qtbot: QtBot,
) -> None:
    monitor = PresenceMonitor(_StopsAnswering(), PresenceConfig(timedelta(minutes=5)))
    monitor.poll()
    read_at = monitor.machine.last_input
    assert monitor.machine.away_at(read_at + timedelta(hours=1)) == read_at
    monitor.poll()
    assert monitor.machine.away_at(read_at + timedelta(hours=1)) is None
