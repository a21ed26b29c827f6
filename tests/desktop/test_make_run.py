"""`make run` for a new user: on a machine with a display (and, like this one, no keyring),
the sandbox starts with the demo workspace, Timo signs in, syncs the demo history and
opens; quitting Timo stops the sandbox it started."""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from tests.support.cli import run_timo
from tests.support.desktop import Desktop, stop, wait_for
from tests.support.keyring_file import use_no_keyring

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(server: str) -> bool:
    try:
        with urllib.request.urlopen(f"{server}/v1/status", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_make_run_opens_timo_signed_in_to_the_demo_workspace(
    desktop: Desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_no_keyring(monkeypatch)  # as on a fresh machine without a keyring service
    home, server = tmp_path / "timo-home", f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, **desktop.app_env(home), "TIMO_DEV_SERVER": server}
    with (tmp_path / "make-run.log").open("wb") as log:
        run = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "devrun.py")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        window = wait_for(
            lambda: desktop.run(
                "xdotool", "search", "--onlyvisible", "--name", "^Timo$", check=False
            ).stdout.split(),
            "the Timo window",
            detail=lambda: (tmp_path / "make-run.log").read_text(errors="replace"),
        )
        assert answers(server)
        who = json.loads(run_timo(home, "whoami", "--json").stdout)
        assert who["server"].rstrip("/") == server
        demo = json.loads(run_timo(home, "log", "--from", "2000-01-01", "--json").stdout)
        assert len(demo) > 20  # three weeks of the demo user's history, synced

        # The user quits Timo (Ctrl+Q in its window); the sandbox goes with it.
        main = max(window, key=lambda w: math.prod(desktop.size(w)))  # not the tray icon
        desktop.xdotool("windowfocus", "--sync", main)
        desktop.xdotool("key", "ctrl+q")
        assert run.wait(timeout=30) == 0
        assert not answers(server)
    finally:
        stop(run)


def test_make_run_killed_leaves_no_sandbox_behind(
    desktop: Desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_no_keyring(monkeypatch)
    home, server = tmp_path / "timo-home", f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, **desktop.app_env(home), "TIMO_DEV_SERVER": server}
    run = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "devrun.py")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: (
                desktop.run(
                    "xdotool", "search", "--onlyvisible", "--name", "^Timo$", check=False
                ).stdout
            ),
            "the Timo window",
        )
        run.terminate()  # a closed terminal, `kill`
        assert run.wait(timeout=30) == 143
        assert not answers(server)
    finally:
        stop(run)
