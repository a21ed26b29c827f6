"""Qt glue: polls idle time and the clocks every 5 s, routes power events, emits `away`
and `resumed`.

One `QTimer` wake-up per interval (coarse, so the OS may batch it); power
events arrive from their own threads or the native event filter and are
queued onto the Qt thread. The decisions are `core.presence`'s. With away
detection off (no threshold) it still runs: a resume must reach the sync
worker either way, and the machine then never reports an away period.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from timo_desktop.core.presence import Away, PresenceConfig, PresenceMachine
from timo_desktop.platform.idle import IdleSource, IdleUnavailable, Unsupported
from timo_desktop.platform.power import PowerEvent, PowerEventKind, PowerSource, start_sources
from timo_desktop.platform.power.clock_gap import (
    ClockGapDetector,
    ClockReading,
    ClockSet,
    Slept,
    system_clocks,
)

POLL_INTERVAL_MS = 5000
log = logging.getLogger(__name__)


class PresenceMonitor(QObject):
    """Watches for the person leaving and coming back; emits `away(Away)` on return
    and `resumed()` when the computer wakes (announced or found by the clock check)."""

    away = Signal(object)
    resumed = Signal()
    _power = Signal(object)

    def __init__(
        self,
        idle: IdleSource | Unsupported,
        config: PresenceConfig | None = None,
        interval_ms: int = POLL_INTERVAL_MS,
        clocks: Callable[[], ClockReading] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle = idle
        self._clocks = clocks or system_clocks()
        self.machine = PresenceMachine(self._clocks().wall, config)
        self._detector = ClockGapDetector()
        self._sources: list[PowerSource] = []
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.timeout.connect(self.poll)
        self._power.connect(self._on_power, Qt.ConnectionType.QueuedConnection)

    def start(self, with_os_events: bool = True) -> None:
        """Start polling and, unless told not to, listening to the OS's power events."""
        if with_os_events:
            self._sources = start_sources(self.report_power)
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        """Stop polling and every power source."""
        self._timer.stop()
        for source in self._sources:
            source.stop()
        self._sources = []

    def set_config(self, config: PresenceConfig) -> None:
        """Apply a new threshold (`idle.threshold_seconds`) without losing what is known;
        switching away detection off forgets an away period in progress."""
        if config.threshold is None:
            # Time spent switched off is not "away" once switched on again.
            self.machine = PresenceMachine(self._clocks().wall, config)
        else:
            self.machine.config = config

    def report_power(self, event: PowerEvent) -> None:
        """Hand in a power or lock event; safe from any thread."""
        self._power.emit(event)

    def poll(self) -> None:
        """Read the clocks and the idle counter once."""
        reading = self._clocks()
        for found in self._detector.check(reading):
            if isinstance(found, ClockSet):
                self.machine.clock_jump(found.delta)
            elif isinstance(found, Slept):
                self.machine.slept(found.start, found.end)
                self.resumed.emit()
        self._sample(reading.wall)

    def _sample(self, at: datetime) -> None:
        if isinstance(self.idle, Unsupported):
            self.machine.idle_unreadable()
            return
        try:
            seconds = self.idle.seconds_since_input()
        except IdleUnavailable as exc:
            log.warning("idle time unavailable: %s", exc)
            self.machine.idle_unreadable()
            return
        self._emit(self.machine.sample(at, seconds))

    def _on_power(self, event: PowerEvent) -> None:
        # A sample at this moment pins the away start to the last input. The clocks come
        # first: an event queued across a sleep (Timo takes no delay inhibitor) is handled
        # after the wake, and the sleep must be known before the idle counter, which stops
        # in sleep, is read, or its reading looks like input at the wake.
        self.poll()
        machine = self.machine
        if event.kind is PowerEventKind.SUSPEND:
            machine.suspend(event.at)
        elif event.kind is PowerEventKind.RESUME:
            machine.resume(event.at)
            self.resumed.emit()
        elif event.kind is PowerEventKind.LOCK:
            machine.lock(event.at, unlock_follows=event.unlock_follows)
        else:
            self._emit(machine.unlock(event.at))

    def _emit(self, away: Away | None) -> None:
        if away is not None:
            self.away.emit(away)
