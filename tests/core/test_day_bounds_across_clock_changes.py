"""A day whose start the clocks skip or show twice still has one start, and every instant
lies in the day it is counted on: real zones, on the nights their clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import (
    at_local,
    day_range,
    local_day,
    overnight_end,
    typed_local,
)

BERLIN = "Europe/Berlin"
SPRING = date(2026, 3, 29)  # 02:00 CET → 03:00 CEST: 02:30 is skipped
AUTUMN = date(2026, 10, 25)  # 03:00 CEST → 02:00 CET: 02:30 happens twice
HALF_PAST_TWO = time(2, 30)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_start_of_day_the_clocks_skip_is_the_moment_they_jump() -> None:
    # The first instant at or after 02:30 that morning is 03:00 CEST (01:00 UTC), when the
    # clocks leave 02:00 CET: the 28th ends and the 29th begins there, not half an hour on.
    assert day_range(SPRING, BERLIN, HALF_PAST_TWO)[0] == utc(2026, 3, 29, 1, 0)
    assert day_range(SPRING - timedelta(days=1), BERLIN, HALF_PAST_TWO)[1] == utc(2026, 3, 29, 1)
    assert at_local(SPRING, HALF_PAST_TWO, BERLIN) == utc(2026, 3, 29, 1, 0)
    ten_past_three = utc(2026, 3, 29, 1, 10)  # 03:10 CEST
    assert local_day(ten_past_three, BERLIN, HALF_PAST_TWO) == SPRING
    assert within(ten_past_three, day_range(SPRING, BERLIN, HALF_PAST_TWO))
    # The day before ends a moment earlier: 01:59:59 CET is still the 28th's.
    assert local_day(utc(2026, 3, 29, 0, 59, 59), BERLIN, HALF_PAST_TWO) == date(2026, 3, 28)


def test_a_start_of_day_shown_twice_is_its_first_showing() -> None:
    begin, _ = day_range(AUTUMN, BERLIN, HALF_PAST_TWO)
    assert begin == utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    # 02:10 CET, in the repeated hour, comes after that start: the 25th's, though its
    # clock reads earlier than 02:30.
    repeated = utc(2026, 10, 25, 1, 10)
    assert local_day(repeated, BERLIN, HALF_PAST_TWO) == AUTUMN
    # 02:10 CEST, its first showing, is before the start: still the 24th's.
    assert local_day(utc(2026, 10, 25, 0, 10), BERLIN, HALF_PAST_TWO) == date(2026, 10, 24)


@pytest.mark.parametrize(
    ("zone", "night"),
    [
        ("Europe/Berlin", SPRING),
        ("Europe/Berlin", AUTUMN),
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Australia/Lord_Howe", date(2026, 4, 5)),  # back by half an hour
        ("Australia/Lord_Howe", date(2026, 10, 4)),
        ("America/Santiago", date(2026, 4, 5)),  # at midnight: 00:00 → 23:00 the day before
        ("America/Santiago", date(2026, 9, 6)),  # 00:00 → 01:00
        ("Pacific/Apia", date(2011, 12, 30)),  # a whole day skipped
    ],
)
@pytest.mark.parametrize("start_of_day", [time(0, 0), time(1, 30), HALF_PAST_TWO, time(3, 0)])
def test_every_minute_of_a_clock_change_lies_in_the_day_it_is_counted_on(
    zone: str, night: date, start_of_day: time
) -> None:
    instant = at_local(night - timedelta(days=1), time(12, 0), zone)
    last = at_local(night + timedelta(days=1), time(12, 0), zone)
    while instant < last:
        day = local_day(instant, zone, start_of_day)
        assert within(instant, day_range(day, zone, start_of_day)), (instant, day)
        instant += timedelta(minutes=5)


def test_an_end_typed_with_its_offset_keeps_it_the_night_the_clocks_go_back() -> None:
    start = typed_local(datetime(2026, 10, 24, 23, 0), BERLIN)
    # The second 02:30 (CET, +01:00) of the night after the start, as typed.
    assert overnight_end(start, "02:30+01:00", BERLIN) == utc(2026, 10, 25, 1, 30)
    assert overnight_end(start, "02:30 UTC+1", BERLIN) == utc(2026, 10, 25, 1, 30)
    assert overnight_end(start, "02:30+02:00", BERLIN) == utc(2026, 10, 25, 0, 30)
    # Without an offset it is not guessed: the night has two.
    with pytest.raises(InvalidInput, match=r"^02:30 happens twice on Sun 2026-10-25 .*02:30\+01"):
        overnight_end(start, "02:30", BERLIN)
    # An offset that night does not have is named for that night, not the day before.
    with pytest.raises(InvalidInput, match="on Sun 2026-10-25 it is 01:30"):
        overnight_end(start, "01:30+01:00", BERLIN)


def within(instant: datetime, bounds: tuple[datetime, datetime]) -> bool:
    """Whether `instant` lies in [start, end)."""
    return bounds[0] <= instant < bounds[1]
