"""A day's total, and a selection's, count every second their entries hold (as the Reports
window and the exports bill them), while each row shows its own length in whole minutes."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.workday import CTRL, DAY, press
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column


def add(timo: TimoApp, hour: int, length: timedelta) -> None:
    """An entry from `hour`:00:05 on DAY (timers keep their seconds)."""
    start = at_local(DAY, time(hour, 0, 5), ZONE)
    timo.tracker.add(f"Work at {hour}", start, start + length)


def shown(timo: TimoApp) -> tuple[str, list[str]]:
    """Today's header and the durations on its rows, as the list shows them."""
    model = timo.window.entries.model()
    day = model.index(0, 0)
    rows = [model.index(r, Column.DURATION, day).data() for r in range(model.rowCount(day))]
    return day.data(), rows


def test_seconds_the_rows_leave_out_count_in_the_day(qtbot: QtBot, day_app: TimoApp) -> None:
    add(day_app, 7, timedelta(seconds=30))
    add(day_app, 8, timedelta(seconds=30))
    day_app.reload()
    assert shown(day_app) == ("Today — 0:01 total, 0:00 billable", ["0:00", "0:00"])


def test_the_day_selection_and_running_timer_count_every_second(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    # 10m 40s and 20m 30s, and a timer running 5m 50s: 37m in all, rows of 0:10, 0:20, 0:05.
    add(day_app, 7, timedelta(minutes=10, seconds=40))
    add(day_app, 8, timedelta(minutes=20, seconds=30))
    day_app.tracker.start("Running", at=day_clock.now - timedelta(minutes=5, seconds=50))
    day_app.reload()
    assert shown(day_app) == ("Today — 0:37 total, 0:00 billable", ["0:05", "0:20", "0:10"])

    day_app.window.entries.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)  # every entry
    bar = day_app.window.selection_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.summary.text() == "3 entries selected (0:37)"

    day_clock.now += timedelta(seconds=60)  # the running timer adds a minute to both
    day_app._on_tick()  # what the window's one-second timer calls
    assert shown(day_app)[0] == "Today — 0:38 total, 0:00 billable"
    assert bar.summary.text() == "3 entries selected (0:38)"
