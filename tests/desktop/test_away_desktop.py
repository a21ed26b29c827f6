"""The real `timo` on a real X server: idle past the threshold, come back, one question, Discard.

The X server's own idle counter (libXss) is what the app reads; xdotool's
pointer moves are real input to it. The app polls every 5 s, so the dialog
shows up to 5 s after the return.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.support.cli import run_timo
from tests.support.desktop import Desktop, wait_for

from timo_desktop.core.local_time import from_text

pytestmark = pytest.mark.desktop

TITLE = "You were away — Timo"
THRESHOLD = 60  # seconds, the lowest setting (settings.LEAST_AWAY)
IDLE_FOR = THRESHOLD + 3  # seconds without input: away for longer than the threshold
POLL = 5  # seconds, the app's presence poll (platform.presence_monitor.POLL_INTERVAL_MS)


def away_windows(desktop: Desktop) -> list[str]:
    found = desktop.run("xdotool", "search", "--onlyvisible", "--name", TITLE, check=False)
    return found.stdout.split()


def test_coming_back_asks_once_and_discard_ends_the_entry_at_the_last_input(
    desktop: Desktop, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    configured = run_timo(home, "config", "set", "idle.threshold_seconds", str(THRESHOLD))
    assert configured.returncode == 0, configured.stderr
    started = run_timo(home, "start", "Homepage layout")
    assert started.returncode == 0, started.stderr

    with desktop.timo(home, tmp_path / "timo.log") as process:
        wait_for(
            lambda: desktop.run("xdotool", "search", "--name", "— Timo$", check=False).stdout,
            "the Timo window",
        )
        time.sleep(1)  # the presence monitor starts just after the first paint
        desktop.mousemove(10, 10)
        last_input = datetime.now(UTC)
        time.sleep(IDLE_FOR)
        assert away_windows(desktop) == []  # nobody is back yet: nothing to ask

        desktop.mousemove(300, 300)
        window = wait_for(lambda: away_windows(desktop), f"the '{TITLE}' window")[0]  # type: ignore[index]
        time.sleep(POLL + 1)  # a further poll while it is open must not stack another
        assert away_windows(desktop) == [window]
        # It does not take the keyboard from what the person types into (a "d" would
        # answer it): Timo does not focus it, and tells the window manager not to either.
        assert desktop.xdotool("getwindowfocus") != window
        told = desktop.run("xprop", "-id", window, "_NET_WM_USER_TIME", check=False).stdout
        assert told.strip().endswith("= 0"), told

        desktop.xdotool("windowfocus", "--sync", window)  # the person clicks or switches to it
        desktop.xdotool("key", "d")
        wait_for(lambda: not away_windows(desktop), "the dialog to close after Discard")

        entries = json.loads(run_timo(home, "log", "--json").stdout)
        assert [e["description"] for e in entries] == ["Homepage layout"]
        end = entries[0]["end"]
        assert end is not None, "Discard stops the timer"
        assert abs(from_text(end) - last_input) <= timedelta(seconds=2)
        assert process.poll() is None, "the app is still running"
