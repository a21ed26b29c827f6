import re
from datetime import UTC, date, datetime, timedelta

import pytest

from timo_desktop.core.entry import Entry, Target, new_entry
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.validation import (
    EntryRules,
    TooLong,
    check_description,
    check_no_overlap,
    check_tags,
    check_times,
    check_unlocked,
    fit_to_neighbours,
)

ZONE = "Europe/Berlin"
NOW = datetime(2026, 3, 3, 16, 0, tzinfo=UTC)


def berlin(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 3, hour - 1, minute, tzinfo=UTC)


def entry(description: str, start: datetime, end: datetime | None) -> Entry:
    return new_entry(start=start, end=end, zone=ZONE, now=NOW, description=description)


def test_end_before_start_names_both_times() -> None:
    with pytest.raises(InvalidEntry, match=r"^end 09:00 is before start 10:00$"):
        check_times(berlin(10), berlin(9), now=NOW, zone=ZONE)


def test_times_the_clocks_show_twice_name_their_offsets() -> None:
    """The night the clocks go back: "end 02:40 is before start 02:40" said nothing, nor
    did an overlap 'lh' 02:15–02:15; each time of that hour names its offset."""
    start, end = (
        datetime(2026, 10, 25, 1, 40, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 40, tzinfo=UTC),
    )
    later = datetime(2026, 10, 26, 12, tzinfo=UTC)
    with pytest.raises(InvalidEntry, match=r"^end 02:40 UTC\+2 is before start 02:40 UTC\+1$"):
        check_times(start, end, now=later, zone=ZONE)
    twice = entry(
        "lh", datetime(2026, 10, 25, 0, 15, tzinfo=UTC), datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    )
    assert _overlapping(twice, later) == "overlaps 'lh' 02:15 UTC+2–02:15 UTC+1"


def test_an_entry_across_the_clocks_going_forward_names_its_offsets() -> None:
    """01:30 to 03:30 the night the clocks go forward is an hour: it read as two."""
    hour = entry(
        "a", datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    )
    later = datetime(2026, 3, 30, 12, tzinfo=UTC)
    assert _overlapping(hour, later) == "overlaps 'a' 01:30 UTC+1–03:30 UTC+2"


def _overlapping(other: Entry, now: datetime) -> str:
    """The refusal of five minutes added inside `other`."""
    inside = other.start + timedelta(minutes=5)
    with pytest.raises(InvalidEntry) as refused:
        check_no_overlap(inside, inside + timedelta(minutes=5), [other], now=now, zone=ZONE)
    return str(refused.value)


def test_empty_entry_is_refused_unless_allowed() -> None:
    with pytest.raises(InvalidEntry, match="end 10:00 is the same as start 10:00"):
        check_times(berlin(10), berlin(10), now=NOW, zone=ZONE)
    check_times(berlin(10), berlin(10), now=NOW, zone=ZONE, allow_empty=True)


def test_future_end_beyond_tolerance() -> None:
    check_times(berlin(16), NOW + timedelta(seconds=30), now=NOW, zone=ZONE)
    with pytest.raises(InvalidEntry, match=r"^end 18:00 is in the future \(now 17:00\)$"):
        check_times(berlin(16), berlin(18), now=NOW, zone=ZONE)


def test_maximum_length() -> None:
    rules = EntryRules(max_duration=timedelta(hours=10))
    with pytest.raises(InvalidEntry, match="is 11h 00m long; the longest allowed is 10h 00m"):
        check_times(berlin(5), berlin(16), now=NOW, zone=ZONE, rules=rules)


def test_too_long_says_the_latest_end_that_fits() -> None:
    rules = EntryRules(max_duration=timedelta(hours=10))
    with pytest.raises(TooLong) as refused:
        check_times(berlin(5), berlin(16), now=NOW, zone=ZONE, rules=rules)
    assert refused.value.latest_end == berlin(15)


def test_a_running_timer_may_not_already_be_longer_than_allowed() -> None:
    rules = EntryRules(max_duration=timedelta(hours=10))
    check_times(NOW - timedelta(hours=10), None, now=NOW, zone=ZONE, rules=rules)
    with pytest.raises(
        InvalidEntry,
        match=r"^a timer started at 06:59 would already be 10h 01m long; "
        r"the longest allowed is 10h 00m$",
    ):
        check_times(NOW - timedelta(hours=10, minutes=1), None, now=NOW, zone=ZONE, rules=rules)
    with pytest.raises(InvalidEntry, match=r"^a timer started at 1912-02-04 01:00 would"):
        check_times(NOW - timedelta(hours=1_000_000), None, now=NOW, zone=ZONE)


def test_tags_are_at_most_twenty_of_at_most_64_characters() -> None:
    check_tags([f"t{i}" for i in range(20)])
    check_tags(["x" * 64])
    with pytest.raises(InvalidEntry, match=r"^the entry has 21 tags; at most 20 are allowed$"):
        check_tags([f"t{i}" for i in range(21)])
    with pytest.raises(
        InvalidEntry, match=r"^the tag 'xxxxxxxxxxxxxxxxxxxx…' has 65 characters; at most 64"
    ):
        check_tags(["design", "x" * 65])


def test_entries_before_the_lock_date_are_locked_from_midnight_in_the_workspace_zone() -> None:
    rules = EntryRules(lock_date=date(2026, 3, 3), lock_zone="America/New_York")
    check_unlocked(datetime(2026, 3, 3, 5, 0, tzinfo=UTC), rules)  # midnight in New York
    check_unlocked(datetime(2026, 1, 1, tzinfo=UTC))  # no lock date: nothing is locked
    with pytest.raises(
        InvalidEntry, match=r"^entries before 2026-03-03 are locked in this workspace$"
    ):
        check_unlocked(datetime(2026, 3, 3, 4, 59, tzinfo=UTC), rules)


def test_overlap_names_the_other_entry() -> None:
    review = entry("Design review", berlin(9), berlin(10))
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Design review' 09:00–10:00$"):
        check_no_overlap(berlin(9, 30), berlin(11), [review], now=NOW, zone=ZONE)


def test_an_overlap_within_a_minute_names_its_seconds() -> None:
    """A timer stopped at 09:34:56 is listed 09:00–09:34: time from 09:34 overlapping it was
    refused for "overlaps 'Planning' 09:00–09:34", times that show no overlap."""
    planning = entry("Planning", berlin(9), berlin(9, 34) + timedelta(seconds=56))
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Planning' 09:00–09:34:56$"):
        check_no_overlap(berlin(9, 34), berlin(10), [planning], now=NOW, zone=ZONE)
    call = entry("Call", berlin(10, 15) + timedelta(seconds=10), berlin(11))
    ending = berlin(10, 15) + timedelta(seconds=23)  # `--duration` alone ends now, seconds too
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Call' 10:15:10–11:00$"):
        check_no_overlap(berlin(9, 45), ending, [call], now=NOW, zone=ZONE)
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Planning' 09:00–09:34$"):  # it shows
        check_no_overlap(berlin(9, 33), berlin(10), [planning], now=NOW, zone=ZONE)


def test_times_overlapping_only_within_a_shared_minute_move_off_the_neighbour() -> None:
    """From 09:34 after an entry that ran to 09:34:56 is from its end; an end in the minute
    the next entry starts, at its start. No second counted twice, none taken from them."""
    planning = entry("Planning", berlin(9), berlin(9, 34) + timedelta(seconds=56))
    call = entry("Call", berlin(10) + timedelta(seconds=10), berlin(11))
    ending = berlin(10) + timedelta(seconds=23)
    fitted = fit_to_neighbours(berlin(9, 34), ending, [planning, call], now=NOW)
    assert fitted == (planning.end, call.start)
    # An overlap the minutes show is for the person to settle, as is a time inside one.
    assert fit_to_neighbours(berlin(9, 33), berlin(10), [planning], now=NOW) == (
        berlin(9, 33),
        berlin(10),
    )
    within = (berlin(9, 34), berlin(9, 34) + timedelta(seconds=30))
    assert fit_to_neighbours(*within, [planning], now=NOW) == within
    # A timer started from that minute runs from its end too.
    assert fit_to_neighbours(berlin(9, 34), None, [planning], now=NOW) == (planning.end, None)


def test_touching_entries_do_not_overlap() -> None:
    review = entry("Design review", berlin(9), berlin(10))
    check_no_overlap(berlin(10), berlin(11), [review], now=NOW, zone=ZONE)
    check_no_overlap(berlin(8), berlin(9), [review], now=NOW, zone=ZONE)


def test_running_entry_overlaps_until_now() -> None:
    running = entry("", berlin(15), None)
    with pytest.raises(InvalidEntry, match="overlaps '\\(no description\\)' 15:00–now"):
        check_no_overlap(berlin(15, 30), berlin(15, 45), [running], now=NOW, zone=ZONE)


def test_overlap_ignores_itself_deleted_and_allowed() -> None:
    review = entry("Design review", berlin(9), berlin(10))
    gone = entry("Gone", berlin(9), berlin(10)).changed(NOW, deleted_at=NOW)
    check_no_overlap(
        berlin(9), berlin(10), [review, gone], now=NOW, zone=ZONE, exclude=review.client_ref
    )
    check_no_overlap(
        berlin(9), berlin(10), [review], now=NOW, zone=ZONE, rules=EntryRules(allow_overlap=True)
    )


def test_description_length() -> None:
    with pytest.raises(InvalidEntry, match="3001 characters"):
        check_description("x" * 3001)


def test_target_shape() -> None:
    with pytest.raises(InvalidEntry, match="a task needs its project"):
        Target(task_id="tsk_1")
    with pytest.raises(InvalidEntry, match="not both"):
        Target(project_id="prj_1", record_id="rec_1")


@pytest.mark.parametrize(
    ("description", "named"),
    [("two\nlines", "a line break"), ("tab\there", "a tab"), ("\x1b[31mred", "U+001B")],
)
def test_a_description_is_one_line_of_plain_text(description: str, named: str) -> None:
    """A terminal's escape codes or a line break would reach every list, report and invoice."""
    said = f"the description holds a control character ({named}); use one line of plain text"
    with pytest.raises(InvalidEntry, match=f"^{re.escape(said)}$"):
        check_description(description)
    check_description("Café — « naïve » ☕ 東京")  # any text that is not control characters


def test_a_tag_is_plain_text_too() -> None:
    with pytest.raises(InvalidEntry, match=r"^the tag 'x\\ty' holds a control character \(a tab\)"):
        check_tags(["ok", "x\ty"])


def test_a_long_tag_is_named_by_its_start_cut_between_whole_characters() -> None:
    """Cut at 20 code points, a tag of emoji made of several kept half of one: a person and
    the joiner meant to join them to a laptop."""
    coder = "\U0001f469\u200d\U0001f4bb"  # 👩‍💻: three code points, one emoji on screen
    with pytest.raises(InvalidEntry) as refused:
        check_tags([coder * 30])
    named = str(refused.value).split("'")[1]
    assert named == coder * 10 + "…"  # two columns each
