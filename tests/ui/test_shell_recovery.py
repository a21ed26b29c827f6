"""The crash question at start-up, after an earlier Timo (a real other process) ended:
never after a clean exit (Quit → Keep running); asked, from the moment it went, when the
session ended or the system told Timo to stop, naming a logout when the session manager
said so; asked when Timo died within a minute of a timer's start; naming the day when it
was not today; and answered with Keep running by Enter or Esc, which throws no time away."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from timo_desktop.core.local_time import at_local
from timo_desktop.ui import prompts
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.prompts import RecoveryChoice, when_last_seen

# The earlier Timo, the desktop app in a process of its own on the offscreen platform,
# opened at `opened` (its first heartbeat). A timer starts at `started`; at `ended` the app
# beats once more (as it does every minute) and 50 s later:
#   quit-keep      Quit, and "Keep running" is the answer
#   session        Qt quits unasked (as when the session ends), the window hidden
#   logout         the session manager says the session ends (Qt's commitDataRequest),
#                  and the session then ends the process
#   told           told to stop (what SIGTERM does in `run_app`), and Qt's loop ends
#   crash          the app dies
#   crash-at-once  the app dies before that beat (within a minute of the start)
_EARLIER_APP = """
import os, sys
from datetime import datetime, timedelta
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui import prompts
from timo_desktop.ui.controller import TimoApp

mode = sys.argv[1]
opened, started, ended = (datetime.fromisoformat(arg) for arg in sys.argv[2:5])
app = QApplication([])
now = [opened]
tracker = Tracker.open(resolve().ensure().database, clock=lambda: now[0], zone="Europe/Berlin")
timo = TimoApp(tracker, resolve(), Settings(), use_tray=False)
timo.quit_requested.connect(app.quit)


def after_first_paint():
    now[0] = started
    tracker.start("Homepage layout")
    now[0] = ended
    if mode == "crash-at-once":
        os._exit(9)
    tracker.beat()
    now[0] = ended + timedelta(seconds=50)
    if mode == "quit-keep":
        prompts.ask_quit = lambda _parent, _running: prompts.QuitChoice.KEEP_RUNNING
        timo.request_quit()
    elif mode == "session":
        timo.window.hide()  # in the tray: a window shown refuses Qt's quit (it hides instead)
        app.quit()
    elif mode == "logout":
        # What commitDataRequest calls: Python cannot emit it without a real session
        # manager (a QSessionManager it cannot make).
        timo._session_ending(None)
        os._exit(15)
    elif mode == "told":
        timo.quit_without_asking()
        app.exit(0)
    else:
        os._exit(9)


timo.first_screen_shown.connect(lambda: QTimer.singleShot(0, after_first_paint))
timo.start(background=False)
app.exec()
tracker.close()
"""

DAY = date(2026, 3, 10)
OPENED = at_local(DAY, time(9, 0), ZONE)


def earlier_app(mode: str, started: datetime, ended: datetime) -> None:
    """Run the earlier Timo (opened at 09:00 Berlin) in a process of its own until it ends."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            _EARLIER_APP,
            mode,
            OPENED.isoformat(),
            started.isoformat(),
            ended.isoformat(),
        ],
        check=mode not in ("crash", "crash-at-once", "logout"),
        timeout=120,
    )


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """When each crash question asked to stop (`at 11:42`, and `as the session ended` when
    it named that); each is answered Keep running."""
    whens: list[str] = []

    def ask(
        _parent: object,
        _running: str,
        when: str,
        *,
        session_ended: bool = False,
        away: str | None = None,
    ) -> RecoveryChoice:
        whens.append(f"{when} as the session ended" if session_ended else when)
        return RecoveryChoice.KEEP_RUNNING

    monkeypatch.setattr(prompts, "ask_recovery", ask)
    return whens


@contextmanager
def started_again(qtbot: QtBot, now: datetime) -> Iterator[TimoApp]:
    """Timo starts again at `now`, and has asked what it asks at start-up."""
    with clocked_tracker(Clock(now)) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        # The settings, sync and presence load only after the question has been answered.
        qtbot.waitUntil(lambda: timo.presence is not None)
        yield timo


def test_no_question_after_quit_with_the_timer_kept_running(qtbot: QtBot, asked: list[str]) -> None:
    """ "Keep running… Timo picks it up when it starts again": it does, without asking."""
    started = OPENED + timedelta(minutes=5)
    earlier_app("quit-keep", started, started + timedelta(hours=2))
    with started_again(qtbot, started + timedelta(hours=5)) as timo:
        assert asked == []
        running = timo.tracker.running()
        assert running is not None and running.start == started


@pytest.mark.parametrize(
    ("mode", "when"),
    [
        ("session", "at 11:06"),
        ("told", "at 11:06"),
        ("logout", "at 11:06 as the session ended"),
    ],
)
def test_going_unasked_is_asked_about_from_that_moment(
    qtbot: QtBot, asked: list[str], mode: str, when: str
) -> None:
    """Logged out at 11:06:10 with the timer running, not asked about it: the next start
    asks, offering to stop it then, not at the last minute's heartbeat (11:05:20)."""
    started = OPENED + timedelta(minutes=5)
    earlier_app(mode, started, started + timedelta(hours=2, seconds=20))
    with started_again(qtbot, started + timedelta(hours=5)) as timo:
        assert asked == [when]
        assert timo.tracker.running() is not None  # kept running, as answered


def test_told_to_stop_before_reading_the_earlier_run_keeps_its_record(qtbot: QtBot) -> None:
    """Stopped before its first heartbeat (right at start-up), Timo leaves the earlier
    run's record as it was: the start after asks about the crash, from that run's beat."""
    started = OPENED + timedelta(minutes=5)
    earlier_app("crash", started, started + timedelta(hours=2))  # last beat: 11:05
    with clocked_tracker(Clock(OPENED + timedelta(hours=5))) as tracker, app_on(tracker) as timo:
        timo.quit_without_asking()
        found = tracker.recover()
    assert found is not None and found.last_alive == started + timedelta(hours=2)


def test_dying_within_a_minute_of_the_start_is_asked_about(qtbot: QtBot, asked: list[str]) -> None:
    """The earlier app beat at 09:00, a timer started at 09:00:40, the app died at 09:00:50,
    before its next beat."""
    started = OPENED + timedelta(seconds=40)
    earlier_app("crash-at-once", started, started + timedelta(seconds=10))
    with started_again(qtbot, OPENED + timedelta(hours=3)) as timo:
        assert asked == ["at 09:00"]
        assert timo.tracker.running() is not None  # kept running, as answered


def test_a_crash_is_still_asked_about(qtbot: QtBot, asked: list[str]) -> None:
    """The control: the app killed after a heartbeat is asked about, from that beat."""
    started = OPENED + timedelta(minutes=5)
    earlier_app("crash", started, started + timedelta(hours=2))
    with started_again(qtbot, started + timedelta(hours=5)):
        assert asked == ["at 11:05"]


def test_the_day_is_named_when_it_was_not_today() -> None:
    seen = at_local(DAY, time(17, 42), ZONE)
    assert when_last_seen(seen, ZONE, seen + timedelta(minutes=30)) == "at 17:42"
    next_morning = at_local(DAY + timedelta(days=1), time(9, 0), ZONE)
    assert when_last_seen(seen, ZONE, next_morning) == "yesterday at 17:42"
    days_later = at_local(DAY + timedelta(days=4), time(9, 0), ZONE)
    assert when_last_seen(seen, ZONE, days_later) == "on Tue 10 Mar at 17:42"
    # Just after midnight, 23:50 was yesterday, though only minutes ago.
    late = at_local(DAY, time(23, 50), ZONE)
    assert when_last_seen(late, ZONE, late + timedelta(minutes=20)) == "yesterday at 23:50"


def _answer(qtbot: QtBot, answer: str | Qt.Key) -> tuple[str, list[str], str | None]:
    """Wait for the crash question; press `answer` (a button's text, or a key) and return
    its text, its buttons and its default button. The question is modal, so a timer
    running inside its own event loop answers it."""
    seen: list[tuple[str, list[str], str | None]] = []

    def answer_if_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or seen:
            return
        default = box.defaultButton()
        seen.append(
            (box.text(), [b.text() for b in box.buttons()], default.text() if default else None)
        )
        buttons = [b for b in box.buttons() if b.text() == answer]
        if isinstance(answer, Qt.Key):
            QTest.keyClick(box, answer)
        elif buttons:
            buttons[0].click()
        else:  # not there: let the box go (the test fails on what it said, not a hang)
            box.reject()

    poll = QTimer(interval=20)
    poll.timeout.connect(answer_if_asked)
    poll.start()
    try:
        qtbot.waitUntil(lambda: bool(seen))
    finally:
        poll.stop()
    return seen[0]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape], ids=["Enter", "Esc"])
def test_enter_and_esc_keep_the_timer_running(qtbot: QtBot, key: Qt.Key) -> None:
    """The person may have worked on after Timo went: a key pressed in passing must not
    throw that time away. Stopping takes the Stop button."""
    started = OPENED + timedelta(minutes=5)
    earlier_app("crash", started, started + timedelta(hours=2))  # last beat: 11:05
    with clocked_tracker(Clock(OPENED + timedelta(hours=5))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        _text, _buttons, default = _answer(qtbot, key)
        assert default == "Keep running"
        qtbot.waitUntil(lambda: timo.presence is not None)
        running = tracker.running()
        assert running is not None and running.start == started


def test_the_question_and_its_button_name_yesterday(qtbot: QtBot) -> None:
    """Last alive at 17:42 yesterday; Timo starts again this morning."""
    started = OPENED + timedelta(minutes=5)
    earlier_app("crash", started, at_local(DAY, time(17, 42), ZONE))
    next_morning = at_local(DAY + timedelta(days=1), time(8, 30), ZONE)
    with clocked_tracker(Clock(next_morning)) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, buttons, _default = _answer(qtbot, "Stop yesterday at 17:42")
        assert "Stop it yesterday at 17:42, when Timo was last running" in text
        assert "Stop yesterday at 17:42" in buttons
        qtbot.waitUntil(lambda: tracker.running() is None)
        [entry] = tracker.days(DAY, DAY)
        assert (entry.start, entry.end) == (started, at_local(DAY, time(17, 42), ZONE))


def test_after_a_logout_the_question_says_so_and_stops_the_timer_then(qtbot: QtBot) -> None:
    started = OPENED + timedelta(minutes=5)
    earlier_app("logout", started, started + timedelta(hours=2, seconds=20))
    logged_out = started + timedelta(hours=2, seconds=70)  # 11:06:10
    with clocked_tracker(Clock(OPENED + timedelta(hours=5))) as tracker, app_on(tracker) as timo:
        timo.start(background=False)
        text, _buttons, _default = _answer(qtbot, "Stop at 11:06")
        assert text == (
            "You logged out or shut down while “Homepage layout” was running. "
            "Stop it at 11:06, when you did, or keep it running?"
        )
        qtbot.waitUntil(lambda: tracker.running() is None)
        [entry] = tracker.days(DAY, DAY)
        assert (entry.start, entry.end) == (started, logged_out)
