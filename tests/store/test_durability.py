"""Crashes, concurrent writers and hostile disks against a real database file."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from timo_desktop.store.connection import BUSY_TIMEOUT_MS
from timo_desktop.store.database import Store
from timo_desktop.store.errors import DatabaseLocked, DatabaseReadOnly, DiskFull, translate
from timo_desktop.store.outbox import Op

from .helpers import T0, make_entry, open_store, read_only


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_running_entry_survives_kill_9(timo_home: Path) -> None:
    holder = _python(
        """
        import sys, time
        from pathlib import Path
        from timo_desktop.store.database import Store
        from timo_desktop.store.outbox import Op
        from tests.store.helpers import T0, make_entry
        store = Store.open(Path(sys.argv[1]))
        entry = make_entry("Deep work", length=None)
        with store.write() as tx:
            tx.save(entry, Op.CREATE, T0)
            tx.beat(T0)
        print(entry.client_ref, flush=True)
        time.sleep(600)
        """,
        str(timo_home / "data" / "timo.sqlite3"),
    )
    assert holder.stdout is not None
    ref = holder.stdout.readline().strip()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    store = open_store(timo_home)
    running = store.running()
    assert running is not None and running.client_ref == ref
    assert [op.op for op in store.outbox(ref)] == [Op.CREATE]
    beat = store.heartbeat()
    assert beat is not None and beat.pid == holder.pid


def test_two_processes_writing_at_once(timo_home: Path) -> None:
    open_store(timo_home).close()  # create and migrate once, as the app does at start
    writer = """
        import sys
        from pathlib import Path
        from timo_desktop.store.database import Store
        from timo_desktop.store.outbox import Op
        from tests.store.helpers import T0, make_entry
        store = Store.open(Path(sys.argv[1]))
        offset = int(sys.argv[2])
        for i in range(100):
            with store.write() as tx:
                tx.save(make_entry(f"w{offset}-{i}", hours=offset + i * 0.01, length=0.005),
                        Op.CREATE, T0)
        print("done", flush=True)
    """
    path = str(timo_home / "data" / "timo.sqlite3")
    procs = [_python(writer, path, str(n)) for n in (0, 100)]
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "done"
    store = open_store(timo_home)
    rows = store.connection.execute("SELECT count(*) FROM entries").fetchone()[0]
    ops = store.outbox()
    assert rows == 200 and len(ops) == 200
    assert len({op.idempotency_key for op in ops}) == 200


def test_locked_database_is_a_plain_error_and_changes_nothing(timo_home: Path) -> None:
    store = Store.open(timo_home / "data" / "timo.sqlite3", busy_timeout_ms=100)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with (
            pytest.raises(DatabaseLocked, match=r"busy: another program \(another Timo"),
            store.write() as tx,
        ):
            tx.save(make_entry(), Op.CREATE, T0)
    finally:
        other.execute("ROLLBACK")
    assert store.outbox() == [] and store.recent() == []


def test_a_write_told_to_wait_briefly_is_refused_and_the_next_waits_as_ever(
    timo_home: Path,
) -> None:
    # The window's retries of a refused stop wait briefly, not the busy timeout (5 s).
    store = open_store(timo_home)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked), store.write(wait_ms=10) as tx:
            tx.save(make_entry(), Op.CREATE, T0)
    finally:
        other.execute("ROLLBACK")
    assert store.connection.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    with store.write(wait_ms=10) as tx:
        tx.save(make_entry("saved"), Op.CREATE, T0)
    assert [e.description for e in store.recent()] == ["saved"]


def test_full_disk_is_a_plain_error_and_changes_nothing(timo_home: Path) -> None:
    store = open_store(timo_home)
    with store.write() as tx:
        tx.save(make_entry("kept"), Op.CREATE, T0)
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow
    with pytest.raises(DiskFull, match="disk is full"), store.write() as tx:
        for i in range(200):
            tx.save(make_entry("x" * 2000, hours=2 + i, length=0.5), Op.CREATE, T0)
    assert [e.description for e in store.recent()] == ["kept"]
    assert len(store.outbox()) == 1


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr to lock files as root")
def test_read_only_folder_is_a_plain_error(timo_home: Path) -> None:
    path = timo_home / "data" / "timo.sqlite3"
    open_store(timo_home).close()
    before = path.read_bytes()
    with read_only(path, path.parent):
        with pytest.raises(DatabaseReadOnly, match=r"cannot (write to|open)"):
            store = Store.open(path)
            with store.write() as tx:
                tx.save(make_entry(), Op.CREATE, T0)
        assert path.read_bytes() == before


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr to lock files as root")
def test_a_read_only_folder_is_named_with_what_to_do(timo_home: Path) -> None:
    """SQLite's own words were all that was said: "(unable to open database file)"."""
    path = timo_home / "data" / "timo.sqlite3"
    open_store(timo_home).close()  # its journal files go with it: they must be made anew
    with read_only(path.parent), pytest.raises(DatabaseReadOnly) as refused:
        Store.open(path)
    assert str(refused.value) == (
        f"cannot open the database {path}: its folder {path.parent} is read-only;"
        " make the folder writable for you"
    )


def _cannot_open() -> sqlite3.Error:
    """SQLite's error for a database it could not open."""
    try:
        sqlite3.connect("/nowhere/at/all.sqlite3")
    except sqlite3.Error as error:
        return error
    raise AssertionError("opened a database in a folder that is not there")


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr to lock files as root")
def test_a_read_only_file_is_named_with_what_to_do(timo_home: Path) -> None:
    path = timo_home / "data" / "timo.sqlite3"
    open_store(timo_home).close()
    with read_only(path):
        said = str(translate(_cannot_open(), path))
    assert said == (
        f"cannot open the database {path}: the file is read-only; make it readable and"
        " writable for you"
    )


def _synchronous(store: Store) -> int:
    return int(store.connection.execute("PRAGMA synchronous").fetchone()[0])


FULL, NORMAL = 2, 1


def test_a_mirror_write_is_committed_then_the_connection_is_durable_again(
    timo_home: Path,
) -> None:
    store = open_store(timo_home)
    entry = make_entry("Pulled")
    with store.write(durable=False) as tx:
        assert _synchronous(store) == NORMAL
        tx.save(entry, Op.CREATE, T0)
    assert _synchronous(store) == FULL
    assert open_store(timo_home).get(entry.client_ref).description == "Pulled"
    with store.write() as tx:
        assert _synchronous(store) == FULL
        tx.beat(T0)


def test_a_failed_mirror_write_leaves_nothing_and_the_connection_durable(
    timo_home: Path,
) -> None:
    store = open_store(timo_home)
    entry = make_entry("Half a page")
    with pytest.raises(RuntimeError), store.write(durable=False) as tx:
        tx.save(entry, Op.CREATE, T0)
        raise RuntimeError("the page broke off")
    assert _synchronous(store) == FULL
    assert store.get(entry.client_ref) is None and store.outbox(entry.client_ref) == []
