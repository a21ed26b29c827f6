"""`timo workspace`: which workspace entries without a project go to, listed and chosen,
and kept when signing in again. Real `timo` processes against the sandbox, with a
file-backed test keyring; the demo user Dana tracks in ws_1 "Northwind Agency" and
ws_2 "Dana's Side Studio"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle

NORTHWIND = "Northwind Agency (ws_1)"
SIDE = "Dana's Side Studio (ws_2)"


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


def _login(timo: Timo, sandbox: SandboxHandle, token: str | None = None) -> str:
    login = timo("login", "--server", sandbox.base_url, "--token", token or sandbox.token)
    assert login.returncode == 0, login.stderr
    return login.stdout + login.stderr


def _saved_workspace(timo_home: Path) -> str | None:
    account = json.loads((timo_home / "config" / "account.json").read_text())
    workspace: str | None = account["workspace_id"]
    return workspace


def _descriptions(sandbox: SandboxHandle, workspace_id: str) -> list[str]:
    response = sandbox.client.get(
        sandbox.entries_path(workspace_id=workspace_id), params={"limit": "500"}
    )
    response.raise_for_status()
    return [e["description"] for e in response.json()["data"]]


def test_lists_the_workspaces_one_can_track_in_and_marks_the_default(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    listed = timo("workspace")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"* {NORTHWIND}", f"  {SIDE}"]

    report = json.loads(timo("workspace", "--json").stdout)
    assert report["default"] == {
        "workspace_id": "ws_1",
        "name": "Northwind Agency",
        "can_track": True,
    }
    assert [(w["workspace_id"], w["default"]) for w in report["workspaces"]] == [
        ("ws_1", True),
        ("ws_2", False),
    ]


def test_choosing_a_workspace_sends_entries_without_a_project_there(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    _login(timo, sandbox)
    chosen = timo("workspace", "side")  # a part of the name, in any case
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == "Entries without a project now go to Dana's Side Studio."
    assert _saved_workspace(timo_home) == "ws_2"
    assert timo("workspace").stdout.splitlines() == [f"  {NORTHWIND}", f"* {SIDE}"]
    assert json.loads(timo("whoami", "--json").stdout)["workspace"]["workspace_id"] == "ws_2"

    added = timo(
        "add",
        "Sketches, no project",
        "--date",
        "2026-01-05",
        "--start",
        "09:00",
        "--duration",
        "1h",
    )
    assert added.returncode == 0, added.stderr
    synced = timo("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "Sketches, no project" in _descriptions(sandbox, "ws_2")
    assert "Sketches, no project" not in _descriptions(sandbox, "ws_1")


def test_choosing_says_which_unsent_entries_go_there_too(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    """Recorded while Northwind was the default, not sent yet: they go to the workspace
    chosen now, and that was not said."""
    _login(timo, sandbox)
    for start in ("09:00", "10:00"):
        added = timo("add", "No project", "--date", "2026-01-05", "--start", start, "-d", "30m")
        assert added.returncode == 0, added.stderr
    chosen = timo("workspace", "side")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.splitlines() == [
        "Entries without a project now go to Dana's Side Studio.",
        "2 entries without a project, not sent yet, go there too, whenever recorded.",
    ]
    again = timo("workspace", "side")
    assert again.stdout.splitlines() == [
        "Entries without a project already go to Dana's Side Studio."
    ]


@pytest.mark.parametrize("named", ["ws_1", "WS_1", "northwind agency", "NORTHWIND", "wind ag"])
def test_a_workspace_is_named_by_its_id_its_name_or_a_part_of_it(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path, named: str
) -> None:
    _login(timo, sandbox)
    assert timo("workspace", "ws_2").returncode == 0
    chosen = timo("workspace", named)
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == "Entries without a project now go to Northwind Agency."
    assert _saved_workspace(timo_home) == "ws_1"
    again = timo("workspace", "--json", named)
    assert json.loads(again.stdout)["default"]["workspace_id"] == "ws_1"


def test_refusals_say_why_and_list_the_choices(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    _login(timo, sandbox)
    unknown = timo("workspace", "Acme")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.strip() == (
        f'timo: no workspace is called "Acme"; choose one of: {NORTHWIND}, {SIDE}'
    )
    several = timo("workspace", "a")  # in both names
    assert several.returncode == 1
    assert f'"a" fits 2 workspaces: {NORTHWIND}, {SIDE}; give more of the name' in several.stderr

    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    revoked = timo("workspace", "Dana's Side Studio")
    assert revoked.returncode == 1
    assert revoked.stderr.strip() == (
        "timo: you cannot track time in Dana's Side Studio (your access was removed); "
        f"choose one of: {NORTHWIND}"
    )
    assert timo("workspace").stdout.splitlines() == [f"* {NORTHWIND}"]

    sandbox.set_membership(workspace_id="ws_2", status="active", permissions=[])
    no_permission = timo("workspace", "ws_2")
    assert no_permission.returncode == 1
    assert "you cannot track time in Dana's Side Studio (your role there" in no_permission.stderr
    assert _saved_workspace(timo_home) == "ws_1"  # nothing was changed

    assert timo("workspace", "ws_2", "--json").returncode == 1
    assert timo("workspace", " ").returncode == 2


def test_a_default_one_can_no_longer_track_in_is_pointed_out(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    listed = timo("workspace")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"  {SIDE}",
        "Entries without a project go to Northwind Agency (ws_1), but you cannot track",
        "time there now (your access was removed); choose another with",
        "`timo workspace NAME_OR_ID`.",
    ]
    report = json.loads(timo("workspace", "--json").stdout)
    assert report["default"]["workspace_id"] == "ws_1" and not report["default"]["can_track"]


def test_an_entry_without_a_project_held_for_a_lost_default_goes_to_the_next_one(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    """Recorded while the default workspace's access is removed, nothing of it sent: it
    waits for the default, is counted when another is chosen, and goes there."""
    _login(timo, sandbox)
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    added = timo("add", "No project", "--date", "2026-01-05", "--start", "16:00", "-d", "15m")
    assert added.returncode == 0, added.stderr
    synced = timo("sync")
    assert "1 entry held for Northwind Agency" in " ".join(synced.stdout.split())

    chosen = timo("workspace", "side")
    assert chosen.stdout.splitlines() == [
        "Entries without a project now go to Dana's Side Studio.",
        "1 entry without a project, not sent yet, goes there too, whenever recorded.",
    ]
    synced = timo("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "held" not in synced.stdout
    assert "No project" in _descriptions(sandbox, "ws_2")


def test_signing_in_again_keeps_the_chosen_workspace(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    _login(timo, sandbox)
    assert timo("workspace", "ws_2").returncode == 0
    again = _login(timo, sandbox, sandbox.mint_pat("usr_1"))  # a new token, the same account
    assert "workspace Dana's Side Studio" in again and "Note" not in again
    assert _saved_workspace(timo_home) == "ws_2"
    assert timo("workspace").stdout.splitlines() == [f"  {NORTHWIND}", f"* {SIDE}"]


def test_signing_in_without_access_to_the_default_says_so_and_it_can_be_chosen_again(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring, timo_home: Path
) -> None:
    _login(timo, sandbox)
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    moved = _login(timo, sandbox)
    assert _saved_workspace(timo_home) == "ws_2"
    assert (
        "Note: you cannot track time in Northwind Agency now, so entries without a project "
        "go to Dana's Side Studio instead; once you can again, `timo workspace ws_1` sends "
        "them there."
    ) in moved

    sandbox.set_membership(workspace_id="ws_1", status="active")
    back = timo("workspace", "ws_1")
    assert back.returncode == 0, back.stderr
    assert _saved_workspace(timo_home) == "ws_1"
    _login(timo, sandbox)
    assert _saved_workspace(timo_home) == "ws_1"


def test_choosing_needs_the_sign_in_timo_login_saved(
    timo: Timo, sandbox: SandboxHandle, timo_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed_out = timo("workspace", "ws_2")
    assert signed_out.returncode == 1 and "not signed in" in signed_out.stderr

    monkeypatch.setenv("VMOOX_TOKEN", sandbox.token)
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    listed = timo("workspace")  # listing works with the token alone
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"* {NORTHWIND}", f"  {SIDE}"]
    refused = timo("workspace", "ws_2")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "signed in through VMOOX_TOKEN" in refused.stderr
    assert "sign in with `timo login` to choose a workspace" in refused.stderr
    assert not (timo_home / "config" / "account.json").exists()
