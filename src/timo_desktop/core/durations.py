"""Durations as people type them: `1h30`, `1h 30m`, `90m`, `90 minutes`, `3 hrs`, `1.5`,
`1:30`."""

from __future__ import annotations

import re
from datetime import timedelta

from timo_desktop.core.errors import InvalidInput

MINUTE = 60  # seconds
HOUR = 3600
_NUMBER = r"\d+(?:[.,]\d+)?(?![\d.,])"  # whole: `30 s` is not 3 min 0 s
_HOURS = r"h|hrs?|hours?"
_MINUTES = r"m|mins?|minutes?"
_SECONDS = r"s|secs?|seconds?"
# Hours, minutes and seconds, each at most once and in that order; minutes may leave out
# their unit after hours (`1h30`).
_UNITS = re.compile(
    rf"^(?:(?P<h>{_NUMBER})\s*(?:{_HOURS})\s*)?"
    rf"(?:(?P<m>{_NUMBER})\s*(?P<m_unit>{_MINUTES})?\s*)?"
    rf"(?:(?P<s>{_NUMBER})\s*(?:{_SECONDS}))?$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$")
_BARE_NUMBER = re.compile(rf"^({_NUMBER})$")

_HINT = "use for example 1h30, 1h 30m, 90m, 1.5 or 1:30"
LONGEST_TYPED = timedelta(days=366)  # beyond any entry or "ago"; also keeps the sums in range


def parse_duration(text: str) -> timedelta:
    """Parse a duration typed for an entry (its length, or how long ago it began); a bare
    number is hours (`1.5` is 90 minutes).

    Raises `InvalidInput` with a plain message for anything else, zero and anything under
    a minute included (an entry of `10 s` was added, and shown, as 0m).
    """
    seconds = typed_seconds(text)
    if seconds is None:
        raise InvalidInput(f"'{text}' is not a duration; {_HINT}")
    if seconds > LONGEST_TYPED.total_seconds():
        raise InvalidInput(f"'{text}' is longer than a year; no entry is that long")
    if round(seconds) <= 0:
        raise InvalidInput(f"'{text}' is zero; a duration must be longer than that")
    if round(seconds) < MINUTE:
        raise InvalidInput(f"'{text}' is under a minute; a duration is at least 1m")
    return timedelta(seconds=round(seconds))


def entry_length(text: str, longest: timedelta) -> timedelta:
    """An entry's length typed as `text` (`parse_duration`), refused when no entry may be
    longer than `longest`, naming it as read: a bare number is hours, and one meant as
    minutes is said so (`'90' is read as 90 hours, …; did you mean 90m?`), before any end
    it makes is found to lie days ahead."""
    length = parse_duration(text)
    if length <= longest:
        return length
    raw = text.strip()
    allowed = f"longer than the longest entry allowed ({format_duration(longest)})"
    if not _BARE_NUMBER.match(raw):
        raise InvalidInput(f"'{raw}' is {allowed}")
    as_minutes = timedelta(minutes=int(raw)) if raw.isdigit() else None
    meant = f"; did you mean {raw}m?" if as_minutes is not None and as_minutes <= longest else ""
    raise InvalidInput(f"'{raw}' is read as {raw} hours, {allowed}{meant}")


def typed_seconds(text: str, *, bare: int = HOUR) -> float | None:
    """The seconds in duration `text` as people type it (`1h30`, `1h 30m`, `90 minutes`,
    `3 hrs`, `1 min 30 s`, `1:30`), zero and any length included (infinite beyond what a
    float holds); None for anything else. A bare number counts `bare` seconds a unit
    (hours unless said: `1.5` is 90 minutes)."""
    raw = text.strip()
    if match := _CLOCK.match(raw):
        return int(match.group(1)) * HOUR + int(match.group(2)) * MINUTE
    if match := _BARE_NUMBER.match(raw):
        return _number(match.group(1)) * bare
    match = _UNITS.match(raw)
    if match is None or not raw:
        return None
    given = {part for part in ("h", "m", "s") if match.group(part) is not None}
    hours, minutes, seconds = (_number(match.group(part)) for part in "hms")
    if "m" in given and match.group("m_unit") is None and given != {"h", "m"}:
        return None  # a number without its unit is minutes only right after hours
    if ("h" in given and minutes >= 60) or (given & {"h", "m"} and seconds >= 60):
        return None  # `1h90` or `1m75s`: a slip, not 2h30 or 2m15s
    return hours * HOUR + minutes * MINUTE + seconds


def _number(text: str | None) -> float:
    """A number typed with a decimal point or comma (`1,5`); 0 for none."""
    return float(text.replace(",", ".")) if text else 0.0


def shown_minutes(length: timedelta | float) -> int:
    """The whole minutes of a length (a timedelta, or seconds), as Timo shows it: `1h 05m`
    or `1:05` for 1:05:59."""
    seconds = length.total_seconds() if isinstance(length, timedelta) else length
    return int(max(seconds, 0)) // 60


def format_duration(length: timedelta | float, *, seconds: bool = False) -> str:
    """`1h 05m`, `45m` or `0m`: how Timo shows a length of time (a timedelta, or seconds);
    `seconds`: with the seconds the minutes leave out (`24h 00m 30s`), where they matter."""
    hours, minutes = divmod(shown_minutes(length), 60)
    shown = f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
    if not seconds:
        return shown
    total = length.total_seconds() if isinstance(length, timedelta) else length
    return f"{shown} {int(max(total, 0)) % 60:02d}s"
