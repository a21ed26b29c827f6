"""One sync at a time for each database, across processes.

The app's worker and `timo sync` (or two `timo sync`s) each run rounds over the
same database. Run together, both sent the same queued change, one marked pending
again what the other had finished, and an old answer replayed by Vmoox was taken
over a newer version: a deleted entry came back here as synced. A round, and each
sync-health action that reads the server before it writes here, now holds an
operating-system lock on a file beside the database; the lock goes with the
process, however it ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from timo_desktop.core.errors import TimoError

TURN_WAIT = 30.0  # seconds to wait for another program's round (one takes seconds)
BUSY = "another Timo program is syncing this computer's entries"


class SyncBusy(TimoError):
    """Another program kept syncing this database for the whole wait."""


def lock_file(database: Path) -> Path:
    """The file whose lock is the turn to sync `database`."""
    return database.with_name(f"{database.name}.sync-lock")


@contextmanager
def sync_turn(
    database: Path, wait: float = TURN_WAIT, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the turn to sync `database`, waiting up to `wait` seconds for it; `waiting` is
    called once first when another program holds it (to say so: a wait without a word
    looked like a hang)."""
    lock = FileLock(lock_file(database), timeout=wait, mode=0o600, thread_local=False)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting is not None:
                waiting()
            lock.acquire(poll_interval=0.1)
    except Timeout as exc:
        raise SyncBusy(BUSY) from exc
    except OSError as exc:  # the data folder gone (Timo puts it back) or unwritable
        raise SyncBusy(f"cannot take turns with other Timo programs: {exc}") from exc
    try:
        yield
    finally:
        lock.release()
