"""What sync waits for a person to decide, seen and settled from the command line alone:
`timo attention` lists it with the commands that settle it, `timo sync` names the entries
the server changed, and `timo keep-mine`, `keep-theirs`, `restore` and `retry` settle it
(signed out too: the next sync sends it). Real processes against the sandbox."""

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
from timo_desktop.cli.sync import EXIT_WAITING
from timo_desktop.store.database import Store

DAY = "2026-01-05"  # a Monday, not today: conflict times on it read as times of day,
# beside the day shown with the entry; what `keep-mine` and `keep-theirs` say carries it


def _database(home: Path) -> Path:
    return home / "data" / "timo.sqlite3"


def _added(home: Path, description: str, start: str, end: str) -> str:
    """A new entry on DAY; its short reference."""
    done = run_timo(home, "add", description, "--date", DAY, "--start", start, "--end", end)
    assert done.returncode == 0, done.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", done.stdout)
    return ref


def _full(sandbox: SandboxHandle, ref: str) -> str:
    [found] = [e["client_ref"] for e in server_entries(sandbox) if e["client_ref"].startswith(ref)]
    return str(found)


def _ok(home: Path, *args: str, server: SandboxHandle | None = None) -> str:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _end_changed_on_both_sides(home: Path, sandbox: SandboxHandle) -> str:
    """“Planning” 09:00–10:00, synced; the server then ends it 10:15, this computer 10:30;
    the sync merges them, the server's end winning. Its short reference."""
    ref = _added(home, "Planning", "09:00", "10:00")
    _ok(home, "sync", server=sandbox)
    edit_on_server(sandbox, _full(sandbox, ref), {"end": f"{DAY}T09:15:00Z"})  # 10:15 Berlin
    _ok(home, "edit", ref, "--end", "10:30")
    return ref


def test_a_value_the_server_replaced_is_named_and_yours_can_be_sent_again(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _end_changed_on_both_sides(timo_home, sandbox)
    block = [
        f"  {ref}  Mon {DAY}  09:00–10:15 (1h 15m)  'Planning'",
        "            Changed on the server while you edited it: end 10:15 (yours: 10:30).",
        f"            timo keep-mine {ref}    sends yours to the server again",
        f"            timo keep-theirs {ref}  keeps the server's",
    ]
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.splitlines() == [
        "Sent 0, received 0. All synced — 1 entry changed on the server",
        *block,
    ]
    status = _ok(timo_home, "sync", "status", server=sandbox).splitlines()
    assert status[0] == "All synced — 1 entry changed on the server"
    assert status[1] == (
        "Entries waiting to sync: 0  Needs attention: 0  Changed on the server: 1"
    )  # the count beside the decision listed below, which it left out
    assert status[3:7] == block
    logged = _ok(timo_home, "log", "--from", DAY)
    assert f"  {ref}  09:00–10:15 (1h 15m)  Planning  (changed on the server)" in logged
    listed = _ok(timo_home, "attention").splitlines()
    assert listed[:5] == ["Sync needs your decision:", *(line[2:] for line in block)]
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert (item["kind"], item["client_ref"][:8], item["entry"]["description"]) == (
        "conflict",
        ref,
        "Planning",
    )
    assert item["conflicts"] == [
        {"field": "end", "server_value": f"{DAY}T09:15:00Z", "your_value": f"{DAY}T09:30:00Z"}
    ]
    assert [fix["command"] for fix in item["fixes"]] == [
        f"timo keep-mine {ref}",
        f"timo keep-theirs {ref}",
    ]
    [named] = json.loads(_ok(timo_home, "sync", "status", "--json"))["changed_on_server"]
    assert named["conflicts"] == item["conflicts"]

    # Signed out (no VMOOX_TOKEN here): settled on this computer, sent by the next sync.
    kept = _ok(timo_home, "keep-mine", ref, "end")
    assert kept == (
        f"Put back your end {DAY} 10:30 on 'Planning' [{ref}];"
        " the next sync sends it (`timo sync`)\n"
    )
    assert _ok(timo_home, "attention").startswith("Nothing needs attention")
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 1, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["end"] == f"{DAY}T09:30:00Z"
    with Store.open(_database(timo_home)) as store:
        assert_in_agreement(store, sandbox)


def test_keeping_the_servers_value_ends_the_note(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _end_changed_on_both_sides(timo_home, sandbox)
    _ok(timo_home, "sync", server=sandbox)
    queued = outbox_size(_database(timo_home))
    kept = _ok(timo_home, "keep-theirs", ref)
    assert kept == (
        f"Kept the server's end {DAY} 10:15 on 'Planning' [{ref}], not yours (end {DAY} 10:30)\n"
    )
    assert outbox_size(_database(timo_home)) == queued  # nothing to send: the server has it
    assert _ok(timo_home, "sync", "status", server=sandbox).splitlines()[0] == "All synced"
    assert json.loads(_ok(timo_home, "attention", "--json"))["sync"] == []
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 0, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["end"] == f"{DAY}T09:15:00Z"
    with Store.open(_database(timo_home)) as store:
        assert_in_agreement(store, sandbox)


def test_an_entry_deleted_on_the_server_is_sent_again_by_restore(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _added(timo_home, "Workshop", "11:00", "12:00")
    _ok(timo_home, "sync", server=sandbox)
    delete_on_server(sandbox, _full(sandbox, ref))
    _ok(timo_home, "edit", ref, "--description", "Workshop notes")
    waiting = run_timo(timo_home, "sync", server=sandbox)
    assert waiting.returncode == EXIT_WAITING, waiting.stderr
    assert waiting.stdout.splitlines()[-1] == (
        "`timo attention` lists them all, with the commands that settle each."
    )
    listed = _ok(timo_home, "attention").splitlines()
    assert listed[:6] == [
        "Sync needs your decision:",
        f"{ref}  Mon {DAY}  11:00–12:00 (1h 00m)  'Workshop notes'",
        "          This entry was deleted on the server; restore it or discard your",
        "          changes.",  # wrapped to 80 columns
        f"          timo restore {ref}  sends it again, as a new entry",
        f"          timo delete {ref}   discards it and your changes",
    ]

    restored = _ok(timo_home, "restore", ref)  # signed out
    [copy] = re.findall(r"as a new entry \[([0-9a-f]{8})\]", restored)
    assert restored == (
        f"Restored 'Workshop notes' Mon {DAY} 11:00–12:00 (1h 00m) as a new entry [{copy}];"
        " the next sync sends it (`timo sync`)\n"
    )
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 1, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, copy))["description"] == "Workshop notes"
    with Store.open(_database(timo_home)) as store:
        assert_in_agreement(store, sandbox)


def test_a_refused_entry_is_sent_again_by_retry(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(max_entry_seconds=1800)
    ref = _added(timo_home, "Long meeting", "09:00", "10:00")
    refused = run_timo(timo_home, "sync", server=sandbox)
    assert refused.returncode == EXIT_WAITING, refused.stderr
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert item["kind"] == "refused"
    assert [fix["command"] for fix in item["fixes"]] == [f"timo edit {ref} …", f"timo retry {ref}"]
    sandbox.set_workspace(max_entry_seconds=36000)  # the workspace takes it now

    assert _ok(timo_home, "retry", ref) == (
        f"'Long meeting' [{ref}] is sent again at the next sync (`timo sync`)\n"
    )
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 1, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["description"] == "Long meeting"


def test_a_reference_with_nothing_to_settle_is_refused_in_words(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    quiet = _added(timo_home, "Quiet", "13:00", "14:00")
    ref = _end_changed_on_both_sides(timo_home, sandbox)
    _ok(timo_home, "sync", server=sandbox)
    queued = outbox_size(_database(timo_home))
    for args, said in (
        (
            ("restore", quiet),
            f"'Quiet' [{quiet}] was not deleted on the server, so there is nothing to"
            " restore; sync waits for no decision about it",
        ),
        (
            ("keep-theirs", quiet),
            f"'Quiet' [{quiet}] has no value the server replaced, so there is nothing to"
            " keep; sync waits for no decision about it",
        ),
        (
            ("retry", quiet),
            f"'Quiet' [{quiet}] waits for no refusal to be tried again, so there is nothing"
            " to send; sync waits for no decision about it",
        ),
        (
            ("restore", ref),
            f"'Planning' [{ref}] was not deleted on the server, so there is nothing to"
            " restore; it waits for another decision: `timo keep-mine"
            f" {ref}` or `timo keep-theirs {ref}`",
        ),
        (
            ("keep-mine", ref, "tags"),
            f"the server replaced no 'tags' of 'Planning' [{ref}]; it replaced its end",
        ),
        (
            ("delete-anyway", quiet),
            f"'Quiet' [{quiet}] has no delete waiting for a decision, so there is nothing to"
            " decide; sync waits for no decision about it",
        ),
        (("keep-mine", "0000"), "no entry '0000'"),
    ):
        done = run_timo(timo_home, *args)
        assert (done.returncode, done.stderr, done.stdout) == (1, f"timo: {said}\n", ""), args
    assert outbox_size(_database(timo_home)) == queued  # nothing was written


def test_an_entry_held_for_a_task_reopened_since_is_sent_again_by_retry(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    # A task closed and opened again: the projects Timo keeps learn a task's status only at
    # their next whole read, so the entry waits for the person, who was offered `retry`.
    _ok(timo_home, "sync", server=sandbox)
    added = _ok(
        timo_home, "add", "Layout", "--date", DAY, "--start", "09:00", "--end", "10:00",
        "--project", "Acme website relaunch", "--task", "Homepage layout",
    )  # fmt: skip
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added)
    sandbox.set_task("tsk_2", status="archived")
    assert run_timo(timo_home, "sync", server=sandbox).returncode == EXIT_WAITING
    [item] = json.loads(_ok(timo_home, "attention", "--json"))["sync"]
    assert item["kind"] == "target"
    assert f"timo retry {ref}" in [fix["command"] for fix in item["fixes"]]
    sandbox.set_task("tsk_2", status="open")

    # Was refused: "waits for no refusal to be tried again, so there is nothing to send".
    assert _ok(timo_home, "retry", ref) == (
        f"'Layout' (Acme website relaunch › Homepage layout) [{ref}] is sent again at the"
        " next sync (`timo sync`)\n"
    )
    assert _ok(timo_home, "sync", server=sandbox) == "Sent 1, received 0. All synced\n"
    assert server_entry(sandbox, _full(sandbox, ref))["target"]["task_id"] == "tsk_2"
