"""The first `timo status` on a computer (a new TIMO_HOME: the database is made) against
the same command on a used one, interleaved in the same run.

Target: at most 1.30x; a new database is built from the shipped schema
(`store.fresh`) rather than by loading Alembic and replaying every migration.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_cli import command_env, wall

ROUNDS = 15
TIMO = str(Path(sys.executable).parent / "timo")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        used = command_env(TIMO_HOME=str(Path(folder, "used")))
        for _ in range(2):  # the used home's database made; caches warm, bytecode written
            wall([TIMO, "status"], used)
        first: list[float] = []
        again: list[float] = []
        for round_ in range(ROUNDS):
            first.append(
                wall([TIMO, "status"], command_env(TIMO_HOME=str(Path(folder, f"new{round_}"))))
            )
            again.append(wall([TIMO, "status"], used))
    new_ms, used_ms = statistics.median(first) * 1000, statistics.median(again) * 1000
    print(f"   timo status, used home: {used_ms:.0f} ms (baseline)")
    print(f"   timo status, new home: {new_ms:.0f} ms ({new_ms / used_ms:.2f}x) target <= 1.30x")
