# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""A project name both workspaces have (Dana's "Admin" in Northwind Agency and in her Side
Studio): --project refuses the name, naming each one's id and workspace and how to pick
one, and `timo projects` lists each with the id that tells them apart. Real `timo`
processes against the sandbox."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Timo
from tests.cli.test_workspace_command import _login, shared_keyring  # noqa: F401
from tests.support.keyring_file import FileKeyring
from tests.support.sandbox import SandboxHandle

AN_HOUR = ("--date", "2026-01-05", "--start", "09:00", "--duration", "1h")
BOTH = (
    "project name 'Admin' is used more than once (prj_7 in Northwind Agency, prj_9 in"
    " Dana's Side Studio); give the id of the one you mean"
)


@pytest.fixture
def two_admins(timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring) -> None:
    """Signed in and synced, Northwind's prj_7 and Side Studio's prj_9 both named "Admin"."""
    sandbox.set_project("prj_7", name="Admin")
    sandbox.set_project("prj_9", name="Admin")
    _login(timo, sandbox)
    synced = timo("sync")
    assert synced.returncode == 0, synced.stderr


@pytest.mark.parametrize("typed", ["Admin", "adm"])
def test_the_name_is_refused_naming_each_ones_workspace(
    timo: Timo, two_admins: None, typed: str
) -> None:
    refused = timo("add", "Invoices", "--project", typed, *AN_HOUR)
    assert refused.returncode != 0
    assert " ".join(refused.stderr.split()) == f"timo: {BOTH}"


def test_the_id_picks_one(timo: Timo, two_admins: None) -> None:
    added = timo("add", "Invoices", "--project", "prj_9", *AN_HOUR)
    assert added.returncode == 0, added.stderr
    assert "Admin" in timo("log", "--from", "2026-01-05", "--to", "2026-01-05").stdout


def test_projects_lists_each_admin_with_its_id_under_its_workspace(
    timo: Timo, two_admins: None
) -> None:
    listed = timo("projects")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    side = lines.index("Dana's Side Studio")
    assert "    Admin (prj_7)" in lines[:side]
    assert lines[side:] == ["Dana's Side Studio", "  Projects", "    Admin (prj_9)"]
    assert "    Acme website relaunch  $" in lines  # a name used once: as before
