"""Time handling: UTC instants in storage, the IANA zone beside them, days at read time.

Instants are aware `datetime`s in UTC with whole seconds. Days and weeks (from
Monday as ISO, or from another first weekday) are computed when reading, in a
zone and with a configurable start of day, so a day is 23 or 25 hours long
across a DST change and bucketing never drifts.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timo_desktop.core.errors import InvalidInput

MIDNIGHT = time(0, 0)
# Where a running timer ends when asking what lies in its way: it runs on past now, over
# anything that starts after it.
FOREVER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


def utc_now() -> datetime:
    """The current instant in UTC, truncated to whole seconds."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(instant: datetime) -> datetime:
    """`instant` (which must be aware) in UTC with whole seconds."""
    if instant.tzinfo is UTC and not instant.microsecond:
        return instant  # most instants are already so (a sync pull converts ~10 per entry)
    offset = instant.utcoffset()
    if offset is None:
        raise ValueError("naive datetime: Timo works with aware instants only")
    if not offset:  # UTC by another tzinfo (the API client's): no conversion needed
        return instant.replace(tzinfo=UTC, microsecond=0)
    return instant.astimezone(UTC).replace(microsecond=0)


def to_text(instant: datetime) -> str:
    """RFC 3339 UTC text (`2026-03-03T09:00:00Z`), sortable as a string."""
    # isoformat() of a whole-second UTC instant is `…T09:00:00+00:00`; it is several times
    # quicker than strftime, and pads years below 1000 as RFC 3339 wants.
    return as_utc(instant).isoformat()[:19] + "Z"


def from_text(text: str) -> datetime:
    """Parse text written by `to_text` (or any RFC 3339 instant) into UTC."""
    return as_utc(datetime.fromisoformat(text))


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`; a plain error when it does not exist."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone '{name}'") from None


def local(instant: datetime, zone_name: str) -> datetime:
    """`instant` as wall-clock time in `zone_name`."""
    return instant.astimezone(zone(zone_name))


def at_local(day: date, clock: time, zone_name: str) -> datetime:
    """The UTC instant of wall-clock `clock` on `day` in `zone_name`: the first instant at
    or after it, so every day has one start.

    A time skipped by a DST jump is the jump itself (02:30 on Europe/Berlin's
    spring-forward day is 03:00, when the clocks leave 02:00 for it); a repeated
    time takes its first occurrence.
    """
    first = datetime.combine(day, clock, tzinfo=zone(zone_name))
    instant = as_utc(first)
    if local(instant, zone_name).replace(tzinfo=None) == first.replace(tzinfo=None):
        return instant
    # Skipped: read with the offset before the jump it lies after it, with the one after
    # the jump before it; the jump is the first instant with the later offset between.
    before, after = as_utc(first.replace(fold=1)), instant
    later = local(after, zone_name).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + timedelta(seconds=(after - before).total_seconds() // 2)
        if local(middle, zone_name).utcoffset() == later:
            after = middle
        else:
            before = middle
    return after


def local_day(instant: datetime, zone_name: str, start_of_day: time = MIDNIGHT) -> date:
    """The working day `instant` belongs to, when days begin at `start_of_day`: the one
    whose `day_range` holds it."""
    wall = local(instant, zone_name)
    shift = timedelta(hours=start_of_day.hour, minutes=start_of_day.minute)
    day = (wall.replace(tzinfo=None) - shift).date()
    # The hour the clocks show again (fold 1) reads earlier than the first showing before
    # it: a day that began in that first showing has begun, though this clock is not there.
    if wall.fold and instant >= at_local(day + timedelta(days=1), start_of_day, zone_name):
        return day + timedelta(days=1)
    return day


def day_range(
    day: date, zone_name: str, start_of_day: time = MIDNIGHT
) -> tuple[datetime, datetime]:
    """UTC bounds [start, end) of working day `day` (23 or 25 hours long across DST)."""
    return (
        at_local(day, start_of_day, zone_name),
        at_local(day + timedelta(days=1), start_of_day, zone_name),
    )


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding `day`, for weeks that begin on weekday
    `first_weekday` (0 = Monday, the ISO default; 6 = Sunday, as many US timesheets)."""
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday must be 0 (Monday) to 6 (Sunday), not {first_weekday}")
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def days_range(
    first: date, last: date, zone_name: str, start_of_day: time = MIDNIGHT
) -> tuple[datetime, datetime]:
    """UTC bounds [start, end) covering the working days `first` to `last` inclusive."""
    if last < first:
        raise InvalidInput(f"the range ends ({last}) before it begins ({first})")
    return day_range(first, zone_name, start_of_day)[0], day_range(last, zone_name, start_of_day)[1]


# 24-hour `9:30`, `0930`, `9.30`, `9h30`; or 12-hour `2:30 pm`, `2pm`, `2:30p`, `11.15 a.m.`.
_CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.h]?(?P<minute>\d{2}))?"
    r"(?:\s*(?P<half>[ap])\.?\s*(?:m\.?)?)?$",
    re.IGNORECASE,
)
_twelve_hour = False


def use_twelve_hour_clock(on: bool) -> None:
    """Show times of day as `2:30 PM` (on) or `14:30` (off, the default).

    The desktop app follows the computer's setting; the command line keeps 24-hour
    times, which scripts read. Either way both forms are accepted when typed.
    """
    global _twelve_hour
    _twelve_hour = on


def twelve_hour_clock() -> bool:
    """Whether times of day read `2:30 PM` (see `use_twelve_hour_clock`)."""
    return _twelve_hour


def clock_text(clock: time, *, twelve_hour: bool | None = None, seconds: bool = False) -> str:
    """A time of day as people here read it: `14:30`, or `2:30 PM` on a 12-hour clock
    (`twelve_hour` overrides the chosen clock, for what programs read); `seconds`: with
    them (`14:30:56`), where the minute alone hides what matters."""
    minute = f"{clock.minute:02d}:{clock.second:02d}" if seconds else f"{clock.minute:02d}"
    if not (_twelve_hour if twelve_hour is None else twelve_hour):
        return f"{clock.hour:02d}:{minute}"
    return f"{(clock.hour - 1) % 12 + 1}:{minute} {'AM' if clock.hour < 12 else 'PM'}"


def minute_floor(instant: datetime) -> datetime:
    """`instant` at the start of its clock minute: the time a list of minutes shows."""
    return instant.replace(second=0, microsecond=0)


def day_and_time(wall: datetime) -> str:
    """`Mon 02 Mar 9:00 AM`: a wall-clock moment with its day, on this clock."""
    return f"{wall.strftime('%a %d %b')} {clock_text(wall.time())}"


def _clock_form(*, example: bool = False) -> str:
    """How to type a time of day, for messages (`example`: with one, on a 24-hour clock)."""
    if _twelve_hour:
        return "2:30 PM or 14:30"
    return "HH:MM, for example 09:30" if example else "HH:MM"


FIRST_YEAR, LAST_YEAR = 1970, 2999


OVERNIGHT = timedelta(hours=12)  # an end before the start by a clock is the next day's if
# that makes the entry shorter than this (22:00–01:00), and a slip of the fingers otherwise


def overnight_end(
    start: datetime,
    text: str,
    zone_name: str,
    start_of_day: time = MIDNIGHT,
    *,
    bare_hour: bool = False,
) -> datetime:
    """The end typed as time of day `text` (`is_time_of_day`): on `start`'s calendar date,
    or the next day's when on that date it falls before the start and the entry is then
    under `OVERNIGHT` (22:00–01:00), or the end is in the night of the start's working day
    (days starting at `start_of_day`: with 04:00, 14:00–02:00 ends the next morning, as a
    time before the start of day is read in that night, `typed_time_in_day`). Either day
    reads it as typed there (`typed_time_on`): an offset typed with it says which of the
    next night's two 02:30s is meant (`02:30+01:00`), and one the clocks show twice that
    night asks for its offset. `bare_hour`: as `parse_clock`'s."""
    day = local(start, zone_name).date()
    try:
        end = typed_time_on(day, text, zone_name, bare_hour=bare_hour)
    except InvalidInput:  # perhaps a time only the next night has (`02:30+01:00`)
        end = None
    if end is not None and end >= start:
        return end
    following, clock = day + timedelta(days=1), time_of_day(text, bare_hour=bare_hour)
    # The end's date within the start's working day: the next one for a time in its night.
    in_its_day = date_in_day(local_day(start, zone_name, start_of_day), clock, start_of_day)
    if in_its_day == following or at_local(following, clock, zone_name) - start < OVERNIGHT:
        return typed_time_on(following, text, zone_name, bare_hour=bare_hour)
    # Not the next night's: as typed on the start's day, a time before the start (refused
    # by the entry's own rule), or the reason that day does not have it.
    return end if end is not None else typed_time_on(day, text, zone_name, bare_hour=bare_hour)


def range_parts(text: str) -> list[str]:
    """The parts of a typed range such as `09:00–10:30` or `09:00-10:30`, blanks dropped.
    Split at the long dashes where there are any, as ranges are shown: a range across a
    clock change reads `01:30 UTC-4–01:15 UTC-5`, its offsets' minus signs not dashes."""
    dashes = "[–—]" if re.search("[–—]", text) else "-"
    return [part.strip() for part in re.split(dashes, text) if part.strip()]


def parse_clock(text: str, *, twenty_four: bool = False, bare_hour: bool = False) -> time:
    """A typed time of day: 24-hour (`09:30`, `0930`, `9.30`) or with AM/PM (`2:30 pm`, `2pm`).

    On a 12-hour clock a time such as `2:30` could be either half of the day, so it
    is refused with the two readings rather than guessed; `14:30` is taken as it is.
    `twenty_four`: read as on a 24-hour clock whatever this computer's (a time typed with
    its UTC offset, `01:30-04:00`, the form Timo offers for an hour the clocks repeat).
    `bare_hour`: a bare hour (`9`, `14`) is on the hour (`09:00`), for a field where
    nothing but a time of day can be meant; without it, where a time ago can be typed too
    (`15m ago`), one is refused with both readings.
    """
    raw = text.strip()
    match = _CLOCK.match(raw)
    if match:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        half = (match["half"] or "").lower()
        if half and 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if half == "p" else 0), minute)
        if not half and hour < 24 and minute < 60:
            if not match["minute"] and not bare_hour:
                shown = clock_text(time(hour, 0))
                raise InvalidInput(
                    f"'{raw}' alone could be a time of day or a time ago; type {shown},"
                    " or a time ago such as 15m ago"
                )
            if _twelve_hour and not twenty_four and 1 <= hour <= 12:
                morning, evening = time(hour % 12, minute), time(hour % 12 + 12, minute)
                raise InvalidInput(
                    f"'{raw}' could be {clock_text(morning)} or {clock_text(evening)}; add AM or PM"
                )
            return time(hour, minute)
    raise InvalidInput(f"'{text}' is not a time of day; use {_clock_form(example=True)}")


_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_FORMS = "2026-10-25, 25.10.2026, 25 Oct, 'today' or 'yesterday'"


def _named(part: str, names: tuple[str, ...]) -> int | None:
    """The index of the name `part` spells or shortens (three letters at least)."""
    if len(part) < 3 or not part.isalpha():
        return None
    return next((i for i, name in enumerate(names) if name.startswith(part)), None)


def parse_date(text: str, today: date, *, month_first: bool | None = None) -> date:
    """A day as people type it: `2026-10-25`, `25.10.2026`, `25/10/2026`, `25 Oct 2026`,
    `Oct 25`, `Fri 27 Nov 2026` (a weekday before it is read past), `25` (this month),
    `today` / `t`, `yesterday` / `y`; a year left out is this year's, a two-digit one
    this century's. Dots and dashes put the day first; a slash date whose parts could
    each be the month takes the system's order (`month_first`), and with None it is
    refused, never guessed."""
    word = text.strip().lower().rstrip(".")
    if word in ("today", "t"):
        return today
    if word in ("yesterday", "y"):
        return today - timedelta(days=1)
    parts = [p for p in re.split(r"[\s,]+|(?<=\d)[./-]|[./-](?=\d)", word) if p]
    weekday = _named(parts[0], _WEEKDAYS) if len(parts) > 1 else None
    if weekday is not None:
        parts = parts[1:]  # "Fri 27 Nov 2026", as the field shows it
    try:
        if word[:1] in "-./":  # "-1" is no day of the month (nor yesterday)
            raise ValueError(text)
        year, month, day = _date_parts(parts, text, today, month_first)
        found = date(year, month, day)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; type it as {_DATE_FORMS}") from None
    if weekday is not None and weekday != found.weekday():
        raise InvalidInput(
            f"'{text.strip()}' names another weekday: {found.day} {found:%b %Y} is a "
            f"{_WEEKDAYS[found.weekday()].title()}"
        )
    return kept_day(found, text)


def _year(typed: str) -> int:
    """A typed year: two digits are this century's (26 is 2026)."""
    return int(typed) + (2000 if len(typed) == 2 else 0)


def _date_parts(
    parts: list[str], text: str, today: date, month_first: bool | None
) -> tuple[int, int, int]:
    """(year, month, day) of a typed date's parts; ValueError when they make none."""
    named = [(i, m) for i, part in enumerate(parts) if (m := _named(part, _MONTHS)) is not None]
    if len(named) == 1 and len(parts) in (2, 3):
        at, month = named[0]
        rest = [p for i, p in enumerate(parts) if i != at]  # 25 Oct, Oct 25
        return (_year(rest[1]) if len(rest) > 1 else today.year), month + 1, int(rest[0])
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    numbers = [int(p) for p in parts]
    if len(parts) == 1:
        return today.year, today.month, numbers[0]
    if len(parts[0]) == 4:  # 2026-10-25
        if len(parts) != 3:
            raise ValueError(text)
        return numbers[0], numbers[1], numbers[2]
    day, month = numbers[:2]
    year = _year(parts[2]) if len(parts) > 2 else today.year
    if "/" in text and month > 12 >= day:  # 10/25/2026: only the first can be the month
        day, month = month, day
    elif "/" in text and day <= 12 and month <= 12 and day != month:
        if month_first is None:
            raise InvalidInput(
                f"'{text.strip()}' could be {day} {_MONTHS[month - 1][:3].title()} or "
                f"{month} {_MONTHS[day - 1][:3].title()}; type it as "
                f"{year}-{month:02}-{day:02} or {year}-{day:02}-{month:02}"
            )
        if month_first:
            day, month = month, day
    return year, month, day


def kept_day(day: date, text: str) -> date:
    """`day`, refused in plain words when it lies outside the years Timo keeps (which also
    keeps the arithmetic of time zones away from the ends of the calendar)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(f"'{text}' is outside the years {FIRST_YEAR}–{LAST_YEAR} Timo keeps")
    return day


# A time of day with its UTC offset, as the two readings of a time the clocks show twice
# are told apart (`02:30+02:00`, `0230+0200`) and as ranges show them (`02:30 UTC+2`).
_WITH_OFFSET = re.compile(
    r"^(?P<clock>.+?)\s*(?:(?:UTC|GMT)\s*)?"
    r"(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$",
    re.IGNORECASE,
)
# `2026-10-25 02:30 UTC+2`: a date before such a time (the ISO form with `+02:00` is
# read by `datetime.fromisoformat`, this one is not).
_DATED = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ T]\s*(?P<rest>.+)$")


def _clock_and_offset(text: str) -> tuple[str, timedelta | None] | None:
    """`text` as a time of day and the UTC offset typed after it (None: none typed), or
    None when it is not a time of day."""
    raw = text.strip()
    if _CLOCK.match(raw):
        return raw, None
    match = _WITH_OFFSET.match(raw)
    if match is None or not _CLOCK.match(match["clock"]):
        return None
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if hours > 23 or minutes > 59:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    return match["clock"], -offset if match["sign"] == "-" else offset


def time_of_day(text: str, *, bare_hour: bool = False) -> time:
    """The clock time of a typed time of day, its UTC offset if any left aside (`parse_clock`
    reads it, `bare_hour` and all: `InvalidInput` when it is none)."""
    parsed = _clock_and_offset(text)
    return parse_clock(parsed[0] if parsed is not None else text, bare_hour=bare_hour)


def is_time_of_day(text: str) -> bool:
    """Whether `text` is a time of day (`14:30`, `2:30 pm`), perhaps with its UTC offset
    (`02:30+02:00`, `02:30 UTC+2`), to be put on some day."""
    return _clock_and_offset(text) is not None


def typed_time_on(
    day: date, text: str, zone_name: str, *, dated: bool = False, bare_hour: bool = False
) -> datetime:
    """Time of day `text` (`is_time_of_day`) on `day` in `zone_name` (`typed_local`); an
    offset typed with it (`02:30+02:00`, `02:30 UTC+2`) says which of the two readings of a
    time shown twice is meant. `dated`: `text` came with its date (see `typed_local`);
    `bare_hour`: as `parse_clock`'s."""
    parsed = _clock_and_offset(text)
    if parsed is None:
        raise InvalidInput(f"'{text}' is not a time of day; use {_clock_form(example=True)}")
    clock, offset = parsed
    wall = datetime.combine(
        day, parse_clock(clock, twenty_four=offset is not None, bare_hour=bare_hour)
    )
    if offset is None:
        return typed_local(wall, zone_name, dated=dated)
    instant = as_utc(wall.replace(tzinfo=timezone(offset)))
    if local(instant, zone_name).replace(tzinfo=None) == wall:
        return instant
    # Not a reading of this time here: a time skipped or shown twice is said as without an
    # offset (the readings there are); otherwise the offset is wrong, or it was never one
    # (`--start 09:00-10:00`, a range, would be 09:00 at UTC-10).
    on_clocks = typed_local(wall, zone_name, dated=dated)
    raise InvalidInput(
        f"'{text.strip()}' is not a time in {zone_name}: on {wall:%a %Y-%m-%d} it is"
        f" {clock_text(wall.time())}{_offset(local(on_clocks, zone_name))}; leave out the offset"
    )


def typed_time_in_day(
    day: date,
    text: str,
    zone_name: str,
    start_of_day: time = MIDNIGHT,
    *,
    bare_hour: bool = False,
) -> datetime:
    """Time of day `text` within working day `day` (`typed_time_on`, `bare_hour` and all): on
    its calendar date, or, when `text` is before `start_of_day`, on the next one, where that
    working day's night goes on (with days starting at 04:00, Friday's 01:30 is Saturday's
    by the calendar, listed under Friday)."""
    on = date_in_day(day, time_of_day(text, bare_hour=bare_hour), start_of_day)
    return typed_time_on(on, text, zone_name, bare_hour=bare_hour)


def date_in_day(day: date, clock: time, start_of_day: time = MIDNIGHT) -> date:
    """The calendar date on which wall-clock `clock` falls within working day `day` (days
    starting at `start_of_day`): `day`'s own, or the next one's for a clock before the start
    of day (with days starting at 23:59, Thursday's 17:30 is Friday's by the calendar)."""
    return day + timedelta(days=1) if clock < start_of_day else day


def parse_instant(text: str, *, now: datetime, zone_name: str, day: date | None = None) -> datetime:
    """A moment typed by a person, as a UTC instant.

    Accepts `now`, a time of day (`HH:MM` or `2:30 pm`, on `day`, default today in
    `zone_name`; with its offset, `02:30+02:00` or `02:30 UTC+2`, for a time the clocks
    show twice), a time ago (`-15m` or `15m ago`), `YYYY-MM-DD HH:MM` (also with such an
    offset), and RFC 3339 with an offset or `Z`.
    """
    raw = text.strip()
    if raw.lower() == "now":
        return as_utc(now)
    ago = raw[1:] if raw.startswith("-") else raw[:-4] if raw.lower().endswith(" ago") else None
    if ago is not None:
        from timo_desktop.core.durations import parse_duration

        return as_utc(now) - parse_duration(ago)
    if is_time_of_day(raw):
        on = day if day is not None else local(now, zone_name).date()
        return typed_time_on(on, raw, zone_name, dated=False)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        dated = _DATED.match(raw)
        if dated and is_time_of_day(dated["rest"]):  # `2026-10-25 02:30 UTC+2`
            with contextlib.suppress(ValueError):
                on = kept_day(date.fromisoformat(dated["date"]), text)
                return typed_time_on(on, dated["rest"], zone_name, dated=True)
        raise InvalidInput(
            f"'{text}' is not a time; use {_clock_form()}, 'YYYY-MM-DD HH:MM', 'now' or '15m ago'"
        ) from None
    with contextlib.suppress(ValueError):
        date.fromisoformat(raw)  # a day alone reads as its midnight: never what was meant
        raise InvalidInput(f"'{text}' is a day; give its time too, as 'YYYY-MM-DD HH:MM'")
    kept_day(parsed.date(), text)
    if parsed.tzinfo is None:
        return typed_local(parsed, zone_name)
    return as_utc(parsed)


def typed_local(wall: datetime, zone_name: str, *, dated: bool = True) -> datetime:
    """The UTC instant of typed wall-clock time `wall` (naive) in `zone_name`. Unlike
    `at_local`, which must give every day its bounds, a time the clocks skip or show twice
    (the night of a DST change) is refused in plain words, not moved or guessed.

    The refusal of a time shown twice offers both readings as they can be typed back: with
    the date (`2026-10-25 02:30+02:00`), or, for a time typed without one (`dated` False:
    `--date 2026-10-25 --start 02:30`), as a time of day (`02:30+02:00`)."""
    first, second = (wall.replace(tzinfo=zone(zone_name), fold=fold) for fold in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return as_utc(first)
    day, shown = f"{wall:%a %Y-%m-%d}", clock_text(wall.time())
    if local(as_utc(first), zone_name).replace(tzinfo=None) != wall:
        raise InvalidInput(
            f"{shown} does not exist on {day} in {zone_name}: the clocks go forward then"
        )
    form = "%Y-%m-%d %H:%M" if dated else "%H:%M"
    offsets = " or ".join(f"{wall:{form}}{_offset(t)}" for t in (first, second))
    raise InvalidInput(
        f"{shown} happens twice on {day} in {zone_name} (the clocks go back); "
        f"say which with its offset: {offsets}"
    )


def _offset(instant: datetime) -> str:
    minutes = int(instant.utcoffset().total_seconds()) // 60  # type: ignore[union-attr]
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def utc_offset_text(wall: datetime) -> str:
    """`UTC+2`, `UTC+5:30`, `UTC-3:30`: the offset of zoned time `wall`, as shown beside it."""
    offset = wall.utcoffset()
    assert offset is not None  # `local` gives zoned times
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours}{f':{rest:02d}' if rest else ''}"


def shown_twice(instant: datetime, zone_name: str) -> bool:
    """Whether the clocks of `zone_name` show `instant`'s time twice (the hour repeated the
    night they go back), so that the time alone does not say which instant it is."""
    wall = local(instant, zone_name)
    return wall.replace(fold=1 - wall.fold).utcoffset() != wall.utcoffset()


def clocks_change(day: date, zone_name: str, days: int = 1) -> bool:
    """Whether the clocks of `zone_name` change in the `days` days from the start of `day`:
    only times then can name their UTC offsets (`clock_range`)."""
    # The offsets at the two midnights: a wall time read as it stands, with no search for
    # the instant (`at_local`), as a list asks this of every day of a year.
    clocks = zone(zone_name)
    first, last = (datetime.combine(day + timedelta(days=n), MIDNIGHT, clocks) for n in (0, days))
    return first.utcoffset() != last.utcoffset()


def clock_range(
    start: datetime,
    end: datetime | None,
    zone_name: str,
    *,
    open_end: str = "",
    twelve_hour: bool | None = None,
    dated_end: bool = False,
) -> str:
    """`09:00–10:30` on the clocks of `zone_name` (`open_end` stands for a missing end);
    `dated_end`: an end on another date than the start names it (`23:49–Thu 2026-11-26
    23:48`, not a minute or a day less), unless it is the night after's, which its time
    alone says (`22:00–01:00`, as `overnight_end` reads it back).

    When the two ends have different UTC offsets, or either falls in an hour the clocks
    show twice, each end names its offset (`02:30 UTC+2–02:15 UTC+1`): the night the clocks
    go back an entry would otherwise read as ending before it starts, or an hour off.
    """
    first, last = local(start, zone_name), None if end is None else local(end, zone_name)
    shown_start, shown_end = clock_ends(start, end, zone_name, twelve_hour=twelve_hour)
    if end is None or last is None:
        return f"{shown_start}–{open_end}"
    night_after = last.date() == first.date() + timedelta(days=1) and end - start < OVERNIGHT
    dated = dated_end and last.date() != first.date() and not night_after
    return f"{shown_start}–{f'{last:%a %Y-%m-%d} ' if dated else ''}{shown_end}"


def clock_ends(
    start: datetime, end: datetime | None, zone_name: str, *, twelve_hour: bool | None = None
) -> tuple[str, str]:
    """A range's two times of day on the clocks of `zone_name`, each naming its offset
    when the two offsets differ or either time is one the clocks show twice (`clock_range`);
    the end's is empty when there is none."""
    first = local(start, zone_name)
    last = None if end is None else local(end, zone_name)
    offsets = (
        (last is not None and last.utcoffset() != first.utcoffset())
        or shown_twice(start, zone_name)
        or (end is not None and shown_twice(end, zone_name))
    )

    def show(wall: datetime) -> str:
        text = clock_text(wall.time(), twelve_hour=twelve_hour)
        return f"{text} {utc_offset_text(wall)}" if offsets else text

    return show(first), "" if last is None else show(last)


def clock_time(
    instant: datetime, zone_name: str, *, twelve_hour: bool | None = None, seconds: bool = False
) -> str:
    """The wall-clock time of `instant` in `zone_name` (`14:30` or `2:30 PM`), for messages;
    `seconds`: with them (`14:30:56`)."""
    return clock_text(local(instant, zone_name).time(), twelve_hour=twelve_hour, seconds=seconds)


def describe_instant(
    instant: datetime,
    zone_name: str,
    *,
    relative_to: datetime | date,
    twelve_hour: bool | None = None,
    with_offset: bool = True,
    seconds: bool = False,
) -> str:
    """The time of day when on the same local day as `relative_to` (a moment, or that day
    itself: an entry's, shown beside it), else the date before it (`2026-03-03 14:30`). A
    time the clocks show twice names its offset (`02:40 UTC+1`), as ranges do: "end 02:40
    is before start 02:40" said nothing the night they go back (`with_offset` False: a
    CSV, which has a column for it). `seconds`: with them (`14:30:56`)."""
    wall = local(instant, zone_name)
    clock = clock_text(wall.time(), twelve_hour=twelve_hour, seconds=seconds)
    if with_offset and shown_twice(instant, zone_name):
        clock = f"{clock} {utc_offset_text(wall)}"
    if isinstance(relative_to, datetime):
        relative_to = local(relative_to, zone_name).date()
    if wall.date() == relative_to:
        return clock
    return f"{wall.date().isoformat()} {clock}"
