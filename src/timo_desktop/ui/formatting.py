"""How times and durations read on screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def hours_minutes(seconds: float) -> str:
    """`0:12`, `7:05`: the compact form used in the title, the tray and day totals."""
    minutes = int(max(seconds, 0)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def clock(seconds: float) -> str:
    """`0:12:09`: the running timer's face."""
    total = int(max(seconds, 0))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def time_of_day(moment: datetime) -> str:
    """`09:05` in the local zone of `moment`."""
    return moment.astimezone().strftime("%H:%M")


def time_range(start: datetime, end: datetime | None) -> str:
    """`09:00–10:30`, or `09:00–now` for a running entry."""
    return f"{time_of_day(start)}–{time_of_day(end) if end else 'now'}"


def day_label(day: date, today: date) -> str:
    """`Today`, `Yesterday`, or `Mon 23 Nov` (with the year when it is not this year)."""
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    if day.year == today.year:
        return day.strftime("%a %d %b")
    return day.strftime("%a %d %b %Y")
