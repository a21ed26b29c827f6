"""Times and lengths as a week of billable work types them, and as `timo` says them back:
`-15m`, a bare number that is hours (and a bare hour, asked about), `stop --at` a time of
the evening before, dates where a time is not today's, and `timo log` in 80 columns."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.cli.common import when_ending, when_starting
from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.local_time import at_local, clock_time, from_text, local, utc_now
from timo_desktop.paths import resolve
from timo_desktop.services import Tracker
from timo_desktop.store.database import Store

from .conftest import Timo, as_json

DAY = date(2026, 11, 26)


def _ok(process: object) -> str:
    assert process.returncode == 0, process.stderr  # type: ignore[attr-defined]
    return str(process.stdout)  # type: ignore[attr-defined]


def test_a_time_ago_typed_with_a_minus_is_a_time(timo: Timo) -> None:
    _ok(timo("add", "Standup", "--start", "-15m", "--end", "-5m"))
    [entry] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    assert entry["duration_seconds"] == 10 * 60
    _ok(timo("start", "Review", "--at", "-3m"))
    running = as_json(timo("status", "--json"))["running"]  # type: ignore[index]
    assert utc_now() - from_text(running["start"]) >= timedelta(minutes=3)


def test_a_bare_hour_where_a_time_ago_may_be_typed_is_refused_saying_so(
    timo: Timo,
) -> None:
    """`--at 15` may be 15:00 or a time ago with its unit left out: asked, not guessed."""
    refused = timo("start", "Review", "--at", "15")
    assert refused.returncode == 1
    assert refused.stderr == (
        "timo: '15' alone could be a time of day or a time ago; type 15:00,"
        " or a time ago such as 15m ago\n"
    )
    refused = timo("add", "Call", "--start", "9", "--end", "10:00")
    assert refused.stderr.startswith(
        "timo: '9' alone could be a time of day or a time ago; type 09:00"
    )
    assert as_json(timo("log", "--json", "--from", "yesterday")) == []


def test_a_bare_number_too_long_is_refused_as_hours_with_the_minutes_offered(timo: Timo) -> None:
    refused = timo("add", "Call", "--duration", "90")
    assert refused.returncode == 1
    assert refused.stderr == (
        "timo: '90' is read as 90 hours, longer than the longest entry allowed (24h 00m);"
        " did you mean 90m?\n"
    )
    # Said as typed, rather than as the end or start it would make.
    refused = timo("add", "Call", "--start", "2026-11-02 09:00", "--duration", "100h")
    assert refused.stderr == "timo: '100h' is longer than the longest entry allowed (24h 00m)\n"
    assert as_json(timo("log", "--json", "--from", "2026-11-01")) == []


def test_a_timer_started_yesterday_says_the_date(timo: Timo) -> None:
    started = _ok(timo("start", "Late", "--at", "1439m ago"))
    at = utc_now() - timedelta(minutes=1439)
    if local(at, ZONE).date() != local(utc_now(), ZONE).date():  # not so from 23:59 on
        assert f" at {local(at, ZONE):%Y-%m-%d} " in started
    now = _ok(timo("start", "Now"))
    assert re.match(r"Stopped .*\nStarted 'Now' at \d\d:\d\d \[", now)  # today's: no date


def test_an_end_on_another_date_names_it_and_seconds_too_many_are_said(timo: Timo) -> None:
    added = _ok(timo("add", "Night", "--start", "2026-11-25 23:49", "--duration", "23h59m"))
    assert added.startswith("Added 'Night' Wed 2026-11-25 23:49–Thu 2026-11-26 23:48 (23h 59m)")
    refused = timo("add", "Day", "--start", "2026-11-20 08:00:00", "--end", "2026-11-21 08:00:30")
    assert refused.stderr == "timo: the entry is 24h 00m 30s long; the longest allowed is 24h 00m\n"


def _running_since(home: Path, start: datetime) -> None:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(start))
    try:
        tracker.start("Release", at=start)
    finally:
        tracker.close()


def test_stop_at_a_time_of_the_timers_evening_just_after_midnight(timo_home: Path) -> None:
    started = at_local(DAY, time(23, 40), ZONE)
    _running_since(timo_home, started)
    after_midnight = at_local(DAY + timedelta(days=1), time(0, 5), ZONE)
    tracker = Tracker.open(resolve().database, zone=ZONE, clock=Clock(after_midnight))
    try:
        # Today's 23:55 is still to come; the timer's own evening has it after its start.
        assert when_ending(tracker, "23:55", started) == at_local(DAY, time(23, 55), ZONE)
        # Past midnight, or not after the start that evening: today's, as ever.
        next_day = DAY + timedelta(days=1)
        assert when_ending(tracker, "00:03", started) == at_local(next_day, time(0, 3), ZONE)
        assert when_ending(tracker, "23:30", started) == at_local(next_day, time(23, 30), ZONE)
        assert when_ending(tracker, "-10m", started) == after_midnight - timedelta(minutes=10)
    finally:
        tracker.close()


def test_start_at_a_time_of_the_evening_before_just_after_midnight(timo_home: Path) -> None:
    """`start --at 23:55` at 00:05 began ten minutes ago: the nearest 23:55 on the clock."""
    resolve().ensure()
    after_midnight = at_local(DAY + timedelta(days=1), time(0, 5), ZONE)
    tracker = Tracker.open(resolve().database, zone=ZONE, clock=Clock(after_midnight))
    try:
        assert when_starting(tracker, "23:55") == at_local(DAY, time(23, 55), ZONE)
        assert when_starting(tracker, "00:01") == after_midnight - timedelta(minutes=4)
        assert when_starting(tracker, "-10m") == after_midnight - timedelta(minutes=10)
        # Less than 12 hours ahead is still today's, refused by the Tracker as in the future.
        next_day = DAY + timedelta(days=1)
        assert when_starting(tracker, "11:00") == at_local(next_day, time(11), ZONE)
    finally:
        tracker.close()


def test_stop_at_a_time_of_the_day_before_as_a_process(timo: Timo, timo_home: Path) -> None:
    # Started 20 hours ago, yesterday unless it is now after 20:00; its start plus five
    # minutes is still to come today, so only the timer's own day has it in the past.
    started = utc_now().replace(second=0) - timedelta(hours=20)
    _running_since(timo_home, started)
    stopped = _ok(timo("stop", "--at", clock_time(started + timedelta(minutes=5), ZONE)))
    assert stopped.startswith("Stopped 'Release'") and stopped.endswith(" (5m)\n")


def _long_names_week(home: Path) -> list[str]:
    """Monday's entries with names as long as the demo workspace's; their refs."""
    with Store.open(home / "data" / "timo.sqlite3") as store, store.write() as tx:
        tx.put_projects([Project("prj_1", "Acme website relaunch", billable_default=True)])
        tx.put_tasks([Task("tsk_2", "prj_1", "Discovery workshop")])
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    target = tracker.target(project="prj_1", task="tsk_2")
    long = "Feedback round on the checkout flow, the payment page and the order e-mails"
    monday = date(2026, 11, 23)
    try:
        refs = []
        for hour, description in ((9, "Feedback round"), (11, long), (14, "Copy edits")):
            start = at_local(monday, time(hour), ZONE)
            entry = tracker.add(
                description, start, start + timedelta(hours=1), target=target, tags=["web-design"]
            )
            refs.append(entry.client_ref[:8])
        return refs
    finally:
        tracker.close()


def test_log_fits_80_columns_and_dates_only_what_is_not_the_days(
    timo: Timo, timo_home: Path
) -> None:
    refs = _long_names_week(timo_home)
    week = ("--from", "2026-11-23", "--to", "2026-11-29")
    text = _ok(timo("log", *week))
    assert all(len(line) <= 80 for line in text.splitlines()), text
    lines = text.splitlines()
    assert lines[0] == "Mon 2026-11-23  3h 00m"
    assert lines[1:3] == [
        f"  {refs[0]}  09:00–10:00 (1h 00m)  Feedback round  (pending)",
        "            [Acme website relaunch › Discovery workshop]  #web-design  $",
    ]
    assert lines[3].startswith(f"  {refs[1]}  11:00–12:00 (1h 00m)  Feedback round on the")
    assert lines[3].endswith("…  (pending)") and len(lines[3]) == 80
    assert "Mon 2026-11-23 09:00" not in text  # the header has the date
    logged = as_json(timo("log", "--json", *week))
    assert logged[1]["description"].endswith("the order e-mails")  # type: ignore[index]
