"""A damaged, newer, locked, read-only or full database: one plain line, nothing touched."""

from __future__ import annotations

import resource
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.store.helpers import read_only
from timo_desktop.store.version import SCHEMA_VERSION

from .conftest import Timo


def _database(timo: Timo, home: Path) -> Path:
    assert timo("add", "Kept", "--duration", "10m").returncode == 0
    path = home / "data" / "timo.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _one_line(process: object, words: str) -> None:
    assert process.returncode == 1  # type: ignore[attr-defined]
    lines = process.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("timo: ") and words in lines[0], lines


def test_corrupt_database(timo: Timo, timo_home: Path) -> None:
    path = timo_home / "data" / "timo.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 1000)
    _one_line(timo("start", "x"), "is damaged")
    assert path.read_bytes() == b"\x00garbage" * 1000


def test_database_from_a_newer_timo(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    _one_line(timo("status"), "written by a newer version of Timo")
    _one_line(timo("start", "x"), "update Timo")
    assert path.read_bytes() == before


def test_locked_database(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        _one_line(
            timo("start", "x"),
            "busy: another program (another Timo, or a tool with the file open) is writing",
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "No timer is running." in timo("status").stdout


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr to lock files as root")
def test_read_only_data_folder(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    before = path.read_bytes()
    with read_only(path, path.parent):
        _one_line(timo("start", "x"), "cannot")
        assert path.read_bytes() == before


def test_full_disk(timo: Timo, timo_home: Path) -> None:
    path = _database(timo, timo_home)
    before = path.read_bytes()

    def no_room() -> None:  # files may not grow: writes fail like on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    process = timo("start", "x", preexec_fn=no_room)
    _one_line(process, "nothing was changed")
    assert path.read_bytes() == before
    assert "No timer is running." in timo("status").stdout
