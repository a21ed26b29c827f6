"""Upgrading an older database when something is in the way: a folder whose name holds a
`?`, another program holding the file, a disk too full for the copy kept aside. Each ends
in the store's plain words with the data as it was, and one copy kept per upgrade."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.helpers import database_at
from timo_desktop.store import migrate
from timo_desktop.store.connection import schema_of
from timo_desktop.store.database import Store
from timo_desktop.store.errors import DatabaseLocked
from timo_desktop.store.version import SCHEMA_VERSION

HOLD = """
import sqlite3, sys, time
held = sqlite3.connect(sys.argv[1], isolation_level=None)
held.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(60)
"""


def test_a_question_mark_in_the_folder_s_name_upgrades_the_database_itself(
    tmp_path: Path,
) -> None:
    """The path went into a URL, where `?` starts the query: the schema went to a stray
    file named up to the `?`, and the database stayed old ("no such column")."""
    folder = tmp_path / "fresh q?x"
    folder.mkdir()
    path = folder / "timo.sqlite3"
    database_at(tmp_path / "old.sqlite3", 3)
    (tmp_path / "old.sqlite3").rename(path)
    Store.open(path).close()
    assert schema_of(path) == SCHEMA_VERSION
    assert not (tmp_path / "fresh q").exists()
    assert len(list(folder.glob("timo.sqlite3.v3-*.bak"))) == 1


def test_a_database_another_program_holds_is_busy_and_no_copy_is_made(tmp_path: Path) -> None:
    """It was a SQLAlchemy traceback, and each try left another full copy behind."""
    path = tmp_path / "timo.sqlite3"
    database_at(path, 4)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        for _ in range(2):
            with pytest.raises(DatabaseLocked, match="busy"):
                migrate.upgrade(path)
    finally:
        holder.kill()
        holder.wait()
    assert list(tmp_path.glob("*.bak")) == []
    assert schema_of(path) == 4  # as it was
    copy = migrate.upgrade(path)  # once free
    assert copy is not None and copy.name.startswith("timo.sqlite3.v4-")
    assert schema_of(path) == SCHEMA_VERSION


def test_a_copy_cut_short_is_not_left_to_pass_for_a_backup(tmp_path: Path) -> None:
    """A full disk during the copy left an empty `.bak`, which a person following "restore
    a backup" could take for their data."""
    path = tmp_path / "timo.sqlite3"
    database_at(path, 4)

    class FullDisk:
        """A database whose copy runs out of room half way."""

        def backup(self, copy: sqlite3.Connection) -> None:
            copy.execute("CREATE TABLE begun (x)")
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(sqlite3.OperationalError, match="full"):
        migrate.backup(FullDisk(), path, 4)  # type: ignore[arg-type]
    assert list(tmp_path.glob("*.bak")) == []


def test_a_copy_killed_half_way_is_never_a_bak_and_the_next_upgrade_sweeps_it(
    tmp_path: Path,
) -> None:
    """`timo migrate` killed mid-copy left a partial `.bak` (world-readable, "not a database")
    beside the later whole copy, for good."""
    path = tmp_path / "timo.sqlite3"
    database_at(path, 4)
    killed = subprocess.run(  # the copy's process killed in the middle of writing it
        [sys.executable, "-c", KILLED_MID_COPY, str(path)], capture_output=True, text=True
    )
    assert killed.returncode != 0, killed.stderr
    assert list(tmp_path.glob("*.bak")) == []  # a copy begun is not a copy
    [left] = tmp_path.glob("*.bak.part")
    assert oct(left.stat().st_mode & 0o777) == "0o600"  # owner-only from its first byte
    copy = migrate.upgrade(path)
    assert copy is not None and [copy] == list(tmp_path.glob("*.bak"))
    assert list(tmp_path.glob("*.part*")) == []
    assert oct(copy.stat().st_mode & 0o777) == "0o600"


KILLED_MID_COPY = """
import os, sqlite3, sys
from pathlib import Path
from timo_desktop.store import migrate

class KilledHalfWay:
    def backup(self, copy):
        copy.execute("CREATE TABLE begun (x)")
        os._exit(9)  # as SIGKILL: no cleaning up

migrate.backup(KilledHalfWay(), Path(sys.argv[1]), 4)
"""
