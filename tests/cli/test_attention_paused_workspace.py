# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""`timo attention` of a workspace whose sync is paused (time tracking no longer allowed
there) with none of its entries held, all sent before: nothing waits and nothing is to
be done, so it lists nothing (it listed "0 entries held" with an export of no entries);
`timo sync status` says the pause. Real `timo` processes against the sandbox (prj_9
"Portfolio site" is in ws_2 "Dana's Side Studio")."""

from __future__ import annotations

import json

from tests.cli.conftest import Timo
from tests.cli.test_no_time_in_a_lost_workspace import WHY
from tests.cli.test_project_of_another_workspace import _ok
from tests.cli.test_workspace_command import _login, shared_keyring  # noqa: F401
from tests.support.keyring_file import FileKeyring
from tests.support.sandbox import SandboxHandle


def test_a_paused_workspace_with_nothing_held_asks_nothing(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    _ok(timo, "sync")  # the projects
    day = ("--date", "2026-01-05", "--start", "09:00", "--duration", "1h")
    _ok(timo, "add", "Portfolio work", *day, "--project", "Portfolio site")
    _ok(timo, "sync")  # sent: nothing of it is held
    sandbox.set_membership(workspace_id="ws_2", permissions=["records:view", "projects:view"])
    _ok(timo, "sync")

    listed = _ok(timo, "attention")
    assert "held" not in listed
    assert listed.startswith("Nothing needs attention from ")
    assert json.loads(_ok(timo, "attention", "--json"))["sync"] == []
    status = " ".join(_ok(timo, "sync", "status").split())
    assert status.startswith(f"Sync to Dana's Side Studio is paused: {WHY}")


def test_entries_held_for_a_lost_workspace_are_named_with_the_fixes_that_work(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    """Held for the default workspace whose access was removed, an entry is not one that
    `timo sync` sends: the held block names it, with the export, and a project of another
    workspace for one never sent there; the entry is not told to be synced."""
    _login(timo, sandbox)
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    day = ("--date", "2026-01-05", "--start", "16:00", "--end", "16:15")
    _ok(timo, "add", "noproj", *day)
    assert timo("sync").returncode == 3  # held: not sent
    chosen = ("--from", "2026-01-05", "--to", "2026-01-05")

    found = json.loads(_ok(timo, "attention", "--json", *chosen))
    [entry] = found["entries"]
    ref = entry["client_ref"]
    [held] = found["sync"]
    assert (held["kind"], held["held"]) == ("frozen", [ref])
    assert [(a["concern"], a["message"]) for a in entry["attention"]] == [
        ("no_target", "No project or record"),
        ("held", "Held for Northwind Agency: your access to Northwind Agency was removed"),
    ]

    listed = _ok(timo, "attention", *chosen)
    lines = [" ".join(line.split()) for line in listed.splitlines()]
    assert lines[:3] == ["Sync needs your decision:", "1 entry held", f"{ref[:8]} Mon 2026-01-05"
                         " 16:00–16:15 (15m) 'noproj'"]  # fmt: skip
    said = " ".join(listed.split())
    assert "timo export --from 2026-01-05 --to 2026-01-05 exports every entry" in said
    assert f"timo edit {ref[:8]} --project P gives one never sent there a project" in said
    assert "timo workspace NAME sends those without a project, never sent there, to another" in said
    assert "timo sync" not in said and "Not synced yet" not in said
