"""Windows: shell32's `SHQueryUserNotificationState`.

Windows sums up whether notifications would disturb the person: a fullscreen
app or Direct3D game, presentation mode, quiet time, or nobody present
(locked, screen saver, switched user). A failing call answers "not quiet" and
is logged once, so a broken shell never swallows reminders.
"""

from __future__ import annotations

import ctypes
import enum
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

S_OK = 0


class NotificationState(enum.IntEnum):
    """`QUERY_USER_NOTIFICATION_STATE` (shellapi.h)."""

    NOT_PRESENT = 1  # locked, screen saver, fast user switching
    BUSY = 2  # a fullscreen app
    RUNNING_D3D_FULL_SCREEN = 3
    PRESENTATION_MODE = 4
    ACCEPTS_NOTIFICATIONS = 5
    QUIET_TIME = 6
    APP = 7  # a Store app in front; it shows its own toasts, so Timo's may come


QUIET_STATES = frozenset(
    {
        NotificationState.NOT_PRESENT,
        NotificationState.BUSY,
        NotificationState.RUNNING_D3D_FULL_SCREEN,
        NotificationState.PRESENTATION_MODE,
        NotificationState.QUIET_TIME,
    }
)

# Takes a pointer to a QUERY_USER_NOTIFICATION_STATE, returns an HRESULT.
QueryUserNotificationState = Callable[[Any], int]


class WindowsQuiet:
    """Quiet from the shell's notification state; the call can be replaced for tests."""

    name = "windows"

    def __init__(self, query: QueryUserNotificationState | None = None) -> None:
        self._query = query or _load()
        self._state = ctypes.c_int()
        self._complained = False

    def is_quiet(self) -> bool:
        """True while Windows would hold back notifications itself."""
        self._state.value = 0
        result = self._query(ctypes.byref(self._state)) & 0xFFFFFFFF
        if result != S_OK:
            self._complain("SHQueryUserNotificationState failed (HRESULT 0x%08X)", result)
            return False
        try:
            state = NotificationState(self._state.value)
        except ValueError:
            self._complain("SHQueryUserNotificationState gave unknown state %d", self._state.value)
            return False
        return state in QUIET_STATES

    def _complain(self, message: str, value: int) -> None:
        # Once per run: the check repeats every minute and would fill the log.
        if not self._complained:
            self._complained = True
            log.warning(message + "; reminders are not held back", value)


def _load() -> QueryUserNotificationState:
    from timo_desktop.platform.quiet import QuietUnavailable

    try:
        function = ctypes.windll.shell32.SHQueryUserNotificationState  # type: ignore[attr-defined]
    except (AttributeError, OSError) as exc:
        raise QuietUnavailable(f"shell32 has no SHQueryUserNotificationState ({exc})") from exc
    function.argtypes = (ctypes.POINTER(ctypes.c_int),)
    function.restype = ctypes.c_long  # HRESULT
    call: QueryUserNotificationState = function
    return call
