"""The X11 backend against a real X server's idle counter, moved by xdotool."""

from __future__ import annotations

import time

import pytest

from tests.support.desktop import Desktop
from timo_desktop.platform.idle import IdleUnavailable, detect
from timo_desktop.platform.idle.x11 import X11Idle


@pytest.mark.desktop
def test_idle_counter_follows_real_input(desktop: Desktop) -> None:
    backend = detect(desktop.env, "linux")
    assert isinstance(backend, X11Idle)
    try:
        desktop.mousemove(200, 200)
        assert backend.seconds_since_input() < 2.0
        time.sleep(4.0)  # no input for 4 s: the counter itself must show it
        assert backend.seconds_since_input() >= 3.0
        desktop.mousemove(300, 250)
        assert backend.seconds_since_input() < 2.0
    finally:
        backend.close()


@pytest.mark.desktop
def test_closed_backend_refuses_to_read(desktop: Desktop) -> None:
    backend = X11Idle(desktop.display)
    backend.close()
    with pytest.raises(IdleUnavailable, match="closed"):
        backend.seconds_since_input()
