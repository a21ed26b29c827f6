# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""An entry stays in the workspace Vmoox has it in: a project of another workspace is
refused at once, naming both, and the stop still reaches Vmoox; an entry nothing of which
reached Vmoox (held for a workspace whose access was removed) follows the project it is
given. Real `timo` processes against the sandbox; Dana tracks in ws_1 "Northwind Agency"
and ws_2 "Dana's Side Studio" (its project prj_9 "Portfolio site")."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Timo
from tests.cli.test_workspace_command import _descriptions, _login, shared_keyring  # noqa: F401
from tests.support.keyring_file import FileKeyring
from tests.support.sandbox import SandboxHandle

JANUARY_5 = ("--from", "2026-01-05", "--to", "2026-01-05")


def _ok(timo: Timo, *args: str) -> str:
    done = timo(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _ref(timo: Timo, description: str, *days: str) -> str:
    [line] = [line for line in _ok(timo, "log", *days).splitlines() if description in line]
    return line.split()[0]


def test_a_project_of_another_workspace_is_refused_and_the_stop_reaches_vmoox(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    _ok(timo, "start", "Timer, project later")
    _ok(timo, "sync")
    ref = _ref(timo, "Timer, project later")

    moved = timo("edit", ref, "--project", "prj_9")

    assert moved.returncode != 0
    assert moved.stderr.strip() == (
        "timo: project 'Portfolio site' is in Dana's Side Studio, but this entry is in"
        " Northwind Agency on Vmoox already; pick a project or record of Northwind Agency,"
        " or add the time again under project 'Portfolio site' (and delete this entry)"
    )
    _ok(timo, "stop")
    _ok(timo, "sync")
    response = sandbox.client.get(sandbox.entries_path(workspace_id="ws_1"))
    [timer] = [e for e in response.json()["data"] if e["description"] == "Timer, project later"]
    assert timer["end"] is not None and timer["target"] is None
    assert "Timer, project later" not in _descriptions(sandbox, "ws_2")


def test_an_entry_held_for_a_lost_workspace_follows_the_project_it_is_given(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    _login(timo, sandbox)
    _ok(timo, "workspace", "side")
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    _ok(timo, "add", "Drafts", "--date", "2026-01-05", "--start", "09:00", "--duration", "1h")
    held = timo("sync")
    assert "1 entry held for Dana's Side Studio" in " ".join((held.stdout + held.stderr).split())
    _ok(timo, "workspace", "northwind")

    _ok(timo, "edit", _ref(timo, "Drafts", *JANUARY_5), "--project", "prj_1")

    _ok(timo, "sync")
    assert "Drafts" in _descriptions(sandbox, "ws_1")
    sandbox.set_membership(workspace_id="ws_2", status="active")
    _ok(timo, "sync")
    assert "Drafts" not in _descriptions(sandbox, "ws_2")
    assert _descriptions(sandbox, "ws_1").count("Drafts") == 1


def test_a_project_of_the_same_workspace_is_taken(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    _ok(timo, "add", "Call", "--date", "2026-01-05", "--start", "09:00", "--duration", "1h")
    _ok(timo, "sync")
    _ok(timo, "edit", _ref(timo, "Call", *JANUARY_5), "--project", "prj_1")
    _ok(timo, "sync")
    response = sandbox.client.get(sandbox.entries_path(workspace_id="ws_1"))
    [call] = [e for e in response.json()["data"] if e["description"] == "Call"]
    assert call["target"]["id"] == "prj_1"
