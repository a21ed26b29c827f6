"""A new database built at once from `schema.sql`, without SQLAlchemy or Alembic.

`schema.sql` holds the statements the migrations leave in a new file (`make schema`
writes it from them, and a test checks it still matches), so a first start builds the
same database as running every migration, at the cost of any other start: a few
milliseconds instead of loading Alembic and replaying each step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from timo_desktop.store.connection import transaction
from timo_desktop.store.version import SCHEMA_VERSION

SCRIPT = "schema.sql"


def statements(text: str) -> Iterator[str]:
    """The SQL statements of `text`, one at a time (comments stay with the next)."""
    statement = ""
    for line in text.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement.strip()
            statement = ""


def build(connection: sqlite3.Connection, path: Path) -> int:
    """Build the current schema in the empty database at `path` that `connection`
    (autocommit) holds, in one write transaction; the schema version the file has
    afterwards. A file another program built meanwhile, or one holding tables already,
    is left as it is, for the migrations to judge by its version."""
    script = resources.files("timo_desktop.store").joinpath(SCRIPT).read_text("utf-8")
    with transaction(connection, path):
        found = int(connection.execute("PRAGMA user_version").fetchone()[0])
        empty = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        if found == 0 and empty:
            for statement in statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            found = SCHEMA_VERSION
    return found


def in_memory(path: Path) -> sqlite3.Connection:
    """A new, empty database in memory at this version's schema, standing in for the one
    at `path` not made yet, nothing on disk: what a command that only reads finds there
    (`Store.open_to_read`)."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    build(memory, path)
    return memory
