"""`timo duplicate` of an entry that lasted no time (a timer stopped the second it started)
or under a minute is refused in plain words, as the window's Duplicate refuses it: it made
a one-minute entry, time never tracked, and no new entry may have no length. The real CLI
in-process, on a real database, on a set clock."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker

REFUSED = (
    "timo: this entry lasted no time (it was stopped the second it started), so a copy would"
    " have no length; add the time you did with its own start and end\n"
)
# A copy of a second made a one-minute entry.
UNDER_A_MINUTE = (
    "timo: this entry lasted only 0m 01s, and a copy lasts at least a minute, so it would"
    " count time you never tracked; add the time you did with its own start and end\n"
)


@pytest.mark.parametrize(
    ("lasted", "refused"), [(0, REFUSED), (1, UNDER_A_MINUTE)], ids=["no-time", "a-second"]
)
@pytest.mark.parametrize("start", [(), ("--start", "09:00")])
def test_a_copy_of_no_time_is_refused(
    timo_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    start: tuple[str, ...],
    lasted: int,
    refused: str,
) -> None:
    from timo_desktop.cli import common, run_cli

    clock = Clock(at_local(date(2026, 3, 2), time(15, 0), ZONE))
    real = common.open_tracker

    def on_the_clock(**options: Any) -> Tracker:
        tracker = real(**options)
        tracker.clock = clock
        return tracker

    monkeypatch.setattr(common, "open_tracker", on_the_clock)
    assert run_cli(["config", "set", "day.time_zone", ZONE]) == 0
    assert run_cli(["start", "Quick look"]) == 0
    clock.advance(seconds=lasted)
    assert run_cli(["stop"]) == 0
    capsys.readouterr()
    assert run_cli(["log", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["duration_seconds"] == lasted
    assert run_cli(["duplicate", entry["client_ref"][:8], *start]) == 1
    assert capsys.readouterr() == ("", refused)
    assert run_cli(["log", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1  # nothing added
