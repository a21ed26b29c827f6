"""The start–end column is as wide as the times it lists: the night the clocks go back an
entry's ends name their UTC offsets (`02:30 UTC+2–02:15 UTC+1`), which were cut off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on, clocked_tracker
from tests.ui.test_list_names_readable import cell
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column

CLOCKS_GO_BACK = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)  # in Berlin, 03:00 became 02:00


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[TimoApp]:
    with clocked_tracker(Clock(CLOCKS_GO_BACK)) as tracker, app_on(tracker) as made:
        made.start(background=False)
        qtbot.waitExposed(made.window)
        yield made


def test_times_naming_their_offsets_are_shown_whole(qtbot: QtBot, app: TimoApp) -> None:
    day = CLOCKS_GO_BACK.date()
    morning = at_local(day, time(9, 0), ZONE)
    app.tracker.add("Standup", morning, morning + timedelta(minutes=15))
    app.reload()
    app.window.resize(1280, 700)
    view = app.window.entries
    qtbot.waitUntil(lambda: view.viewport().width() > 1200)
    usual = view.header().sectionSize(Column.TIMES)

    # 02:30 in the first showing of the hour to 02:15 in the second: 45 minutes.
    app.tracker.add(
        "Deploy window",
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 15, tzinfo=UTC),
    )
    app.reload()
    times = cell(view, "Deploy window", Column.TIMES)
    assert times.data() == "02:30 UTC+2–02:15 UTC+1"
    assert view.sizeHintForIndex(times).width() <= view.header().sectionSize(Column.TIMES)
    assert view.header().length() <= view.viewport().width()  # nothing pushed off the side

    app.tracker.delete(times.data(ENTRY_ROLE).client_ref)
    app.reload()
    assert view.header().sectionSize(Column.TIMES) == usual  # back once none is listed
