"""The real `timo` on a real X server when its files are in trouble: a database damaged past
its first page, a home where a folder cannot be made. Each says so in a box: neither ends in
a traceback on a terminal nobody watches."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from tests.support.cli import TIMO, run_timo
from tests.support.desktop import Desktop, stop, wait_for

pytestmark = pytest.mark.desktop


def boxes(desktop: Desktop, pid: int) -> list[str]:
    """The process's visible windows named Timo (a message box's title)."""
    found = desktop.run(
        "xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "^Timo$", check=False
    )
    return found.stdout.split()


def shown_and_closed(desktop: Desktop, home: Path, out: Path) -> tuple[int, str]:
    """Start Timo, wait for its box, press Enter on it; its exit status and output."""
    with out.open("wb") as sink:
        process = subprocess.Popen(
            TIMO, env=desktop.app_env(home), stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        wait_for(lambda: boxes(desktop, process.pid) or process.poll() is not None, "a box")
        assert process.poll() is None, out.read_text()  # it did not just end
        [box] = boxes(desktop, process.pid)
        desktop.xdotool("windowfocus", "--sync", box)
        desktop.xdotool("key", "Return")
        return process.wait(timeout=30), out.read_text()
    finally:
        stop(process)


def test_a_database_damaged_past_its_first_page_is_said_in_a_box(
    desktop: Desktop, tmp_path: Path
) -> None:
    """The file opened, and the first list read failed while building the window: the app
    died with a traceback, and no log file was written yet."""
    home = tmp_path / "home"
    added = run_timo(
        home, "add", "Report", "--start", "09:00", "--end", "10:00", "--date", "2026-01-05"
    )
    assert added.returncode == 0, added.stderr
    database = home / "data" / "timo.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        [root] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'"
        ).fetchone()
    with database.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)
    status, said = shown_and_closed(desktop, home, tmp_path / "timo.out")
    assert status == 1
    assert "Traceback" not in said
    logged = (home / "logs" / "timo.log").read_text(encoding="utf-8")
    assert "cannot read the database" in logged and "damaged" in logged


def test_a_folder_that_cannot_be_made_is_said_in_a_box(desktop: Desktop, tmp_path: Path) -> None:
    """A read-only or full disk under the home: `mkdir` failed before anything was shown."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config").write_text("a file where Timo's folder goes")
    status, said = shown_and_closed(desktop, home, tmp_path / "timo.out")
    assert status == 1
    assert "Traceback" not in said
    assert "cannot make Timo's folders" in said
