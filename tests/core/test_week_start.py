"""Weeks from any first weekday: one rule (`week_start`) behind week bounds, spans and presets,
and the `schedule.week_starts` setting that picks the first weekday."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import MIDNIGHT, days_range, local, local_day, week_start
from timo_desktop.core.reports import Preset, Span
from timo_desktop.settings import Settings, keys, load, with_value

MON, SAT, SUN = 0, 5, 6
NEW_YORK = "America/New_York"


@pytest.mark.parametrize(
    ("day", "first_weekday", "expected"),
    [
        # Thursday 1 January 2026: the week began in the old year, whichever day starts it.
        (date(2026, 1, 1), MON, date(2025, 12, 29)),
        (date(2026, 1, 1), SUN, date(2025, 12, 28)),
        (date(2026, 1, 1), SAT, date(2025, 12, 27)),
        (date(2026, 1, 1), 3, date(2026, 1, 1)),  # a Thursday week starts that very day
        (date(2026, 1, 1), 4, date(2025, 12, 26)),
        # Sunday 1 March 2026: the first of the month opens a Sunday week only.
        (date(2026, 3, 1), SUN, date(2026, 3, 1)),
        (date(2026, 3, 1), MON, date(2026, 2, 23)),
        (date(2026, 3, 1), SAT, date(2026, 2, 28)),
        # Saturday 28 November 2026: ISO week 48 (from the 23rd), a Sunday week from the 22nd.
        (date(2026, 11, 28), MON, date(2026, 11, 23)),
        (date(2026, 11, 28), SUN, date(2026, 11, 22)),
        (date(2026, 11, 28), SAT, date(2026, 11, 28)),
        # Friday 1 January 2027: a Saturday week started on the last Saturday of 2026.
        (date(2027, 1, 1), SAT, date(2026, 12, 26)),
        (date(2027, 1, 1), SUN, date(2026, 12, 27)),
    ],
)
def test_week_start_for_each_first_weekday(day: date, first_weekday: int, expected: date) -> None:
    assert week_start(day, first_weekday) == expected


@given(
    day=st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)),
    first_weekday=st.integers(0, 6),
)
def test_week_start_is_the_latest_first_weekday_on_or_before_the_day(
    day: date, first_weekday: int
) -> None:
    first = week_start(day, first_weekday)
    assert first.weekday() == first_weekday
    assert timedelta(0) <= day - first < timedelta(days=7)
    assert week_start(first + timedelta(days=6), first_weekday) == first  # the week's last day


def test_monday_is_the_default_and_a_bad_first_weekday_is_refused() -> None:
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\), not 7"):
        week_start(date(2026, 11, 29), 7)


def week_range(
    day: date, zone: str, start_of_day: time = MIDNIGHT, first_weekday: int = 0
) -> tuple[datetime, datetime]:
    """The UTC bounds a report of the week holding `day` reads (its span's days)."""
    span = Span.week_of(day, first_weekday)
    return days_range(span.first, span.last, zone, start_of_day)


@pytest.mark.parametrize(
    ("day", "first_weekday", "first", "hours"),
    [
        # Clocks go forward on Sunday 8 March 2026 at 02:00 in New York: a week of 167 hours.
        (date(2026, 3, 10), SUN, date(2026, 3, 8), 167),
        (date(2026, 3, 8), MON, date(2026, 3, 2), 167),
        (date(2026, 3, 13), SAT, date(2026, 3, 7), 167),
        # ...and back on Sunday 1 November 2026: 169 hours.
        (date(2026, 11, 1), SUN, date(2026, 11, 1), 169),
        (date(2026, 11, 1), SAT, date(2026, 10, 31), 169),
        (date(2026, 11, 6), SAT, date(2026, 10, 31), 169),
        (date(2026, 11, 8), SUN, date(2026, 11, 8), 168),  # the week after: plain again
    ],
)
def test_week_range_across_new_york_dst(
    day: date, first_weekday: int, first: date, hours: int
) -> None:
    begin, end = week_range(day, NEW_YORK, first_weekday=first_weekday)
    assert end - begin == timedelta(hours=hours)
    assert local(begin, NEW_YORK).replace(tzinfo=None).isoformat() == f"{first}T00:00:00"
    assert local_day(end, NEW_YORK) == first + timedelta(days=7)


def test_week_range_with_a_start_of_day_in_a_sunday_week() -> None:
    # Days begin at 04:00: the Sunday week opens Sunday 04:00, after the 02:00 jump.
    begin, end = week_range(date(2026, 3, 14), NEW_YORK, time(4, 0), SUN)
    assert local(begin, NEW_YORK).replace(tzinfo=None).isoformat() == "2026-03-08T04:00:00"
    assert local(end, NEW_YORK).replace(tzinfo=None).isoformat() == "2026-03-15T04:00:00"
    assert local_day(begin, NEW_YORK, time(4, 0)) == date(2026, 3, 8)
    assert local_day(end - timedelta(seconds=1), NEW_YORK, time(4, 0)) == date(2026, 3, 14)


def test_only_a_monday_week_has_an_iso_label() -> None:
    saturday = date(2026, 11, 28)
    assert Span.week_of(saturday) == Span(date(2026, 11, 23), date(2026, 11, 29), "2026-W48")
    assert Span.week_of(saturday, SUN) == Span(
        date(2026, 11, 22), date(2026, 11, 28), "Week of Sun 22 Nov 2026"
    )
    assert Span.week_of(saturday, SAT) == Span(
        date(2026, 11, 28), date(2026, 12, 4), "Week of Sat 28 Nov 2026"
    )
    # A Sunday week across the new year is named by its first day, in the old year.
    new_year = Span.week_of(date(2027, 1, 1), SUN)
    assert (new_year.first, new_year.last, new_year.label) == (
        date(2026, 12, 27),
        date(2027, 1, 2),
        "Week of Sun 27 Dec 2026",
    )
    # An ISO week typed in stays Monday to Sunday: it is a standard, not a setting.
    assert Span.iso_week("2026-W48").first == date(2026, 11, 23)


def test_presets_with_a_sunday_start() -> None:
    saturday, sunday = date(2026, 11, 28), date(2026, 11, 29)
    assert Preset.THIS_WEEK.span(saturday, SUN) == Span(
        date(2026, 11, 22), date(2026, 11, 28), "Week of Sun 22 Nov 2026"
    )
    assert Preset.LAST_WEEK.span(saturday, SUN) == Span(
        date(2026, 11, 15), date(2026, 11, 21), "Week of Sun 15 Nov 2026"
    )
    # Sunday begins a new week here, where ISO counts it as the end of the old one.
    assert Preset.THIS_WEEK.span(sunday, SUN).first == sunday
    assert Preset.THIS_WEEK.span(sunday).first == date(2026, 11, 23)
    assert Preset.LAST_WEEK.span(sunday, SUN).first == date(2026, 11, 22)
    # Months do not depend on the first weekday.
    assert Preset.THIS_MONTH.span(saturday, SUN) == Preset.THIS_MONTH.span(saturday)
    assert Preset.LAST_MONTH.span(saturday, SAT) == Span.month("2026-10")


def test_week_starts_setting() -> None:
    assert Settings().schedule.week_starts == "Mon" and Settings().first_weekday == MON
    assert "schedule.week_starts" in keys()
    assert with_value(Settings(), "schedule.week_starts", "Sun").first_weekday == SUN
    assert with_value(Settings(), "schedule.week_starts", " Sat ").first_weekday == SAT
    assert with_value(Settings(), "schedule.week_starts", "sun").first_weekday == SUN  # any case


@pytest.mark.parametrize("typed", ["Sunday", "7", "Sun,Mon", ""])
def test_a_bad_week_start_names_the_allowed_days(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        with_value(Settings(), "schedule.week_starts", typed)
    assert str(refused.value) == (
        f"schedule.week_starts must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun (got '{typed}')"
    )


def test_a_settings_file_from_before_the_setting_keeps_monday(tmp_path: Path) -> None:
    file = tmp_path / "settings.json"
    file.write_text(json.dumps({"schedule": {"working_days": ["Mon", "Tue"]}}), encoding="utf-8")
    assert load(file).first_weekday == MON
