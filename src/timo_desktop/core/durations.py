"""Durations as people type them: `1h30`, `1h 30m`, `90m`, `1.5`, `1:30`."""

from __future__ import annotations

import re
from datetime import timedelta

from timo_desktop.core.errors import InvalidInput

_UNITS = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*(?:m|min)?)?$", re.IGNORECASE)
_MINUTES_ONLY = re.compile(r"^(\d+)\s*(?:m|min)$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$")
_DECIMAL_HOURS = re.compile(r"^(\d+(?:[.,]\d+)?)$")

_HINT = "use for example 1h30, 1h 30m, 90m, 1.5 or 1:30"
LONGEST_TYPED = timedelta(days=366)  # beyond any entry or "ago"; also keeps the sums in range


def parse_duration(text: str) -> timedelta:
    """Parse a duration; a bare number is hours (`1.5` is 90 minutes).

    Raises `InvalidInput` with a plain message for anything else, zero included.
    """
    raw = text.strip()
    try:
        seconds = _seconds(raw)
    except OverflowError:  # hours beyond what a float holds
        seconds = int(LONGEST_TYPED.total_seconds()) + 1
    if seconds is None:
        raise InvalidInput(f"'{text}' is not a duration; {_HINT}")
    if seconds <= 0:
        raise InvalidInput(f"'{text}' is zero; a duration must be longer than that")
    if seconds > LONGEST_TYPED.total_seconds():
        raise InvalidInput(f"'{text}' is longer than a year; no entry is that long")
    return timedelta(seconds=seconds)


def check_longest(text: str, length: timedelta, longest: timedelta) -> None:
    """Refuse typed duration `text` (read as `length`) when no entry may be that long,
    naming it as read: a bare number is hours, and one meant as minutes is said so
    (`'90' is read as 90 hours, …; did you mean 90m?`)."""
    if length <= longest:
        return
    raw = text.strip()
    allowed = f"longer than the longest entry allowed ({format_duration(longest)})"
    if not _DECIMAL_HOURS.match(raw):
        raise InvalidInput(f"'{raw}' is {allowed}")
    as_minutes = timedelta(minutes=int(raw)) if raw.isdigit() else None
    meant = f"; did you mean {raw}m?" if as_minutes is not None and as_minutes <= longest else ""
    raise InvalidInput(f"'{raw}' is read as {raw} hours, {allowed}{meant}")


def _seconds(raw: str) -> int | None:
    if not raw:
        return None
    if match := _MINUTES_ONLY.match(raw):
        return int(match.group(1)) * 60
    if match := _CLOCK.match(raw):
        return int(match.group(1)) * 3600 + int(match.group(2)) * 60
    if match := _DECIMAL_HOURS.match(raw):
        return round(float(match.group(1).replace(",", ".")) * 3600)
    match = _UNITS.match(raw)
    if match is None or match.group(1) is None:
        return None  # a bare number was handled above; minutes alone need "m"
    hours = float(match.group(1).replace(",", "."))
    minutes = int(match.group(2) or 0)
    if minutes >= 60:
        return None
    return round(hours * 3600) + minutes * 60


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
