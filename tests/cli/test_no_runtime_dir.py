"""Without XDG_RUNTIME_DIR (cron, `su`, a container) and without TIMO_HOME, every command
printed a Python warning that platformdirs falls back to another runtime folder: one of
this user's, holding only the window's instance lock, so nothing to tell."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.cli import TIMEOUT, TIMO, ZONE

UNSET = ("TIMO_HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def test_commands_say_nothing_of_a_missing_runtime_folder(tmp_path: Path) -> None:
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env |= {"HOME": str(home), "TMPDIR": str(temporary), "TZ": ZONE}
    for command in (("start", "Homepage layout"), ("status",), ("stop",)):
        done = subprocess.run(
            [*TIMO, *command], env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
        assert (done.returncode, done.stderr) == (0, ""), command
    assert list(home.rglob("timo.sqlite3"))  # the user's own data folder, under HOME
