# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""`timo add` holds an entry to its own workspace's rules and, where Dana tracks in two
(ws_1 "Northwind Agency", the default, and ws_2 "Dana's Side Studio" with project
"Portfolio site"), names the workspace a rule is of. Real `timo` processes against the
sandbox."""

from __future__ import annotations

from tests.cli.conftest import Timo
from tests.cli.test_project_of_another_workspace import _ok
from tests.cli.test_workspace_command import _login, shared_keyring  # noqa: F401
from tests.support.keyring_file import FileKeyring
from tests.support.sandbox import SandboxHandle

ON_JANUARY_5 = ("--date", "2026-01-05")


def test_a_lock_date_refuses_its_own_workspaces_entries_naming_it(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    sandbox.set_workspace("ws_1", lock_date="2026-01-10")
    _ok(timo, "sync")

    side = ("--start", "09:00", "--end", "09:30", "--project", "Portfolio")
    _ok(timo, "add", "Gallery", *ON_JANUARY_5, *side)
    refused = timo("add", "Call", *ON_JANUARY_5, "--start", "10:00", "--end", "10:30")

    assert refused.returncode != 0
    assert refused.stderr == "timo: entries before 2026-01-10 are locked in Northwind Agency\n"


def test_overlaps_kept_name_the_workspace_that_allows_them(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    sandbox.set_workspace("ws_1", allow_overlap=True)
    sandbox.set_workspace("ws_2", allow_overlap=False)
    _ok(timo, "sync")
    _ok(timo, "add", "Review", *ON_JANUARY_5, "--start", "09:00", "--end", "10:00")

    call = _ok(timo, "add", "Call", *ON_JANUARY_5, "--start", "09:30", "--end", "10:30")
    side = ("--start", "09:45", "--end", "10:15", "--project", "Portfolio")
    gallery = _ok(timo, "add", "Gallery", *ON_JANUARY_5, *side)

    assert call.splitlines()[1] == (
        "Overlaps 'Review' 09:00–10:00: Northwind Agency allows overlaps, so both are kept."
    )
    assert gallery.splitlines()[1] == (
        "Overlaps 'Review' 09:00–10:00 and 'Call' 09:30–10:30: they are in another"
        " workspace, so all are kept."
    )
