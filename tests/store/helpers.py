"""Entries and stores for store tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from timo_desktop.core.entry import Entry, new_entry
from timo_desktop.store.database import Store

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def make_entry(description: str = "Work", hours: float = 0, length: float | None = 1) -> Entry:
    start = T0 + timedelta(hours=hours)
    end = None if length is None else start + timedelta(hours=length)
    return new_entry(start=start, end=end, zone="Europe/Berlin", now=T0, description=description)


def open_store(home: Path) -> Store:
    return Store.open(home / "data" / "timo.sqlite3")


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make paths unwritable, even for root (which ignores permission bits)."""
    as_root = os.geteuid() == 0
    for path in paths:
        if as_root:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        yield
    finally:
        for path in paths:
            if as_root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(0o700 if path.is_dir() else 0o600)


def database_at(path: Path, version: int) -> None:
    """A database file as Timo at schema `version` left it (built by the real migrations)."""
    from alembic import command
    from sqlalchemy import create_engine

    from timo_desktop.store import migrate
    from timo_desktop.store.version import revision_id

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection, migrate.alembic_config(connection) as config:
        command.upgrade(config, revision_id(version))
        connection.exec_driver_sql(f"PRAGMA user_version = {version}")
    engine.dispose()
