"""The real `timo` on a real X server with a real tray: the icon, its menu, and the CLI agreeing."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.cli import run_timo
from tests.support.desktop import Desktop, wait_for

pytestmark = pytest.mark.desktop


@pytest.fixture
def timo_process(
    desktop: Desktop, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    home = tmp_path / "home"
    with desktop.timo(home, tmp_path / "timo.log") as process:
        yield process, home


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
        lambda: json.loads(run_timo(home, "status", "--json").stdout or "{}").get("running"),
        "timo status to see the running timer",
    )
    assert status["end"] is None  # type: ignore[index]
    # Found by its name, as a script or a window switcher finds it: a name that reads left
    # to right is not set apart by Unicode isolates (`core.bidi`), which xdotool would not
    # match.
    shown = r"^[0-9]+:[0-9]{2} · \(no description\) — Timo$"
    found = wait_for(
        lambda: desktop.run("xdotool", "search", "--name", shown, check=False).stdout.split(),
        "the title to show it",
        detail=lambda: repr(title(desktop, main)),
    )
    assert found == [main]

    stopped = run_timo(home, "stop")
    assert stopped.returncode == 0, stopped.stderr
    wait_for(lambda: title(desktop, main) == "Timo", "the window to notice `timo stop`")
    # A first start builds the data from the shipped schema: no `timo migrate` of its own.
    log = (home / "logs" / "timo.log").read_text(encoding="utf-8")
    assert "migrated the database" not in log


def _small(desktop: Desktop, window: str) -> bool:
    width, height = desktop.size(window)
    return 0 < width <= 64 and 0 < height <= 64


def _windows(desktop: Desktop, pid: int) -> str:
    ids = desktop.run("xdotool", "search", "--pid", str(pid), check=False).stdout.split()
    return "; ".join(
        desktop.run("xdotool", "getwindowgeometry", w, check=False).stdout.replace("\n", " ")
        for w in ids
    )
