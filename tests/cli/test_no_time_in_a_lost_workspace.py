# ruff: noqa: F811  (pytest fixtures imported from tests.support.sandbox)
"""Once sync finds that time can no longer be tracked in a workspace, Timo tracks nothing
more there, and says why: `timo start` and `timo add` on its project succeeded without a
word, and the entries were only held at the next sync. A membership kept without the
time-tracking permission is said as such, not as access removed; an export names the
workspace, not its id. Real `timo` processes against the sandbox (prj_9 "Portfolio site"
is in ws_2 "Dana's Side Studio")."""

from __future__ import annotations

import csv
import io

from tests.cli.conftest import Timo
from tests.cli.test_project_of_another_workspace import JANUARY_5, _ok
from tests.cli.test_workspace_command import _login, shared_keyring  # noqa: F401
from tests.support.keyring_file import FileKeyring
from tests.support.sandbox import SandboxHandle

WHY = "your role in Dana's Side Studio (owner) does not include tracking time"


def test_no_time_goes_to_a_workspace_without_the_time_tracking_permission(
    timo: Timo, sandbox: SandboxHandle, shared_keyring: FileKeyring
) -> None:
    _login(timo, sandbox)
    _ok(timo, "sync")  # the projects
    day = ("--date", "2026-01-05", "--start", "09:00", "--duration", "1h")
    _ok(timo, "add", "Portfolio work", *day, "--project", "Portfolio site")
    _ok(timo, "sync")
    sandbox.set_membership(workspace_id="ws_2", permissions=["records:view", "projects:view"])
    synced = _ok(timo, "sync")
    assert f"Sync to Dana's Side Studio is paused: {WHY}" in " ".join(synced.split())

    started = timo("start", "More", "--project", "Portfolio site")
    assert started.returncode == 1
    assert started.stderr.strip() == (
        f"timo: project 'Portfolio site' is in Dana's Side Studio, and {WHY}: start 'More'"
        " without it, or with another project"
    )
    later = ("--date", "2026-01-05", "--start", "11:00", "--duration", "1h")
    added = timo("add", "More", *later, "--project", "Portfolio site")
    assert added.returncode == 1
    assert "add 'More' without it, or with another project" in added.stderr

    rows = csv.DictReader(io.StringIO(_ok(timo, "export", "--workspace", "all", *JANUARY_5)))
    assert [(r["description"], r["workspace"]) for r in rows] == [
        ("Portfolio work", "Dana's Side Studio")
    ]
