"""Timo told to stop (SIGTERM, Ctrl+C) while "You were away" is still unanswered: the
time away is not billed unasked. On the running timer, the next start offers to
stop it when the person left, first and by Enter, as for a person still away when Timo
went; on an entry stopped since the return, the time away leaves it; an answered period is
not offered again."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.test_shell_recovery import OPENED, _answer
from timo_desktop.services.tracker import Tracker

# The earlier Timo in a process of its own (offscreen), its presence machine its own with a
# 60 s threshold, sampled by hand with what the OS would report: a timer from `started`; no
# input from `left` until `back`, so "You were away" opens. Then, by `mode`: `open` leaves
# it open; `stopped` stops the timer 3 minutes after the return; `answered` keeps the time
# away, and the person is away again from `left2` to `back2`. At `ended` Timo is told to
# stop (`quit_without_asking`, what SIGTERM does).
_EARLIER_APP = """
import os, sys
from datetime import datetime, timedelta
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timo_desktop.core.presence import AwayChoice, PresenceConfig, PresenceMachine
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp

mode = sys.argv[1]
opened, started, left, back, ended, left2, back2 = map(datetime.fromisoformat, sys.argv[2:9])
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
    flow = timo.presence.flow

    def away(since, until):
        machine.sample(since, 0)
        now[0] = until
        found = machine.sample(until, 0)
        assert found is not None
        monitor.away.emit(found)  # as the monitor reports it
        assert flow.dialog is not None and flow.dialog.isVisible()

    now[0] = started
    tracker.start("Research")
    away(left, back)
    if mode == "stopped":
        now[0] = back + timedelta(minutes=3)
        tracker.stop()
        timo.reload()
        assert flow.dialog is not None  # still asked: the entry holds the time away
    if mode == "answered":
        flow.dialog.buttons[AwayChoice.KEEP].click()
        assert flow.dialog is None
        away(left2, back2)
    now[0] = ended
    timo.quit_without_asking()
    app.exit(0)


timo.first_screen_shown.connect(lambda: QTimer.singleShot(0, once_presence_runs))
timo.start(background=False)
app.exec()
tracker.close()
"""

STARTED = OPENED - timedelta(minutes=30)  # 08:30
LEFT = OPENED  # 09:00
BACK = OPENED + timedelta(minutes=40)  # 09:40
LEFT2 = OPENED + timedelta(hours=1)  # 10:00
BACK2 = OPENED + timedelta(hours=1, minutes=30)  # 10:30


def earlier_app(mode: str, ended: datetime) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            _EARLIER_APP,
            mode,
            *(t.isoformat() for t in (STARTED - timedelta(minutes=30), STARTED, LEFT, BACK)),
            *(t.isoformat() for t in (ended, LEFT2, BACK2)),
        ],
        check=True,
        timeout=120,
    )


def entries(tracker: Tracker) -> list[tuple[datetime, datetime | None]]:
    return [(e.start, e.end) for e in tracker.days(OPENED.date(), OPENED.date())]


def test_told_to_stop_with_the_question_open_offers_to_stop_when_the_person_left(
    qtbot: QtBot,
) -> None:
    earlier_app("open", BACK + timedelta(minutes=5))
    with clocked_tracker(Clock(OPENED + timedelta(hours=3))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, buttons, default = _answer(qtbot, Qt.Key.Key_Return)
        assert text == (
            "Timo was closed while “Research” was running. Stop it at 09:00, when you were "
            "last at the computer, or at 09:45, when Timo was last running, or keep it running?"
        )
        assert buttons[:2] == ["Stop at 09:00", "Stop at 09:45"]
        assert default == "Stop at 09:00"  # Enter bills no time away
        qtbot.waitUntil(lambda: tracker.running() is None)
        assert entries(tracker) == [(STARTED, LEFT)]


def test_told_to_stop_with_a_stopped_entry_asked_about_bills_no_time_away() -> None:
    """Nothing runs, so the next start asks nothing: the time away already left the entry,
    and the minutes worked after the return stay."""
    earlier_app("stopped", BACK + timedelta(minutes=5))
    with clocked_tracker(Clock(OPENED + timedelta(hours=3))) as tracker:
        assert entries(tracker) == [(STARTED, LEFT), (BACK, BACK + timedelta(minutes=3))]


def test_an_answered_time_away_is_not_offered_again(qtbot: QtBot) -> None:
    """The 09:00–09:40 time away was kept; the one from 10:00 was not answered."""
    earlier_app("answered", BACK2 + timedelta(minutes=5))
    with clocked_tracker(Clock(OPENED + timedelta(hours=3))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, _, default = _answer(qtbot, Qt.Key.Key_Return)
        assert text == (
            "Timo was closed while “Research” was running. Stop it at 10:00, when you were "
            "last at the computer, or at 10:35, when Timo was last running, or keep it running?"
        )
        assert default == "Stop at 10:00"
        qtbot.waitUntil(lambda: tracker.running() is None)
        assert entries(tracker) == [(STARTED, LEFT2)]
