"""`timo sync`, `timo sync status`, `timo sync health` as a user runs them, against the sandbox."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from tests.support.keyring_file import use_no_keyring
from tests.support.sandbox import SandboxHandle
from tests.sync.support import assert_in_agreement, edit_on_server, server_entries
from timo_desktop.cli.sync import EXIT_WAITING
from timo_desktop.store.database import Store


def _add(home: Path, description: str, day: str = "2026-01-05", start: str = "09:00") -> None:
    done = run_timo(home, "add", description, "--date", day, "--start", start, "-d", "30m")
    assert done.returncode == 0, done.stderr


def test_sync_pushes_and_reports_json(timo_home: Path, sandbox: SandboxHandle) -> None:
    _add(timo_home, "Homepage layout")
    _add(timo_home, "Copy review", start="10:00")
    done = run_timo(timo_home, "sync", "--json", server=sandbox)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["pushed"] == 2 and report["pending"] == 0 and report["errors"] == []
    assert report["pulled"] > 0 and report["attention"] == 0
    status = json.loads(run_timo(timo_home, "sync", "status", "--json").stdout)
    assert status["pending"] == 0 and status["attention"] == 0
    assert status["last_success"] and status["worker"]["running"] is False
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        assert_in_agreement(store, sandbox)


def test_until_done_rides_out_server_errors(timo_home: Path, sandbox: SandboxHandle) -> None:
    _add(timo_home, "Through the storm")
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=503, times=2)
    done = run_timo(timo_home, "sync", "--until-done", "--timeout", "60", "--json", server=sandbox)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    assert [e for e in server_entries(sandbox) if e["description"] == "Through the storm"]


def test_every_refusal_shows_in_status_with_the_servers_reason(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(require_target=True)
    _add(timo_home, "no target")
    done = run_timo(timo_home, "sync", "--json", server=sandbox)
    assert json.loads(done.stdout)["attention"] == 1
    status = run_timo(timo_home, "sync", "status", server=sandbox)
    assert "1 entry needs attention" in status.stdout
    assert "This workspace requires a target" in status.stdout
    data = json.loads(run_timo(timo_home, "sync", "status", "--json", server=sandbox).stdout)
    assert data["pending"] == 0 and data["attention"] == 1
    assert data["attention_entries"][0]["code"] == "target-refused"


def test_a_refused_entry_is_named_with_its_reason_and_syncs_once_edited(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0  # the catalog
    added = run_timo(
        timo_home, "add", "Shop work", "--date", "2026-01-05", "--start", "09:00",
        "--end", "10:00", "--project", "Globex shop build",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    sandbox.set_project("prj_3", status="archived")
    parked = run_timo(timo_home, "sync", server=sandbox)
    assert parked.returncode == EXIT_WAITING, parked.stderr
    reason = "needs a new project: Globex shop build was archived"
    assert parked.stdout.splitlines() == [
        f"Sent 0, received 0. 1 entry {reason}",
        f"  {ref}  {reason}",
        "`timo attention` lists them all, with the commands that settle each.",
    ]
    listed = run_timo(timo_home, "attention", "--from", "2026-01-05", "--to", "2026-01-05")
    assert listed.stdout.startswith("Sync needs your decision:")
    entries = [line for line in listed.stdout.splitlines() if line.lstrip().startswith(ref)]
    assert len(entries) == 1  # not again below, as "not synced", under entries to look at
    edited = run_timo(timo_home, "edit", ref, "--project", "Acme website relaunch")
    assert edited.returncode == 0, edited.stderr
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout == "Sent 1, received 0. All synced\n"
    [sent] = [e for e in server_entries(sandbox) if e["client_ref"].startswith(ref)]
    assert sent["target"]["id"] == "prj_1"
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        assert_in_agreement(store, sandbox)


def test_health_is_clean_after_a_sync(timo_home: Path, sandbox: SandboxHandle) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    done = run_timo(timo_home, "sync", "health", "--json", server=sandbox)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["healthy"] is True and report["server"] == report["local"] > 0


def test_health_says_how_an_entry_differs_from_the_server(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    _add(timo_home, "Homepage", day=yesterday)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    [mine] = [e for e in server_entries(sandbox) if e["description"] == "Homepage"]
    edit_on_server(sandbox, mine["client_ref"], {"description": "Homepage layout"})
    done = run_timo(timo_home, "sync", "health", server=sandbox)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 thing to look at (last ")
    assert "'Homepage' [" in done.stdout and "Different on Vmoox: keep one version" in done.stdout
    assert "Description: 'Homepage' here, 'Homepage layout' on Vmoox" in done.stdout


def test_signed_out_keeps_the_queue_and_says_so(timo_home: Path) -> None:
    _add(timo_home, "offline work")
    done = run_timo(timo_home, "sync")
    assert done.returncode == 1
    assert "Signed out — sign in to sync 1 entry" in done.stdout
    status = json.loads(run_timo(timo_home, "sync", "status", "--json").stdout)
    assert status["pending"] == 1


def test_case24_no_keyring_sync_waits_signed_out_and_file_store_works(
    timo_home: Path,
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_no_keyring(monkeypatch)
    _add(timo_home, "kept safe")
    login = ("login", "--server", sandbox.base_url, "--token", sandbox.token)
    refused = run_timo(timo_home, *login)
    assert refused.returncode == 1 and "keyring" in refused.stderr.lower()
    waiting = run_timo(timo_home, "sync", "--json")
    assert waiting.returncode == 1 and json.loads(waiting.stdout)["state"] == "signed_out"
    assert json.loads(waiting.stdout)["pending"] == 1
    stored = run_timo(timo_home, *login, "--allow-file-store")
    assert stored.returncode == 0, stored.stderr
    assert "file" in stored.stderr.lower()  # the visible warning
    done = run_timo(timo_home, "sync", "--json")
    assert done.returncode == 0, done.stderr
    # Signed out or not, a script reads the same keys.
    assert json.loads(done.stdout).keys() == json.loads(waiting.stdout).keys()
    assert json.loads(done.stdout)["pending"] == 0
