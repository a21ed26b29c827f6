"""Sync's questions about an entry Vmoox has made read-only (its period locked after the
question came), from the command line against the real sandbox: a choice that would
change the entry there (`timo keep-mine`, `timo restore`, `timo delete-anyway`) is
refused with the reason, not taken and then refused by Vmoox at the next sync, and the
one that lets the question go is offered instead, also where nothing else is left."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.conftest import outbox_size
from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    assert_in_agreement,
    delete_on_server,
    edit_on_server,
    server_entries,
    server_entry,
)
from timo_desktop.store.database import Store

DAY = "2026-01-05"  # a Monday, long past: locked by LOCK_DATE
LOCK_DATE = "2026-01-12"
LOCKED = "its period is locked; ask an admin to unlock it"


def _database(home: Path) -> Path:
    return home / "data" / "timo.sqlite3"


def _ok(home: Path, *args: str, server: SandboxHandle | None = None) -> str:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _added(home: Path, description: str, start: str, end: str) -> str:
    """A new entry on DAY; its short reference."""
    added = _ok(home, "add", description, "--date", DAY, "--start", start, "--end", end)
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added)
    return ref


def _full(sandbox: SandboxHandle, ref: str) -> str:
    [found] = [e["client_ref"] for e in server_entries(sandbox) if e["client_ref"].startswith(ref)]
    return str(found)


def _locked_then_synced(home: Path, sandbox: SandboxHandle) -> None:
    """An admin locks DAY's period; a sync brings the lock here."""
    sandbox.set_workspace(lock_date=LOCK_DATE)
    run_timo(home, "sync", server=sandbox)


def _refused(home: Path, *args: str) -> str:
    """What a refused command said (nothing was written: the queue is as it was)."""
    queued = outbox_size(_database(home))
    done = run_timo(home, *args)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert outbox_size(_database(home)) == queued
    return done.stderr


def test_keep_mine_of_a_locked_entry_is_refused_and_keep_theirs_offered(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _added(timo_home, "Planning", "09:00", "10:00")
    _ok(timo_home, "sync", server=sandbox)
    edit_on_server(sandbox, _full(sandbox, ref), {"end": f"{DAY}T09:15:00Z"})  # 10:15 Berlin
    _ok(timo_home, "edit", ref, "--end", "10:30")
    _ok(timo_home, "sync", server=sandbox)  # the server's end wins; yours is kept to restore
    _locked_then_synced(timo_home, sandbox)

    listed = _ok(timo_home, "attention").splitlines()
    assert listed[1:5] == [
        f"{ref}  Mon {DAY}  09:00–10:15 (1h 15m)  'Planning'",
        "          Changed on the server while you edited it: end 10:15 (yours: 10:30).",
        f"          Read-only because {LOCKED}.",
        f"          timo keep-theirs {ref}  keeps the server's",
    ]  # was: keep-mine offered, which Vmoox refuses
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert item["read_only"] == LOCKED
    assert [fix["command"] for fix in item["fixes"]] == [f"timo keep-theirs {ref}"]

    assert _refused(timo_home, "keep-mine", ref) == (
        f"timo: 'Planning' [{ref}] is read-only in Vmoox because {LOCKED},"
        f" or `timo keep-theirs {ref}` keeps the server's\n"
    )
    assert _ok(timo_home, "keep-theirs", ref).startswith("Kept the server's end")
    assert _ok(timo_home, "attention").startswith("Nothing needs attention")
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 0, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["end"] == f"{DAY}T09:15:00Z"


def test_an_entry_deleted_on_the_server_while_locked_can_only_be_let_go(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _added(timo_home, "Workshop", "11:00", "12:00")
    _ok(timo_home, "sync", server=sandbox)
    delete_on_server(sandbox, _full(sandbox, ref))
    _ok(timo_home, "edit", ref, "--description", "Workshop notes")
    _locked_then_synced(timo_home, sandbox)
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert (item["kind"], item["read_only"]) == ("deleted", LOCKED)
    assert item["message"] == "This entry was deleted on the server."  # no "restore it"
    # Restore would send it as a new entry, which Vmoox takes nowhere in a locked period;
    # `timo delete` is refused here as any change of a locked entry is.
    assert [fix["command"] for fix in item["fixes"]] == [f"timo keep-theirs {ref}"]

    assert _refused(timo_home, "restore", ref) == (
        f"timo: 'Workshop notes' [{ref}] is read-only in Vmoox because {LOCKED},"
        f" or `timo keep-theirs {ref}` keeps it deleted (you have read this)\n"
    )
    assert _refused(timo_home, "delete", ref).endswith("are locked in Northwind Agency\n")
    let_go = _ok(timo_home, "keep-theirs", ref)
    assert let_go == (
        f"'Workshop notes' [{ref}] stays deleted, your changes with it; 'timo undo' brings it"
        " back\n"
    )
    assert _ok(timo_home, "attention").startswith("Nothing needs attention")
    assert _ok(timo_home, "undo").startswith("Restored 'Workshop notes'")  # as said
    run_timo(timo_home, "sync", server=sandbox)  # Vmoox keeps it deleted: asked again
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert (item["kind"], item["entry"]["description"]) == ("deleted", "Workshop notes")
    assert _ok(timo_home, "keep-theirs", ref) == let_go
    assert _ok(timo_home, "attention").startswith("Nothing needs attention")
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 0, received 0. All synced\n"
    with Store.open(_database(timo_home)) as store:
        assert_in_agreement(store, sandbox)


def test_delete_anyway_of_a_locked_entry_is_refused_and_keep_their_version_offered(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _added(timo_home, "Stand-up", "11:00", "11:30")
    _ok(timo_home, "sync", server=sandbox)
    edit_on_server(sandbox, _full(sandbox, ref), {"description": "Edited on the web"})
    _ok(timo_home, "delete", ref)  # the older version
    run_timo(timo_home, "sync", server=sandbox)  # it asks: delete anyway, or keep theirs
    _locked_then_synced(timo_home, sandbox)
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert (item["kind"], item["read_only"]) == ("changed-since-deleted", LOCKED)
    assert [fix["command"] for fix in item["fixes"]] == [f"timo keep-their-version {ref}"]

    assert _refused(timo_home, "delete-anyway", ref) == (
        f"timo: 'Edited on the web' [{ref}] is read-only in Vmoox because {LOCKED},"
        f" or `timo keep-their-version {ref}` keeps it as changed there\n"
    )
    assert "your delete is dropped" in _ok(timo_home, "keep-their-version", ref)
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 0, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["description"] == "Edited on the web"
