"""`timo workspace` when Vmoox cannot be reached: the workspaces the last sync found are
listed and chosen from, saying so, where it failed with "no answer from 127.0.0.1".
Real `timo` processes against the sandbox, which drops the connection (or answers 503)
when asked who the user is; Dana tracks in ws_1 and ws_2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle

NORTHWIND = "Northwind Agency (ws_1)"
SIDE = "Dana's Side Studio (ws_2)"
LAST_SYNC = r"(\d{4}-\d\d-\d\d )?\d\d:\d\d"  # today's time, or an earlier day's date too


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


@pytest.fixture
def signed_in(timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr


def _said(text: str) -> str:
    """Wrapped lines read as one."""
    return " ".join(text.split())


def _saved_workspace(timo_home: Path) -> str:
    workspace: str = json.loads((timo_home / "config" / "account.json").read_text())["workspace_id"]
    return workspace


def test_offline_the_last_syncs_workspaces_are_listed_and_chosen_from(
    timo: Timo, sandbox: SandboxHandle, signed_in: None, timo_home: Path
) -> None:
    assert timo("sync").returncode == 0
    sandbox.add_fault("/v1/me", "reset")  # the connection drops: no answer

    listed = timo("workspace")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"* {NORTHWIND}", f"  {SIDE}"]
    assert re.fullmatch(
        rf"Read from the last sync, at {LAST_SYNC}: Vmoox could not be asked "
        r"\(no answer from 127\.0\.0\.1: .*\)\.",
        _said(listed.stderr),
    ), listed.stderr
    report = json.loads(timo("workspace", "--json").stdout)
    assert report["from_last_sync"] is True
    assert report["default"] == {
        "workspace_id": "ws_1",
        "name": "Northwind Agency",
        "can_track": True,
    }
    assert [(w["workspace_id"], w["role"], w["default"]) for w in report["workspaces"]] == [
        ("ws_1", None, True),  # the last sync keeps no roles
        ("ws_2", None, False),
    ]

    chosen = timo("workspace", "side")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout == "Entries without a project now go to Dana's Side Studio.\n"
    assert _said(chosen.stderr).startswith("Chosen among the workspaces the last sync found, at ")
    assert _saved_workspace(timo_home) == "ws_2"
    unknown = timo("workspace", "Acme")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr == (
        f'timo: no workspace is called "Acme"; choose one of: {NORTHWIND}, {SIDE}\n'
    )

    sandbox.clear_faults()
    sandbox.add_fault("/v1/me", "status", status=503)  # up, but not answering now
    assert timo("workspace").stdout.splitlines() == [f"  {NORTHWIND}", f"* {SIDE}"]
    sandbox.clear_faults()
    online = json.loads(timo("workspace", "--json").stdout)
    assert online["from_last_sync"] is False
    assert [w["role"] for w in online["workspaces"]] == ["member", "owner"]


def test_offline_before_any_sync_says_why_nothing_can_be_listed(
    timo: Timo, sandbox: SandboxHandle, signed_in: None
) -> None:
    sandbox.add_fault("/v1/me", "reset")
    for args in (("workspace",), ("workspace", "side")):
        done = timo(*args)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.startswith("timo: no answer from 127.0.0.1: ")
        assert done.stderr.endswith(
            "; the workspaces are known here once a sync has reached Vmoox\n"
        )


def test_offline_a_default_the_last_sync_did_not_find_is_pointed_out(
    timo: Timo, sandbox: SandboxHandle, signed_in: None
) -> None:
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    timo("sync")  # finds only ws_2; the saved default stays ws_1 until chosen again
    sandbox.add_fault("/v1/me", "reset")
    listed = timo("workspace")
    assert listed.returncode == 0, listed.stderr
    assert _said(listed.stdout) == (
        f"{SIDE} Entries without a project go to Northwind Agency (ws_1), but you could not"
        " track time there at the last sync; choose another with `timo workspace NAME_OR_ID`."
    )
