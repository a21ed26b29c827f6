"""The list puts each entry under the working day its start belongs to, as `local_day`
tells it, on the nights the clocks change and with days that begin in the small hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.ui.entries import finished
from timo_desktop.core.local_time import local_day
from timo_desktop.ui.entry_model import ListContext, group_by_day


@pytest.mark.parametrize(
    ("zone", "night"),
    [
        ("Europe/Berlin", date(2026, 3, 29)),  # 02:00 becomes 03:00
        ("Europe/Berlin", date(2026, 10, 25)),  # 03:00 becomes 02:00
        ("Australia/Lord_Howe", date(2026, 4, 5)),  # back by half an hour
    ],
)
@pytest.mark.parametrize("start_of_day", [time(0, 0), time(2, 30), time(4, 0)])
def test_every_entry_is_under_the_day_its_start_belongs_to(
    zone: str, night: date, start_of_day: time
) -> None:
    # An entry every ten minutes from two days before the night to two days after.
    first = datetime.combine(night - timedelta(days=2), time(0, 0), tzinfo=UTC)
    starts = [first + timedelta(minutes=10 * n) for n in range(4 * 24 * 6)]
    entries = [finished(at.date(), f"{at:%H:%M}", 5, f"{at:%d %H:%M}") for at in starts]
    context = ListContext(zone, start_of_day, night, lambda _target: "")

    listed = {
        entry.client_ref: group.day
        for group in group_by_day(entries, context)
        for entry in group.entries
    }

    assert listed == {e.client_ref: local_day(e.start, zone, start_of_day) for e in entries}
