"""`timo sync` on a disk that fills during the round: it said "(nothing was changed)" when
the entries had reached Vmoox and were recorded as sent. It says what stands, and the next
round, with room again, sends nothing twice."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle


def test_a_full_disk_mid_round_says_what_stands_and_nothing_is_sent_twice(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    added = run_timo(
        timo_home, "add", "Report", "--date", "2026-01-05", "--start", "09:00", "-d", "1h"
    )
    assert added.returncode == 0, added.stderr
    database = timo_home / "data" / "timo.sqlite3"

    def no_room() -> None:  # the files may not grow: every write past them fails
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        size = max(database.stat().st_size, 32768)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    full = run_timo(timo_home, "sync", server=sandbox, preexec_fn=no_room)
    assert full.returncode == 1
    assert "(nothing was changed)" not in full.stderr
    assert "what was saved before stands, the rest is synced next time" in full.stderr, full.stderr
    again = run_timo(timo_home, "sync", server=sandbox)
    assert again.returncode == 0, again.stderr
    listed = sandbox.client.get(sandbox.entries_path(), params={"limit": "500"})
    reports = [e for e in listed.json()["data"] if e["description"] == "Report"]
    assert len(reports) == 1
