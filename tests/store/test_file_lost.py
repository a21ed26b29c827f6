"""The database file deleted, emptied or replaced under an open store: noticed with one `stat`, and
everything the store holds written out again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.store.helpers import T0, make_entry, open_store
from timo_desktop.store.database import FileLost, Store
from timo_desktop.store.errors import StoreError
from timo_desktop.store.outbox import Op


def test_a_deleted_file_is_noticed_and_written_back_whole(timo_home: Path) -> None:
    store = open_store(timo_home)
    running = make_entry("Running", length=None)
    with store.write() as tx:
        tx.save(make_entry("Done"), Op.CREATE, T0)
        tx.save(running, Op.CREATE, T0)
    assert store.file_lost() is None
    shutil.rmtree(timo_home / "data")  # the whole folder, as `rm -rf` does
    assert store.file_lost() is FileLost.DELETED
    store.save_copy(store.path)
    store.close()
    with Store.open(timo_home / "data" / "timo.sqlite3") as back:
        assert {e.description for e in back.recent()} == {"Done", "Running"}
        assert back.running() == running
        assert len(back.outbox()) == 2  # the changes still to send, sent later as ever


def test_another_file_in_its_place_is_noticed(timo_home: Path) -> None:
    store = open_store(timo_home)
    other = timo_home / "other.sqlite3"
    Store.open(other).close()
    other.replace(store.path)
    assert store.file_lost() is FileLost.REPLACED
    store.close()


def test_a_copy_that_cannot_be_written_says_why_and_leaves_nothing(timo_home: Path) -> None:
    store = open_store(timo_home)
    (timo_home / "blocked").write_text("a file where a folder would go")
    with pytest.raises(StoreError, match="cannot write"):
        store.save_copy(timo_home / "blocked" / "timo.sqlite3")
    store.close()


def test_a_file_emptied_in_place_is_noticed_and_written_back(timo_home: Path) -> None:
    """`truncate -s 0` keeps the file: the window went on, and confirmed a Stop written to
    a file that held nothing."""
    store = open_store(timo_home)
    running = make_entry("Running", length=None)
    with store.write() as tx:
        tx.save(running, Op.CREATE, T0)
    os.truncate(store.path, 0)
    assert store.file_lost() is FileLost.EMPTIED
    store.save_copy(store.path)
    store.close()
    with Store.open(store.path) as back:
        assert back.running() == running


def test_a_file_put_in_its_place_reads_as_itself_once_the_store_lets_go(timo_home: Path) -> None:
    """SQLite leaves the moved file's log of changes (its -wal) beside the path: the file
    put there read it as its own, the timer of the file that went running in it."""
    store = open_store(timo_home)
    with store.write() as tx:
        tx.save(make_entry("Running", length=None), Op.CREATE, T0)
    other = timo_home / "other.sqlite3"
    Store.open(other).close()
    other.replace(store.path)
    store.close_lost()
    with Store.open(store.path) as in_place:
        assert in_place.running() is None
