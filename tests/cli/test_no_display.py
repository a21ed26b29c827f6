"""`timo` with no command where no window can open (over SSH, on a console): one line
saying so and pointing at `timo --help`, status 2, instead of Qt's platform plugin dump
and an abort (status 134)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from timo_desktop.ui.app import NO_DISPLAY, no_display

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="X11 and Wayland sessions are Linux's"
)
DISPLAYS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.fixture
def no_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """An SSH login or a console: no display named, no Qt platform chosen."""
    for name in DISPLAYS:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("args", [(), ("--background",)])
def test_the_window_without_a_display_says_so_in_one_line(
    no_session: None, timo_home: Path, args: tuple[str, ...]
) -> None:
    done = run_timo(timo_home, *args)
    assert (done.returncode, done.stdout) == (NO_DISPLAY, "")
    assert done.stderr == (
        "timo: the Timo window needs a graphical session (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set); `timo --help` lists the commands that work here\n"
    )
    assert not timo_home.exists()  # stopped before anything was created
    assert run_timo(timo_home, "status").returncode == 0  # the commands do work here


@pytest.mark.parametrize(
    ("name", "value"),
    [("DISPLAY", ":0"), ("WAYLAND_DISPLAY", "wayland-0"), ("QT_QPA_PLATFORM", "vnc")],
)
def test_a_display_or_a_chosen_platform_lets_qt_try(
    no_session: None, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    assert no_display() is not None
    monkeypatch.setenv(name, value)
    assert no_display() is None
