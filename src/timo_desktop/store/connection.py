"""Opening the SQLite file and running transactions on it (standard `sqlite3` only).

`open_connection` makes the file owner-only, switches to WAL with a busy
timeout and `synchronous=FULL` (a commit is on disk before it returns, so a
started timer survives power loss), checks `PRAGMA user_version`, builds a new
file from the shipped schema and migrates an older one. `transaction` is the one
way to write: `BEGIN IMMEDIATE`, commit, or roll back everything and raise a
plain `StoreError`.
Other store modules (the sync engine's included) build on these two.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from timo_desktop.paths import make_folder
from timo_desktop.store.errors import (
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    StoreError,
    translate,
)
from timo_desktop.store.version import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000

# The desktop app's instance lock (`Paths.lock_file`), set by `timo` commands: while the app
# holds it, a missing database is not made here. The app puts back the file it has open
# (`Store.file_lost`); an empty one made first passed for a file put in its place, and the
# app set its data aside and showed nothing.
app_lock: Path | None = None


def refuse_while_put_back(path: Path) -> None:
    """Refuse the missing database at `path` while the Timo window that has it open puts it
    back (`app_lock`): an empty one made or read meanwhile would pass for it."""
    if app_lock is None:
        return
    from timo_desktop.platform.instance import app_running

    if app_running(app_lock):
        raise DatabaseMissing(
            f"the database {path} is missing; the Timo window that has it open is"
            " putting it back: try again in a moment"
        )


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it."""
    if not path.exists():
        refuse_while_put_back(path)
    try:
        make_folder(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseReadOnly(
            f"cannot create the database {path}: {error.strerror or error}"
        ) from None


def open_connection(
    path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, create: bool = True
) -> sqlite3.Connection:
    """An autocommit connection to the database at `path`, migrated to `SCHEMA_VERSION`.

    Raises `DatabaseTooNew` before changing anything when the file comes from
    a newer Timo, and other `StoreError`s for damaged, locked or read-only files.
    Not to `create` it: a further connection of a process that made it already, which
    must not make a new, empty one where it was deleted (`Store.file_lost`).
    """
    if create:
        _create_private_file(path)
    elif not path.exists():
        raise DatabaseMissing(f"the database {path} is not there any more")
    connection = sqlite3.connect(
        path, isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=False
    )
    try:
        found = connection.execute("PRAGMA user_version").fetchone()[0]
        if found > SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"the database {path} was written by a newer version of Timo "
                f"(schema {found}; this version knows {SCHEMA_VERSION}); "
                "update Timo — the file was not changed"
            )
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        if found == 0:  # new: built at once, as the migrations would (`store.fresh`)
            from timo_desktop.store import fresh

            found = fresh.build(connection, path)
        if found < SCHEMA_VERSION:
            from timo_desktop.store import migrate

            migrate.upgrade(path)
    except sqlite3.Error as error:
        connection.close()
        raise translate(error, path) from error
    except BaseException:
        connection.close()
        raise
    return connection


def copy_database(connection: sqlite3.Connection, target: Path) -> None:
    """Write what `connection` reads to a new database file at `target`, owner-only from its
    first byte (SQLite's online backup: consistent, WAL included). It is written beside
    `target` (`part_of`) and renamed into place once whole, so no part of one passes for
    a copy: a copy cut short by an error is removed (the `sqlite3.Error` or `OSError` is
    raised), and one cut short by a kill stays a `.part`, which the next copy sweeps."""
    part = part_of(target)
    try:
        os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        copy = sqlite3.connect(part)
        try:
            connection.backup(copy)
        finally:
            copy.close()
        os.replace(part, target)
    except BaseException:
        with suppress(OSError):
            part.unlink(missing_ok=True)
        raise


PART = ".part"  # after the name of a copy still being written


def part_of(target: Path) -> Path:
    """Where a copy to `target` is written until it is whole."""
    return target.with_name(f"{target.name}{PART}")


def schema_of(path: Path) -> int | None:
    """The schema version of the database at `path`, read without changing anything: 0 for
    a file not made yet, None for one that cannot be read (`open_connection` will say why)."""
    if not path.exists():
        return 0
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None


@contextmanager
def transaction(
    connection: sqlite3.Connection,
    path: Path,
    *,
    durable: bool = True,
    wait_ms: int | None = None,
) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or none of it.

    Waits up to the busy timeout for other writers (`wait_ms`: that long instead);
    any `sqlite3` error is rolled back and raised as a plain `StoreError`.
    `durable=False` is for writes that only mirror the server (a page of pulled
    entries with its sync token): committed alike and safe from a crash of Timo,
    but not flushed to disk at once, so a power cut may undo them whole and the
    next pull fetches them again. The next durable commit flushes them with its own.
    """
    try:
        if not durable:
            connection.execute("PRAGMA synchronous=NORMAL")
        with _waiting(connection, wait_ms):
            connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise translate(error, path) from error
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException as error:
        if connection.in_transaction:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise translate(error, path) from error
        raise
    finally:
        if not durable:
            with suppress(sqlite3.Error):
                connection.execute("PRAGMA synchronous=FULL")


@contextmanager
def _waiting(connection: sqlite3.Connection, wait_ms: int | None) -> Iterator[None]:
    """Another writer's lock is waited for `wait_ms` inside (None: the busy timeout). Only
    taking the lock waits: once a transaction holds it, nothing else does."""
    if wait_ms is None:
        yield
        return
    (kept,) = connection.execute("PRAGMA busy_timeout").fetchone()
    connection.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(kept)}")


def read(
    connection: sqlite3.Connection, path: Path, sql: str, params: object = ()
) -> list[sqlite3.Row]:
    """Run a query and return all rows, turning `sqlite3` errors into `StoreError`s."""
    try:
        return connection.execute(sql, params).fetchall()  # type: ignore[arg-type]
    except sqlite3.Error as error:
        raise translate(error, path) from error


__all__ = [
    "BUSY_TIMEOUT_MS",
    "StoreError",
    "open_connection",
    "read",
    "schema_of",
    "transaction",
]
