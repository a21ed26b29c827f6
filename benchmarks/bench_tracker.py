"""In-process `Tracker.start()` + `stop()` pair against a raw sqlite3 insert, same run.

Target: a start+stop pair under 5 ms. Both sides use the same durability
settings (WAL, synchronous=FULL) in the same folder.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from timo_desktop.services import Tracker

ROUNDS = 200


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
    pair, insert = statistics.median(pairs) * 1000, statistics.median(inserts) * 1000
    print(f"   raw sqlite3 insert: {insert:.2f} ms (baseline)")
    print(
        f"   Tracker start+stop pair: {pair:.2f} ms ({pair / insert:.1f}x raw insert) target < 5 ms"
    )
