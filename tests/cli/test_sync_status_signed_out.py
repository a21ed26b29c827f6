"""`timo sync status` says "Signed out" when it is so, and how many entries a workspace
whose access was removed holds: real `timo` processes, against the sandbox where a
sign-in is needed. `timo sync` itself worded these right; the status said "3 entries
waiting to sync" and "Pending: 0  Needs attention: 0" (now "Entries waiting to sync: 0").
A sign-in refused is said with the command that signs in again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Timo
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    return use_file_keyring(monkeypatch, tmp_path / "keyring.json")


def add(timo: Timo, description: str, start: str, day: str = "2026-01-05") -> None:
    done = timo("add", description, "--date", day, "--start", start, "-d", "30m")
    assert done.returncode == 0, done.stderr


def status(timo: Timo) -> tuple[list[str], dict[str, object]]:
    """`timo sync status` as lines, and `timo sync status --json`."""
    text = timo("sync", "status")
    assert text.returncode == 0, text.stderr
    shown = timo("sync", "status", "--json")
    assert shown.returncode == 0, shown.stderr
    return text.stdout.splitlines(), json.loads(shown.stdout)


def test_never_signed_in_says_signed_out(timo: Timo) -> None:
    for hour in ("09:00", "10:00", "11:00"):
        add(timo, f"Work at {hour}", hour)
    lines, shown = status(timo)
    assert lines[0] == "Signed out — sign in to sync 3 entries"
    assert shown["state"] == "signed_out" and shown["pending_entries"] == 3
    assert shown["message"] == "Signed out — sign in to sync 3 entries"


def test_a_revoked_token_is_signed_out_until_signed_in_again(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    token = sandbox.mint_pat()
    login = timo("login", "--server", sandbox.base_url, "--token", token)
    assert login.returncode == 0, login.stderr
    add(timo, "Homepage layout", "09:00")
    add(timo, "Copy review", "10:00")
    sandbox.revoke_tokens("pat", user_id=sandbox.user_id)

    refused = timo("sync")
    assert refused.returncode == 1 and "Signed out" in refused.stdout
    # Both said "sign in again" without the command, which `timo whoami` gave.
    command = f"sign in again with a valid token; run `timo login --server {sandbox.base_url}`"
    assert command in " ".join(refused.stdout.split())
    lines, shown = status(timo)
    # Said as the window's Settings says it ("Signed out — sign in to sync 2 entries"
    # before, though nobody signed out), with the command, in the text and the JSON alike.
    said = (
        f"Vmoox refused the sign-in of Dana Demo on {sandbox.base_url} — sign in again;"
        f" run `timo login --server {sandbox.base_url}`"
    )
    text = " ".join(lines)
    assert text.startswith(f"{said} Entries waiting to sync: 2 ")
    assert shown["message"] == said
    # The server's words follow whole, the command said once.
    assert "Last problem: Signed out — the personal access token was refused" in text
    assert text.count("timo login") == 1
    assert shown["state"] == "signed_out" and shown["pending_entries"] == 2

    # A working sign-in: no longer signed out, even before a round; then all synced.
    again = timo("login", "--server", sandbox.base_url, "--token", sandbox.mint_pat())
    assert again.returncode == 0, again.stderr
    lines, shown = status(timo)
    assert lines[0] == "2 entries waiting to sync" and shown["state"] != "signed_out"
    assert timo("sync").returncode == 0
    lines, shown = status(timo)
    assert lines[0] == "All synced" and shown["state"] == "idle"


def test_a_refused_token_in_vmoox_token_says_what_to_do_with_it(
    timo: Timo, sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No `timo login` replaces the token in the environment: its words say to set a
    working one or unset it, as Settings › Account does."""
    monkeypatch.setenv("VMOOX_TOKEN", "vmx_pat_not_a_real_one")
    monkeypatch.setenv("VMOOX_SERVER", sandbox.base_url)
    add(timo, "Homepage layout", "09:00")
    assert timo("sync").returncode == 1
    lines, shown = status(timo)
    said = "Vmoox refused the token in VMOOX_TOKEN — set a working one or unset it"
    assert lines[0] == said and shown["message"] == said
    assert "timo login" not in " ".join(lines)
    assert shown["state"] == "signed_out"


def test_entries_held_for_a_lost_workspace_are_counted_with_the_way_to_export_them(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    add(timo, "Homepage layout", "09:00", day="2026-01-05")
    add(timo, "Copy review", "10:00", day="2026-01-07")
    sandbox.set_membership(status="revoked")
    held = timo("sync")
    assert held.returncode == 3, held.stdout + held.stderr

    lines, shown = status(timo)
    # Said once, then how to export them (the line under it said it again), in 80 columns.
    assert lines[:5] == [
        "2 entries held for Northwind Agency: your access to Northwind Agency was removed",
        "Export them with Needs attention › Export entries… in the Timo window, or",
        "`timo export --from 2026-01-05 --to 2026-01-07` (every entry of those days).",
        "They are sent if your access comes back.",
        "Entries waiting to sync: 0  Needs attention: 0",
    ]
    assert sum("held for" in line for line in lines) == 1
    assert shown["held"] == [
        {
            "workspace_id": sandbox.workspace_id,
            "name": "Northwind Agency",
            "reason": "your access to Northwind Agency was removed",
            "entries": 2,
        }
    ]
    # The command it names does export them.
    exported = timo("export", "--from", "2026-01-05", "--to", "2026-01-07")
    assert "Homepage layout" in exported.stdout and "Copy review" in exported.stdout


def test_entries_held_for_two_lost_workspaces_are_named_each_with_its_days(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    assert timo("sync").returncode == 0  # the projects, to name one of Northwind's
    placed = timo(
        "add",
        "Homepage layout",
        "--date",
        "2026-01-05",
        "-s",
        "09:00",
        "-d",
        "30m",
        "--project",
        "Acme website relaunch",
    )
    assert placed.returncode == 0, placed.stderr
    chosen = timo("workspace", "ws_2")
    assert chosen.returncode == 0, chosen.stderr
    add(timo, "Logo sketches", "09:00", day="2026-01-12")
    add(timo, "Logo review", "10:00", day="2026-01-13")
    sandbox.set_membership(status="revoked")
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    held = timo("sync")
    assert held.returncode == 3, held.stdout + held.stderr

    lines, shown = status(timo)
    assert lines[0] == "3 entries held for 2 workspaces you lost access to"
    # Then each workspace once, with the days its own entries fall on (each a paragraph
    # wrapped to 80 columns, read here as one line).
    said = " ".join(lines)
    northwind = _paragraph(said, "1 entry held for Northwind Agency: your access to ")
    assert "`timo export --from 2026-01-05 --to 2026-01-05`" in northwind
    side = _paragraph(said, "2 entries held for Dana's Side Studio: your access to ")
    assert "`timo export --from 2026-01-12 --to 2026-01-13`" in side
    assert said.count("held for") == 3
    counted = {ws["workspace_id"]: ws["entries"] for ws in shown["held"]}  # type: ignore[union-attr]
    assert counted == {sandbox.workspace_id: 1, "ws_2": 2}


def _paragraph(said: str, opening: str) -> str:
    """What `said` says from `opening` up to the end of its sentence about access coming back."""
    start = said.index(opening)
    return said[start : said.index("comes back.", start)]
