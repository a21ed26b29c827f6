"""Each entry follows the rules of its own Vmoox workspace: the default workspace's lock
date, longest entry and overlap rule held every workspace's entries to them. Against the
real sandbox: Dana tracks in ws_1 "Northwind Agency" (the default) and ws_2 "Dana's Side
Studio" (its project prj_9 "Portfolio site")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, FakeTime, Timo, make_timo, server_entries, slot
from timo_desktop.core.entry import Target
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.validation import TooLong

PORTFOLIO = Target(project_id="prj_9")  # in Dana's Side Studio


def side_studio(sandbox: SandboxHandle) -> list[str]:
    """The descriptions of Dana's entries in Dana's Side Studio on Vmoox."""
    return [entry["description"] for entry in server_entries(sandbox, "ws_2")]


@pytest.fixture
def timo(sandbox: SandboxHandle, tmp_path: Path) -> Iterator[Timo]:
    """A Tracker on its own clock and a sync engine signed in to the sandbox."""
    made = make_timo(sandbox, tmp_path / "timo.sqlite3", FakeTime())
    made.tracker.clock = Clock(datetime.now(UTC).replace(microsecond=0))
    try:
        yield made
    finally:
        made.close()


def test_a_lock_date_locks_only_the_entries_of_its_workspace(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()  # the projects, and where each is
    side = timo.tracker.add("Portfolio", *slot(1), target=PORTFOLIO)  # thirty days ago
    timo.engine.sync()
    assert timo.store.workspace_on_server(side.client_ref) == "ws_2"
    lock = (datetime.now(UTC) - timedelta(days=7)).date()
    sandbox.set_workspace("ws_1", lock_date=lock.isoformat())
    timo.engine.sync()

    timo.tracker.edit(side.client_ref, description="Portfolio gallery")
    again = timo.tracker.add("Portfolio again", *slot(2), target=PORTFOLIO)
    timo.tracker.delete(again.client_ref)
    locked = f"^entries before {lock.isoformat()} are locked in Northwind Agency$"
    with pytest.raises(InvalidEntry, match=locked):
        timo.tracker.add("Northwind notes", *slot(3))  # no project: the default workspace
    with pytest.raises(InvalidEntry, match=locked):
        timo.tracker.add("Northwind call", *slot(4), target=PROJECT)

    report = timo.engine.sync()
    assert report.attention == 0 and report.errors == []
    assert "Portfolio gallery" in side_studio(sandbox)


def test_a_timer_of_another_workspace_runs_past_the_defaults_longest_entry(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    sandbox.set_workspace("ws_1", max_entry_seconds=60)
    timo.engine.sync()
    clock = timo.tracker.clock
    assert isinstance(clock, Clock)

    timo.tracker.start("side timer", target=PORTFOLIO)
    clock.advance(seconds=70)
    stopped = timo.tracker.stop()
    assert stopped.end is not None and stopped.end - stopped.start == timedelta(seconds=70)
    timo.tracker.start("side timer again", target=PORTFOLIO)
    clock.advance(seconds=70)
    switched = timo.tracker.start("next thing")  # Northwind's, stopping the side timer
    assert switched.stopped is not None and switched.stopped.description == "side timer again"
    clock.advance(seconds=70)
    with pytest.raises(TooLong, match="the longest allowed is 1m"):
        timo.tracker.stop()  # Northwind's own timer keeps to Northwind's longest


def test_overlaps_are_refused_only_within_the_workspace_that_disallows_them(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Vmoox checks overlaps within a workspace: time in another one is none."""
    sandbox.set_workspace("ws_1", allow_overlap=False)
    sandbox.set_workspace("ws_2", allow_overlap=False)
    timo.engine.sync()
    start, end = slot(1, minutes=60)
    quarter = timedelta(minutes=15)
    timo.tracker.add("Northwind call", start, end, target=PROJECT)

    timo.tracker.add("Portfolio", start + quarter, end + quarter, target=PORTFOLIO)
    with pytest.raises(InvalidEntry) as northwind:
        timo.tracker.add("Northwind notes", start + 2 * quarter, end + 2 * quarter)
    assert "'Northwind call'" in str(northwind.value)
    assert "Portfolio" not in str(northwind.value)
    with pytest.raises(InvalidEntry, match=r"^overlaps 'Portfolio' "):
        timo.tracker.add("Gallery", start + 2 * quarter, end + 2 * quarter, target=PORTFOLIO)

    report = timo.engine.sync()
    assert report.attention == 0 and report.errors == []
    assert "Portfolio" in side_studio(sandbox)
