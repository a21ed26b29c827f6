"""`make screenshots` keeps working: the script draws every picture the README shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_screenshot_script_draws_every_picture(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    expected = {"window.png", "window-dark.png", "menu.png", "manual-entry.png", "reports.png"}
    if shutil.which("pdftoppm"):
        expected.add("report-pdf.png")
    assert {p.name for p in tmp_path.iterdir()} == expected
    shown = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("window.png", "menu.png", "manual-entry.png", "reports.png"):
        assert f"docs/screenshots/{name}" in shown
    for picture in tmp_path.iterdir():
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture.name
