"""The PyInstaller bundle starts, answers the CLI, finds its data and shows its window.

Slow (a build takes a minute or more), so it runs only with TIMO_FROZEN_TESTS=1:

    TIMO_FROZEN_TESTS=1 .venv/bin/pytest tests/packaging -m frozen

It uses an existing `dist/` build, or builds one first (TIMO_FROZEN_REBUILD=1
forces a fresh build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]  # the checkout holding packaging/ and dist/
DIST = REPO / "dist"

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.skipif(
        os.environ.get("TIMO_FROZEN_TESTS") != "1", reason="set TIMO_FROZEN_TESTS=1 to build"
    ),
]


@pytest.fixture(scope="module")
def dist() -> Path:
    """A frozen build for this OS, made now unless one exists."""
    launcher = DIST / ("Timo.app" if sys.platform == "darwin" else "timo")
    if os.environ.get("TIMO_FROZEN_REBUILD") == "1" or not launcher.exists():
        subprocess.run([sys.executable, str(REPO / "packaging" / "build.py")], check=True)
    return DIST


@pytest.fixture(scope="module")
def smoke(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each smoke check's (status, detail), from one run of packaging/smoke.py."""
    process = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "smoke.py"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path_factory.mktemp("smoke"),
    )
    results: dict[str, tuple[str, str]] = {}
    for line in process.stdout.splitlines():
        status, rest = line.split(" ", 1)
        name, detail = rest.split(": ", 1)
        results[name] = (status, detail)
    failed = any(status == "FAIL" for status, _ in results.values())
    assert process.returncode == (1 if failed else 0), process.stdout + process.stderr
    return results


@pytest.mark.parametrize("check", ["data", "version", "doctor", "store", "tls"])
def test_frozen_bundle_passes(smoke: dict[str, tuple[str, str]], check: str) -> None:
    status, detail = smoke[check]
    assert status == "PASS", detail


@pytest.mark.parametrize("check", ["gui", "tray"] if sys.platform.startswith("linux") else ["gui"])
def test_frozen_app_comes_up(smoke: dict[str, tuple[str, str]], check: str) -> None:
    status, detail = smoke[check]
    if status == "SKIP":
        pytest.skip(detail)
    assert status == "PASS", detail
