"""Told to stop by a signal (SIGTERM as the session ends or the computer shuts down, Ctrl+C
in a terminal, SIGHUP as the terminal closes), the real `timo` app quits at once, asking
nothing, with exit status 0, and records that moment as when it was last running, not a
clean exit: the next start asks about the timer it left running."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.cli import TIMO, ZONE, run_timo
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.database import Heartbeat

# Seconds before the test gives up: a bound on failure (a hang), not a speed target.
PATIENCE = 60.0


def _as_from_a_terminal() -> None:
    # A runner that started the tests in the background ignores SIGINT (under `nohup`,
    # SIGHUP too), and the app, as Python does, would keep an inherited ignore; a
    # terminal's Ctrl+C and hangup are not ignored.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _heartbeat(database: Path) -> Heartbeat | None:
    tracker = Tracker.open(database)
    try:
        return tracker.store.heartbeat()
    finally:
        tracker.close()


@pytest.mark.parametrize("told", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_quits_at_once_and_the_next_start_asks(timo_home: Path, told: str) -> None:
    assert run_timo(timo_home, "start", "Homepage layout").returncode == 0
    database = resolve(timo_home).database
    # Offscreen there is no tray: the window is shown, and closing it would ask.
    app = subprocess.Popen(TIMO, env={**os.environ, "TZ": ZONE}, preexec_fn=_as_from_a_terminal)
    try:
        given_up = time.monotonic() + PATIENCE
        # The app's first heartbeat, once the window is painted and the earlier run read.
        while (beat := _heartbeat(database)) is None or beat.pid != app.pid:
            assert app.poll() is None, "Timo exited before showing its window"
            assert time.monotonic() < given_up, "Timo did not come up"
            time.sleep(0.1)
        while datetime.now(UTC).replace(microsecond=0) <= beat.alive_at:
            time.sleep(0.05)  # heartbeats are whole seconds: the next one is told apart
        sent = datetime.now(UTC).replace(microsecond=0)
        app.send_signal(signal.Signals[told])
        assert app.wait(timeout=PATIENCE) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    tracker = Tracker.open(database)
    try:
        found = tracker.recover()
    finally:
        tracker.close()
    assert found is not None, "recorded as a clean exit: the next start would ask nothing"
    assert found.entry.description == "Homepage layout"
    assert found.last_alive is not None and found.last_alive >= sent
    assert not found.session_ended  # a signal does not say why
