"""Times of day typed to `timo add` and `timo edit` with `day.start_of_day` set read as Add
time and the list read them: an end before the start of day is in the night of its
working day, however long the entry is then."""

from __future__ import annotations

from datetime import date, time

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from timo_desktop.core.local_time import at_local, from_text


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
