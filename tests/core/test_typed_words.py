"""Tags, durations and names as a week of work typed in a terminal gives them: one rule
for tags wherever they are typed, durations refused as read, close names inside names,
and lengths and ends shown with what tells them apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from timo_desktop.core.catalog import Project, UnknownName, closest, find
from timo_desktop.core.durations import entry_length, format_duration
from timo_desktop.core.entry import normalize_tags, parse_tags
from timo_desktop.core.errors import InvalidEntry, InvalidInput
from timo_desktop.core.local_time import clock_range
from timo_desktop.core.validation import TooLong, check_times

BERLIN = "Europe/Berlin"
DEMO = [
    "Acme website relaunch",
    "Acme brand refresh",
    "Globex shop build",
    "Globex SEO retainer",
    "Initech app onboarding",
    "Green Fields campaign",
    "Internal: agency admin",
]
DAY = timedelta(hours=24)


def test_tags_are_parted_by_commas_wherever_they_are_typed() -> None:
    # `timo --tag "x,y"` and the app's tag field read the same two tags.
    assert normalize_tags(["design,client a", " review "]) == ("design", "client a", "review")
    assert parse_tags("design, client a") == normalize_tags(["design, client a"])


def test_a_tag_given_again_in_another_case_keeps_its_first_spelling() -> None:
    assert normalize_tags(["Design", "design", "DESIGN,review"]) == ("Design", "review")
    assert parse_tags(" a, b ,, A,c ") == ("a", "b", "c")


def test_a_near_miss_of_a_word_inside_a_name_finds_the_name_and_nonsense_finds_none() -> None:
    assert closest("Globx", DEMO) == ["Globex shop build", "Globex SEO retainer"]
    assert closest("Initch", DEMO) == ["Initech app onboarding"]
    for typed in ("zzz", "data", "foo", "q", "Intranet", "x y z"):
        assert closest(typed, DEMO) == [], typed


def test_an_unknown_project_names_the_close_ones_by_a_word() -> None:
    projects = [Project(f"prj_{n}", name) for n, name in enumerate(DEMO)]
    with pytest.raises(
        UnknownName,
        match=r"^unknown project 'Globx' — did you mean 'Globex shop build' or 'Globex SEO",
    ):
        find("project", "Globx", projects)


def test_a_bare_number_too_long_for_an_entry_is_refused_as_read() -> None:
    with pytest.raises(InvalidInput) as refused:
        entry_length("90", DAY)
    assert str(refused.value) == (
        "'90' is read as 90 hours, longer than the longest entry allowed (24h 00m);"
        " did you mean 90m?"
    )
    with pytest.raises(InvalidInput, match=r"^'100h' is longer than the longest entry allowed"):
        entry_length("100h", DAY)
    # Minutes that would not fit either are not offered.
    with pytest.raises(InvalidInput, match=r"allowed \(24h 00m\)$"):
        entry_length("2000", DAY)
    assert entry_length("24", DAY) == DAY  # as long as allowed is allowed


def test_a_length_too_long_by_seconds_says_the_seconds() -> None:
    start = datetime(2026, 11, 25, 22, 49, tzinfo=UTC)
    end = start + DAY + timedelta(seconds=30)
    with pytest.raises(TooLong) as refused:
        check_times(start, end, now=end + DAY, zone=BERLIN)
    assert str(refused.value) == "the entry is 24h 00m 30s long; the longest allowed is 24h 00m"
    with pytest.raises(InvalidEntry, match=r"already be 24h 00m 30s long;"):
        check_times(start, None, now=end, zone=BERLIN)
    assert format_duration(timedelta(hours=2, seconds=5), seconds=True) == "2h 00m 05s"


def test_an_end_on_another_date_is_dated_where_asked() -> None:
    start = datetime(2026, 11, 25, 22, 49, tzinfo=UTC)  # 23:49 in Berlin
    almost_a_day = start + DAY - timedelta(minutes=1)
    assert clock_range(start, almost_a_day, BERLIN) == "23:49–23:48"
    assert clock_range(start, almost_a_day, BERLIN, dated_end=True) == (
        "23:49–Thu 2026-11-26 23:48"
    )
    # The night after's end reads back by its time alone (`--end 01:00`).
    night = start + timedelta(hours=2)
    assert clock_range(start, night, BERLIN, dated_end=True) == "23:49–01:49"
