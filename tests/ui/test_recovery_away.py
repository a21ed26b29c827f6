"""Timo ended (told to stop, the session ending) while the person was away from the
computer: the next start offers to stop the timer when they were last at it, first and by
Enter, beside when Timo was last running; and Quit with "You were away" unanswered asks
for that answer first, then quits."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.test_shell_recovery import OPENED, _answer
from timo_desktop.core.presence import Away, AwayCause, AwayChoice
from timo_desktop.ui import prompts
from timo_desktop.ui.prompts import AwayFirst, QuitChoice

# The earlier Timo in a process of its own (offscreen): a timer from `started`; the last
# input at `last_input`; at `ended` Timo is told to stop (`quit_without_asking`, what
# SIGTERM does) or the session ends (`logout`). The presence machine is the app's own,
# with a 60 s threshold, sampled by hand with what the OS would report as idle time.
_EARLIER_APP = """
import os, sys
from datetime import datetime, timedelta
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from timo_desktop.core.presence import PresenceConfig, PresenceMachine
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp

mode, sampled = sys.argv[1], sys.argv[2] == "sampled"
opened, started, last_input, ended = (datetime.fromisoformat(arg) for arg in sys.argv[3:7])
app = QApplication([])
now = [opened]
tracker = Tracker.open(resolve().ensure().database, clock=lambda: now[0], zone="Europe/Berlin")
timo = TimoApp(tracker, resolve(), Settings(), use_tray=False)


def once_presence_runs():
    if timo.presence is None or timo.presence.monitor is None:
        QTimer.singleShot(20, once_presence_runs)
        return
    monitor = timo.presence.monitor
    monitor.stop()  # this machine's real idle counter is not the test's
    machine = monitor.machine = PresenceMachine(opened, PresenceConfig(timedelta(seconds=60)))
    now[0] = started
    tracker.start("Research")
    machine.sample(last_input, 0)
    if sampled:  # polled after the threshold: an away period is open
        machine.sample(ended - timedelta(seconds=5), (ended - last_input).total_seconds() - 5)
    now[0] = ended
    if mode == "logout":
        timo._session_ending(None)
        os._exit(15)
    timo.quit_without_asking()
    app.exit(0)


timo.first_screen_shown.connect(lambda: QTimer.singleShot(0, once_presence_runs))
timo.start(background=False)
app.exec()
tracker.close()
"""

STARTED = OPENED + timedelta(minutes=5)  # 09:05
LAST_INPUT = OPENED + timedelta(minutes=8, seconds=11)  # 09:08:11
ENDED = OPENED + timedelta(minutes=12, seconds=23)  # 09:12:23


def earlier_app(mode: str, sampled: bool, last_input: datetime = LAST_INPUT) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            _EARLIER_APP,
            mode,
            "sampled" if sampled else "not yet",
            OPENED.isoformat(),
            STARTED.isoformat(),
            last_input.isoformat(),
            ENDED.isoformat(),
        ],
        check=mode != "logout",
        timeout=120,
    )


@pytest.mark.parametrize("sampled", [True, False], ids=["away-open", "idle-unsampled"])
@pytest.mark.parametrize("mode", ["told", "logout"])
def test_gone_while_away_offers_to_stop_when_last_at_the_computer(
    qtbot: QtBot, mode: str, sampled: bool
) -> None:
    earlier_app(mode, sampled)
    with clocked_tracker(Clock(OPENED + timedelta(hours=3))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, buttons, default = _answer(qtbot, Qt.Key.Key_Return)
        went, last = (
            ("You logged out or shut down", "when you did")
            if mode == "logout"
            else ("Timo was closed", "when Timo was last running")
        )
        assert text == (
            f"{went} while “Research” was running. Stop it at 09:08, when you were last at "
            f"the computer, or at 09:12, {last}, or keep it running?"
        )
        assert buttons[:2] == ["Stop at 09:08", "Stop at 09:12"]
        assert default == "Stop at 09:08"  # Enter bills no time away
        qtbot.waitUntil(lambda: tracker.running() is None)
        [entry] = tracker.days(OPENED.date(), OPENED.date())
        assert (entry.start, entry.end) == (STARTED, LAST_INPUT)


def test_gone_while_at_the_computer_offers_when_timo_was_last_running(qtbot: QtBot) -> None:
    """Input 30 s before Timo went, under the 60 s threshold: no time away to offer."""
    earlier_app("told", False, ENDED - timedelta(seconds=30))
    with clocked_tracker(Clock(OPENED + timedelta(hours=3))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, buttons, default = _answer(qtbot, Qt.Key.Key_Return)
        assert text == (
            "Timo was closed while “Research” was running. Stop it at 09:12, "
            "when Timo was last running, or keep it running?"
        )
        assert default == "Keep running"
        assert "Stop at 09:12" in buttons and len(buttons) == 2
        qtbot.waitUntil(lambda: timo.presence is not None)
        assert tracker.running() is not None


def test_quit_with_the_away_question_open_asks_for_its_answer_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    back = OPENED + timedelta(minutes=16, seconds=22)
    with clocked_tracker(Clock(back)) as tracker, app_on(tracker) as timo:
        tracker.start("Research", at=STARTED)
        timo.start(background=False)
        qtbot.waitUntil(lambda: timo.presence is not None)
        assert timo.presence is not None
        flow = timo.presence.flow
        flow.on_away(Away(OPENED + timedelta(minutes=15, seconds=10), back, AwayCause.IDLE))
        dialog = flow.dialog
        assert dialog is not None
        first: list[str] = []
        monkeypatch.setattr(
            prompts, "ask_away_first", lambda _p: first.append("away") or AwayFirst.ANSWER
        )
        monkeypatch.setattr(
            prompts, "ask_quit", lambda _p, _r: first.append("quit") or QuitChoice.KEEP_RUNNING
        )
        quits: list[bool] = []
        timo.quit_requested.connect(lambda: quits.append(True))
        timo.request_quit()
        assert first == ["away"] and quits == []
        assert dialog.isVisible()
        dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].click()
        qtbot.waitUntil(lambda: quits == [True])
        assert first == ["away", "quit"]  # then asked about the timer, as Quit does
        # The time away was answered (left out), not kept on the timer unasked.
        running = tracker.running()
        assert running is not None and running.start == back
