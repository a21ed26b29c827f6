"""Times as the command line shows and takes them: the night the clocks go back, an edited
overnight end, `export -o -`, and a timer whose start the clock has gone back past. The
real CLI on a real database, in Berlin time (Berlin's clocks went back on 2025-10-26)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from tests.cli.conftest import Timo, as_json
from tests.support.cli import ZONE
from tests.support.clock import Clock
from timo_desktop.core.local_time import utc_now
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker

FALL_BACK = ("--from", "2025-10-26", "--to", "2025-10-26")


def _ok(done: object) -> str:
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    return done.stdout  # type: ignore[attr-defined, no-any-return]


def _only_entry(timo: Timo, *days: str) -> dict[str, Any]:
    """The one entry `timo log --json` lists for `days`."""
    [entry] = cast("list[dict[str, Any]]", as_json(timo("log", "--json", *days)))
    return entry


def test_the_repeated_hour_reads_forwards_with_its_offsets(timo: Timo) -> None:
    start, end = "2025-10-26 02:30+02:00", "2025-10-26 02:15+01:00"  # 45 minutes
    added = _ok(timo("add", "Migration", "--start", start, "--end", end))
    assert added.startswith("Added 'Migration' Sun 2025-10-26 02:30 UTC+2–02:15 UTC+1 (45m)")
    # Under the day's header, which dates it.
    assert "  02:30 UTC+2–02:15 UTC+1 (45m)  Migration" in _ok(timo("log", *FALL_BACK))


def test_a_time_shown_twice_is_refused_with_advice_that_can_be_typed(timo: Timo) -> None:
    refused = timo("add", "Backup", "--date", "2025-10-26", "--start", "02:30", "--end", "03:30")
    assert refused.returncode == 1
    assert refused.stderr.endswith("say which with its offset: 02:30+02:00 or 02:30+01:00\n")
    summer = re.search(r"offset: (\S+) or", refused.stderr).group(1)  # type: ignore[union-attr]
    # Typed as advised, with --date kept.
    _ok(timo("add", "Backup", "--date", "2025-10-26", "--start", summer, "--end", "03:30"))
    entry = _only_entry(timo, *FALL_BACK)
    assert (entry["start"], entry["end"]) == ("2025-10-26T00:30:00Z", "2025-10-26T02:30:00Z")
    # And as `log` shows a time in that hour: with --date, and in `edit`.
    _ok(timo("edit", str(entry["client_ref"])[:8], "--start", "02:15 UTC+1"))
    assert _only_entry(timo, *FALL_BACK)["start"] == "2025-10-26T01:15:00Z"
    # A day of its own with --date stays refused.
    dated = timo(
        "add", "x", "--date", "2025-10-26", "--start", "2025-10-26 02:30+02:00", "-d", "5m"
    )
    assert dated.stderr == (
        "timo: --start '2025-10-26 02:30+02:00' has its own day; with --date give a time of day\n"
    )


def test_an_edited_end_before_the_start_is_the_night_after_as_in_add(timo: Timo) -> None:
    _ok(timo("add", "Deploy", "--date", "2025-03-05", "--start", "23:00", "--end", "00:30"))
    ref = str(_only_entry(timo, "--from", "2025-03-05", "--to", "2025-03-05")["client_ref"])[:8]
    edited = _ok(timo("edit", ref, "--end", "01:30"))
    assert edited.startswith("Updated 'Deploy' Wed 2025-03-05 23:00–01:30 (2h 30m)")
    # An end that would make it 23 hours long is a slip, refused as `add` refuses it.
    slip = timo("edit", ref, "--end", "22:00")
    assert (slip.returncode, slip.stderr) == (1, "timo: end 22:00 is before start 23:00\n")
    # Moved to another day, a time of day for the end is on the new start's day.
    moved = _ok(timo("edit", ref, "--start", "2025-03-07 09:00", "--end", "10:00"))
    assert moved.startswith("Updated 'Deploy' Fri 2025-03-07 09:00–10:00 (1h 00m)")


def test_export_to_dash_prints_the_csv(timo: Timo, tmp_path: Path) -> None:
    _ok(timo("add", "Invoice me", "--date", "2025-03-05", "--start", "09:00", "--end", "10:00"))
    days = ("--from", "2025-03-05", "--to", "2025-03-05")
    printed = _ok(timo("export", *days, "-o", "-", cwd=tmp_path))
    assert printed == _ok(timo("export", *days, cwd=tmp_path))
    assert printed.startswith("client,project,") and "Invoice me" in printed
    assert not (tmp_path / "-").exists()
    pdf = timo("export", *days, "--format", "pdf", "-o", "-", cwd=tmp_path)
    assert (pdf.returncode, pdf.stdout) == (1, "")
    assert pdf.stderr == "timo: a PDF is not written to stdout ('-o -'); give a file name with -o\n"
    assert not (tmp_path / "-").exists()


def test_a_timer_the_clock_went_back_past_says_what_happened(timo: Timo) -> None:
    """The clock went back 20 minutes while a timer ran: stop and switch say so, and how to
    fix it, not that a start nobody typed "is in the future"."""
    later = utc_now() + timedelta(minutes=20)
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(later))
    try:
        ref = tracker.start("Before the clock went back").started.client_ref[:8]  # type: ignore[union-attr]
    finally:
        tracker.close()
    for command in (("stop",), ("start", "Next")):
        said = timo(*command)
        assert said.returncode == 1
        assert "is in the future" not in said.stderr
        assert "later than this computer's clock now" in said.stderr
        assert f"timo edit {ref} --start" in said.stderr
    running = as_json(timo("status", "--json"))["running"]  # type: ignore[index]
    assert running["client_ref"].startswith(ref)  # still running, untouched
