"""`timo add`, `timo edit` and `timo start --at` from the minute another entry ended in: a
timer stopped at 12:34:56 is printed 11:00–12:34, and time from 12:34 was refused for
overlapping it, with no way round (`timo` reads no seconds) but changing that entry first.
The real CLI on a real database, in Berlin time."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import at_local, from_text
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker

DAY = date(2025, 3, 3)


def test_time_from_the_minute_an_entry_ended_in_starts_where_it_ended(timo: Timo) -> None:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    try:  # a timer's end, seconds and all
        tracker.add("X", at_local(DAY, time(11), ZONE), at_local(DAY, time(12, 34, 56), ZONE))
    finally:
        tracker.close()
    added = timo("add", "Y", "--date", "2025-03-03", "--start", "12:34", "--end", "13:00")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[1] == (
        "Starts at 12:34:56, when the entry before it ends, so no time is counted twice."
    )
    x, y = as_json(timo("log", "--json", "--from", "2025-03-03", "--to", "2025-03-03"))  # type: ignore[misc]
    assert from_text(y["start"]) == from_text(x["end"]) == at_local(DAY, time(12, 34, 56), ZONE)
    assert y["duration_seconds"] == 25 * 60 + 4  # no second of X's counted again
    edited = timo("edit", y["client_ref"], "--start", "2025-03-03 12:34")
    assert edited.returncode == 0, edited.stderr
    assert "Starts at 12:34:56, when the entry before it ends" in edited.stdout


def test_a_timer_started_from_the_minute_an_entry_ended_in_starts_where_it_ended(
    timo_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timo start --at 12:34` after a timer stopped at 12:34:56 (in-process, on a set
    clock: a timer may not start more than a day back)."""
    from timo_desktop.cli import common, run_cli

    clock = Clock(at_local(DAY, time(11), ZONE))
    real = common.open_tracker

    def on_the_clock(**options: Any) -> Tracker:
        tracker = real(**options)
        tracker.clock = clock
        return tracker

    monkeypatch.setattr(common, "open_tracker", on_the_clock)
    assert run_cli(["config", "set", "day.time_zone", ZONE]) == 0
    assert run_cli(["start", "X"]) == 0
    clock.now = at_local(DAY, time(12, 34, 56), ZONE)
    assert run_cli(["stop"]) == 0
    clock.now = at_local(DAY, time(14), ZONE)
    capsys.readouterr()
    assert run_cli(["start", "Z", "--at", "12:34"]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Starts at 12:34:56, when the entry before it ends, so no time is counted twice."
    )
