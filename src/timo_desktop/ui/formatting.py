"""How times and durations read on screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from timo_desktop.core.local_time import hhmm


def hours_minutes(seconds: float) -> str:
    """`0:12`, `7:05`: the compact form used in the title, the tray and day totals."""
    minutes = int(max(seconds, 0)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def clock(seconds: float) -> str:
    """`0:12:09`: the running timer's face."""
    total = int(max(seconds, 0))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def time_range(start: datetime, end: datetime | None, zone: str) -> str:
    """`09:00–10:30` on the clocks of `zone`, or `09:00–now` for a running entry."""
    return f"{hhmm(start, zone)}–{hhmm(end, zone) if end else 'now'}"


def day_label(day: date, today: date) -> str:
    """`Today`, `Yesterday`, or `Mon 23 Nov` (with the year when it is not this year)."""
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    if day.year == today.year:
        return day.strftime("%a %d %b")
    return day.strftime("%a %d %b %Y")
