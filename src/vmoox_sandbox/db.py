"""Engine, sessions and the lock that serialises access to the sandbox database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool

DB_FILE_NAME = "vmoox-sandbox.sqlite3"


class Base(DeclarativeBase):
    """Declarative base of every sandbox table."""


def database_url(data_dir: Path | None, url: str | None) -> str:
    """The SQLAlchemy URL for ``--data DIR`` or ``--db URL`` (in-memory SQLite when neither)."""
    if url:
        return url
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{data_dir / DB_FILE_NAME}"
    return "sqlite://"


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; in-memory SQLite shares one connection."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            poolclass=StaticPool if in_memory else None,
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """Sessions over one engine; a process-wide lock makes every transaction serial.

    A sandbox serves one developer or one test run, so serialising is cheap and
    makes idempotency reservations, the running-entry rule and the change
    sequence race-free on every database SQLAlchemy supports.
    """

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._lock = threading.RLock()

    def create_schema(self) -> None:
        """Create missing tables."""
        from vmoox_sandbox import models  # noqa: F401  (registers the tables)

        Base.metadata.create_all(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self._lock, self._sessions() as session, session.begin():
            yield session
