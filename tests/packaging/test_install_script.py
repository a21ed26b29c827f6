"""The Linux tarball's `install.sh` writes desktop entries whose Exec line runs Timo where
it was put, whatever the home folder is called: it wrote the path unquoted, so a space
split it ("Unable to load application information"), and a `&` or `|` broke its `sed`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from timo_desktop.platform.autostart.linux import XdgAutostart, exec_line

ROOT = Path(__file__).resolve().parents[2]


def test_exec_lines_are_quoted_as_timo_quotes_its_own(tmp_path: Path) -> None:
    unpacked = tmp_path / "timo"
    (unpacked / "icons").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", unpacked)
    shutil.copy(ROOT / "packaging" / "linux" / "timo.desktop", unpacked)
    (unpacked / "timo").write_text("#!/bin/sh\n")
    (unpacked / "icons" / "timo-16.png").write_bytes(b"")
    home = tmp_path / 'home of "Dana" & $USER|x'
    home.mkdir()
    done = subprocess.run(
        ["sh", str(unpacked / "install.sh"), "--autostart"],
        env={"HOME": str(home), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    program = str(home / ".local" / "opt" / "timo" / "timo")
    entries = {
        home / ".local/share/applications/timo.desktop": [program],
        home / ".config/autostart/app.timo.desktop.desktop": [program, "--background"],
    }
    for entry, command in entries.items():
        lines = entry.read_text().splitlines()
        assert f"Exec={exec_line(command)}" in lines, lines
        assert sum(line.startswith("Exec=") for line in lines) == 1
    # Timo reads it back as its own: with the program moved, the next start repoints it.
    assert XdgAutostart(config_home=home / ".config").command() == [program, "--background"]
