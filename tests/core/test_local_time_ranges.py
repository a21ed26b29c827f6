"""Start–end ranges on the clocks of a zone, with UTC offsets where the time alone misleads
(the night the clocks go back), and times of day typed with an offset to say which."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import (
    clock_range,
    is_time_of_day,
    local,
    parse_instant,
    shown_twice,
    use_twelve_hour_clock,
    utc_offset_text,
)

BERLIN = "Europe/Berlin"
FALL_BACK = date(2025, 10, 26)  # Berlin's clocks go from 03:00 CEST back to 02:00 CET
SPRING_FORWARD = date(2025, 3, 30)  # and from 02:00 CET on to 03:00 CEST
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture(autouse=True)
def twenty_four_hours() -> Iterator[None]:
    use_twelve_hour_clock(False)
    yield
    use_twelve_hour_clock(False)  # a test that set 12 hours leaves the next file 24


def test_a_range_across_the_repeated_hour_names_both_offsets() -> None:
    # 02:30 summer time to 02:15 winter time: 45 minutes that would read backwards.
    assert clock_range(utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 15), BERLIN) == (
        "02:30 UTC+2–02:15 UTC+1"
    )


def test_one_end_in_the_repeated_hour_is_enough_to_name_them() -> None:
    # Both ends in winter time, the start in the hour shown twice: "02:15" alone is not
    # one instant that night.
    assert clock_range(utc(2025, 10, 26, 1, 15), utc(2025, 10, 26, 3), BERLIN) == (
        "02:15 UTC+1–04:00 UTC+1"
    )
    # A running timer started in that hour says which 02:15 it was.
    assert clock_range(utc(2025, 10, 26, 0, 15), None, BERLIN, open_end="now") == (
        "02:15 UTC+2–now"
    )


def test_a_range_over_the_spring_jump_names_the_offsets() -> None:
    # 01:00 to 04:00 is two hours, not three: the ends' offsets say why.
    assert clock_range(utc(2025, 3, 30, 0), utc(2025, 3, 30, 2), BERLIN) == (
        "01:00 UTC+1–04:00 UTC+2"
    )


def test_an_ordinary_range_is_as_ever() -> None:
    assert clock_range(utc(2025, 10, 26, 3), utc(2025, 10, 26, 4), BERLIN) == "04:00–05:00"
    assert clock_range(utc(2025, 3, 3, 8), None, BERLIN) == "09:00–"
    assert clock_range(utc(2025, 3, 3, 0), utc(2025, 3, 3, 2), "Asia/Kathmandu") == "05:45–07:45"
    assert (
        clock_range(utc(2025, 3, 3, 13), utc(2025, 3, 3, 14), BERLIN, twelve_hour=True)
        == "2:00 PM–3:00 PM"
    )


def test_shown_twice_is_the_repeated_hour_only() -> None:
    assert shown_twice(utc(2025, 10, 26, 0, 30), BERLIN)  # 02:30 CEST
    assert shown_twice(utc(2025, 10, 26, 1, 30), BERLIN)  # 02:30 CET
    assert not shown_twice(utc(2025, 10, 26, 2), BERLIN)  # 03:00 CET
    assert not shown_twice(utc(2025, 10, 25, 23, 59), BERLIN)  # 01:59 CEST
    assert not shown_twice(utc(2025, 3, 30, 1), BERLIN)  # 03:00 CEST, after the jump


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(hours=2), "UTC+2"),
        (timedelta(hours=5, minutes=30), "UTC+5:30"),
        (-timedelta(hours=3, minutes=30), "UTC-3:30"),
        (timedelta(0), "UTC+0"),
    ],
)
def test_utc_offsets_read_as_the_away_question_shows_them(offset: timedelta, text: str) -> None:
    assert utc_offset_text(datetime(2025, 1, 1, tzinfo=timezone(offset))) == text


def test_a_time_of_day_shown_twice_is_refused_with_readings_typed_as_given() -> None:
    """Typed as a time of day (`--date D --start 02:30`), the readings offered are times of
    day, which can be typed back as they are; typed with its date, dated ones."""
    with pytest.raises(InvalidInput) as said:
        parse_instant("02:30", now=NOW, zone_name=BERLIN, day=FALL_BACK)
    assert str(said.value) == (
        "02:30 happens twice on Sun 2025-10-26 in Europe/Berlin (the clocks go back);"
        " say which with its offset: 02:30+02:00 or 02:30+01:00"
    )
    summer, winter = str(said.value).rsplit(": ", 1)[1].split(" or ")
    first = parse_instant(summer, now=NOW, zone_name=BERLIN, day=FALL_BACK)
    second = parse_instant(winter, now=NOW, zone_name=BERLIN, day=FALL_BACK)
    assert (first, second) == (utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 30))
    with pytest.raises(InvalidInput, match=r"2025-10-26 02:30\+02:00 or 2025-10-26 02:30\+01:00$"):
        parse_instant("2025-10-26 02:30", now=NOW, zone_name=BERLIN)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("02:30+02:00", utc(2025, 10, 26, 0, 30)),
        ("02:30+0100", utc(2025, 10, 26, 1, 30)),
        ("02:30 UTC+2", utc(2025, 10, 26, 0, 30)),  # as ranges show it
        ("02:15 UTC+1", utc(2025, 10, 26, 1, 15)),
        ("2:30 am+01:00", utc(2025, 10, 26, 1, 30)),
        ("10:00+01:00", utc(2025, 10, 26, 9)),  # an offset is welcome where it is not needed
        ("2025-10-26 02:30 UTC+2", utc(2025, 10, 26, 0, 30)),  # dated, as `log` shows it
    ],
)
def test_a_time_of_day_with_its_offset_is_taken(typed: str, expected: datetime) -> None:
    assert is_time_of_day(typed) != typed.startswith("2025")  # a dated one has its own day
    assert parse_instant(typed, now=NOW, zone_name=BERLIN, day=FALL_BACK) == expected


def test_a_time_of_day_with_its_offset_is_on_today_without_a_day() -> None:
    now = utc(2025, 10, 26, 12)
    assert parse_instant("02:30+01:00", now=now, zone_name=BERLIN) == utc(2025, 10, 26, 1, 30)


def test_an_offset_the_zone_does_not_have_then_is_refused() -> None:
    # Not a reading of 10:00 in Berlin: a range typed where one time belongs, most likely.
    with pytest.raises(InvalidInput) as said:
        parse_instant("10:00-11:00", now=NOW, zone_name=BERLIN, day=date(2025, 3, 3))
    assert str(said.value) == (
        "'10:00-11:00' is not a time in Europe/Berlin: on Mon 2025-03-03 it is 10:00+01:00;"
        " leave out the offset"
    )
    # A wrong offset in the hour shown twice is told the two right ones.
    with pytest.raises(InvalidInput, match=r"say which with its offset: 02:30\+02:00 or 02:30"):
        parse_instant("02:30+03:00", now=NOW, zone_name=BERLIN, day=FALL_BACK)
    # A time the clocks skip does not exist with an offset either.
    with pytest.raises(InvalidInput, match=r"^02:30 does not exist on Sun 2025-03-30"):
        parse_instant("02:30+01:00", now=NOW, zone_name=BERLIN, day=SPRING_FORWARD)


def test_what_is_not_a_time_with_an_offset_stays_refused() -> None:
    for typed in ("09:00+25:00", "nine+01:00", "+01:00"):
        assert not is_time_of_day(typed)
        with pytest.raises(InvalidInput, match="is not a time; use HH:MM"):
            parse_instant(typed, now=NOW, zone_name=BERLIN, day=FALL_BACK)


def test_what_a_range_shows_can_be_typed_back() -> None:
    start, end = utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 1, 15)
    shown = clock_range(start, end, BERLIN)
    typed = [
        parse_instant(part, now=NOW, zone_name=BERLIN, day=FALL_BACK) for part in shown.split("–")
    ]
    assert typed == [start, end]
    assert local(typed[1], BERLIN).hour == 2


@pytest.mark.usefixtures("twelve_hour")
def test_on_a_twelve_hour_clock_the_readings_offered_are_taken_back() -> None:
    """`01:30-04:00`, as offered for New York's repeated hour, was refused as "could be
    1:30 AM or 1:30 PM; add AM or PM": the person went round in circles."""
    york, fall_back = "America/New_York", date(2026, 11, 1)
    with pytest.raises(InvalidInput) as said:
        parse_instant("1:30 AM", now=NOW, zone_name=york, day=fall_back)
    offered = str(said.value).rsplit(": ", 1)[1].split(" or ")
    assert offered == ["01:30-04:00", "01:30-05:00"]
    taken = [parse_instant(text, now=NOW, zone_name=york, day=fall_back) for text in offered]
    assert taken == [utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)]
    with pytest.raises(InvalidInput, match="add AM or PM"):  # without an offset, still asked
        parse_instant("01:30", now=NOW, zone_name=york, day=fall_back)
