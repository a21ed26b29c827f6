"""`timo doctor` says how sync stands, as the last round left it: it said "ok" to
everything while the server refused the sign-in and every entry waited. Tracking here
without ever signing in is no fault. Real `timo` processes against the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle


def sync_check(home: Path, sandbox: SandboxHandle | None = None) -> tuple[int, dict[str, object]]:
    done = run_timo(home, "doctor", "--json", server=sandbox)
    (check,) = [c for c in json.loads(done.stdout)["checks"] if c["name"] == "sync"]
    return done.returncode, check


def test_doctor_says_when_entries_cannot_reach_vmoox(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "add", "Call", "--start", "-1h", "--end", "-30m").returncode == 0
    _status, alone = sync_check(timo_home)
    assert alone["ok"] is True  # signed out and never signed in: tracking here alone

    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    status, synced = sync_check(timo_home, sandbox)
    assert synced["ok"] is True and str(synced["detail"]).startswith("All synced")

    sandbox.revoke_tokens("pat")
    assert run_timo(timo_home, "add", "Review", "--start", "-20m", "--end", "-10m").returncode == 0
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 1
    # Signed in through VMOOX_TOKEN, "sign in again" was no way out: it names the variable.
    assert "the token in VMOOX_TOKEN was refused" in " ".join(synced.stdout.split())
    status, refused = sync_check(timo_home, sandbox)
    assert status == 1
    assert refused["ok"] is False
    # As `timo sync status` and Settings say it.
    assert refused["detail"] == (
        "Vmoox refused the token in VMOOX_TOKEN — set a working one or unset it"
    )
