"""`timo log | head -1`: a reader that goes away ends the output quietly, with the status a
shell shows for git or grep that a closed pipe ended (141); a full disk is still an error.

Each command runs as a real process writing into a real pipe whose reading end is closed
before it writes, so the write fails however little it has to say. Python buffers its
output, or not (PYTHONUNBUFFERED), and the two failed in different places: both are run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path
from subprocess import PIPE

import pytest

from tests.support.cli import ZONE
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker

from .conftest import Timo, as_json

READER_GONE = 141  # 128 + SIGPIPE, as a shell shows it for git or cat
# Entries whose JSON (~600 bytes each) is well over what a pipe holds (64 KiB on Linux).
PIPE_FULL_ENTRIES = 400
LONG_AGO = date(2025, 3, 3)

# Every command that can write much, and argparse's own output.
WRITERS = [
    ("log",),
    ("log", "--json"),
    ("report",),
    ("report", "--csv"),
    ("export",),
    ("projects",),
    ("attention",),
    ("sync", "status"),
    ("config", "get"),
    ("--help",),
    ("report", "--help"),
    ("--version",),
]


@pytest.fixture(params=["buffered", "unbuffered"])
def buffering(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run `timo` with Python's output buffered (as a user's shell has it) and unbuffered."""
    if request.param == "buffered":
        monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    else:
        monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    return str(request.param)


@pytest.fixture
def gone() -> Iterator[int]:
    """The writing end of a pipe whose reader has already gone (`| head -c0`)."""
    reader, writer = os.pipe()
    os.close(reader)
    yield writer
    os.close(writer)


@pytest.fixture
def entries(catalog: Path) -> None:
    """Something for every listing to list: this week's entries on a project, tagged."""
    _add(3, day=None)


def _add(count: int, *, day: date | None) -> None:
    """`count` half-hour entries on Website, an hour apart: from midnight of `day`,
    or ending now."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    try:
        website = tracker.target(project="Website")
        first = (
            tracker.clock() - timedelta(hours=count)
            if day is None
            else at_local(day, time(0), ZONE)
        )
        for hour in range(count):
            start = first + timedelta(hours=hour)
            end = start + timedelta(minutes=30)
            tracker.add(f"Entry {hour}", start, end, target=website, tags=["call"])
    finally:
        tracker.close()


@pytest.mark.usefixtures("entries", "buffering")
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_reader_that_went_away_ends_the_output_quietly(
    timo: Timo, gone: int, args: tuple[str, ...]
) -> None:
    """Listings exited 1, Timo's "refused or failed", though nothing had; `--help` and
    `--version` printed "Exception ignored … BrokenPipeError" and exited 120."""
    process = timo(*args, stdout=gone)
    assert (process.returncode, process.stderr) == (READER_GONE, "")


@pytest.mark.usefixtures("buffering")
def test_a_timer_stopped_into_a_closed_pipe_stays_stopped(timo: Timo, gone: int) -> None:
    """`timo stop | head -0`: the timer is stopped, and the status says only that the
    reader left (it was 1, and a script would stop the timer again, and be refused)."""
    assert timo("start", "Piped").returncode == 0
    process = timo("stop", stdout=gone)
    assert (process.returncode, process.stderr) == (READER_GONE, "")
    assert as_json(timo("status", "--json"))["running"] is None  # type: ignore[index]
    assert [e["description"] for e in as_json(timo("log", "--json"))] == ["Piped"]  # type: ignore[attr-defined,index]


@pytest.mark.usefixtures("buffering")
@pytest.mark.parametrize("args", [("log", "--from", "someday"), ("nosuch",)], ids=" ".join)
def test_a_refusal_into_a_closed_pipe_ends_as_quietly(
    timo: Timo, gone: int, args: tuple[str, ...]
) -> None:
    """`timo log --from X 2>&1 | head -0`: the refusal's own line met the closed pipe, and
    Python's failed flush at exit turned it into status 120."""
    process = timo(*args, stdout=gone, stderr=gone)
    assert process.returncode == READER_GONE


@pytest.mark.usefixtures("entries", "buffering")
def test_a_reader_gone_with_no_stderr_at_all_ends_as_quietly(timo: Timo, gone: int) -> None:
    """`timo log 2>&- | head -0`: with no sys.stderr, making the closed pipe write nowhere
    failed in its turn, and the status was 1."""
    process = timo("log", stdout=gone, preexec_fn=lambda: os.close(2))
    assert process.returncode == READER_GONE


@pytest.mark.usefixtures("buffering")
@pytest.mark.parametrize("args", [("--help",), ("log", "--help"), ("--version",)], ids=" ".join)
def test_help_that_finds_no_room_says_so(timo: Timo, args: tuple[str, ...]) -> None:
    """`timo --help > /dev/full`: buffered, "Exception ignored … OSError" and status 120;
    unbuffered, argparse dropped the failed write: nothing said, status 0."""
    with open("/dev/full", "w") as full:
        process = timo(*args, stdout=full)
    assert process.returncode == 1
    assert process.stderr == "timo: could not write its output: No space left on device\n"


@pytest.mark.usefixtures("buffering")
def test_head_reading_a_long_log_and_leaving_ends_it_quietly(timo: Timo, catalog: Path) -> None:
    """`timo log --json --from … | head -c 100`, with more than a pipe holds: the reader
    leaves while `timo` is still writing (the closed pipes above are gone before it starts)."""
    _add(PIPE_FULL_ENTRIES, day=LONG_AGO)
    with subprocess.Popen(["head", "-c", "100"], stdin=PIPE, stdout=PIPE) as head:
        assert head.stdin is not None
        process = timo("log", "--json", "--from", f"{LONG_AGO}", stdout=head.stdin)
        head.stdin.close()
        assert head.stdout is not None
        shown = head.stdout.read()
    assert (process.returncode, process.stderr) == (READER_GONE, "")
    assert len(shown) == 100
