"""A window left open overnight, or carried to another time zone, shows the list as of
now: the heartbeat (and waking from sleep) notices the new day or the new zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

EVENING = datetime(2026, 3, 10, 22, 50, tzinfo=UTC)  # 23:50 on Tuesday in Berlin


@pytest.fixture
def clock() -> Clock:
    return Clock(EVENING)


@pytest.fixture
def app(qtbot: QtBot, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Iterator[TimoApp]:
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the machine's zone; the Tracker is given none
    tracker = Tracker.open(resolve().ensure().database, source=Source.DESKTOP, clock=clock)
    tracker.add("Release", EVENING - timedelta(hours=2), EVENING - timedelta(hours=1))
    with app_on(tracker) as made:
        yield made
    tracker.close()


def headers(app: TimoApp) -> list[str]:
    model = app.window.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_after_midnight_the_list_starts_a_new_today(app: TimoApp, clock: Clock) -> None:
    assert headers(app) == ["Today — 1:00 total, 0:00 billable"]
    clock.now = EVENING + timedelta(minutes=20)  # 00:10 on Wednesday
    app._heartbeat.timeout.emit()  # the minute's heartbeat
    assert headers(app) == ["Yesterday — 1:00 total, 0:00 billable"]


def test_in_another_zone_times_and_days_are_shown_where_the_computer_is(
    app: TimoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = app.window.model
    day = model.index(0, 0)
    assert model.data(model.index(0, Column.TIMES, day)) == "21:50–22:50"
    monkeypatch.setenv("TZ", "America/New_York")  # landed: 18:50 on Tuesday there
    app._heartbeat.timeout.emit()
    day = model.index(0, 0)
    assert model.data(model.index(0, Column.TIMES, day)) == "16:50–17:50"
    assert headers(app) == ["Today — 1:00 total, 0:00 billable"]
    assert app.window.undo_bar.message.text() == (
        "Times now show in America/New York time, where this computer is now."
    )
