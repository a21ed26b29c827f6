from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import (
    as_utc,
    at_local,
    clock_text,
    clock_time,
    clocks_change,
    day_range,
    days_range,
    describe_instant,
    from_text,
    local_day,
    overnight_end,
    parse_clock,
    parse_date,
    parse_instant,
    range_parts,
    to_text,
    typed_time_on,
)
from timo_desktop.core.reports import Span


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Berlin", date(2026, 3, 29), 23),  # spring forward
        ("Europe/Berlin", date(2026, 10, 25), 25),  # fall back
        ("America/New_York", date(2026, 3, 8), 23),
        ("America/New_York", date(2026, 11, 1), 25),
        ("Europe/Berlin", date(2026, 3, 28), 24),
    ],
)
def test_local_days_follow_dst(zone: str, day: date, hours: int) -> None:
    begin, end = day_range(day, zone)
    assert end - begin == timedelta(hours=hours)
    assert local_day(begin, zone) == day
    assert local_day(end - timedelta(seconds=1), zone) == day
    assert local_day(end, zone) == day + timedelta(days=1)


def test_day_bounds_are_local_midnight() -> None:
    begin, end = day_range(date(2026, 7, 1), "Europe/Berlin")
    assert begin == utc(2026, 6, 30, 22)
    assert end == utc(2026, 7, 1, 22)


def test_start_of_day_moves_late_work_to_the_previous_day() -> None:
    zone = "America/New_York"
    late = at_local(date(2026, 3, 4), time(2, 30), zone)  # 02:30 on the 4th
    assert local_day(late, zone) == date(2026, 3, 4)
    assert local_day(late, zone, time(4, 0)) == date(2026, 3, 3)
    begin, end = day_range(date(2026, 3, 3), zone, time(4, 0))
    assert begin <= late < end


def test_start_of_day_across_spring_forward() -> None:
    begin, end = day_range(date(2026, 3, 28), "Europe/Berlin", time(4, 0))
    assert end - begin == timedelta(hours=23)


def test_midnight_belongs_to_the_new_day() -> None:
    midnight = at_local(date(2026, 5, 5), time(0, 0), "Europe/Berlin")
    assert local_day(midnight, "Europe/Berlin") == date(2026, 5, 5)
    assert local_day(midnight - timedelta(seconds=1), "Europe/Berlin") == date(2026, 5, 4)


def test_iso_week_spans_monday_to_monday_across_dst() -> None:
    span = Span.week_of(date(2026, 3, 29))  # a Sunday
    begin, end = days_range(span.first, span.last, "Europe/Berlin")
    assert local_day(begin, "Europe/Berlin") == date(2026, 3, 23)
    assert end - begin == timedelta(days=7, hours=-1)


def test_text_round_trip() -> None:
    instant = utc(2026, 3, 3, 9, 0, 5)
    assert to_text(instant) == "2026-03-03T09:00:05Z"
    assert from_text("2026-03-03T10:00:05+01:00") == instant


@given(
    instant=st.datetimes(
        min_value=datetime(1000, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=5, minutes=30)), ZoneInfo("America/New_York")]
        ),
    )
)
def test_text_is_whole_second_utc_in_any_zone(instant: datetime) -> None:
    expected = instant.astimezone(UTC).replace(microsecond=0)
    text = to_text(instant)
    assert text == expected.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert from_text(text) == expected == as_utc(instant)
    assert as_utc(instant).tzinfo is UTC


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_text(datetime(2026, 3, 3, 9, 0))


def test_parse_instant_forms() -> None:
    now = utc(2026, 3, 3, 12, 0)
    zone = "Europe/Berlin"
    assert parse_instant("now", now=now, zone_name=zone) == now
    assert parse_instant("09:30", now=now, zone_name=zone) == utc(2026, 3, 3, 8, 30)
    assert parse_instant("-15m", now=now, zone_name=zone) == utc(2026, 3, 3, 11, 45)
    assert parse_instant("1h30 ago", now=now, zone_name=zone) == utc(2026, 3, 3, 10, 30)
    assert parse_instant("2026-03-02 09:00", now=now, zone_name=zone) == utc(2026, 3, 2, 8)
    assert parse_instant("2026-03-02T09:00Z", now=now, zone_name=zone) == utc(2026, 3, 2, 9)
    on = date(2026, 3, 1)
    assert parse_instant("10:00", now=now, zone_name=zone, day=on) == utc(2026, 3, 1, 9)
    with pytest.raises(InvalidInput, match="is not a time"):
        parse_instant("half past nine", now=now, zone_name=zone)


@pytest.mark.parametrize("typed", ["2026-11-26", "20261126", "2026-W48-1"])
def test_a_day_without_its_time_is_refused_not_read_as_midnight(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_instant(typed, now=utc(2026, 11, 27, 12, 0), zone_name="Europe/Berlin")
    assert str(refused.value) == f"'{typed}' is a day; give its time too, as 'YYYY-MM-DD HH:MM'"


def test_parse_clock_and_date() -> None:
    assert parse_clock("9:05") == time(9, 5)
    with pytest.raises(InvalidInput, match="not a time of day"):
        parse_clock("25:00")
    assert parse_date("yesterday", date(2026, 3, 1)) == date(2026, 2, 28)
    with pytest.raises(InvalidInput, match="not a date"):
        parse_date("2026-13-01", date(2026, 3, 1))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("9:30", time(9, 30)),
        ("0930", time(9, 30)),
        ("9.30", time(9, 30)),
        ("9h30", time(9, 30)),
        ("14:30", time(14, 30)),
        ("2:30 pm", time(14, 30)),
        ("2:30PM", time(14, 30)),
        ("2pm", time(14, 0)),
        ("2 p.m.", time(14, 0)),
        ("2:30p", time(14, 30)),
        ("11.15 a.m.", time(11, 15)),
        ("12am", time(0, 0)),
        ("12:30 am", time(0, 30)),
        ("12 PM", time(12, 0)),
    ],
)
def test_times_of_day_with_or_without_am_pm(typed: str, meant: time) -> None:
    assert parse_clock(typed) == meant


@pytest.mark.parametrize(
    "typed", ["15m", "13pm", "0:30 am", "9 30", "2:75 pm", "9 o'clock", "24", "7-"]
)
@pytest.mark.parametrize("bare_hour", [False, True])
def test_what_is_not_a_time_of_day(typed: str, bare_hour: bool) -> None:
    with pytest.raises(InvalidInput, match="is not a time of day; use HH:MM, for example 09:30"):
        parse_clock(typed, bare_hour=bare_hour)


@pytest.mark.parametrize(("typed", "meant"), [("9", time(9)), ("14", time(14)), ("0", time(0))])
def test_a_bare_hour_is_on_the_hour_where_only_a_time_of_day_is_meant(
    typed: str, meant: time
) -> None:
    assert parse_clock(typed, bare_hour=True) == meant
    assert typed_time_on(date(2026, 3, 3), typed, "Europe/Berlin", bare_hour=True) == (
        at_local(date(2026, 3, 3), meant, "Europe/Berlin")
    )


def test_a_bare_hour_where_a_time_ago_may_be_typed_is_refused_saying_so() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_clock("15")
    assert str(refused.value) == (
        "'15' alone could be a time of day or a time ago; type 15:00, or a time ago such as 15m ago"
    )
    alone = r"^'9' alone could be a time of day or a time ago; type 09:00"
    with pytest.raises(InvalidInput, match=alone):
        parse_instant("9", now=utc(2026, 3, 3, 12, 0), zone_name="Europe/Berlin")


@pytest.mark.usefixtures("twelve_hour")
def test_a_bare_hour_on_a_12_hour_clock_asks_am_or_pm_as_its_full_time_does() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_clock("9", bare_hour=True)
    assert str(refused.value) == "'9' could be 9:00 AM or 9:00 PM; add AM or PM"
    assert parse_clock("21", bare_hour=True) == time(21, 0)  # only one reading
    assert parse_clock("9pm", bare_hour=True) == time(21, 0)


def test_24_hour_clock_reads_and_writes_hh_mm() -> None:
    assert clock_text(time(14, 5)) == "14:05"
    assert clock_text(time(0, 5)) == "00:05"
    assert parse_clock("2:30") == time(2, 30)  # a 24-hour reading: no question to ask


@pytest.mark.usefixtures("twelve_hour")
def test_12_hour_clock_writes_am_pm() -> None:
    written = [clock_text(time(hour, 5)) for hour in (0, 1, 11, 12, 13, 23)]
    assert written == ["12:05 AM", "1:05 AM", "11:05 AM", "12:05 PM", "1:05 PM", "11:05 PM"]
    assert clock_text(time(14, 5), twelve_hour=False) == "14:05"  # what programs read


@pytest.mark.usefixtures("twelve_hour")
def test_12_hour_clock_asks_am_or_pm_rather_than_guess() -> None:
    with pytest.raises(InvalidInput, match=r"'2:30' could be 2:30 AM or 2:30 PM; add AM or PM"):
        parse_clock("2:30")
    with pytest.raises(InvalidInput, match=r"'12:00' could be 12:00 AM or 12:00 PM"):
        parse_clock("12:00")
    assert parse_clock("2:30 pm") == time(14, 30)
    assert parse_clock("14:30") == time(14, 30)  # only one reading
    assert parse_clock("00:15") == time(0, 15)
    with pytest.raises(InvalidInput, match="is not a time of day; use 2:30 PM or 14:30"):
        parse_clock("half past")


@pytest.mark.usefixtures("twelve_hour")
def test_12_hour_clock_in_messages_about_instants() -> None:
    zone = "America/New_York"
    afternoon = utc(2026, 3, 3, 19, 30)  # 14:30 in New York
    assert clock_time(afternoon, zone) == "2:30 PM"
    assert describe_instant(afternoon, zone, relative_to=afternoon) == "2:30 PM"
    day_before = afternoon - timedelta(days=1)
    assert describe_instant(afternoon, zone, relative_to=day_before) == "2026-03-03 2:30 PM"
    assert describe_instant(afternoon, zone, relative_to=day_before, twelve_hour=False) == (
        "2026-03-03 14:30"
    )


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("09:00–10:30", ["09:00", "10:30"]),
        ("9:00 - 10:30", ["9:00", "10:30"]),
        ("2 pm—3:15 pm", ["2 pm", "3:15 pm"]),
        ("09:45–now", ["09:45", "now"]),
        ("09:45", ["09:45"]),
        ("  –  ", []),
        ("9-10-11", ["9", "10", "11"]),
    ],
)
def test_a_typed_range_splits_at_any_dash(typed: str, parts: list[str]) -> None:
    assert range_parts(typed) == parts


@pytest.mark.parametrize("typed", ["0001-01-01", "1969-12-31", "3000-01-01", "9999-12-31"])
def test_dates_outside_the_kept_years_are_refused_in_plain_words(typed: str) -> None:
    """At the ends of the calendar a zone's offset overflows `datetime`: refuse, not crash."""
    said = rf"^'{typed}' is outside the years 1970–2999 Timo keeps$"
    with pytest.raises(InvalidInput, match=said):
        parse_date(typed, date(2026, 3, 3))
    with pytest.raises(InvalidInput, match=rf"^'{typed} 10:00' is outside"):
        parse_instant(
            f"{typed} 10:00", now=datetime(2026, 3, 3, tzinfo=UTC), zone_name="Etc/GMT+12"
        )
    assert parse_date("1970-01-01", date(2026, 3, 3)) == date(1970, 1, 1)


@pytest.mark.parametrize(("span", "typed"), [(Span.iso_week, "0001-W01"), (Span.month, "9999-12")])
def test_weeks_and_months_outside_the_kept_years_are_refused(
    span: Callable[[str], Span], typed: str
) -> None:
    with pytest.raises(InvalidInput, match="is outside the years 1970–2999"):
        span(typed)


def test_a_typed_time_the_clocks_skip_or_show_twice_is_refused_not_guessed() -> None:
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    with pytest.raises(
        InvalidInput,
        match=r"^02:30 does not exist on Sun 2026-03-29 in Europe/Berlin: the clocks go forward",
    ):
        parse_instant("02:30", now=now, zone_name="Europe/Berlin", day=date(2026, 3, 29))
    with pytest.raises(InvalidInput, match=r"^02:10 happens twice on Sun 2026-10-25") as said:
        parse_instant("2026-10-25 02:10", now=now, zone_name="Europe/Berlin")
    assert str(said.value).endswith("2026-10-25 02:10+02:00 or 2026-10-25 02:10+01:00")
    # Either offset the message offers is taken, an hour apart.
    summer = parse_instant("2026-10-25 02:10+02:00", now=now, zone_name="Europe/Berlin")
    winter = parse_instant("2026-10-25 02:10+01:00", now=now, zone_name="Europe/Berlin")
    assert winter - summer == timedelta(hours=1)
    # The hours around the change are as ever.
    assert parse_instant("03:00", now=now, zone_name="Europe/Berlin", day=date(2026, 3, 29)) == (
        datetime(2026, 3, 29, 1, tzinfo=UTC)
    )


def test_an_end_before_the_start_is_the_next_day_only_for_a_night_not_for_a_slip() -> None:
    berlin = "Europe/Berlin"

    def at(day: int, clock: str, month: int = 10) -> datetime:
        return at_local(date(2026, month, day), time.fromisoformat(clock), berlin)

    assert overnight_end(at(20, "22:00"), "01:00", berlin) == at(21, "01:00")
    assert overnight_end(at(20, "10:00"), "09:00", berlin) == at(20, "09:00")  # 23 h
    assert overnight_end(at(20, "09:00"), "10:00", berlin) == at(20, "10:00")
    # The night the clocks go back is an hour longer: 01:30 is still the next day's 01:30.
    assert overnight_end(at(24, "23:00"), "01:30", berlin) == at(25, "01:30")
    assert at(25, "01:30") - at(24, "23:00") == timedelta(hours=2, minutes=30)


def test_an_end_before_the_start_of_day_is_in_the_night_of_the_starts_working_day() -> None:
    """With days starting at 04:00, a time before 04:00 is in the working day's night for an
    end as for a start, however long the entry is then; the 12-hour rule stays for the rest."""
    berlin, four = "Europe/Berlin", time(4)

    def at(day: int, clock: str) -> datetime:
        return at_local(date(2026, 3, day), time.fromisoformat(clock), berlin)

    assert overnight_end(at(10, "14:00"), "02:00", berlin, four) == at(11, "02:00")
    assert overnight_end(at(10, "05:00"), "03:59", berlin, four) == at(11, "03:59")
    assert overnight_end(at(10, "23:00"), "05:00", berlin, four) == at(11, "05:00")  # 6 h
    assert overnight_end(at(10, "14:00"), "10:00", berlin, four) == at(10, "10:00")  # a slip
    # A start in the night (Wednesday 01:00, in Tuesday's working day) keeps the end on its
    # date, and a time before the start of day there is no later night's.
    assert overnight_end(at(11, "01:00"), "14:00", berlin, four) == at(11, "14:00")
    assert overnight_end(at(11, "03:00"), "02:00", berlin, four) == at(11, "02:00")
    # Days starting at midnight: 12 hours is no night after.
    assert overnight_end(at(10, "14:00"), "02:00", berlin) == at(10, "02:00")


@pytest.mark.parametrize(
    ("typed", "month_first", "meant"),
    [
        ("2026-10-25", None, date(2026, 10, 25)),
        ("25.10.2026", None, date(2026, 10, 25)),
        ("25.10.", None, date(2026, 10, 25)),
        ("25.10.26", None, date(2026, 10, 25)),
        ("25-10-2026", None, date(2026, 10, 25)),
        ("25/10/2026", True, date(2026, 10, 25)),  # only the second part can be the month
        ("10/25/2026", False, date(2026, 10, 25)),  # only the first can
        ("1/2/2026", True, date(2026, 1, 2)),
        ("1/2/2026", False, date(2026, 2, 1)),
        ("25 Oct 2026", None, date(2026, 10, 25)),
        ("Oct 25, 2026", None, date(2026, 10, 25)),
        ("25 october", None, date(2026, 10, 25)),
        ("Sept 3", None, date(2026, 9, 3)),
        ("Fri 27 Nov 2026", None, date(2026, 11, 27)),  # as the date field shows a day
        ("25", None, date(2026, 11, 25)),
        ("T", None, date(2026, 11, 27)),
        ("y", None, date(2026, 11, 26)),
        ("25 Oct 26", None, date(2026, 10, 25)),  # a two-digit year, as 25.10.26
    ],
)
def test_dates_are_read_as_people_type_them(
    typed: str, month_first: bool | None, meant: date
) -> None:
    assert parse_date(typed, date(2026, 11, 27), month_first=month_first) == meant


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1/2/2026", "'1/2/2026' could be 1 Feb or 2 Jan; type it as 2026-02-01 or 2026-01-02"),
        ("octopus 3", "'octopus 3' is not a date; type it as 2026-10-25, 25.10.2026, 25 Oct"),
        ("31 Nov", "'31 Nov' is not a date"),
        ("2026-10", "'2026-10' is not a date"),
        ("-1", "'-1' is not a date"),  # it was the 1st of the month
        ("Mon 27 Nov 2026", "'Mon 27 Nov 2026' names another weekday: 27 Nov 2026 is a Friday"),
    ],
)
def test_a_date_that_reads_two_ways_or_none_is_refused(typed: str, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(typed, date(2026, 11, 27))
    assert str(refused.value).startswith(said)


@pytest.mark.parametrize(
    ("zone_name", "day", "days", "changes"),
    [
        ("Europe/Berlin", date(2026, 10, 25), 1, True),  # back at 03:00
        ("Europe/Berlin", date(2026, 10, 24), 1, False),
        ("Europe/Berlin", date(2026, 10, 24), 2, True),  # the day before, ending after it
        ("Europe/Berlin", date(2026, 3, 29), 1, True),  # forward at 02:00
        ("Europe/Berlin", date(2026, 10, 26), 2, False),
        ("America/Sao_Paulo", date(2026, 10, 25), 2, False),  # no summer time since 2019
        ("Australia/Lord_Howe", date(2026, 4, 5), 1, True),  # back half an hour
        ("America/Havana", date(2026, 3, 8), 1, True),  # forward at midnight itself
        ("UTC", date(2026, 10, 25), 2, False),
    ],
)
def test_clocks_change_on_the_days_they_do(
    zone_name: str, day: date, days: int, changes: bool
) -> None:
    assert clocks_change(day, zone_name, days=days) is changes
