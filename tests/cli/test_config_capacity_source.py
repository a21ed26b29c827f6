"""`timo config get` on the weekly capacity while reports use the workspace's (set on
Vmoox, none set here): it says so, naming the workspace, and stops once one is set here."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle, sandbox, sandbox_server  # noqa: F401

KEY = "capacity.hours_per_week"
SOURCE = " (reports use Northwind Agency's 20 h a week, set on Vmoox)"


def _get(home: Path, *key: str) -> str:
    done = run_timo(home, "config", "get", *key)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_config_get_says_reports_use_the_workspace_s_capacity(
    timo_home: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    assert _get(timo_home, KEY) == "40\n"  # never synced: no workspace to speak of
    sandbox.set_workspace(capacity_hours_per_week=20)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    assert _get(timo_home, KEY) == f"40{SOURCE}\n"
    assert f"{KEY} = 40{SOURCE}\n" in _get(timo_home)
    report = json.loads(run_timo(timo_home, "report", "--json").stdout)
    assert report["totals"]["capacity_hours"] == 20  # what it said reports use

    assert run_timo(timo_home, "config", "set", KEY, "32").returncode == 0
    assert _get(timo_home, KEY) == "32.0\n"  # set here, it is the one reports use
    assert f"{KEY} = 32.0\n" in _get(timo_home)
