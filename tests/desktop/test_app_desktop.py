"""The real `timo` on a real X server with a real tray: the icon, its menu, and the CLI agreeing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.support.desktop import Desktop, desktop_session

pytestmark = pytest.mark.desktop

TIMO = [sys.executable, "-m", "timo_desktop"]
PATIENCE = 20.0  # seconds; the machine is shared


def wait_for(
    condition: Callable[[], object],
    what: str,
    timeout: float = PATIENCE,
    detail: Callable[[], str] = str,
) -> object:
    """Poll every 50 ms until `condition()` is truthy; fail naming `what` (and `detail()`)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} {detail()}")
        time.sleep(0.05)


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIMO_HOME": str(home)}
    return subprocess.run([*TIMO, *args], env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    """Xvfb and trayer for this test (skipped, naming the tools, where they are missing)."""
    with desktop_session(tmp_path / "desktop") as session:
        yield session


@pytest.fixture
def timo_process(
    desktop: Desktop, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    home = tmp_path / "home"
    env = {**desktop.env, "TIMO_HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
    with (tmp_path / "timo.log").open("wb") as log:
        process = subprocess.Popen(TIMO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process, home
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def visible_windows(desktop: Desktop, pid: int) -> list[str]:
    found = desktop.run("xdotool", "search", "--onlyvisible", "--pid", str(pid), check=False)
    return found.stdout.split()


def title(desktop: Desktop, window: str) -> str:
    return desktop.run("xdotool", "getwindowname", window, check=False).stdout.strip()


def test_tray_menu_starts_a_timer_the_cli_sees_and_cli_stop_shows(
    desktop: Desktop,
    timo_process: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, home = timo_process
    # The tray icon's own X window is titled "Timo" too; the main window is the big one.
    main = wait_for(
        lambda: [
            w
            for w in visible_windows(desktop, process.pid)
            if title(desktop, w) == "Timo" and not _small(desktop, w)
        ],
        "the Timo window",
    )[0]  # type: ignore[index]
    icon = wait_for(
        lambda: [
            w for w in visible_windows(desktop, process.pid) if w != main and _small(desktop, w)
        ],
        "the tray icon to be embedded",
        detail=lambda: _windows(desktop, process.pid),
    )[0]  # type: ignore[index]

    before = set(visible_windows(desktop, process.pid))
    desktop.xdotool("mousemove", "--window", icon, "11", "11", "click", "3")
    wait_for(
        lambda: [w for w in visible_windows(desktop, process.pid) if w not in before],
        "the tray menu",
    )
    desktop.screenshot("menu.png")
    desktop.xdotool("key", "Down", "Return")  # the open menu has the keyboard: Start timer

    status = wait_for(
        lambda: json.loads(cli(home, "status", "--json").stdout or "{}").get("running"),
        "timo status to see the running timer",
    )
    assert status["end"] is None  # type: ignore[index]
    wait_for(lambda: title(desktop, main).endswith(" · Timer — Timo"), "the title to show it")

    stopped = cli(home, "stop")
    assert stopped.returncode == 0, stopped.stderr
    wait_for(lambda: title(desktop, main) == "Timo", "the window to notice `timo stop`")


def _small(desktop: Desktop, window: str) -> bool:
    geometry = desktop.run("xdotool", "getwindowgeometry", window, check=False).stdout
    size = geometry.split("Geometry:")[-1].strip() if "Geometry:" in geometry else "0x0"
    width, _, height = size.partition("x")
    return 0 < int(width or 0) <= 64 and 0 < int(height or 0) <= 64


def _windows(desktop: Desktop, pid: int) -> str:
    ids = desktop.run("xdotool", "search", "--pid", str(pid), check=False).stdout.split()
    return "; ".join(
        desktop.run("xdotool", "getwindowgeometry", w, check=False).stdout.replace("\n", " ")
        for w in ids
    )
