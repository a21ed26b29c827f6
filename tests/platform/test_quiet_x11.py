"""The X11 fullscreen check against a real X server, real windows, and xprop as the window manager.

Xvfb runs no window manager, so the test plays its part: it names the active
window on the root window and, where a window manager would, sets the
window's `_NET_WM_STATE` with `xprop`.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

from tests.platform.window_manager import activate, set_state
from tests.support.desktop import Desktop, stop, wait_for
from timo_desktop.platform.quiet import Unsupported, detect
from timo_desktop.platform.quiet.x11 import ErrorHandler, X11Fullscreen, XErrorEvent

BAD_WINDOW = 3

# A slide show as Qt makes one: fullscreen and on top, so its _NET_WM_STATE lists
# several atoms (Qt writes them itself while no window manager runs).
SLIDES = """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
slides = QWidget(None, Qt.WindowType.WindowStaysOnTopHint)
slides.setWindowTitle("timo-test-slides")
slides.showFullScreen()
app.exec()
"""


@contextmanager
def window(desktop: Desktop, args: list[str], *search: str) -> Iterator[str]:
    """Run a program that opens one window; yield the window id; stop the program by PID."""
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield desktop.wait_for_window(*search)[0]
    finally:
        stop(process)


def note(desktop: Desktop, name: str) -> AbstractContextManager[str]:
    """A plain `xmessage` window, its instance named `name`."""
    return window(desktop, ["xmessage", "-name", name, name], "--classname", name)


@pytest.fixture
def x11(desktop: Desktop) -> Iterator[X11Fullscreen]:
    found = detect({"DISPLAY": desktop.display}, "linux")
    assert isinstance(found, X11Fullscreen)
    yield found
    found.close()


@pytest.mark.desktop
def test_without_a_window_manager_nothing_is_quiet(desktop: Desktop, x11: X11Fullscreen) -> None:
    assert "_NET_ACTIVE_WINDOW" not in desktop.run("xprop", "-root").stdout
    with note(desktop, "timo-test-note"):
        assert x11.is_quiet() is False
    assert x11.errors == []


@pytest.mark.desktop
def test_quiet_follows_the_active_window_and_its_fullscreen_state(
    desktop: Desktop, x11: X11Fullscreen
) -> None:
    with (
        window(desktop, [sys.executable, "-c", SLIDES], "--name", "timo-test-slides") as slides,
        note(desktop, "timo-test-note") as plain,
    ):
        states = desktop.run("xprop", "-id", slides, "_NET_WM_STATE").stdout
        assert "_NET_WM_STATE_FULLSCREEN" in states and "_NET_WM_STATE_ABOVE" in states
        activate(desktop, slides)
        assert x11.is_quiet() is True
        activate(desktop, plain)  # the slides go behind: reminders may show
        assert x11.is_quiet() is False
        set_state(desktop, plain, "_NET_WM_STATE_FULLSCREEN")
        assert x11.is_quiet() is True
        set_state(desktop, plain, "_NET_WM_STATE_ABOVE")  # left fullscreen, still on top
        assert x11.is_quiet() is False
        activate(desktop, "0")  # nothing focused
        assert x11.is_quiet() is False
    assert x11.errors == []


@pytest.mark.desktop
def test_a_vanished_active_window_is_not_quiet_and_does_not_end_timo(
    desktop: Desktop, x11: X11Fullscreen
) -> None:
    with note(desktop, "timo-test-gone") as gone:
        set_state(desktop, gone, "_NET_WM_STATE_FULLSCREEN")
        activate(desktop, gone)
        assert x11.is_quiet() is True
    wait_for(lambda: desktop.run("xprop", "-id", gone, check=False).returncode != 0, "window gone")
    # Without Timo's handler, Xlib's default one would end this process here.
    assert x11.is_quiet() is False
    assert x11.errors == [BAD_WINDOW]
    with note(desktop, "timo-test-next") as following:
        set_state(desktop, following, "_NET_WM_STATE_FULLSCREEN")
        activate(desktop, following)
        assert x11.is_quiet() is True
        assert x11.errors == []


@pytest.mark.desktop
def test_the_error_handler_in_force_before_is_restored(x11: X11Fullscreen) -> None:
    xlib = x11._xlib
    own = ErrorHandler(lambda display, event: 0)
    own_pointer = ctypes.cast(own, ctypes.c_void_p).value
    before = xlib.XSetErrorHandler(own_pointer)
    try:
        x11.is_quiet()
        assert xlib.XSetErrorHandler(own_pointer) == own_pointer
    finally:
        xlib.XSetErrorHandler(before)


@pytest.mark.desktop
def test_errors_of_other_connections_go_to_the_handler_before(x11: X11Fullscreen) -> None:
    seen: list[int] = []

    def record(display: int, event: ctypes._Pointer[XErrorEvent]) -> int:
        seen.append(display)
        return 0

    previous = ErrorHandler(record)
    x11._previous_handler = ctypes.cast(previous, ctypes.c_void_p).value
    event = XErrorEvent(error_code=BAD_WINDOW)
    other_display = 0x1234
    x11._handler(other_display, ctypes.pointer(event))
    assert seen == [other_display] and x11.errors == []


@pytest.mark.desktop
def test_closed_backend_is_not_quiet(desktop: Desktop) -> None:
    x11 = X11Fullscreen(desktop.display)
    x11.close()
    assert x11.is_quiet() is False


@pytest.mark.desktop
def test_wayland_sessions_do_not_ask_xwayland(desktop: Desktop) -> None:
    found = detect({"DISPLAY": desktop.display, "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert isinstance(found, Unsupported) and found.is_quiet() is False


def test_an_x_display_that_does_not_answer_is_unsupported() -> None:
    found = detect({"DISPLAY": ":399"}, "linux")
    assert isinstance(found, Unsupported)
    assert ":399" in found.reason
