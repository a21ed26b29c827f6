"""The Reports window follows changes while it is open: one made in the window, or one the
command line or sync commits to the database (it had waited for its one-minute tick)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reports_view import ReportsView


def tracked(view: ReportsView) -> int:
    assert view.report is not None
    return view.report.totals.seconds


def test_an_entry_added_here_or_by_the_command_line_shows_at_once(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    day_clock.now += timedelta(hours=3)
    view = timo.open_reports()
    assert isinstance(view, ReportsView)
    before = tracked(view)
    now = day_clock.now
    timo.tracker.add("Review", now - timedelta(hours=2), now - timedelta(hours=1))
    timo.reload()  # what every change in the window ends with
    assert tracked(view) == before + 3600

    cli = Tracker.open(resolve().database, source=Source.CLI, zone=ZONE, clock=day_clock)
    try:
        cli.add("Call", now - timedelta(minutes=30), now)
    finally:
        cli.close()
    timo._check_outside_changes()  # the app's poll of the database, each second
    qtbot.waitUntil(lambda: tracked(view) == before + 3600 + 1800)
