"""`timo sync` while another Timo program syncs the same entries: it says at once that it
waits (31 s without a word looked like a hang), then goes on once the other is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle, sandbox, sandbox_server  # noqa: F401

HOLD = """
import sys, time
from filelock import FileLock
from timo_desktop.sync.turns import lock_file
from pathlib import Path
with FileLock(lock_file(Path(sys.argv[1]))):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_timo_sync_says_it_waits_for_another_programs_round_then_goes_on(
    timo_home: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    assert run_timo(timo_home, "add", "Planning", "--start", "09:00", "-d", "1h").returncode == 0
    database = timo_home / "data" / "timo.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database), "2"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        synced = run_timo(timo_home, "sync", server=sandbox)
    finally:
        holder.wait()
    assert synced.stderr == (
        "timo: another Timo program is syncing this computer's entries; waiting for it to finish…\n"
    )
    assert synced.returncode == 0 and synced.stdout.startswith("Sent 1,")
