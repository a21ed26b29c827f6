"""`timo config get capacity.hours_per_week --workspace NAME` for a workspace Vmoox gives
no weekly hours for: reports use Timo's default, and it says so, as it says whose the
hours are in the other cases. It printed a bare 40, as if set here or on Vmoox."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from timo_desktop.store.database import WORKSPACE_RULES_OF, Store

KEY = "capacity.hours_per_week"


def _without_capacity(home: Path, workspace_id: str) -> None:
    """The workspace's rules as sync keeps them where Vmoox answers with no capacity
    (`capacity_hours_per_week` may be null in its workspace settings)."""
    key = WORKSPACE_RULES_OF.format(workspace_id)
    with Store.open(home / "data" / "timo.sqlite3") as store:
        rules = json.loads(store.meta(key) or "{}")
        with store.write() as tx:
            tx.set_meta(key, json.dumps({**rules, "capacity_hours_per_week": None}))


def test_a_workspace_with_no_capacity_on_vmoox_says_timo_s_default(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    _without_capacity(timo_home, "ws_2")
    said = " (reports use Timo's default: none known from Vmoox for Dana's Side Studio)"

    got = run_timo(timo_home, "config", "get", KEY, "--workspace", "side")
    assert got.returncode == 0, got.stderr
    assert got.stdout == f"40{said}\n"
    cleared = run_timo(timo_home, "config", "set", KEY, "", "--workspace", "side")
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout == f"{KEY} = 40{said}\n"
    report = json.loads(run_timo(timo_home, "report", "--json", "--workspace", "side").stdout)
    totals = report["totals"]
    assert (totals["capacity_hours"], totals["capacity_source"]) == (40, "Timo's default")
