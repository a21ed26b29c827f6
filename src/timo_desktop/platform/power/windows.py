"""Windows: sleep, wake, lock and unlock through a Qt native event filter.

`WM_POWERBROADCAST` reaches every top-level window; WTS session changes reach
the window registered with `WTSRegisterSessionNotification`. The filter owns a
hidden `QWindow` (never shown) to be that window. Tested on Linux by feeding
it `MSG` structures; the registration runs only on Windows.
"""

from __future__ import annotations

import ctypes
import logging
from ctypes import wintypes
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QTimer
from PySide6.QtGui import QWindow

from timo_desktop.platform.power import OnEvent, PowerEvent, PowerEventKind

log = logging.getLogger(__name__)

REGISTER_TRIES = 12  # asking for session notifications: a minute, every 5 s, at sign-in
REGISTER_PAUSE_MS = 5000
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
PBT_APMRESUMESUSPEND = 0x0007  # resume after user input
PBT_APMRESUMEAUTOMATIC = 0x0012  # every resume, including unattended ones
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WTS_SESSION_UNLOCK = 0x8
NOTIFY_FOR_THIS_SESSION = 0


class MSG(ctypes.Structure):
    _fields_ = (
        ("hwnd", wintypes.HWND),
        ("message", wintypes.UINT),
        ("wParam", wintypes.WPARAM),
        ("lParam", wintypes.LPARAM),
        ("time", wintypes.DWORD),
        ("pt", wintypes.POINT),
    )


def translate(message: int, wparam: int) -> PowerEventKind | None:
    """The power event a window message means, or None."""
    if message == WM_POWERBROADCAST:
        if wparam == PBT_APMSUSPEND:
            return PowerEventKind.SUSPEND
        if wparam in (PBT_APMRESUMESUSPEND, PBT_APMRESUMEAUTOMATIC):
            return PowerEventKind.RESUME
    if message == WM_WTSSESSION_CHANGE:
        if wparam == WTS_SESSION_LOCK:
            return PowerEventKind.LOCK
        if wparam == WTS_SESSION_UNLOCK:
            return PowerEventKind.UNLOCK
    return None


class PowerEventFilter(QAbstractNativeEventFilter):
    """Passes Windows power and session messages to `on_event`; lets every message through."""

    name = "windows"

    def __init__(self, on_event: OnEvent) -> None:
        super().__init__()
        self._on_event = on_event
        self._window: QWindow | None = None

    def nativeEventFilter(self, eventType: Any, message: Any) -> tuple[bool, int]:
        if bytes(eventType) == b"windows_generic_MSG":
            msg = MSG.from_address(int(message))
            kind = translate(msg.message, msg.wParam)
            if kind is not None:
                self._on_event(PowerEvent(kind, datetime.now(UTC)))
        return False, 0

    def install(self, app: QCoreApplication) -> None:
        """Install the filter and register a hidden window for session notifications."""
        app.installNativeEventFilter(self)
        self._window = QWindow()
        self._register_for_sessions(REGISTER_TRIES)

    def _register_for_sessions(self, tries: int) -> None:
        """Ask for lock and unlock. Started at sign-in, Timo may ask before the session
        services run, and Windows then refuses (RPC_S_INVALID_BINDING): without asking
        again, no lock or unlock came all session."""
        if self._window is None:
            return
        hwnd = int(self._window.winId())  # creates the native window without showing it
        wtsapi32 = ctypes.windll.wtsapi32  # type: ignore[attr-defined]  # only on Windows
        wtsapi32.WTSRegisterSessionNotification.restype = wintypes.BOOL
        if wtsapi32.WTSRegisterSessionNotification(wintypes.HWND(hwnd), NOTIFY_FOR_THIS_SESSION):
            return
        error = ctypes.get_last_error() or ctypes.GetLastError()  # type: ignore[attr-defined]
        if tries > 1:
            QTimer.singleShot(REGISTER_PAUSE_MS, lambda: self._register_for_sessions(tries - 1))
        else:
            log.warning("Windows would not report locking and unlocking (error %d)", error)

    def stop(self) -> None:
        """Unregister and remove the filter."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self)
        if self._window is not None:
            wtsapi32 = ctypes.windll.wtsapi32  # type: ignore[attr-defined]
            wtsapi32.WTSUnRegisterSessionNotification(wintypes.HWND(int(self._window.winId())))
            self._window.destroy()
            self._window = None
