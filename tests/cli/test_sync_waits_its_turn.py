"""`timo sync` while another Timo program syncs the same entries: it says at once that it
waits (31 s without a word looked like a hang), then goes on once the other is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.cli import TIMEOUT, TIMO, run_timo, timo_env
from tests.support.sandbox import SandboxHandle

HOLD = """
import sys
from filelock import FileLock
from timo_desktop.sync.turns import lock_file
from pathlib import Path
with FileLock(lock_file(Path(sys.argv[1]))):
    print("holding", flush=True)
    sys.stdin.read()  # until the test lets go
"""


def test_timo_sync_says_it_waits_for_another_programs_round_then_goes_on(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    # Yesterday's: today's 09:00 is still to come before nine in the morning.
    added = run_timo(timo_home, "add", "Planning", "--start", "09:00", "-d", "1h", "--date", "y")
    assert added.returncode == 0, added.stderr
    database = timo_home / "data" / "timo.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        syncing = subprocess.Popen(
            [*TIMO, "sync"],
            env=timo_env(timo_home, sandbox),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert syncing.stderr is not None
        said = syncing.stderr.readline()  # while the other round still holds the turn
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    out, rest = syncing.communicate(timeout=TIMEOUT)
    assert said + rest == (
        "timo: another Timo program is syncing this computer's entries; waiting for it to finish…\n"
    )
    assert syncing.returncode == 0 and out.startswith("Sent 1,")
