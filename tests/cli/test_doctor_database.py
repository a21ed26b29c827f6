"""`timo doctor` on a database that opens but cannot be used: held by another program, made
read-only, or damaged past its first page. It said "ok" to the first two, while every write
failed, and named the third in SQLite's own words ("*** in database main ***")."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.store.helpers import read_only
from tests.store.test_upgrade_troubles import HOLD

from .conftest import Timo


def _database(timo: Timo, home: Path) -> Path:
    added = timo("add", "Kept", "--date", "2026-01-05", "--start", "09:00", "-d", "1h")
    assert added.returncode == 0, added.stderr
    path = home / "data" / "timo.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _database_check(timo: Timo) -> dict[str, object]:
    done = timo("doctor", "--json")
    [check] = [c for c in json.loads(done.stdout)["checks"] if c["name"] == "database"]
    return check  # type: ignore[no-any-return]


def test_a_database_another_program_holds_is_not_ok(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        check = _database_check(timo)
    finally:
        holder.kill()
        holder.wait()
    assert not check["ok"] and "is busy" in str(check["detail"])


def test_one_entry_is_one_entry(timo: Timo, timo_home: Path) -> None:
    _database(timo, timo_home)
    check = _database_check(timo)
    assert check["ok"] and str(check["detail"]).endswith("(1 entry)")


def test_a_database_that_cannot_be_written_is_not_ok(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    with read_only(path):
        check = _database_check(timo)
    assert not check["ok"] and "read-only" in str(check["detail"]), check


def test_damage_is_said_in_plain_words(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    with sqlite3.connect(path) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        [root] = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'")
    with path.open("r+b") as file:
        file.seek((root[0] - 1) * size)
        file.write(b"\xff" * 64)
    check = _database_check(timo)
    assert not check["ok"]
    assert str(check["detail"]).endswith(
        "is damaged (SQLite's own check of the file fails); restore a backup or move the file aside"
    )
