"""`timo continue` as a user runs it: never onto a project deleted on Vmoox (after a sync
brought the news), and nothing at all while the timer runs on that entry already."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries


def _ref(printed: str) -> str:
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", printed)
    return ref


def test_continue_refuses_a_project_deleted_on_vmoox_and_says_how_to_go_on(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0  # the catalog
    added = run_timo(
        timo_home, "add", "Campaign copy", "--date", "2026-01-05", "--start", "09:00",
        "-d", "1h", "--project", "Green Fields campaign", "--tag", "content",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    ref = _ref(added.stdout)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    sandbox.set_project("prj_6", status="deleted")
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0

    refused = run_timo(timo_home, "continue", ref)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == (
        "timo: project 'Green Fields campaign' is deleted: start 'Campaign copy' without it,"
        " or with another project (add --project P): timo start 'Campaign copy' --tag content\n"
    )
    status = json.loads(run_timo(timo_home, "status", "--json").stdout)
    assert status["running"] is None
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stdout  # nothing parked
    assert not [e for e in server_entries(sandbox) if e["end"] is None]

    # The way it names: the same work, without the project, starts and syncs.
    again = run_timo(timo_home, "start", "Campaign copy", "--tag", "content")
    assert again.returncode == 0, again.stderr
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    [running] = [e for e in server_entries(sandbox) if e["end"] is None]
    assert running["description"] == "Campaign copy" and running["target"] is None


def test_continue_while_it_runs_says_so_and_leaves_no_empty_entry(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    started = run_timo(timo_home, "start", "Homepage layout")
    assert started.returncode == 0, started.stderr
    since = re.search(r" at (\d\d:\d\d) \[", started.stdout)
    assert since is not None
    for ref in ((), (_ref(started.stdout),)):
        again = run_timo(timo_home, "continue", *ref)
        assert again.returncode == 0, again.stderr
        assert again.stdout == f"'Homepage layout' is already running, since {since[1]}\n"
    logged = json.loads(run_timo(timo_home, "log", "--json").stdout)
    assert [e["description"] for e in logged] == ["Homepage layout"]
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    # By reference: a running entry's duration grows between two reads.
    on_server = server_entries(sandbox)
    assert [e["client_ref"] for e in on_server if e["description"] == "Homepage layout"] == [
        e["client_ref"] for e in on_server if e["end"] is None
    ]
