"""Bringing an older database to the current schema with Alembic.

Only called when `PRAGMA user_version` differs from `SCHEMA_VERSION`, so
SQLAlchemy and Alembic are imported on the first run and after an upgrade,
never on an ordinary start. The migrations ship inside the package and are
found through `importlib.resources`, which also works in a frozen bundle.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

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
    """Copy the database aside (a consistent snapshot, WAL included) before migrating."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{found}-{stamp}.bak")
    copy = sqlite3.connect(target)
    try:
        connection.backup(copy)
    finally:
        copy.close()
    target.chmod(0o600)
    return target


def upgrade(path: Path, *, to: int = SCHEMA_VERSION) -> None:
    """Migrate the database at `path` to schema `to` under an exclusive lock.

    Another process may have migrated meanwhile: the version is read again
    inside the lock and nothing is done when it is already current.
    """
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    # The driver in autocommit mode, so the explicit BEGIN EXCLUSIVE below owns the transaction.
    engine = create_engine(
        f"sqlite:///{path}", poolclass=NullPool, connect_args={"isolation_level": None}
    )
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN EXCLUSIVE")
            try:
                found = connection.exec_driver_sql("PRAGMA user_version").scalar_one()
                if found < to:
                    with alembic_config(connection) as config:
                        command.upgrade(config, revision_id(to))
                    connection.exec_driver_sql(f"PRAGMA user_version = {int(to)}")
                connection.exec_driver_sql("COMMIT")
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
    finally:
        engine.dispose()
