"""`timo config set schedule.week_starts Sun`, then `timo report` and `timo log` by default
cover Sunday to Saturday: the real CLI on a real database, in Berlin time."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.cli.conftest import Timo
from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import at_local, from_text, local_day
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker


def _ok(timo: Timo, *args: str) -> str:
    done = timo(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _seed_each_day_around(today: date) -> dict[date, int]:
    """One entry a day from nine days before `today` to nine after, each its own length
    (minutes); entered by a tracker whose clock is a month ahead, so none is in its future."""
    ahead = at_local(today + timedelta(days=30), time(0, 0), ZONE)
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(ahead))
    lengths: dict[date, int] = {}
    try:
        for offset in range(-9, 10):
            day = today + timedelta(days=offset)
            begin = at_local(day, time(12, 0), ZONE)
            lengths[day] = 10 + offset + 9  # 10 to 28 minutes: no two days alike
            tracker.add(f"Work on {day}", begin, begin + timedelta(minutes=lengths[day]))
    finally:
        tracker.close()
    return lengths


def test_default_week_follows_week_starts(timo: Timo, timo_home: Path) -> None:
    lengths = _seed_each_day_around(datetime.now(ZoneInfo(ZONE)).date())
    said = _ok(timo, "config", "set", "schedule.week_starts", "Sun")
    assert said == "schedule.week_starts = Sun\n"
    assert _ok(timo, "config", "get", "schedule.week_starts") == "Sun\n"

    log = json.loads(_ok(timo, "log", "--json"))
    report = json.loads(_ok(timo, "report", "--json"))
    today = local_day(from_text(report["generated_at"]), ZONE)
    first, last = (date.fromisoformat(report["range"][end]) for end in ("first", "last"))
    assert first.weekday() == 6 and last == first + timedelta(days=6)  # Sunday to Saturday
    assert first <= today <= last
    assert report["range"]["label"] == f"Week of Sun {first.day} {first:%b %Y}"
    week = [first + timedelta(days=n) for n in range(7)]
    assert report["totals"]["seconds"] == sum(lengths[day] for day in week) * 60
    assert {entry["description"] for entry in log} == {f"Work on {day}" for day in week}

    # An ISO week asked for by name stays Monday to Sunday.
    iso = json.loads(_ok(timo, "report", "--week", "2026-W48", "--json"))["range"]
    assert (iso["first"], iso["last"], iso["label"]) == ("2026-11-23", "2026-11-29", "2026-W48")


def test_a_bad_week_start_is_refused_in_plain_words(timo: Timo, timo_home: Path) -> None:
    refused = timo("config", "set", "schedule.week_starts", "Sunday")
    assert refused.returncode != 0
    assert (
        "schedule.week_starts must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun (got 'Sunday')"
        in refused.stderr
    )
    assert _ok(timo, "config", "get", "schedule.week_starts") == "Mon\n"  # nothing was saved


def test_help_says_which_weeks_follow_the_setting(timo: Timo) -> None:
    help_text = " ".join(_ok(timo, "report", "--help").split())
    assert "an ISO week, Monday to Sunday, for example 2026-W48" in help_text
    assert "schedule.week_starts" in help_text
    assert "schedule.week_starts" in " ".join(_ok(timo, "log", "--help").split())
