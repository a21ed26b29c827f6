"""macOS idle reading, with CoreGraphics replaced by a real ctypes callback."""

from __future__ import annotations

import ctypes
import math

import pytest

from timo_desktop.platform.idle import IdleUnavailable
from timo_desktop.platform.idle.macos import MacIdle

Proto = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_int32, ctypes.c_uint32)


def fake_mac(answer: float) -> tuple[MacIdle, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []

    def seconds_since_last_event_type(state: int, event_type: int) -> float:
        seen.append((state, event_type))
        return answer

    callback = Proto(seconds_since_last_event_type)
    idle = MacIdle(callback)
    idle._keepalive = callback  # type: ignore[attr-defined]
    return idle, seen


def test_asks_hid_system_state_for_any_input_type() -> None:
    idle, seen = fake_mac(12.25)
    assert idle.seconds_since_input() == 12.25
    # kCGEventSourceStateHIDSystemState = 1; kCGAnyInputEventType = ~0 through a uint32.
    assert seen == [(1, 0xFFFFFFFF)]


@pytest.mark.parametrize("answer", [-1.0, math.nan, math.inf])
def test_impossible_answers_are_refused(answer: float) -> None:
    idle, _ = fake_mac(answer)
    with pytest.raises(IdleUnavailable):
        idle.seconds_since_input()
