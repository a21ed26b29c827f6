"""The real `timo` on a real X server with a tray: later launches bring the running Timo's
window forward, again and again, with no error in the running one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.support.cli import TIMO
from tests.support.desktop import Desktop, wait_for

pytestmark = pytest.mark.desktop


def main_windows(desktop: Desktop, pid: int) -> list[str]:
    """The process's visible windows bigger than a tray icon (its main window)."""
    found = desktop.run("xdotool", "search", "--onlyvisible", "--pid", str(pid), check=False)
    return [w for w in found.stdout.split() if desktop.size(w)[0] > 300]


def test_every_later_launch_raises_the_window_without_an_error(
    desktop: Desktop, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    log = home / "logs" / "timo.log"
    with desktop.timo(home, tmp_path / "timo.out") as running:
        # The log opens, and later launches are listened for, once the window is painted.
        wait_for(lambda: main_windows(desktop, running.pid) and log.exists(), "Timo's window")
        for launch in range(3):  # the audit saw the error on every second launch
            shown = main_windows(desktop, running.pid)
            # One window: no "Something went wrong" box beside it.
            assert len(shown) == 1, log.read_text(encoding="utf-8")[-2000:]
            window = shown[0]
            desktop.xdotool("windowfocus", "--sync", window)
            desktop.xdotool("key", "ctrl+w")  # to the tray
            wait_for(lambda: not main_windows(desktop, running.pid), "the window to hide")

            again = subprocess.run(
                TIMO, env=desktop.app_env(home), capture_output=True, timeout=60, check=False
            )
            assert again.returncode == 0, again.stderr
            wait_for(
                lambda: main_windows(desktop, running.pid),
                f"launch {launch + 2} to bring the window forward",
            )
        assert running.poll() is None
        # The running Timo lets each launch's connection go: no error is logged or shown.
        wait_for(
            lambda: log.read_text(encoding="utf-8").count("already running") == 3,
            "the later launches to have logged",
        )
        text = log.read_text(encoding="utf-8")
        assert "Unexpected error" not in text, text[-2000:]
