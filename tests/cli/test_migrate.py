"""`timo migrate`, and the desktop app migrating in it so its own process never loads
SQLAlchemy and Alembic."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.store.helpers import database_at
from timo_desktop.store.version import SCHEMA_VERSION

from .conftest import Timo

# Prepares the database as the desktop app does at start-up (and with --open opens it, as
# the app does next), then says what it loaded.
PREPARE = """
import json, sys
from pathlib import Path
from timo_desktop.store.database import Store
from timo_desktop.ui.app import prepare_database
prepare_database(Path(sys.argv[1]))
if sys.argv[2:] == ["--open"]:
    Store.open(Path(sys.argv[1])).close()
print(json.dumps(sorted(m for m in ("alembic", "sqlalchemy", "PySide6") if m in sys.modules)))
"""


def schema(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def from_a_newer_timo(path: Path) -> bytes:
    """Mark `path` as written by a later Timo; its bytes, to check nothing touches it."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    finally:
        connection.close()
    return path.read_bytes()


def prepared_by_the_app(database: Path, *, opened: bool = False) -> list[str]:
    """Prepare the database as the app does (and open it, `opened`) in a fresh process;
    the heavy modules it loaded."""
    env = {**os.environ, "TIMO_HOME": str(database.parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", PREPARE, str(database), *(["--open"] if opened else [])],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_migrate_creates_the_data(timo: Timo, timo_home: Path) -> None:
    done = timo("migrate")
    database = timo_home / "data" / "timo.sqlite3"
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"The data in {database} is at schema {SCHEMA_VERSION}, this version's.\n"
    assert schema(database) == SCHEMA_VERSION


def test_migrate_upgrades_an_older_file_and_keeps_a_copy(timo: Timo, timo_home: Path) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    database_at(database, 1)
    assert timo("migrate").returncode == 0
    assert schema(database) == SCHEMA_VERSION
    assert [copy.name for copy in database.parent.glob("timo.sqlite3.v1-*.bak")]


def test_migrate_refuses_a_newer_file_untouched(timo: Timo, timo_home: Path) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    before = from_a_newer_timo(database)
    done = timo("migrate")
    assert done.returncode == 1 and "newer version of Timo" in done.stderr
    assert database.read_bytes() == before


def test_the_app_creates_its_data_loading_neither_sqlalchemy_nor_alembic(
    timo_home: Path,
) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    assert prepared_by_the_app(database, opened=True) == []
    assert schema(database) == SCHEMA_VERSION


def test_the_app_upgrades_its_data_in_a_separate_process(timo_home: Path) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    database_at(database, 2)
    assert prepared_by_the_app(database, opened=True) == []
    assert schema(database) == SCHEMA_VERSION


def test_the_app_leaves_a_current_or_newer_file_to_be_opened(timo_home: Path) -> None:
    database = timo_home / "data" / "timo.sqlite3"
    database.parent.mkdir(parents=True)
    before = from_a_newer_timo(database)
    assert prepared_by_the_app(database) == []
    assert database.read_bytes() == before
