"""How times and durations read on screen."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale

from timo_desktop.core.durations import shown_minutes
from timo_desktop.core.local_time import clock_range, clock_text


def hours_minutes(seconds: float) -> str:
    """`0:12`, `7:05`: the compact form used in the title, the tray and day totals."""
    minutes = shown_minutes(seconds)
    return f"{minutes // 60}:{minutes % 60:02d}"


def clock(seconds: float) -> str:
    """`0:12:09`: the running timer's face."""
    total = int(max(seconds, 0))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def time_range(start: datetime, end: datetime | None, zone: str) -> str:
    """`09:00–10:30` (or `9:00 AM–10:30 AM`) on the clocks of `zone`; `09:00–now` while running.

    The night the clocks go back the ends name their UTC offsets (`02:30 UTC+2–02:15 UTC+1`),
    as the command line shows them (`clock_range`)."""
    return clock_range(start, end, zone, open_end="now")


def example_range() -> str:
    """A start–end to show as an example, on this clock: `09:00–10:30` or `9:00 AM–10:30 AM`."""
    return f"{clock_text(time(9, 0))}–{clock_text(time(10, 30))}"


def day_label(day: date, today: date) -> str:
    """`Today`, `Yesterday`, or `Mon 23 Nov` (with the year when it is not this year)."""
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    if day.year == today.year:
        return day.strftime("%a %d %b")
    return day.strftime("%a %d %b %Y")


def english_names() -> None:
    """Day and month names in English wherever the app writes them, as all of its words are
    and as the command line writes them. Qt has the C library follow the system's language,
    so Python's dates came out half German ("Mi 25 Nov" beside "Today") and Qt's date
    fields in another style ("Fr. 27 Nov. 2026"). The system's 12- or 24-hour clock is still
    followed (`twelve_hour` reads the system's locale, which this leaves alone)."""
    import locale

    locale.setlocale(locale.LC_TIME, "C")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.system().territory()))


def twelve_hour(locale: QLocale) -> bool:
    """Whether `locale` writes times of day with AM/PM: Qt reads the computer's own choice
    (Windows' region settings, macOS' 24-hour switch, `LC_TIME` on Linux) into it."""
    pattern = re.sub(r"'[^']*'", "", locale.timeFormat(QLocale.FormatType.ShortFormat))
    return "a" in pattern.lower()  # `AP`, `ap`, `A` or `a`; quoted text aside (fr_CA `HH 'h' mm`)
