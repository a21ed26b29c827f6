"""Windows idle arithmetic, with user32/kernel32 replaced by real ctypes callbacks."""

from __future__ import annotations

import ctypes

import pytest

from timo_desktop.platform.idle import IdleUnavailable
from timo_desktop.platform.idle.windows import LASTINPUTINFO, WindowsIdle, idle_milliseconds

GetLastInputInfoProto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(LASTINPUTINFO))
GetTickCount64Proto = ctypes.CFUNCTYPE(ctypes.c_uint64)


def fake_windows(last_input_tick32: int, now_tick64: int, ok: bool = True) -> WindowsIdle:
    """A WindowsIdle whose two system calls are C callbacks answering like Windows would."""

    def get_last_input_info(info: ctypes._Pointer[LASTINPUTINFO]) -> int:
        # Windows fails the call unless cbSize is set by the caller.
        if info.contents.cbSize != ctypes.sizeof(LASTINPUTINFO):
            return 0
        info.contents.dwTime = last_input_tick32
        return int(ok)

    calls = (GetLastInputInfoProto(get_last_input_info), GetTickCount64Proto(lambda: now_tick64))
    idle = WindowsIdle(*calls)
    idle._keepalive = calls  # type: ignore[attr-defined]  # callbacks must outlive the object
    return idle


def test_plain_difference_in_seconds() -> None:
    assert fake_windows(1_000_000, 1_004_500).seconds_since_input() == 4.5


def test_tick_count_wrapped_since_last_input() -> None:
    # Last input 1 s before the 32-bit tick wrapped; now 2 s after it, on day 50 of uptime.
    last = (1 << 32) - 1000
    now = (1 << 32) + 2000
    assert fake_windows(last, now).seconds_since_input() == 3.0


def test_long_uptime_uses_low_32_bits_of_tick64() -> None:
    # Uptime of ~200 days (several wraps); input 90 s ago.
    now = 5 * (1 << 32) + 123_456
    last = (now - 90_000) % (1 << 32)
    assert fake_windows(last, now).seconds_since_input() == 90.0


def test_a_last_input_stamped_ahead_of_the_tick_is_input_just_now() -> None:
    """Input sent with SendInput carries its sender's tick: one 10 ms ahead read as 49.7
    days without input, and the person was asked about an absence of 1,193 hours."""
    assert idle_milliseconds(10, 20) == 0
    assert idle_milliseconds((1 << 32) + 5, (1 << 32) - 5) == 10  # across the wrap, behind


def test_failed_call_is_reported_not_guessed() -> None:
    with pytest.raises(IdleUnavailable, match="GetLastInputInfo"):
        fake_windows(0, 5000, ok=False).seconds_since_input()
