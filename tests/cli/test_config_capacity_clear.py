"""`timo config set capacity.hours_per_week null` (or `""`) gives the weekly capacity back
to the workspace's, the way `day.time_zone` is cleared: before, once set, it could not be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

KEY = "capacity.hours_per_week"
SOURCE = " (reports use Northwind Agency's 20 h a week, set on Vmoox)"


def _capacity(home: Path) -> tuple[float, str]:
    done = run_timo(home, "report", "--json")
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["totals"]
    return totals["capacity_hours"], totals["capacity_source"]


@pytest.mark.parametrize("cleared", ["null", ""])
def test_clearing_the_capacity_gives_it_back_to_the_workspace(
    timo_home: Path,
    sandbox: SandboxHandle,
    cleared: str,
) -> None:
    sandbox.set_workspace(capacity_hours_per_week=20)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    assert run_timo(timo_home, "config", "set", KEY, "32").returncode == 0
    assert _capacity(timo_home) == (32, "your setting")

    done = run_timo(timo_home, "config", "set", KEY, cleared)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{KEY} = 40{SOURCE}\n"
    assert run_timo(timo_home, "config", "get", KEY).stdout == f"40{SOURCE}\n"
    assert _capacity(timo_home) == (20, "Northwind Agency's working week")
    saved = json.loads((timo_home / "config" / "settings.json").read_text(encoding="utf-8"))
    assert "hours_per_week" not in saved.get("capacity", {})


def test_clearing_it_without_a_workspace_is_the_default_again(timo_home: Path) -> None:
    assert run_timo(timo_home, "config", "set", KEY, "32").returncode == 0
    done = run_timo(timo_home, "config", "set", KEY, "null")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{KEY} = 40\n"
    assert _capacity(timo_home) == (40, "Timo's default")
