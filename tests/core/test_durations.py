from datetime import timedelta

import pytest

from timo_desktop.core.durations import format_duration, parse_duration
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
    ],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "abc", "1h90", "1:75", "h", "1.5.2", "-1h", "90x"])
def test_rejected_forms_name_the_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a duration"):
        parse_duration(text)


def test_zero_is_refused_plainly() -> None:
    with pytest.raises(InvalidInput, match="is zero"):
        parse_duration("0m")


def test_format() -> None:
    assert format_duration(timedelta(minutes=65)) == "1h 05m"
    assert format_duration(timedelta(minutes=45, seconds=59)) == "45m"


@pytest.mark.parametrize("text", ["9000h", "10000000000000000000000h", "1" + "0" * 400])
def test_lengths_beyond_a_year_are_refused_not_overflowed(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"is longer than a year; no entry is that long$"):
        parse_duration(text)
    assert parse_duration("8784h") == timedelta(days=366)  # the longest a year can be
