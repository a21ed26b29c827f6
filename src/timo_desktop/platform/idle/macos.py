"""macOS idle time: CoreGraphics `CGEventSourceSecondsSinceLastEventType`.

Asked for the HID system state (input from real devices, not synthetic events
of other apps) and any input event type. One library call per poll, no
`ioreg` subprocess.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable

COREGRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
K_CG_EVENT_SOURCE_STATE_HID_SYSTEM_STATE = 1
K_CG_ANY_INPUT_EVENT_TYPE = 0xFFFFFFFF  # ~0 as a 32-bit CGEventType

SecondsSinceLastEventType = Callable[[int, int], float]


class MacIdle:
    """Idle seconds from CoreGraphics; the call can be replaced for tests."""

    name = "macos"

    def __init__(self, seconds_since_last_event_type: SecondsSinceLastEventType | None = None):
        self._call = seconds_since_last_event_type or _load()

    def seconds_since_input(self) -> float:
        """Seconds since the last keyboard, pointer or other HID input."""
        from timo_desktop.platform.idle import IdleUnavailable

        seconds = self._call(K_CG_EVENT_SOURCE_STATE_HID_SYSTEM_STATE, K_CG_ANY_INPUT_EVENT_TYPE)
        if not math.isfinite(seconds) or seconds < 0:
            raise IdleUnavailable(f"CoreGraphics returned an impossible idle time: {seconds!r}")
        return float(seconds)


def _load() -> SecondsSinceLastEventType:
    from timo_desktop.platform.idle import IdleUnavailable

    try:
        library = ctypes.CDLL(COREGRAPHICS)
    except OSError as exc:
        raise IdleUnavailable(f"CoreGraphics could not be loaded: {exc}") from exc
    function = library.CGEventSourceSecondsSinceLastEventType
    function.argtypes = (ctypes.c_int32, ctypes.c_uint32)
    function.restype = ctypes.c_double
    call: SecondsSinceLastEventType = function
    return call
