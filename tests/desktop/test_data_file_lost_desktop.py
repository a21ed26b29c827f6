"""The real `timo` on a real X server when its data folder is deleted while it runs: it
wrote on into the deleted file, said "Stopped", and at the next start every entry was gone
("No entries", "All synced"). Now it notices within a second or two, puts back all it held,
says so, and starts again with it; the command line sees the same timer."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from tests.support.cli import run_timo
from tests.support.desktop import Desktop, wait_for

pytestmark = pytest.mark.desktop


def windows(desktop: Desktop, *search: str) -> list[str]:
    found = desktop.run("xdotool", "search", "--onlyvisible", *search, check=False)
    return found.stdout.split()


def test_a_deleted_data_folder_is_put_back_and_timo_starts_again(
    desktop: Desktop, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    started = run_timo(home, "start", "Deleted-folder timer")
    assert started.returncode == 0, started.stderr
    again = None
    with desktop.timo(home, tmp_path / "timo.out") as first:
        wait_for(lambda: windows(desktop, "--name", "Deleted-folder timer"), "Timo's window")
        named = ("--pid", str(first.pid), "--name", "^Timo$")  # the tray's window, the box
        before = set(windows(desktop, *named))
        shutil.rmtree(home / "data")
        wait_for(lambda: set(windows(desktop, *named)) - before, "the box")
        [box] = set(windows(desktop, *named)) - before
        desktop.xdotool("windowfocus", "--sync", box)
        desktop.xdotool("key", "Return")
        assert first.wait(timeout=30) == 0
    try:
        wait_for(lambda: windows(desktop, "--name", "Deleted-folder timer"), "Timo again")
        [window] = windows(desktop, "--name", "Deleted-folder timer")
        again = int(desktop.xdotool("getwindowpid", window))
        assert again != first.pid
        status = run_timo(home, "status")
        assert "Deleted-folder timer" in status.stdout, status.stdout
    finally:
        if again is not None:
            os.kill(again, signal.SIGTERM)
    logged = (home / "logs" / "timo.log").read_text(encoding="utf-8")
    assert "the data file was deleted; all Timo held is in" in logged
