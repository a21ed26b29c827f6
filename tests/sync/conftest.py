"""Fixtures for sync tests: the real sandbox over loopback, a real SQLite file, fake waiting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Recorder, Timo, make_timo


@pytest.fixture
def fake_time() -> FakeTime:
    """Real time plus whatever the engine has 'slept' (sleeping itself takes no time)."""
    return FakeTime()


@pytest.fixture
def timo(
    sandbox: SandboxHandle,
    tmp_path: Path,
    fake_time: FakeTime,
) -> Iterator[Timo]:
    """A Tracker on a real database file and a sync engine signed in to the sandbox."""
    made = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def second_timo(
    sandbox: SandboxHandle,
    tmp_path: Path,
    fake_time: FakeTime,
) -> Iterator[Callable[[], Timo]]:
    """Another engine on the same database file (a restart after a crash)."""
    made: list[Timo] = []

    def start() -> Timo:
        made.append(make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time))
        return made[-1]

    yield start
    for each in made:
        each.close()


@pytest.fixture
def desktop(
    sandbox: SandboxHandle,
    tmp_path: Path,
    fake_time: FakeTime,
) -> Iterator[Timo]:
    """The same person's other computer: its own database, the same account."""
    made = make_timo(sandbox, tmp_path / "desktop.sqlite3", fake_time)
    try:
        yield made
    finally:
        made.close()


__all__ = ["Recorder"]
