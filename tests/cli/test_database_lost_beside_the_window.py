"""A `timo` command while the window runs and its data file was just deleted: the window
puts its file back, so the command makes no new, empty one in its place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timo_desktop.paths import resolve

from .conftest import Timo

# The window's single-instance lock, taken as the app takes it, in a process of its own.
HOLD = """
import sys
from pathlib import Path
from timo_desktop.ui.single_instance import SingleInstance
instance = SingleInstance(Path(sys.argv[1]))
assert instance.acquire(wait=0)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_command_does_not_make_the_database_the_window_puts_back(
    timo: Timo, timo_home: Path
) -> None:
    """`rm timo.sqlite3 && timo status` beside the window made an empty file, which the
    window took for one put in its place: it set its data aside and showed nothing."""
    assert timo("add", "Kept", "--duration", "10m").returncode == 0
    paths = resolve(timo_home)
    paths.runtime.mkdir(parents=True, exist_ok=True)
    window = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(paths.lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout is not None and window.stdout.readline() == "held\n"
        paths.database.unlink()
        # Neither read as a new, empty one (no timer running) nor made to record in.
        for refused in (timo("status"), timo("add", "Lost", "--duration", "5m")):
            assert refused.returncode == 1
            assert refused.stderr == (
                f"timo: the database {paths.database} is missing; the Timo window that has"
                " it open is putting it back: try again in a moment\n"
            )
        assert not paths.database.exists()
    finally:
        window.kill()
        window.wait()
    # No window (its lock file left behind, as by a crash): made anew, as on first use.
    assert paths.lock_file.exists()
    assert timo("add", "Again", "--duration", "5m").returncode == 0 and paths.database.exists()
