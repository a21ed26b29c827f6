"""libX11 through ctypes, for the X11 backends (idle time, fullscreen quiet)."""

from __future__ import annotations

import ctypes
import ctypes.util

_SONAMES = {"X11": "libX11.so.6", "Xss": "libXss.so.1"}  # where find_library finds nothing


def library(name: str, unavailable: type[Exception]) -> ctypes.CDLL:
    """`lib<name>`, or `unavailable` saying it is not installed."""
    try:
        return ctypes.CDLL(ctypes.util.find_library(name) or _SONAMES[name])
    except OSError as exc:
        raise unavailable(f"lib{name} is not installed ({exc})") from exc


def load_xlib(unavailable: type[Exception]) -> ctypes.CDLL:
    """libX11 with the calls every backend makes typed: open and close a display, its root
    window, and freeing what Xlib allocated."""
    lib = library("X11", unavailable)
    lib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
    lib.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XFree.argtypes = (ctypes.c_void_p,)
    return lib
