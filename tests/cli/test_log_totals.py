"""`timo log`'s day and range totals count every second the entries hold, as `timo report`
and the exports bill them; each line shows its own length in whole minutes. The real CLI on
a real database, in Berlin time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker

DAY = date(2025, 3, 3)
MONDAY = ("--from", "2025-03-03", "--to", "2025-03-03")


def _add(*lengths: timedelta) -> None:
    """Entries of these lengths on DAY from 09:00 on, an hour apart (timers keep seconds)."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    try:
        for hour, length in enumerate(lengths, start=9):
            start: datetime = at_local(DAY, time(hour, 0, 5), ZONE)
            tracker.add(f"Work at {hour}", start, start + length)
    finally:
        tracker.close()


def _log(timo: Timo) -> str:
    done = timo("log", *MONDAY)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_totals_count_the_seconds_the_lines_leave_out(timo: Timo) -> None:
    # 10m 40s and 20m 30s: the lines say 10m and 20m; the 31m 10s they hold is 31m.
    _add(timedelta(minutes=10, seconds=40), timedelta(minutes=20, seconds=30))
    text = _log(timo)
    assert "(10m)" in text and "(20m)" in text
    assert text.startswith("Mon 2025-03-03  31m\n")
    assert text.endswith("Total 31m from 2025-03-03 to 2025-03-03\n")


def test_the_total_is_the_one_the_report_bills(timo: Timo) -> None:
    _add(timedelta(seconds=40), timedelta(seconds=40), timedelta(minutes=5, seconds=40))
    report = as_json(timo("report", "--json", *MONDAY))
    assert isinstance(report, dict)
    assert report["totals"]["seconds"] == 7 * 60  # 40 + 40 + 340
    assert _log(timo).endswith("Total 7m from 2025-03-03 to 2025-03-03\n")
