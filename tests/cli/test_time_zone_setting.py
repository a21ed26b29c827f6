"""`day.time_zone`: days, weeks and times in one zone wherever the computer is. The real
`timo` in its own process, its computer (`TZ`) in one zone and the setting naming another."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Timo
from tests.support.cli import TIMEOUT, TIMO

BERLIN = "Europe/Berlin"


def _run(home: Path, *args: str, tz: str = "America/New_York") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIMO_HOME": str(home), "TZ": tz}
    return subprocess.run(
        [*TIMO, *args], capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
    )


@pytest.fixture
def timo(timo_home: Path) -> Timo:
    """`timo(*args, tz=ZONE)`: on a computer in New York unless `tz` says otherwise."""
    return partial(_run, timo_home)


def ok(process: subprocess.CompletedProcess[str]) -> str:
    assert process.returncode == 0, process.stderr
    assert process.stderr == ""  # no warning about the zone either
    return process.stdout


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


MONDAY = ("--from", "2026-03-02", "--to", "2026-03-02")
SUNDAY = ("--from", "2026-03-01", "--to", "2026-03-01")


def test_an_invoice_stays_the_same_wherever_it_is_exported(timo: Timo) -> None:
    assert ok(timo("config", "set", "day.time_zone", BERLIN)) == f"day.time_zone = {BERLIN}\n"
    # Typed in Berlin time, on a computer in New York: Monday 01:30 in Berlin.
    added = ok(
        timo("add", "Early call", "--date", "2026-03-02", "--start", "01:30", "--end", "02:00")
    )
    assert added.startswith("Added 'Early call' Mon 2026-03-02 01:30–02:00 (30m)")
    [entry] = json.loads(ok(timo("log", "--json", *MONDAY)))
    assert (entry["start"], entry["timezone"]) == ("2026-03-02T00:30:00Z", BERLIN)
    assert json.loads(ok(timo("log", "--json", *SUNDAY))) == []  # New York's Sunday evening

    exported = {tz: ok(timo("export", *MONDAY, tz=tz)) for tz in ("America/New_York", "Asia/Tokyo")}
    assert exported["America/New_York"] == exported["Asia/Tokyo"]
    [row] = rows(exported["Asia/Tokyo"])
    assert (row["date"], row["start"], row["end"], row["utc_offset"]) == (
        "2026-03-02",
        "01:30",
        "02:00",
        "UTC+01:00",
    )
    report = json.loads(ok(timo("report", "--json", *MONDAY, tz="Asia/Tokyo")))
    assert (report["range"]["timezone"], report["totals"]["seconds"]) == (BERLIN, 30 * 60)

    # Cleared, days are this computer's again: in New York the call was on Sunday evening.
    assert ok(timo("config", "set", "day.time_zone", "")) == "day.time_zone = null\n"
    assert json.loads(ok(timo("log", "--json", *MONDAY))) == []
    [row] = rows(ok(timo("export", *SUNDAY)))
    assert (row["date"], row["start"], row["utc_offset"]) == ("2026-03-01", "19:30", "UTC-05:00")


def test_a_typo_is_refused_and_one_in_the_file_is_named(timo: Timo, timo_home: Path) -> None:
    ok(timo("config", "set", "day.time_zone", BERLIN))
    refused = timo("config", "set", "day.time_zone", "Europe/Berln")
    assert refused.returncode == 1
    assert refused.stderr == (
        "timo: 'Europe/Berln' is not a time zone name such as Europe/Berlin"
        " — did you mean 'Europe/Berlin'?\n"
    )
    assert ok(timo("config", "get", "day.time_zone")) == f"{BERLIN}\n"
    # One edited into the file by hand is named by every command, not passed over; the timer
    # still starts and stops (in this computer's zone, as the app does meanwhile): a broken
    # settings file kept a running timer from being stopped.
    file = timo_home / "config" / "settings.json"
    file.write_text(json.dumps({"day": {"time_zone": "Europe/Berln"}}), encoding="utf-8")
    for command in ("start", "status", "stop"):
        done = timo(command, *(["Work"] if command == "start" else []))
        assert done.returncode == 0, done.stderr
        assert done.stderr == (
            f"timo: warning: the settings file {file} has a bad value for 'day.time_zone':"
            " 'Europe/Berln' is not a time zone name such as Europe/Berlin — did you mean"
            " 'Europe/Berlin'?; times are in this computer's time zone meanwhile\n"
        )


def test_doctor_says_which_zone_and_where_it_comes_from(timo: Timo) -> None:
    def detail() -> str:
        done = timo("doctor", "--json")
        [check] = [c for c in json.loads(done.stdout)["checks"] if c["name"] == "timezone"]
        assert check["ok"]
        return str(check["detail"])

    assert detail() == "America/New_York, this computer's (from TZ)"
    ok(timo("config", "set", "day.time_zone", BERLIN))
    assert detail() == f"{BERLIN}, set in day.time_zone (this computer's: America/New_York)"


def test_help_says_which_zone_times_are_in(timo: Timo) -> None:
    timer = ("start", "stop", "continue", "status")  # `--at` is read in the zone too
    for command in ("add", "edit", "log", "report", "export", *timer):
        assert "day.time_zone" in ok(timo(command, "--help")), command


def test_an_end_typed_with_its_offset_is_the_one_meant(timo: Timo) -> None:
    # Berlin's clocks go back in the night after Saturday 24 October 2026: 02:30 twice.
    ok(timo("config", "set", "day.time_zone", BERLIN))
    ok(timo("add", "Release", "--start", "2026-10-24 23:00", "--end", "23:30"))
    night = ("--from", "2026-10-24", "--to", "2026-10-24")
    [entry] = json.loads(ok(timo("log", "--json", *night)))
    ref = entry["client_ref"][:8]
    edited = ok(timo("edit", ref, "--end", "02:30+01:00"))
    assert "23:00 UTC+2–02:30 UTC+1 (4h 30m)" in edited
    [entry] = json.loads(ok(timo("log", "--json", *night)))
    assert entry["end"] == "2026-10-25T01:30:00Z"
    refused = timo("edit", ref, "--end", "02:30")
    assert refused.returncode == 1
    assert refused.stderr == (
        "timo: 02:30 happens twice on Sun 2026-10-25 in Europe/Berlin (the clocks go back);"
        " say which with its offset: 02:30+02:00 or 02:30+01:00\n"
    )
    # `add` reads it alike (Berlin's clocks went back the night after 25 October 2025 too).
    ok(timo("add", "Deploy", "--date", "2025-10-25", "--start", "23:45", "--end", "02:10+01:00"))
    [entry] = json.loads(ok(timo("log", "--json", "--from", "2025-10-25", "--to", "2025-10-25")))
    assert entry["end"] == "2025-10-26T01:10:00Z"


def test_the_csv_date_is_the_working_day_and_a_start_on_another_date_carries_it(
    timo: Timo,
) -> None:
    ok(timo("config", "set", "day.time_zone", BERLIN))
    ok(timo("config", "set", "day.start_of_day", "04:00"))
    # Friday 01:30 is Thursday's working day, which began at 04:00 on Thursday.
    ok(timo("add", "Night fix", "--date", "2026-11-20", "--start", "01:30", "--end", "02:00"))
    thursday = ("--from", "2026-11-19", "--to", "2026-11-19")
    [row] = rows(ok(timo("export", *thursday)))
    assert (row["date"], row["start"], row["end"]) == ("2026-11-19", "2026-11-20 01:30", "02:00")
    [by_day] = rows(ok(timo("export", *thursday, "--by", "day")))
    assert (by_day["date"], by_day["hours"]) == ("2026-11-19", "0.5")


def test_attention_dates_a_time_on_another_date_than_its_working_day(timo: Timo) -> None:
    # Today's calendar date, in a zone where it is not near midnight now (so that the
    # command, run a moment later, has the same today).
    zone = next(
        z
        for z in (BERLIN, "America/New_York", "Asia/Tokyo")
        if 2 <= datetime.now(UTC).astimezone(ZoneInfo(z)).hour <= 21
    )
    today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    ok(timo("config", "set", "day.time_zone", zone))
    ok(timo("config", "set", "day.start_of_day", "04:00"))
    # 00:30 today belongs to yesterday's working day; it has no project, so it needs a look.
    ok(timo("add", "Night fix", "--date", str(today), "--start", "00:30", "--end", "01:00"))
    yesterday = today - timedelta(days=1)
    text = ok(timo("attention", "--from", str(yesterday), "--to", str(yesterday)))
    line = text.splitlines()[0]
    assert re.fullmatch(
        rf"\w{{8}}  {yesterday:%a %Y-%m-%d}  {today:%a %Y-%m-%d} 00:30–01:00 \(30m\)  'Night fix'",
        line,
    ), line
