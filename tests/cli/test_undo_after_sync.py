"""`timo delete`, `timo sync`, `timo undo`, `timo sync`: the entry is back on Vmoox too."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import assert_in_agreement, server_entries
from timo_desktop.store.database import Store


def test_undo_of_a_delete_vmoox_has_puts_the_entry_back_there(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0  # the catalog
    added = run_timo(
        timo_home, "add", "Kickoff notes for undo", "--date", "2026-01-05", "--start", "09:00",
        "-d", "30m", "--project", "Acme website relaunch", "--billable",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    [before] = [e for e in server_entries(sandbox) if e["description"] == "Kickoff notes for undo"]

    assert run_timo(timo_home, "delete", ref).returncode == 0
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    undone = run_timo(timo_home, "undo")
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith("Restored 'Kickoff notes for undo'")
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.endswith("All synced\n")

    [after] = [e for e in server_entries(sandbox) if e["description"] == "Kickoff notes for undo"]
    for field in ("start", "end", "target", "billable", "duration_seconds"):
        assert after[field] == before[field], field
    logged = json.loads(run_timo(timo_home, "log", "--json", "--from", "2026-01-05").stdout)
    [shown] = [e for e in logged if e["description"] == "Kickoff notes for undo"]
    assert shown["client_ref"] == after["client_ref"] and shown["sync_state"] == "synced"
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        assert_in_agreement(store, sandbox)
