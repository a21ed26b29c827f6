"""What `recover` finds at start-up: nothing after a clean exit (a timer kept running on
purpose), when Timo was last alive after a crash or after going unasked (the session
ending, a signal), whether that was the session ending, and the timer's start when Timo
died within a minute of it. The earlier runs are real other processes (their own PIDs)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from timo_desktop.services.tracker import Recovery, Tracker

# An earlier Timo (or `timo start`): each argument is `what@when`, done at that moment.
_EARLIER_RUN = """
import sys
from datetime import datetime
from pathlib import Path
from timo_desktop.services.tracker import Tracker

now = [datetime.now()]
tracker = Tracker.open(Path(sys.argv[1]), clock=lambda: now[0])
for step in sys.argv[2:]:
    what, _, when = step.partition("@")
    now[0] = datetime.fromisoformat(when)
    {
        "start": lambda: tracker.start("Homepage layout"),
        "switch": lambda: tracker.start("Call with Acme"),
        "beat": tracker.beat,
        "clean-exit": tracker.record_clean_exit,
        "last-seen": tracker.record_last_seen,
        "session-end": lambda: tracker.record_last_seen(session_ended=True),
    }[what]()
tracker.close()
"""

T = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def database(timo_home: Path) -> Path:
    path = timo_home / "data" / "timo.sqlite3"
    Tracker.open(path).close()  # created (and migrated) once, here
    return path


def earlier(database: Path, *steps: tuple[str, datetime]) -> None:
    """Run `steps` in a process of their own, which then ends."""
    subprocess.run(
        [sys.executable, "-c", _EARLIER_RUN, str(database)]
        + [f"{what}@{when.isoformat()}" for what, when in steps],
        check=True,
    )


def recover(database: Path, now: datetime) -> Recovery | None:
    tracker = Tracker.open(database, clock=lambda: now)
    try:
        return tracker.recover()
    finally:
        tracker.close()


def last_alive(found: Recovery | None) -> datetime | None:
    assert found is not None and found.entry.description == "Homepage layout"
    alive: datetime | None = found.last_alive
    return alive


def test_after_a_crash_timo_was_last_alive_at_its_last_heartbeat(database: Path) -> None:
    earlier(database, ("start", T), ("beat", T + timedelta(hours=2)))
    assert last_alive(recover(database, T + timedelta(hours=5))) == T + timedelta(hours=2)


def test_after_quitting_with_the_timer_kept_running_nothing_is_asked(database: Path) -> None:
    earlier(
        database,
        ("beat", T - timedelta(minutes=5)),
        ("start", T),
        ("beat", T + timedelta(hours=2)),
        ("clean-exit", T + timedelta(hours=2, minutes=30)),
    )
    assert recover(database, T + timedelta(hours=5)) is None
    # Nor when `timo start` switched to another timer after Timo quit.
    earlier(database, ("switch", T + timedelta(hours=3)))
    assert recover(database, T + timedelta(hours=5)) is None


def test_a_clean_exit_counts_for_its_run_only(database: Path) -> None:
    """Timo quit cleanly, started again, and crashed: the crash is asked about."""
    earlier(database, ("start", T), ("clean-exit", T + timedelta(hours=1)))
    earlier(database, ("beat", T + timedelta(hours=2)), ("beat", T + timedelta(hours=3)))
    assert last_alive(recover(database, T + timedelta(hours=5))) == T + timedelta(hours=3)


def test_dying_within_a_minute_of_the_start_is_asked_about_from_the_start(
    database: Path,
) -> None:
    """The heartbeat comes every minute: a timer started 40 s after the last one, with no
    heartbeat since, was started while Timo ran, and Timo died before its next beat."""
    earlier(database, ("beat", T - timedelta(seconds=40)), ("start", T))
    assert last_alive(recover(database, T + timedelta(hours=1))) == T


def test_a_timer_started_long_after_timo_was_gone_is_not_asked_about(database: Path) -> None:
    """Timo died hours before `timo start`: the timer runs on purpose; nothing to ask."""
    earlier(database, ("beat", T - timedelta(hours=3)), ("start", T))
    assert last_alive(recover(database, T + timedelta(hours=1))) is None


def test_no_timer_no_question(database: Path) -> None:
    earlier(database, ("beat", T))
    assert recover(database, T + timedelta(hours=1)) is None


def test_going_unasked_is_asked_about_from_that_moment(database: Path) -> None:
    """Told to stop 40 s after the last minute's beat: not a clean exit, and the moment
    it went, not that beat, is when Timo was last alive."""
    went = T + timedelta(hours=2, seconds=40)
    earlier(database, ("start", T), ("beat", T + timedelta(hours=2)), ("last-seen", went))
    found = recover(database, T + timedelta(hours=15))
    assert last_alive(found) == went
    assert found is not None and not found.session_ended


def test_the_session_ending_is_told(database: Path) -> None:
    went = T + timedelta(hours=2, seconds=40)
    earlier(database, ("start", T), ("beat", T + timedelta(hours=2)), ("session-end", went))
    found = recover(database, T + timedelta(hours=15))
    assert last_alive(found) == went
    assert found is not None and found.session_ended


def test_a_beat_after_the_session_end_says_the_session_went_on(database: Path) -> None:
    """The logout was cancelled and Timo ran on until it crashed: a plain crash."""
    earlier(
        database,
        ("start", T),
        ("session-end", T + timedelta(hours=1)),
        ("beat", T + timedelta(hours=1, minutes=1)),
    )
    found = recover(database, T + timedelta(hours=5))
    assert last_alive(found) == T + timedelta(hours=1, minutes=1)
    assert found is not None and not found.session_ended


def test_a_clean_exit_after_a_cancelled_logout_asks_nothing(database: Path) -> None:
    earlier(
        database,
        ("start", T),
        ("session-end", T + timedelta(hours=1)),
        ("clean-exit", T + timedelta(hours=2)),
    )
    assert recover(database, T + timedelta(hours=5)) is None
