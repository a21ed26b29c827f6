"""`timo log` lists the entries that start in its days, as `timo report` and `timo export`
count them, and dates each time by the calendar, so that what it prints can be typed back:
the real CLI on a real database, in Berlin time, on days long past."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import at_local, from_text
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker


def _ok(done: object) -> str:
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    return done.stdout  # type: ignore[attr-defined, no-any-return]


def _logged(timo: Timo, *days: str) -> list[dict[str, Any]]:
    """The entries `timo log --json` lists for `days`."""
    return cast("list[dict[str, Any]]", as_json(timo("log", "--json", *days)))


def _add_week_with_a_night_before(timo: Timo) -> None:
    """Sun 2025-03-02 23:00 to Mon 01:00 (Sunday's), and an hour on Monday."""
    _ok(timo("add", "Release night", "--date", "2025-03-02", "--start", "23:00", "--end", "01:00"))
    _ok(timo("add", "Standup", "--date", "2025-03-03", "--start", "09:00", "--end", "10:00"))


def test_an_entry_from_the_night_before_is_in_its_own_day_only(timo: Timo) -> None:
    _add_week_with_a_night_before(timo)
    week = ("--from", "2025-03-03", "--to", "2025-03-09")
    text = _ok(timo("log", *week))
    assert "Release night" not in text and "Sun 2025-03-02" not in text
    assert text.startswith("Mon 2025-03-03  1h 00m\n")
    assert text.endswith("Total 1h 00m from 2025-03-03 to 2025-03-09\n")
    monday = _ok(timo("log", "--from", "2025-03-03", "--to", "2025-03-03"))
    assert "Sun" not in monday and "Release night" not in monday
    sunday = _ok(timo("log", "--from", "2025-03-02", "--to", "2025-03-02"))
    assert "Release night" in sunday and "Total 2h 00m" in sunday


def test_log_report_and_export_count_the_same_entries(timo: Timo) -> None:
    _add_week_with_a_night_before(timo)
    for first, last in (("2025-03-03", "2025-03-09"), ("2025-03-02", "2025-03-02")):
        days = ("--from", first, "--to", last)
        logged = _logged(timo, *days)
        report = as_json(timo("report", "--json", *days))
        assert isinstance(report, dict)
        exported = list(csv.DictReader(io.StringIO(_ok(timo("export", *days)))))
        assert sum(e["duration_seconds"] for e in logged) == report["totals"]["seconds"]
        assert sorted(e["description"] for e in logged) == sorted(
            row["description"] for row in exported
        )


def test_a_timer_started_before_the_range_is_not_in_it(timo: Timo, timo_home: Path) -> None:
    # Started on Sunday 23:00 and left running: Sunday's, however long it runs.
    sunday_night = at_local(date(2025, 3, 2), time(23, 0), ZONE)
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(sunday_night))
    try:
        tracker.start("Forgot to stop", at=sunday_night)
    finally:
        tracker.close()
    monday = ("--from", "2025-03-03", "--to", "2025-03-03")
    assert _logged(timo, *monday) == []
    assert _ok(timo("log", *monday)) == "No entries from 2025-03-03 to 2025-03-03.\n"
    [running] = _logged(timo, "--from", "2025-03-02", "--to", "2025-03-02")
    assert running["description"] == "Forgot to stop" and running["end"] is None


def test_with_a_later_start_of_day_times_keep_their_calendar_date(timo: Timo) -> None:
    _ok(timo("config", "set", "day.start_of_day", "04:00"))
    added = _ok(
        timo("add", "Late fix", "--date", "2025-03-04", "--start", "01:30", "--end", "03:00")
    )
    # `add` prints back the date it was given; `log` puts the entry under the working day
    # it belongs to (Monday's, which starts at 04:00), dated as typed.
    assert added.startswith("Added 'Late fix' Tue 2025-03-04 01:30–03:00 (1h 30m)")
    text = _ok(timo("log", "--from", "2025-03-03", "--to", "2025-03-03"))
    assert text.startswith("Mon 2025-03-03 (day starts 04:00)  1h 30m\n")
    [line] = [line for line in text.splitlines() if "Late fix" in line]
    assert "Tue 2025-03-04 01:30–03:00 (1h 30m)" in line
    # What it printed, typed back a quarter of an hour earlier, moves it a quarter of an hour.
    ref, shown_date = re.match(r"\s*(\w{8})\s+\w{3} (\d{4}-\d{2}-\d{2}) 01:30", line).groups()  # type: ignore[union-attr]
    _ok(timo("edit", ref, "--start", f"{shown_date} 01:15"))
    [entry] = _logged(timo, "--from", "2025-03-03", "--to", "2025-03-03")
    assert from_text(entry["start"]) == at_local(date(2025, 3, 4), time(1, 15), ZONE)
    assert entry["duration_seconds"] == (60 + 45) * 60
    # A time of day in `edit` is on that same calendar date, the one printed.
    _ok(timo("edit", ref, "--start", "01:00"))
    [entry] = _logged(timo, "--from", "2025-03-03", "--to", "2025-03-03")
    assert entry["duration_seconds"] == 2 * 60 * 60


def test_without_a_start_of_day_the_header_is_as_ever(timo: Timo) -> None:
    _ok(timo("add", "Call", "--date", "2025-03-04", "--start", "01:30", "--end", "03:00"))
    text = _ok(timo("log", "--from", "2025-03-04", "--to", "2025-03-04"))
    assert text.startswith("Tue 2025-03-04  1h 30m\n")


def test_today_and_yesterday_in_add_are_working_days_and_their_nights(
    timo_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 00:30 on Saturday with days starting at 04:00, `today` is Friday's working day:
    its 00:10 is the one just gone, its 22:00 Friday evening's; `yesterday`'s 01:00 is in
    Thursday's night. Each counts on the day named (in-process, on a set clock)."""
    from timo_desktop.cli import common, run_cli

    clock = Clock(at_local(date(2026, 11, 21), time(0, 30), ZONE))
    real = common.open_tracker

    def on_the_clock(**options: Any) -> Tracker:
        tracker = real(**options)
        tracker.clock = clock
        return tracker

    monkeypatch.setattr(common, "open_tracker", on_the_clock)
    for args in (
        ("config", "set", "day.time_zone", ZONE),
        ("config", "set", "day.start_of_day", "04:00"),
        ("add", "Just now", "--date", "today", "--start", "00:10", "--end", "00:20"),
        ("add", "Evening", "--date", "today", "--start", "22:00", "--end", "23:00"),
        ("add", "Night before", "--date", "yesterday", "--start", "01:00", "--end", "02:00"),
    ):
        assert run_cli(list(args)) == 0, capsys.readouterr().err
    tracker = Tracker.open(resolve().database, zone=ZONE, start_of_day=time(4))
    try:
        starts = {e.description: e.start for e in tracker.between(*_around(clock.now))}
        assert starts == {
            "Just now": at_local(date(2026, 11, 21), time(0, 10), ZONE),
            "Evening": at_local(date(2026, 11, 20), time(22), ZONE),
            "Night before": at_local(date(2026, 11, 20), time(1), ZONE),
        }
        days = {e.description: tracker.day_of(e) for e in tracker.between(*_around(clock.now))}
        assert days == {
            "Just now": date(2026, 11, 20),
            "Evening": date(2026, 11, 20),
            "Night before": date(2026, 11, 19),
        }
    finally:
        tracker.close()


def _around(now: datetime) -> tuple[datetime, datetime]:
    return now - timedelta(days=3), now + timedelta(days=1)
