"""Finding unannounced sleep and wall-clock changes between polls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from timo_desktop.platform.power.clock_gap import (
    ClockGapDetector,
    ClockReading,
    ClockSet,
    Slept,
    system_clocks,
)

T0 = datetime(2025, 3, 4, 22, 0, tzinfo=UTC)


def reading(wall_s: float, elapsed: float, awake: float) -> ClockReading:
    return ClockReading(T0 + timedelta(seconds=wall_s), elapsed, awake)


def test_regular_polls_report_nothing() -> None:
    detector = ClockGapDetector()
    assert detector.check(reading(0, 100, 50)) == []
    assert detector.check(reading(5.01, 105, 55)) == []


def test_sleep_between_polls_is_reported_with_its_span() -> None:
    detector = ClockGapDetector()
    detector.check(reading(0, 100, 50))
    # 8 h later: the elapsed clock counted the night, the awake clock 3 s of it.
    night = 8 * 3600.0
    assert detector.check(reading(night + 3, 100 + night + 3, 53)) == [
        Slept(T0, T0 + timedelta(seconds=night + 3))
    ]


def test_clock_set_forward_is_not_sleep() -> None:
    detector = ClockGapDetector()
    detector.check(reading(0, 100, 50))
    assert detector.check(reading(3605, 105, 55)) == [ClockSet(timedelta(hours=1))]


def test_clock_set_back_during_sleep_reports_both_in_order() -> None:
    detector = ClockGapDetector()
    detector.check(reading(0, 100, 50))
    found = detector.check(reading(600 - 3600, 700, 55))  # slept 595 s, clock set back 1 h
    assert found == [
        ClockSet(timedelta(hours=-1)),
        Slept(T0 - timedelta(hours=1), T0 + timedelta(seconds=600 - 3600)),
    ]


def test_this_machines_clocks_read_forward() -> None:
    read = system_clocks()
    first, second = read(), read()
    assert second.elapsed >= first.elapsed
    assert second.awake >= first.awake
    assert ClockGapDetector().check(first) == []
