"""Two `timo start`s at once (two processes, one database): the one that waits for the
database reads the time once it has it, so what the other committed meanwhile is before
its start, not an overlap it is refused for ("overlaps 'sp 1' 10:59–10:59")."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from timo_desktop.services import Tracker

T = datetime(2026, 11, 27, 10, 59, tzinfo=UTC)


class _Watched:
    """The waiting tracker's clock: says when it is first read."""

    def __init__(self) -> None:
        self.now = T
        self.read = threading.Event()

    def __call__(self) -> datetime:
        self.read.set()
        return self.now


def test_a_start_that_waited_for_the_database_starts_after_what_was_committed_meanwhile(
    timo_home: Path,
) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    clock = _Watched()
    waiting = Tracker.open(database, zone="Europe/Berlin", clock=clock)
    other = Tracker.open(database, zone="Europe/Berlin", clock=lambda: clock.now)
    holding = threading.Event()

    def the_other_process() -> None:
        with other.batch():  # holds the database, as another `timo` in its write does
            other.add("sp 1", T + timedelta(seconds=1), T + timedelta(seconds=2))
            holding.set()
            # A start that reads the time before it has the database reads it now; give it
            # the chance, then let time pass on before this commits.
            clock.read.wait(timeout=1)
            clock.now = T + timedelta(seconds=3)

    thread = threading.Thread(target=the_other_process)
    thread.start()
    holding.wait()
    try:
        started = waiting.start("sp 2").started
    finally:
        thread.join()
        waiting.close()
        other.close()
    assert started is not None and started.start == T + timedelta(seconds=3)
