"""Times of day typed to `timo add`, `edit` and `duplicate` with `day.start_of_day` set read
as Add time and the list read them: an end before the start of day is in the night of its
working day, however long the entry is then, and a time with no date is in today's working
day, as with `--date today`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import at_local, from_text
from timo_desktop.services.tracker import Tracker

SATURDAY = date(2026, 11, 21)
FRIDAY = SATURDAY - timedelta(days=1)


def _ok(done: object) -> str:
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    return done.stdout  # type: ignore[attr-defined, no-any-return]


def test_an_end_in_the_working_days_night_is_the_next_morning(timo: Timo) -> None:
    """14:00–02:00 was refused as an end before its start (12 hours is no night after)."""
    _ok(timo("config", "set", "day.start_of_day", "04:00"))
    added = _ok(
        timo("add", "Release", "--date", "2025-03-04", "--start", "14:00", "--end", "02:00")
    )
    assert added.startswith("Added 'Release' Tue 2025-03-04 14:00–Wed 2025-03-05 02:00 (12h 00m)")
    ref = added.rsplit("[", 1)[1].rstrip("]\n")
    _ok(timo("edit", ref, "--start", "05:00", "--end", "03:00"))
    [entry] = as_json(timo("log", "--json", "--from", "2025-03-04", "--to", "2025-03-04"))  # type: ignore[misc]
    assert from_text(entry["start"]) == at_local(date(2025, 3, 4), time(5), ZONE)
    assert from_text(entry["end"]) == at_local(date(2025, 3, 5), time(3), ZONE)


def test_with_days_starting_at_midnight_a_long_end_before_the_start_is_refused(
    timo: Timo,
) -> None:
    done = timo("add", "Slip", "--date", "2025-03-04", "--start", "14:00", "--end", "02:00")
    assert done.returncode != 0
    assert done.stderr.strip().endswith("end 02:00 is before start 14:00")


@pytest.fixture
def night_cli(
    timo_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., str]]:
    """`timo ARGS` in this process at 00:57 on Saturday, days starting at 04:00 in Berlin
    (the clock set in the process, which a `timo` of its own cannot have); its output."""
    from timo_desktop.cli import common, run_cli

    real = common.open_tracker

    def on_the_clock(**options: Any) -> Tracker:
        tracker = real(**options)
        tracker.clock = Clock(at_local(SATURDAY, time(0, 57), ZONE))
        return tracker

    monkeypatch.setattr(common, "open_tracker", on_the_clock)

    def timo(*args: str) -> str:
        assert run_cli(list(args)) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    timo("config", "set", "day.time_zone", ZONE)
    timo("config", "set", "day.start_of_day", "04:00")
    yield timo


def _times(description: str) -> list[tuple[datetime, datetime | None]]:
    """The (start, end) of each entry described so, earliest first."""
    from timo_desktop.paths import resolve

    tracker = Tracker.open(resolve().database, zone=ZONE)
    try:
        found = tracker.between(at_local(FRIDAY, time(0), ZONE), at_local(SATURDAY, time(23), ZONE))
        return sorted((e.start, e.end) for e in found if e.description == description)
    finally:
        tracker.close()


def _at(day: date, hours: int, minutes: int = 0) -> datetime:
    return at_local(day, time(hours, minutes), ZONE)


def test_times_of_day_without_a_date_are_in_todays_working_day(
    night_cli: Callable[..., str],
) -> None:
    """At 00:57 on Saturday, 22:00 was Saturday evening's, refused as still to come, while
    `--date today --start 22:00` and Add time took Friday evening's."""
    timo = night_cli
    timo("add", "Late", "--start", "22:00", "--end", "22:30")
    timo("add", "Dated", "--date", "today", "--start", "22:30", "--end", "23:00")
    timo("add", "Late end", "--end", "21:00", "--duration", "30m")
    timo("add", "Late night", "--start", "00:10", "--end", "00:20")
    assert _times("Late") == [(_at(FRIDAY, 22), _at(FRIDAY, 22, 30))]
    assert _times("Dated") == [(_at(FRIDAY, 22, 30), _at(FRIDAY, 23))]
    assert _times("Late end") == [(_at(FRIDAY, 20, 30), _at(FRIDAY, 21))]
    assert _times("Late night") == [(_at(SATURDAY, 0, 10), _at(SATURDAY, 0, 20))]

    ref = timo("add", "Again", "--start", "20:00", "--end", "20:15").rsplit("[", 1)[1][:8]
    timo("duplicate", ref, "--start", "19:00")
    assert _times("Again") == [
        (_at(FRIDAY, 19), _at(FRIDAY, 19, 15)),
        (_at(FRIDAY, 20), _at(FRIDAY, 20, 15)),
    ]
