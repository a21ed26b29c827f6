"""The entry list's start–end the night the clocks go back: each end names its UTC offset,
as the command line and the away question show them, so it does not read backwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from timo_desktop.core.entry import new_entry
from timo_desktop.core.local_time import clock_range, range_parts, use_twelve_hour_clock
from timo_desktop.ui.entry_model import Column, EntryListModel, ListContext
from timo_desktop.ui.formatting import time_range

BERLIN = "Europe/Berlin"
SUMMER_0230 = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 02:30 CEST, before the clocks go back
WINTER_0215 = datetime(2025, 10, 26, 1, 15, tzinfo=UTC)  # 02:15 CET, 45 minutes later


@pytest.fixture(autouse=True)
def twenty_four_hours() -> Iterator[None]:
    use_twelve_hour_clock(False)
    yield
    use_twelve_hour_clock(False)  # a test that set 12 hours leaves the next file 24


def test_the_repeated_hour_names_its_offsets() -> None:
    assert time_range(SUMMER_0230, WINTER_0215, BERLIN) == "02:30 UTC+2–02:15 UTC+1"
    assert time_range(SUMMER_0230, None, BERLIN) == "02:30 UTC+2–now"
    # The same text as the command line's (one function for both).
    assert time_range(SUMMER_0230, WINTER_0215, BERLIN) == clock_range(
        SUMMER_0230, WINTER_0215, BERLIN
    )


def test_other_nights_read_as_ever() -> None:
    nine = datetime(2025, 10, 27, 8, tzinfo=UTC)
    assert time_range(nine, nine + timedelta(minutes=90), BERLIN) == "09:00–10:30"
    assert time_range(nine, None, BERLIN) == "09:00–now"
    use_twelve_hour_clock(True)
    assert time_range(nine, nine + timedelta(minutes=90), BERLIN) == "9:00 AM–10:30 AM"


def test_the_entry_list_shows_the_offsets(qapp: object) -> None:
    entry = new_entry(
        start=SUMMER_0230, end=WINTER_0215, zone=BERLIN, now=WINTER_0215, description="Backup"
    )
    model = EntryListModel()
    context = ListContext(
        zone=BERLIN,
        start_of_day=time(0, 0),
        today=date(2025, 10, 26),
        target_label=lambda target: "",
    )
    model.set_entries([entry], context)
    day = model.index(0, 0)
    assert model.data(model.index(0, Column.TIMES, day)) == "02:30 UTC+2–02:15 UTC+1"


def test_a_range_shown_with_offsets_can_be_typed_back_changed(qtbot: QtBot) -> None:
    """The list shows `02:30 UTC+2–02:15 UTC+1` that night; editing its end had failed
    ("'02:30 UTC+2' is not a time of day"), and so would New York's `UTC-4`."""
    with clocked_tracker(Clock(WINTER_0215 + timedelta(days=1))) as tracker:  # in Berlin
        made = tracker.add("Backup", SUMMER_0230, WINTER_0215)
        with app_on(tracker) as app:
            app.edit_entry(made.client_ref, Column.TIMES, "02:30 UTC+2–02:45 UTC+1")
            edited = tracker.store.get(made.client_ref)
            assert edited is not None
            assert (edited.start, edited.end) == (SUMMER_0230, WINTER_0215 + timedelta(minutes=30))


def test_range_parts_keep_negative_offsets_whole() -> None:
    assert range_parts("01:30 UTC-4–01:15 UTC-5") == ["01:30 UTC-4", "01:15 UTC-5"]
    assert range_parts("09:00-10:30") == ["09:00", "10:30"]
    assert range_parts("09:00 – 10:30") == ["09:00", "10:30"]
