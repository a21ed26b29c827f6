"""Crash recovery at start-up: a timer left running by a Timo that died is offered to be
stopped when that Timo was last alive. The earlier run is a real other process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.ui.controller import TimoApp

# The earlier Timo: starts a timer, beats while alive, then is gone without stopping it.
_EARLIER_RUN = """
import sys
from datetime import datetime
from pathlib import Path
from timo_desktop.services.tracker import Tracker

started, last_beat = (datetime.fromisoformat(arg) for arg in sys.argv[2:4])
now = [started]
tracker = Tracker.open(Path(sys.argv[1]), clock=lambda: now[0])
tracker.start("Homepage layout")
now[0] = last_beat
if len(sys.argv) > 4:  # gone with "You were away" unanswered, away since then
    tracker.record_last_seen(away_since=datetime.fromisoformat(sys.argv[4]))
else:
    tracker.beat()
tracker.close()
"""

DAY = date(2026, 3, 10)
STARTED = at_local(DAY, time(9, 0), ZONE)
LAST_ALIVE = STARTED + timedelta(hours=2, minutes=42)  # 11:42 in Berlin


@contextmanager
def restarted_after_a_crash(now: datetime, away_since: datetime | None = None) -> Iterator[TimoApp]:
    """An earlier Timo (a real process) started a timer and died (or was told to go, its
    person away since `away_since`); Timo starts again at `now`."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            _EARLIER_RUN,
            str(resolve().ensure().database),
            STARTED.isoformat(),
            LAST_ALIVE.isoformat(),
            *([away_since.isoformat()] if away_since else []),
        ],
        check=True,
    )
    with clocked_tracker(Clock(now)) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        yield timo


def answer_recovery(qtbot: QtBot, button_text: str) -> str:
    """Wait for the recovery question, press `button_text`, return the question. The question
    is modal (its own event loop), so a timer running inside that loop answers it."""
    questions: list[str] = []

    def answer_if_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or questions:
            return
        questions.append(box.text())
        buttons = [b for b in box.findChildren(QPushButton) if b.text() == button_text]
        assert buttons, f"no {button_text!r} among {[b.text() for b in box.buttons()]}"
        buttons[0].click()

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_asked)
    poll.start()
    try:
        qtbot.waitUntil(lambda: bool(questions))
    finally:
        poll.stop()
    return questions[0]


def test_a_timer_left_by_a_crash_can_be_stopped_when_timo_was_last_alive(qtbot: QtBot) -> None:
    with restarted_after_a_crash(LAST_ALIVE + timedelta(hours=3)) as timo:
        tracker = timo.tracker
        question = answer_recovery(qtbot, "Stop at 11:42")
        assert "Homepage layout" in question and "11:42" in question
        qtbot.waitUntil(lambda: tracker.running() is None)
        stopped = tracker.days(DAY, DAY)
        assert [(e.description, e.start, e.end) for e in stopped] == [
            ("Homepage layout", STARTED, LAST_ALIVE)
        ]
        # The three hours after 11:42 were let go: one click takes that back.
        bar = timo.window.undo_bar
        assert bar.message.text() == "Stopped “Homepage layout” at 11:42."
        bar.button.click()
        running = tracker.running()
        assert running is not None and running.start == STARTED


def test_keep_running_leaves_the_timer_alone(qtbot: QtBot) -> None:
    with restarted_after_a_crash(LAST_ALIVE + timedelta(hours=3)) as timo:
        tracker = timo.tracker
        answer_recovery(qtbot, "Keep running")
        running = tracker.running()
        assert running is not None and running.start == STARTED and running.end is None
        # This run's own heartbeat now stands; the next start has nothing to ask about it.
        beat = tracker.store.heartbeat()
        assert beat is not None and beat.alive_at == LAST_ALIVE + timedelta(hours=3)


def test_no_question_when_the_earlier_run_was_alive_moments_ago(qtbot: QtBot) -> None:
    with restarted_after_a_crash(LAST_ALIVE + timedelta(seconds=30)) as timo:
        tracker = timo.tracker
        qtbot.waitUntil(
            lambda: (
                (beat := tracker.store.heartbeat()) is not None
                and beat.alive_at == LAST_ALIVE + timedelta(seconds=30)
            )
        )
        assert QApplication.activeModalWidget() is None
        assert tracker.running() is not None


def test_time_away_left_unanswered_is_asked_about_however_soon_timo_is_back(
    qtbot: QtBot,
) -> None:
    """Gone with "You were away" unanswered (a logout, a restart) and started again within
    two minutes: the timer ran on over the time away, billed without asking."""
    away = LAST_ALIVE - timedelta(hours=1)  # 10:42, an hour before Timo went
    with restarted_after_a_crash(LAST_ALIVE + timedelta(seconds=30), away_since=away) as timo:
        tracker = timo.tracker
        question = answer_recovery(qtbot, "Stop at 10:42")
        assert "10:42" in question
        qtbot.waitUntil(lambda: tracker.running() is None)
        [stopped] = tracker.days(DAY, DAY)
        assert (stopped.start, stopped.end) == (STARTED, away)


def test_shutdown_lets_the_window_go(qtbot: QtBot) -> None:
    """The window has no parent: unless shut down with the app, each app left one behind."""
    with clocked_tracker(Clock(LAST_ALIVE)) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        window = timo.window
        timo.shutdown()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(window)
