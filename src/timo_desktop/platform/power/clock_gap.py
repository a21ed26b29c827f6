"""Sleep the OS did not announce, and wall-clock changes, found between two polls.

Three clocks are read at each poll: the wall clock, a monotonic clock that
keeps counting while the machine sleeps ("elapsed") and one that stops
("awake"). Elapsed minus awake is time asleep; wall minus elapsed is the
wall clock being set (by the person, NTP or a time zone service).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class ClockReading:
    wall: datetime
    elapsed: float  # seconds, counting through sleep
    awake: float  # seconds, stopping during sleep


@dataclass(frozen=True)
class Slept:
    """The machine slept from `start` (last seen awake) to `end`, in the current wall clock."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class ClockSet:
    """The wall clock was set by `delta` without that time passing."""

    delta: timedelta


class ClockGapDetector:
    """Compares consecutive readings; reports clock changes before sleeps."""

    def __init__(self, tolerance: timedelta = timedelta(seconds=2)) -> None:
        self._tolerance = tolerance.total_seconds()
        self._previous: ClockReading | None = None

    def check(self, reading: ClockReading) -> list[Slept | ClockSet]:
        """What happened since the previous reading (nothing for the first)."""
        previous, self._previous = self._previous, reading
        if previous is None:
            return []
        found: list[Slept | ClockSet] = []
        elapsed = reading.elapsed - previous.elapsed
        jump = (reading.wall - previous.wall).total_seconds() - elapsed
        if abs(jump) > self._tolerance:
            found.append(ClockSet(timedelta(seconds=jump)))
        asleep = elapsed - (reading.awake - previous.awake)
        if asleep > self._tolerance:
            found.append(Slept(reading.wall - timedelta(seconds=elapsed), reading.wall))
        return found


def system_clocks() -> Callable[[], ClockReading]:
    """A function reading this OS's three clocks."""
    if sys.platform == "win32":
        return _windows_clocks()
    if sys.platform == "darwin":
        # CLOCK_MONOTONIC counts through sleep on macOS; CLOCK_UPTIME_RAW does not.
        elapsed_id, awake_id = time.CLOCK_MONOTONIC, time.CLOCK_UPTIME_RAW  # type: ignore[attr-defined]
    else:
        elapsed_id, awake_id = time.CLOCK_BOOTTIME, time.CLOCK_MONOTONIC

    def read() -> ClockReading:
        return ClockReading(
            datetime.now(UTC), time.clock_gettime(elapsed_id), time.clock_gettime(awake_id)
        )

    return read


def _windows_clocks() -> Callable[[], ClockReading]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # only on Windows
    kernel32.GetTickCount64.restype = ctypes.c_uint64
    unbiased = ctypes.c_uint64()

    def read() -> ClockReading:
        # QueryUnbiasedInterruptTime leaves out sleep, in 100 ns units.
        kernel32.QueryUnbiasedInterruptTime(ctypes.byref(unbiased))
        return ClockReading(
            datetime.now(UTC), kernel32.GetTickCount64() / 1000.0, unbiased.value / 1e7
        )

    return read
