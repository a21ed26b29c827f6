"""Bringing an older database to the current schema with Alembic.

Only called when `PRAGMA user_version` is behind `SCHEMA_VERSION`, so SQLAlchemy
and Alembic are imported after an upgrade, never on an ordinary start (a new
file is built from `schema.sql`, `store.fresh`, which `schema_script` writes).
The migrations ship inside the package and are found through
`importlib.resources`, which also works in a frozen bundle.
"""

from __future__ import annotations

import glob
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from timo_desktop.store.connection import BUSY_TIMEOUT_MS, PART, copy_database
from timo_desktop.store.errors import translate
from timo_desktop.store.version import SCHEMA_VERSION, revision_id


@contextmanager
def alembic_config(connection: Any = None) -> Iterator[Any]:
    """An Alembic `Config` pointing at the shipped migrations (for tools and tests)."""
    from alembic.config import Config

    with resources.as_file(resources.files("timo_desktop.store") / "migrations") as folder:
        config = Config()
        config.set_main_option("script_location", str(folder))
        config.attributes["connection"] = connection
        yield config


def backup(connection: sqlite3.Connection, path: Path, found: int) -> Path:
    """Copy the database aside (`copy_database`) before migrating; the copy's path. Copies
    an earlier attempt left unfinished (killed mid-copy) go first: never a whole copy."""
    for unfinished in path.parent.glob(f"{glob.escape(path.name)}.v*.bak{PART}*"):
        with suppress(OSError):
            unfinished.unlink()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{found}-{stamp}.bak")
    copy_database(connection, target)
    return target


def upgrade(path: Path, *, to: int = SCHEMA_VERSION) -> Path | None:
    """Migrate the database at `path` to schema `to` under a write lock, first copying
    it aside (`backup`) when it holds an older schema; return that copy.

    Another process may have migrated meanwhile: the version is read again inside the lock,
    and nothing is done (nor copied) when it is already current. Errors are the store's
    (`StoreError`): a database locked by another program is "busy", not a traceback.
    """
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)

    # Connected by the driver itself: a path is no URL (a `?` in a folder's name would start
    # its query). Autocommit, so the explicit BEGIN IMMEDIATE below owns the transaction: no
    # other program writes until it ends, and the copy's own connection may still read.
    engine = create_engine("sqlite://", poolclass=NullPool, creator=connect)
    copy = None
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                found = connection.exec_driver_sql("PRAGMA user_version").scalar_one()
                if found < to:
                    if found > 0:  # read apart: a connection writing cannot be copied
                        with closing(connect()) as reader:
                            copy = backup(reader, path, found)
                    with alembic_config(connection) as config:
                        command.upgrade(config, revision_id(to))
                    connection.exec_driver_sql(f"PRAGMA user_version = {int(to)}")
                connection.exec_driver_sql("COMMIT")
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
    except DBAPIError as error:
        if isinstance(error.orig, sqlite3.Error):
            raise translate(error.orig, path) from error
        raise
    except sqlite3.Error as error:  # the backup's own
        raise translate(error, path) from error
    finally:
        engine.dispose()
    return copy


def schema_script(path: Path) -> str:
    """What `schema.sql` holds, read from the database at `path` that `upgrade` built from
    nothing: each statement that made its tables and indexes, in order, and Alembic's
    record of the revision it is at."""
    with closing(sqlite3.connect(path)) as connection:
        made = connection.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
            " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid"
        ).fetchall()
        [(revision,)] = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return (
        "-- The schema a new database is built with (store/fresh.py): what the migrations\n"
        "-- build, written by `make schema`. Not edited by hand: add a migration, then run\n"
        "-- `make schema`.\n\n"
        + "".join(f"{sql};\n\n" for (sql,) in made)
        + f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');\n"
    )
