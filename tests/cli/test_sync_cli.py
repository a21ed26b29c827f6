"""`timo sync`, `timo sync status`, `timo sync health` as a user runs them, against the sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.keyring_file import use_no_keyring
from tests.support.sandbox import SandboxHandle, sandbox, sandbox_server  # noqa: F401
from tests.sync.support import assert_in_agreement, server_entries
from timo_desktop.store.database import Store


def _timo(home: Path, server: SandboxHandle | None, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `timo ARGS`; with `server`, signed in to it through VMOOX_TOKEN."""
    env = {**os.environ, "TIMO_HOME": str(home), "TZ": "Europe/Berlin"}
    env.pop("VMOOX_TOKEN", None)
    if server is not None:
        env |= {"VMOOX_TOKEN": server.token, "VMOOX_SERVER": server.base_url}
    return subprocess.run(
        [sys.executable, "-m", "timo_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _add(home: Path, description: str, day: str = "2026-01-05", start: str = "09:00") -> None:
    done = _timo(home, None, "add", description, "--date", day, "--start", start, "-d", "30m")
    assert done.returncode == 0, done.stderr


def test_sync_pushes_and_reports_json(timo_home: Path, sandbox: SandboxHandle) -> None:  # noqa: F811
    _add(timo_home, "Homepage layout")
    _add(timo_home, "Copy review", start="10:00")
    done = _timo(timo_home, sandbox, "sync", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["pushed"] == 2 and report["pending"] == 0 and report["errors"] == []
    assert report["pulled"] > 0 and report["attention"] == 0
    status = json.loads(_timo(timo_home, None, "sync", "status", "--json").stdout)
    assert status["pending"] == 0 and status["attention"] == 0
    assert status["last_success"] and status["worker"]["running"] is False
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        assert_in_agreement(store, sandbox)


def test_until_done_rides_out_server_errors(timo_home: Path, sandbox: SandboxHandle) -> None:  # noqa: F811
    _add(timo_home, "Through the storm")
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=503, times=2)
    done = _timo(timo_home, sandbox, "sync", "--until-done", "--timeout", "60", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
    assert [e for e in server_entries(sandbox) if e["description"] == "Through the storm"]


def test_every_refusal_shows_in_status_with_the_servers_reason(
    timo_home: Path,
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    sandbox.set_workspace(require_target=True)
    _add(timo_home, "no target")
    done = _timo(timo_home, sandbox, "sync", "--json")
    assert json.loads(done.stdout)["attention"] == 1
    status = _timo(timo_home, None, "sync", "status")
    assert "1 entry needs attention" in status.stdout
    assert "This workspace requires a target" in status.stdout
    data = json.loads(_timo(timo_home, None, "sync", "status", "--json").stdout)
    assert data["pending"] == 0 and data["attention"] == 1
    assert data["attention_entries"][0]["code"] == "validation-failed"


def test_health_is_clean_after_a_sync(timo_home: Path, sandbox: SandboxHandle) -> None:  # noqa: F811
    assert _timo(timo_home, sandbox, "sync").returncode == 0
    done = _timo(timo_home, sandbox, "sync", "health", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["healthy"] is True and report["server"] == report["local"] > 0


def test_signed_out_keeps_the_queue_and_says_so(timo_home: Path) -> None:
    _add(timo_home, "offline work")
    done = _timo(timo_home, None, "sync")
    assert done.returncode == 1
    assert "Signed out — sign in to sync 1 entry" in done.stdout
    status = json.loads(_timo(timo_home, None, "sync", "status", "--json").stdout)
    assert status["pending"] == 1


def test_case24_no_keyring_sync_waits_signed_out_and_file_store_works(
    timo_home: Path,
    sandbox: SandboxHandle,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_no_keyring(monkeypatch)
    _add(timo_home, "kept safe")
    login = ("login", "--server", sandbox.base_url, "--token", sandbox.token)
    refused = _timo(timo_home, None, *login)
    assert refused.returncode == 1 and "keyring" in refused.stderr.lower()
    waiting = _timo(timo_home, None, "sync", "--json")
    assert waiting.returncode == 1 and json.loads(waiting.stdout)["state"] == "signed_out"
    assert json.loads(waiting.stdout)["pending"] == 1
    stored = _timo(timo_home, None, *login, "--allow-file-store")
    assert stored.returncode == 0, stored.stderr
    assert "file" in stored.stderr.lower()  # the visible warning
    done = _timo(timo_home, None, "sync", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0
