"""Windows idle time: `GetLastInputInfo` against `GetTickCount64`.

`GetLastInputInfo` stamps the last input with the 32-bit tick count, which
wraps every 49.7 days, so the difference is taken modulo 2**32 against the low
32 bits of the 64-bit tick count. That stamp is "not guaranteed to be
incremental" (Microsoft): input sent with `SendInput` (remote control, software
KVMs) carries its sender's tick, which can be a little ahead of this one.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from ctypes import wintypes
from typing import Any

_TICK_WRAP = 1 << 32


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = (("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD))


def idle_milliseconds(now_tick64: int, last_input_tick32: int) -> int:
    """Milliseconds from a 32-bit last-input tick to a 64-bit current tick, across
    wrap-around; a stamp ahead of the tick is input just now (taken modulo 2**32 it read
    as 49.7 days away)."""
    since = (now_tick64 - last_input_tick32) % _TICK_WRAP
    return 0 if since >= _TICK_WRAP // 2 else since


class WindowsIdle:
    """Idle seconds from user32/kernel32; the two calls can be replaced for tests."""

    name = "windows"

    def __init__(
        self,
        get_last_input_info: Callable[[Any], int] | None = None,
        get_tick_count64: Callable[[], int] | None = None,
    ) -> None:
        if get_last_input_info is None or get_tick_count64 is None:
            get_last_input_info, get_tick_count64 = _load()
        self._get_last_input_info = get_last_input_info
        self._get_tick_count64 = get_tick_count64
        self._info = LASTINPUTINFO(cbSize=ctypes.sizeof(LASTINPUTINFO))

    def seconds_since_input(self) -> float:
        """Seconds since the last input anywhere in this session."""
        from timo_desktop.platform.idle import IdleUnavailable

        if not self._get_last_input_info(ctypes.byref(self._info)):
            raise IdleUnavailable("GetLastInputInfo failed")
        return idle_milliseconds(self._get_tick_count64(), self._info.dwTime) / 1000.0


def _load() -> tuple[Callable[[Any], int], Callable[[], int]]:
    windll = ctypes.windll  # type: ignore[attr-defined]  # only on Windows
    get_last_input_info = windll.user32.GetLastInputInfo
    get_last_input_info.argtypes = (ctypes.POINTER(LASTINPUTINFO),)
    get_last_input_info.restype = wintypes.BOOL
    get_tick_count64 = windll.kernel32.GetTickCount64
    get_tick_count64.argtypes = ()
    get_tick_count64.restype = ctypes.c_uint64
    return get_last_input_info, get_tick_count64
