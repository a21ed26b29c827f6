"""In-process `Tracker.start()` + `stop()` pair against a raw sqlite3 insert, same run.

Target: a start+stop pair under 5 ms. Both sides use the same durability
settings (WAL, synchronous=FULL) in the same folder.

Also: reading the window's 400 days of a busy history (20 entries a working day, as
the desktop app does at every change) as entries, against fetching the same rows
with plain sqlite3; and the descriptions and tags it offers while typing, read with them.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

from timo_desktop.core.local_time import at_local
from timo_desktop.services import Tracker

ROUNDS = 200
HISTORY_DAYS = 400  # as the desktop app's list
A_DAY = 20  # entries a working day: a busy history
SUGGESTED = 200  # descriptions and tags the window offers (`ui.controller.reload`)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker.open(Path(folder) / "timo.sqlite3", zone="Europe/Berlin")
        raw = sqlite3.connect(Path(folder) / "raw.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE t (ref TEXT PRIMARY KEY, start TEXT, description TEXT)")
        pairs: list[float] = []
        inserts: list[float] = []
        for i in range(ROUNDS):
            began = time.perf_counter()
            tracker.start(f"bench {i}")
            tracker.stop()
            pairs.append(time.perf_counter() - began)
            began = time.perf_counter()
            raw.execute("INSERT INTO t VALUES (?, datetime('now'), ?)", (str(i), f"bench {i}"))
            inserts.append(time.perf_counter() - began)
        tracker.close()
        raw.close()
        _read_history(Path(folder) / "history.sqlite3")
    pair, insert = statistics.median(pairs) * 1000, statistics.median(inserts) * 1000
    print(f"   raw sqlite3 insert: {insert:.2f} ms (baseline)")
    print(
        f"   Tracker start+stop pair: {pair:.2f} ms ({pair / insert:.1f}x raw insert) target < 5 ms"
    )


def _read_history(database: Path) -> None:
    """`Tracker.days` over 400 busy days against the same rows fetched by plain sqlite3."""
    tracker = Tracker.open(database, zone="Europe/Berlin")
    today = tracker.today()
    with tracker.batch():
        for back in range(1, HISTORY_DAYS + 1):
            day = today - timedelta(days=back)
            if day.weekday() < 5:
                for n in range(A_DAY):
                    start = at_local(day, clock(7), tracker.zone) + timedelta(minutes=30 * n)
                    tags = ("design",) if n % 3 else ()
                    tracker.add(f"Work {n}", start, start + timedelta(minutes=25), tags=tags)
    first = today - timedelta(days=HISTORY_DAYS)
    raw = sqlite3.connect(database)
    ours, offered, plain = [], [], []
    for _ in range(7):
        began = time.perf_counter()
        entries = tracker.days(first, today)
        ours.append(time.perf_counter() - began)
        began = time.perf_counter()
        tracker.descriptions(limit=SUGGESTED), tracker.tags(limit=SUGGESTED)
        offered.append(time.perf_counter() - began)
        began = time.perf_counter()
        raw.execute("SELECT * FROM entries WHERE deleted_at IS NULL").fetchall()
        plain.append(time.perf_counter() - began)
    raw.close()
    tracker.close()
    read, fetched = statistics.median(ours) * 1000, statistics.median(plain) * 1000
    print(
        f"   {len(entries):,} entries of {HISTORY_DAYS} days read: {read:.1f} ms, "
        f"plain sqlite3 rows {fetched:.1f} ms ({read / fetched:.1f}x)"
    )
    suggested = statistics.median(offered) * 1000
    print(
        f"   descriptions and tags offered while typing, read at each change (only "
        f"{A_DAY} descriptions, the worst case: all entries grouped): {suggested:.1f} ms "
        f"({suggested / fetched:.2f}x the plain rows)"
    )
