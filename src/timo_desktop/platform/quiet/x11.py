"""X11: is the active window fullscreen? (EWMH `_NET_ACTIVE_WINDOW` and `_NET_WM_STATE`.)

The window manager names the active window on the root window and marks
fullscreen windows with `_NET_WM_STATE_FULLSCREEN`; slide shows and video
players in fullscreen all carry it. Without a window manager there is no
active window, and so no quiet.

The display connection and the atoms are set up once; a check is two
property reads. The active window can vanish between the two reads: Xlib's
default error handler would end the process on that `BadWindow`, so an
error handler of Timo's is installed for the duration of the reads only.
"""

from __future__ import annotations

import ctypes
import weakref

from timo_desktop.platform.quiet import QuietUnavailable
from timo_desktop.platform.xlib import load_xlib

SUCCESS = 0
ANY_PROPERTY_TYPE = 0
MAX_STATES = 64  # _NET_WM_STATE holds a dozen atoms at most


class XErrorEvent(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("resourceid", ctypes.c_ulong),
        ("serial", ctypes.c_ulong),
        ("error_code", ctypes.c_ubyte),
        ("request_code", ctypes.c_ubyte),
        ("minor_code", ctypes.c_ubyte),
    )


ErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(XErrorEvent))


def _xlib() -> ctypes.CDLL:
    xlib = load_xlib(QuietUnavailable)
    xlib.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XSetErrorHandler.argtypes = (ctypes.c_void_p,)
    xlib.XSetErrorHandler.restype = ctypes.c_void_p
    xlib.XGetWindowProperty.argtypes = (
        ctypes.c_void_p,  # display
        ctypes.c_ulong,  # window
        ctypes.c_ulong,  # property
        ctypes.c_long,  # offset, in 32-bit units
        ctypes.c_long,  # length, in 32-bit units
        ctypes.c_int,  # delete
        ctypes.c_ulong,  # requested type
        ctypes.POINTER(ctypes.c_ulong),  # actual type
        ctypes.POINTER(ctypes.c_int),  # actual format
        ctypes.POINTER(ctypes.c_ulong),  # item count
        ctypes.POINTER(ctypes.c_ulong),  # bytes left after
        ctypes.POINTER(ctypes.c_void_p),  # the data, allocated by Xlib
    )
    xlib.XGetWindowProperty.restype = ctypes.c_int
    return xlib


class X11Fullscreen:
    """Quiet while the active window of one X display is fullscreen."""

    name = "x11"

    def __init__(self, display_name: str) -> None:
        xlib = _xlib()
        display = xlib.XOpenDisplay(display_name.encode())
        if not display:
            raise QuietUnavailable(f"cannot open X display {display_name!r}")
        self._xlib = xlib
        self._display = display
        self._root = xlib.XDefaultRootWindow(display)
        # Interned (created if need be) once: a window manager started later uses the same ids.
        self._active_atom, self._state_atom, self._fullscreen_atom = (
            xlib.XInternAtom(display, name, 0)
            for name in (b"_NET_ACTIVE_WINDOW", b"_NET_WM_STATE", b"_NET_WM_STATE_FULLSCREEN")
        )
        self.errors: list[int] = []  # X error codes seen during the last check
        self._previous_handler: int | None = None
        self._handler = ErrorHandler(self._on_error)
        self._handler_pointer = ctypes.cast(self._handler, ctypes.c_void_p)
        self._close = weakref.finalize(self, xlib.XCloseDisplay, display)

    def is_quiet(self) -> bool:
        """True while the window manager's active window is fullscreen."""
        if not self._close.alive:
            return False
        self.errors.clear()
        self._previous_handler = self._xlib.XSetErrorHandler(self._handler_pointer)
        try:
            active = self._read(self._root, self._active_atom, 1)
            if not active or active[0] == 0:
                return False  # no window manager, or nothing focused
            return self._fullscreen_atom in self._read(active[0], self._state_atom, MAX_STATES)
        finally:
            # Each read waited for its reply, so any error it caused has been handled by now.
            self._xlib.XSetErrorHandler(self._previous_handler)
            self._previous_handler = None

    def _read(self, window: int, atom: int, max_items: int) -> list[int]:
        """The 32-bit items of a window property; empty if absent, of another format or on error."""
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, left, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._xlib.XGetWindowProperty(
            self._display,
            window,
            atom,
            0,
            max_items,
            0,
            ANY_PROPERTY_TYPE,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(count),
            ctypes.byref(left),
            ctypes.byref(data),
        )
        try:
            if status != SUCCESS or self.errors or actual_format.value != 32 or not data:
                return []
            # Xlib hands format-32 items over as C longs, whatever the word size.
            return list(ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[: count.value])
        finally:
            if data:
                self._xlib.XFree(data)

    def _on_error(self, display: int, event: ctypes._Pointer[XErrorEvent]) -> int:
        if display == self._display:
            self.errors.append(event.contents.error_code)
            return 0
        if self._previous_handler:  # another connection's error: not ours to swallow
            return int(ErrorHandler(self._previous_handler)(display, event))
        return 0

    def close(self) -> None:
        """Close the display connection (also done when the object is collected)."""
        self._close()
