from datetime import timedelta

import pytest

from timo_desktop.core.durations import MINUTE, format_duration, parse_duration, typed_seconds
from timo_desktop.core.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h30", 90),
        ("1h 30m", 90),
        ("1H30M", 90),
        ("90m", 90),
        ("90 min", 90),
        ("1.5", 90),
        ("1,5", 90),
        ("1:30", 90),
        ("2h", 120),
        ("0:05", 5),
        ("8", 480),
        ("90 minutes", 90),
        ("10 mins", 10),
        ("3 hrs", 180),
        ("1 hour", 60),
        ("1.5 h", 90),
        ("1 Hour 30 Minutes", 90),
    ],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "abc", "1h90", "1:75", "h", "1.5.2", "-1h", "90x"])
def test_rejected_forms_name_the_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1.5", 90), ("10", 600), ("0", 0), ("30 s", 30), ("130s", 130), ("1 min 30 s", 90)],
)
def test_a_bare_number_counts_the_unit_asked_for_and_seconds_are_read(
    text: str, seconds: int
) -> None:
    """Where a bare number is minutes (Settings' time away); "30 s" was read as 3 min 0 s."""
    assert typed_seconds(text, bare=MINUTE) == seconds


@pytest.mark.parametrize("text", ["2 days", "1d", "1e3", "1m75s", "30 15s", "-5", "1.5.2"])
def test_what_is_not_a_duration_is_none(text: str) -> None:
    assert typed_seconds(text, bare=MINUTE) is None


def test_zero_is_refused_plainly() -> None:
    with pytest.raises(InvalidInput, match="is zero"):
        parse_duration("0m")


@pytest.mark.parametrize("text", ["10 secs", "1.5 s", "59s", "0.01"])
def test_an_entry_under_a_minute_is_refused_plainly(text: str) -> None:
    """Read since seconds are, "10 secs" added an entry shown as 0m."""
    with pytest.raises(InvalidInput, match=r"is under a minute; a duration is at least 1m$"):
        parse_duration(text)
    assert parse_duration("1 min 30 s") == timedelta(seconds=90)


def test_format() -> None:
    assert format_duration(timedelta(minutes=65)) == "1h 05m"
    assert format_duration(timedelta(minutes=45, seconds=59)) == "45m"


@pytest.mark.parametrize("text", ["9000h", "10000000000000000000000h", "1" + "0" * 400])
def test_lengths_beyond_a_year_are_refused_not_overflowed(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"is longer than a year; no entry is that long$"):
        parse_duration(text)
    assert parse_duration("8784h") == timedelta(days=366)  # the longest a year can be
