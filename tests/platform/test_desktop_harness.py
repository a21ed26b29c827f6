"""The desktop harness itself: a display, a tray host, screenshots, and a clean stop."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.desktop import desktop_session


@pytest.mark.desktop
def test_session_starts_tray_takes_screenshot_and_stops(tmp_path: Path) -> None:
    with desktop_session(tmp_path / "d") as desktop:
        assert desktop.trayer_window in desktop.xdotool("search", "--class", "trayer").split()
        shot = desktop.screenshot()
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        display = desktop.display
    # Everything stopped: the display no longer answers.
    probe = subprocess.run(["xdpyinfo", "-display", display], capture_output=True)
    assert probe.returncode != 0
