"""A Stop the database refuses (another program holding it, a full disk) leaves the timer
running, and said only "nothing was changed": not that it runs on, nor how to record the
end meant, which a later Stop no longer gives."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.workday import MORNING
from timo_desktop.ui.controller import TimoApp


def test_a_stop_the_database_refuses_says_the_timer_runs_on_and_what_to_do(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    timo.tracker.start("Client workshop")
    day_clock.now = MORNING + timedelta(minutes=50)
    timo.reload()
    timo.tracker.store.connection.execute("PRAGMA busy_timeout = 50")  # not 5 s of waiting
    other = sqlite3.connect(timo.tracker.store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program writing
        timo.stop_timer()
        said = timo.window.undo_bar.message.text()
        assert "is busy" in said and "(nothing was changed)." in said
        assert said.endswith(
            "“Client workshop” is still running: stop it again, then correct its end to 09:50"
            " in the list"
        )
        assert timo.tracker.running() is not None
    finally:
        other.close()
