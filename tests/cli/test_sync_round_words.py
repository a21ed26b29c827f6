"""What `timo sync` and `timo sync status` say after a round, on a computer whose running
timer Vmoox stopped for a newer one started on another (two TIMO_HOMEs, the same user,
the real sandbox): every line fits 80 columns, long descriptions wrapping between words
as `timo sync status` wraps them, and the one-line sync state counts the stopped timers
(the window's sync status shows that sentence too) and says which command lists them.
Real `timo` processes."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_timers_on_two_computers import _ok, _two_computers, _words
from tests.support.sandbox import SandboxHandle
from timo_desktop.core.text_width import LINE_WIDTH, display_width

# 121 characters: no terminal line holds it, let alone with its reference and times.
LONG = (
    "Homepage layout review with the whole team, then the notes written up and sent"
    " to the client with the follow-up questions"
)
LISTED = "`timo attention` lists them all, with the commands that settle each."


def _stopped_for_newer(
    laptop: Path,
    desktop: Path,
    sandbox: SandboxHandle,
    description: str,
    *,
    started: str,
    newer: str,
) -> None:
    """The laptop's timer `description` (`started` ago), sent, then stopped by a newer one
    started on the desktop (`newer` ago) and sent: the laptop's next round brings it."""
    _ok(laptop, "start", description, "--at", started)
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)
    _ok(desktop, "start", f"Call about {description[:20]}", "--at", newer)
    _ok(desktop, "sync", server=sandbox)


def _fits(text: str) -> None:
    widest = max(display_width(line) for line in text.splitlines())
    assert widest <= LINE_WIDTH, text


def test_timo_sync_fits_80_columns_and_counts_the_stopped_timer(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = timo_home, tmp_path / "desktop"
    _two_computers(laptop, desktop, sandbox)
    _stopped_for_newer(laptop, desktop, sandbox, LONG, started="30m ago", newer="10m ago")

    synced = _ok(laptop, "sync", server=sandbox)
    _fits(synced)
    said = _words(synced)
    assert said.startswith("Sent 0, received ")
    assert ". 1 timer was stopped for a newer one on another device " in said
    assert f"“{LONG}” stopped at" in said and LISTED in said
    status = _ok(laptop, "sync", "status", server=sandbox)
    _fits(status)
    assert status.startswith("1 timer was stopped for a newer one on another device\n")
    assert LISTED in _words(status)


def test_two_stopped_timers_are_counted_as_two(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = timo_home, tmp_path / "desktop"
    _two_computers(laptop, desktop, sandbox)
    _stopped_for_newer(laptop, desktop, sandbox, "Design", started="50m ago", newer="40m ago")
    _ok(laptop, "sync", server=sandbox)
    _stopped_for_newer(laptop, desktop, sandbox, "Review", started="30m ago", newer="20m ago")
    _ok(laptop, "sync", server=sandbox)

    status = _ok(laptop, "sync", "status", server=sandbox)
    assert status.startswith("2 timers were stopped for newer ones on another device\n")
    [ref] = [line.split()[0] for line in status.splitlines() if "'Design'" in line]
    _ok(laptop, "keep-theirs", ref)  # read: the count goes down with it
    status = _ok(laptop, "sync", "status", server=sandbox)
    assert status.startswith("1 timer was stopped for a newer one on another device\n")
