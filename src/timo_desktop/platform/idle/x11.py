"""X11 idle time: the X server's screensaver extension (`XScreenSaverQueryInfo`).

The display connection and the info record are opened once and reused, so a
poll is one round trip to the X server and no allocation.
"""

from __future__ import annotations

import ctypes
import weakref

from timo_desktop.platform.idle import IdleUnavailable
from timo_desktop.platform.xlib import library, load_xlib


class XScreenSaverInfo(ctypes.Structure):
    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("eventMask", ctypes.c_ulong),
    )


class X11Idle:
    """Idle seconds of one X display, read through libXss."""

    name = "x11"

    def __init__(self, display_name: str) -> None:
        xlib = load_xlib(IdleUnavailable)
        xss = library("Xss", IdleUnavailable)
        xss.XScreenSaverQueryExtension.argtypes = (
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        )
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(XScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(XScreenSaverInfo),
        )
        xss.XScreenSaverQueryInfo.restype = ctypes.c_int

        display = xlib.XOpenDisplay(display_name.encode())
        if not display:
            raise IdleUnavailable(f"cannot open X display {display_name!r}")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            xlib.XCloseDisplay(display)
            raise IdleUnavailable(
                f"X display {display_name!r} lacks the MIT-SCREEN-SAVER extension"
            )
        info = xss.XScreenSaverAllocInfo()
        self._query = xss.XScreenSaverQueryInfo
        self._display = display
        self._root = xlib.XDefaultRootWindow(display)
        self._info = info
        self._close = weakref.finalize(self, _release, xlib, display, info)

    def seconds_since_input(self) -> float:
        """Seconds since the X server last saw keyboard or pointer input."""
        if not self._close.alive:
            raise IdleUnavailable("the X display connection is closed")
        if not self._query(self._display, self._root, self._info):
            raise IdleUnavailable("XScreenSaverQueryInfo failed")
        return float(self._info.contents.idle) / 1000.0

    def close(self) -> None:
        """Close the display connection (also done when the object is collected)."""
        self._close()


def _release(xlib: ctypes.CDLL, display: int, info: ctypes._Pointer[XScreenSaverInfo]) -> None:
    xlib.XFree(info)
    xlib.XCloseDisplay(display)
