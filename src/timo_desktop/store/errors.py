"""Store errors: each says in one line what is wrong with the database and that nothing changed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from timo_desktop.core.errors import TimoError


class StoreError(TimoError):
    """The database cannot be used as asked; nothing was changed."""


class DatabaseLocked(StoreError):
    """Another program held the write lock for longer than the busy timeout."""


class DatabaseCorrupt(StoreError):
    """The file is not a readable Timo database."""


class DatabaseReadOnly(StoreError):
    """The file or its folder cannot be written."""


class DiskFull(StoreError):
    """The disk (or the file size limit) left no room for the change."""


class DatabaseMissing(StoreError):
    """The file is gone (deleted or moved) and was not to be made again."""


class ConstraintFailed(StoreError):
    """A change this database's own rules refuse (one running timer, say): the change is
    wrong, not the file. `reason` is the rule broken, in plain words."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class DatabaseTooNew(StoreError):
    """The database was written by a newer Timo with a schema this one does not know."""


# How a refused write ends: true of the one transaction refused.
NOTHING_CHANGED = " (nothing was changed)"


def but_what_stands(error: StoreError) -> str:
    """`error`'s words for a caller some of whose earlier writes stood (a sync round, a
    check that wrote on purpose), without its `NOTHING_CHANGED`."""
    return str(error).removesuffix(NOTHING_CHANGED)


def translate(error: sqlite3.Error, path: Path) -> StoreError:
    """A plain-language `StoreError` for an `sqlite3` error on the database at `path`."""
    name = getattr(error, "sqlite_errorname", "") or ""
    detail = str(error)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in detail:
        return DatabaseLocked(
            f"the database {path} is busy: another program (another Timo, or a tool with the"
            f" file open) is writing to it; try again in a moment{NOTHING_CHANGED}"
        )
    if name == "SQLITE_FULL" or "disk is full" in detail:
        return DiskFull(f"the disk is full: could not save to {path}{NOTHING_CHANGED}")
    if name.startswith("SQLITE_READONLY") or "readonly" in detail:
        return DatabaseReadOnly(
            f"cannot write to {path}: the file or its folder is read-only{NOTHING_CHANGED}"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in detail:
        return DatabaseCorrupt(
            f"the database {path} is damaged ({detail}); Timo left it untouched — "
            "restore a backup or move the file aside"
        )
    if name.startswith("SQLITE_CANTOPEN"):
        return DatabaseReadOnly(f"cannot open the database {path}: {_why_not_opened(path, detail)}")
    if name.startswith("SQLITE_IOERR"):
        return DiskFull(
            f"could not write to {path} ({detail}); the disk may be full or failing"
            f"{NOTHING_CHANGED}"
        )
    if isinstance(error, sqlite3.IntegrityError):
        broken = _rule_broken(detail)
        return ConstraintFailed(f"database error in {path}: {broken}{NOTHING_CHANGED}", broken)
    return StoreError(f"database error in {path}: {detail}")


def _rule_broken(detail: str) -> str:
    """A refused constraint in plain words where Timo knows the rule."""
    if "ix_entries_one_running" in detail:
        return "it would leave two timers running, and only one may run"
    return detail


def _why_not_opened(path: Path, detail: str) -> str:
    """Why SQLite could not open `path`, told from what this user may do there: SQLite says
    only "unable to open database file"."""
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        # SQLite keeps its journal files (`-wal`, `-shm`) beside the database.
        return f"its folder {folder} is read-only; make the folder writable for you"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "the file is read-only; make it readable and writable for you"
    return detail
