"""A command that only reads leaves a home never used as it found it: `timo status` or
`timo config get --workspace NAME` before anything was tracked made an empty database
file, as a side effect of reading. They answer as for a new database, and the first
command that records something makes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Timo


def _files(home: Path) -> list[Path]:
    """Everything under `home`, which a never-used home does not have yet."""
    return sorted(home.rglob("*")) if home.exists() else []


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("status",), "No timer is running.\n"),
        (("log", "--from", "2026-01-05", "--to", "2026-01-11"), "No entries from 2026-01-05"),
        (("report", "--from", "2026-01-05", "--to", "2026-01-11"), "No time tracked from"),
        (("export", "--from", "2026-01-05", "--to", "2026-01-11"), "client,project"),
        (
            ("attention", "--from", "2026-01-05", "--to", "2026-01-11"),
            "Nothing needs attention from 2026-01-05 to 2026-01-11.\n",
        ),
        (("projects",), "No projects fetched yet"),
        (("sync", "status"), "Signed out — sign in to sync\n"),
        (("config", "get", "capacity.hours_per_week"), "40\n"),
    ],
)
def test_a_read_in_a_new_home_makes_no_database(
    timo: Timo, timo_home: Path, command: tuple[str, ...], said: str
) -> None:
    done = timo(*command)
    assert done.returncode == 0, done.stderr
    assert said in done.stdout
    assert _files(timo_home) == []


def test_config_get_for_a_workspace_before_any_sync_says_how_to_know_it(
    timo: Timo, timo_home: Path
) -> None:
    for command in ("get", "set capacity.hours_per_week 30"):
        done = timo("config", *command.split(), "--workspace", "Northwind")
        assert done.returncode == 1
        assert done.stderr == (
            'timo: no workspace is known here to find "Northwind" in: sign in and sync first'
            " (`timo login`, `timo sync`)\n"
        )
        assert _files(timo_home) == []


def test_the_first_entry_makes_the_database(timo: Timo, timo_home: Path) -> None:
    assert timo("status").returncode == 0
    added = timo("add", "First", "--date", "2026-01-05", "--start", "09:00", "-d", "10m")
    assert added.returncode == 0, added.stderr
    assert (timo_home / "data" / "timo.sqlite3").exists()
    assert "First" in timo("log", "--from", "2026-01-05", "--to", "2026-01-05").stdout
