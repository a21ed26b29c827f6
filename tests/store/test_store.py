import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from timo_desktop.core.bidi import FSI, PDI
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Target
from timo_desktop.store import sync_state
from timo_desktop.store.errors import ConstraintFailed
from timo_desktop.store.outbox import Op, OpState

from .helpers import T0, make_entry, open_store


def test_database_file_is_private(timo_home: Path) -> None:
    store = open_store(timo_home)
    store.close()
    assert (store.path.stat().st_mode & 0o777) == 0o600
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_save_writes_entry_and_outbox_together(timo_home: Path) -> None:
    store = open_store(timo_home)
    entry = make_entry("Homepage")
    with store.write() as tx:
        tx.save(entry, Op.CREATE, T0)
    assert store.get(entry.client_ref) == entry
    [op] = store.outbox(entry.client_ref)
    assert op.op is Op.CREATE and op.state is OpState.PENDING
    assert op.payload["description"] == "Homepage"
    assert op.payload["start"] == "2026-03-03T08:00:00Z"
    assert len(op.idempotency_key) == 36


def test_failed_transaction_leaves_neither_entry_nor_outbox(timo_home: Path) -> None:
    store = open_store(timo_home)
    entry = make_entry()
    with pytest.raises(RuntimeError), store.write() as tx:
        tx.save(entry, Op.CREATE, T0)
        raise RuntimeError("crash between writes")
    assert store.get(entry.client_ref) is None
    assert store.outbox() == []


def test_database_refuses_a_second_running_entry(timo_home: Path) -> None:
    store = open_store(timo_home)
    with store.write() as tx:
        tx.save(make_entry(length=None), Op.CREATE, T0)
    with pytest.raises(ConstraintFailed, match="only one may run"), store.write() as tx:
        tx.save(make_entry(hours=2, length=None), Op.CREATE, T0)
    assert len(store.outbox()) == 1


def test_queries(timo_home: Path) -> None:
    store = open_store(timo_home)
    a, b, c = make_entry("A", 0), make_entry("B", 1), make_entry("C", 5, None)
    with store.write() as tx:
        for entry in (a, b, c):
            tx.save(entry, Op.CREATE, T0)
    assert store.running() == c
    assert store.between(T0 + _h(0.5), T0 + _h(1.5)) == [a, b]
    assert store.between(T0 + _h(6), T0 + _h(7)) == [c]  # the running one reaches on
    assert store.with_prefix(a.client_ref[:8]) == [a]
    assert store.recent(2) == [c, b]
    assert store.descriptions("b") == ["B"]


def test_a_reference_finds_its_kind_past_ten_of_the_other(timo_home: Path) -> None:
    """Ten entries were read before live ones were told from deleted ones: with ten live
    entries matching first, `timo undo a` found no deleted entry 'a' that was there. Ten
    deleted ones matching first hide no live one either."""
    from dataclasses import replace

    from timo_desktop.services.tracker import Tracker

    live = [replace(make_entry(f"Live {n}", n), client_ref=f"a0{n:02d}") for n in range(10)]
    gone = [replace(make_entry(f"Gone {n}", n), client_ref=f"b0{n:02d}") for n in range(10)]
    deleted = replace(make_entry("Deleted", 12), client_ref="a1")
    kept = replace(make_entry("Kept", 13), client_ref="b1")
    store = open_store(timo_home)
    with store.write() as tx:
        for entry in (*live, deleted, *gone, kept):
            tx.save(entry, Op.CREATE, T0)
        for entry in (deleted, *gone):
            tx.save(entry.changed(T0, deleted_at=T0), Op.DELETE, T0)
    store.close()
    tracker = Tracker.open(timo_home / "data" / "timo.sqlite3")
    try:
        assert tracker.get_deleted("a").client_ref == "a1"
        assert tracker.get("b").client_ref == "b1"
        assert len(tracker.store.with_prefix("a")) == 10
    finally:
        tracker.close()


def test_restore_drops_an_unsent_delete(timo_home: Path) -> None:
    store = open_store(timo_home)
    entry = make_entry()
    with store.write() as tx:
        tx.save(entry, Op.CREATE, T0)
        tx.save(entry.changed(T0, deleted_at=T0), Op.DELETE, T0)
    assert store.between(T0, T0 + _h(2)) == []
    with store.write() as tx:
        tx.restore(store.get(entry.client_ref) or entry, T0)
    assert [op.op for op in store.outbox()] == [Op.CREATE]
    assert store.between(T0, T0 + _h(2))[0].client_ref == entry.client_ref


def test_catalog_meta_and_heartbeat(timo_home: Path) -> None:
    store = open_store(timo_home)
    with store.write() as tx:
        tx.put_projects([Project("prj_1", "Website", billable_default=True, estimate_minutes=600)])
        tx.put_tasks([Task("tsk_1", "prj_1", "Layout")])
        tx.put_records([Record("rec_1", "client", "Acme GmbH", segment="SMB")])
        tx.set_meta("workspace", "ws_1")
        tx.beat(T0)
    assert store.projects()[0].estimate_minutes == 600
    assert store.tasks("prj_1")[0].name == "Layout"
    assert store.records()[0].segment == "SMB"
    assert store.names(Target("prj_1", "tsk_1")) == ("Website", "Layout", None)
    assert store.meta("workspace") == "ws_1"
    beat = store.heartbeat()
    assert beat is not None and beat.alive_at == T0


def _h(hours: float) -> timedelta:
    return timedelta(hours=hours)


def test_a_reason_saved_with_an_entry_names_as_typed(timo_home: Path) -> None:
    """Worded in the desktop app, a reason sets names apart for the screen (`core.bidi`);
    saved, it reads as the command line's, which shows such marks as junk."""
    store = open_store(timo_home)
    entry = make_entry("Homepage")
    with store.write() as tx:
        tx.save(entry, Op.CREATE, T0)
    [op] = store.outbox(entry.client_ref)
    said = f"needs a new task: “{FSI}עיצוב{PDI}” of {FSI}Website{PDI} was archived"
    with store.write() as tx:
        sync_state.park(tx.connection, op.id, entry.client_ref, "target-unavailable", said)
    plain = "needs a new task: “עיצוב” of Website was archived"
    assert sync_state.attention(store.connection) == [
        (entry.client_ref, "target-unavailable", plain)
    ]
    kept = store.connection.execute("SELECT last_error_message FROM outbox").fetchall()
    assert kept == [(plain,)]


def test_the_entries_waiting_for_the_person_are_found_without_reading_every_entry(
    timo_home: Path,
) -> None:
    """Asked at every refresh of the list and every sync status: each asking read every
    entry (~10 ms with 29,000) before the entries waiting had an index of their own."""
    from timo_desktop.sync.attention import needs_attention

    store = open_store(timo_home)
    asked: list[str] = []
    store.connection.set_trace_callback(asked.append)
    needs_attention(store)
    sync_state.counts(store.connection)
    sync_state.unsent_entries(store.connection)
    store.connection.set_trace_callback(None)
    waiting = [sql for sql in asked if "sync_state = 'attention'" in sql]
    assert len(waiting) == 3
    for sql in waiting:
        plan = " | ".join(row[3] for row in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INDEX ix_entries_attention" in plan, (sql, plan)
        assert "SCAN entries USING INDEX ix_entries_start_at" not in plan, (sql, plan)
