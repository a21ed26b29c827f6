"""One person on two computers, from the command line: two TIMO_HOMEs signed in as the same
user against one sandbox, each a real `timo` process. An entry deleted on the web and
brought back on either computer or both is one entry on Vmoox; a delete of a version
changed on the other computer since asks; an edit refused for a lock date goes once the
lock is lifted; a delete taken back before it was sent leaves the entry synced."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import assert_in_agreement, delete_on_server, server_entries
from timo_desktop.cli.sync import EXIT_WAITING
from timo_desktop.store.database import Store

DAY = "2026-01-05"  # a Monday, not this week


def _ok(home: Path, *args: str, server: SandboxHandle | None = None) -> str:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _added(home: Path, description: str, start: str, end: str, day: str = DAY) -> str:
    """A new entry; its short reference."""
    added = _ok(home, "add", description, "--date", day, "--start", start, "--end", end)
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added)
    return ref


def _full(sandbox: SandboxHandle, ref: str) -> str:
    [found] = [e["client_ref"] for e in server_entries(sandbox) if e["client_ref"].startswith(ref)]
    return str(found)


def _on(sandbox: SandboxHandle, day: str = DAY) -> list[tuple[str, str, str]]:
    """(short reference, description, end) of the server's live entries on `day`."""
    return [
        (e["client_ref"][:8], e["description"], e["end"])
        for e in server_entries(sandbox)
        if e["start"].startswith(day)
    ]


def _in_agreement(sandbox: SandboxHandle, *homes: Path) -> None:
    for home in homes:
        with Store.open(home / "data" / "timo.sqlite3") as store:
            assert_in_agreement(store, sandbox)


@pytest.fixture
def computers(tmp_path: Path) -> tuple[Path, Path]:
    """The laptop's and the desktop's TIMO_HOME."""
    return tmp_path / "laptop", tmp_path / "desktop"


def _on_both_then_deleted_on_the_web(
    laptop: Path,
    desktop: Path,
    sandbox: SandboxHandle,
) -> str:
    """'Planning' 09:00–10:00 on both computers; the laptop renames it and the desktop ends
    it at 10:30, each offline, and it is deleted on the web. Its short reference."""
    ref = _added(laptop, "Planning", "09:00", "10:00")
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)
    _ok(laptop, "edit", ref, "--description", "Planning, laptop notes")
    _ok(desktop, "edit", ref, "--end", "10:30")
    delete_on_server(sandbox, _full(sandbox, ref))
    return ref


def _restored(home: Path, ref: str) -> str:
    """`timo restore REF`: the copy's short reference."""
    [copy] = re.findall(r"as a new entry \[([0-9a-f]{8})\]", _ok(home, "restore", ref))
    return str(copy)


def test_restored_on_one_computer_the_other_takes_it_up_without_asking(
    computers: tuple[Path, Path],
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = computers
    ref = _on_both_then_deleted_on_the_web(laptop, desktop, sandbox)
    assert run_timo(laptop, "sync", server=sandbox).returncode == EXIT_WAITING
    copy = _restored(laptop, ref)
    _ok(laptop, "sync", server=sandbox)

    _ok(desktop, "sync", "--until-done", server=sandbox)  # was: "deleted on the server; restore"

    assert _ok(desktop, "attention").startswith("Nothing needs attention")
    # One entry, with the laptop's description and the desktop's end (10:30 Berlin).
    assert _on(sandbox) == [(copy, "Planning, laptop notes", f"{DAY}T09:30:00Z")]
    assert f"{copy}  09:00–10:30 (1h 30m)  Planning, laptop notes" in _ok(
        desktop, "log", "--from", DAY, "--to", DAY
    )
    _ok(laptop, "sync", server=sandbox)
    _in_agreement(sandbox, laptop, desktop)


def test_restored_on_both_computers_it_is_one_entry(
    computers: tuple[Path, Path],
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = computers
    ref = _on_both_then_deleted_on_the_web(laptop, desktop, sandbox)
    for home in computers:
        assert run_timo(home, "sync", server=sandbox).returncode == EXIT_WAITING
    copies = {_restored(home, ref) for home in computers}

    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", "--until-done", server=sandbox)
    _ok(laptop, "sync", server=sandbox)

    [copy] = copies
    assert _on(sandbox) == [(copy, "Planning, laptop notes", f"{DAY}T09:30:00Z")]
    _in_agreement(sandbox, laptop, desktop)


@pytest.mark.parametrize(
    ("command", "said", "left"),
    [
        ("delete-anyway", "goes from the server too, their change with it", []),
        (
            "keep-their-version",
            "as changed on the other computer; your delete is dropped",
            [("Edited again", f"{DAY}T10:45:00Z")],
        ),
    ],
)
def test_a_delete_of_a_version_changed_on_the_other_computer_asks(
    computers: tuple[Path, Path],
    sandbox: SandboxHandle,
    command: str,
    said: str,
    left: list[Any],
) -> None:
    laptop, desktop = computers
    ref = _added(laptop, "Stand-up", "11:00", "11:30")
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)
    _ok(desktop, "edit", ref, "--end", "11:45", "--description", "Edited again")
    _ok(laptop, "delete", ref)  # the older version
    _ok(desktop, "sync", server=sandbox)

    asked = run_timo(laptop, "sync", server=sandbox)

    words = (
        "This entry was changed on another computer since you deleted it; delete it anyway"
        " or keep their version."
    )
    assert asked.returncode == EXIT_WAITING, asked.stdout + asked.stderr
    # Under its reference, wrapped to 80 columns.
    assert f"\n  {ref}  {' '.join(words.split()[:4])}" in asked.stdout
    assert f"{ref} {words}" in " ".join(asked.stdout.split())
    listed = _ok(laptop, "attention")
    assert f"timo delete-anyway {ref}" in listed and f"timo keep-their-version {ref}" in listed
    for other in ("keep-mine", "keep-theirs", "restore", "retry"):
        refused = run_timo(laptop, other, ref)
        assert refused.returncode == 1 and refused.stderr.endswith(
            f"; it waits for another decision: `timo delete-anyway {ref}` or"
            f" `timo keep-their-version {ref}`\n"
        ), refused.stderr
    assert [(d, end) for _ref, d, end in _on(sandbox)] == [("Edited again", f"{DAY}T10:45:00Z")]

    assert said in _ok(laptop, command, ref)
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)

    assert [(d, end) for _ref, d, end in _on(sandbox)] == left
    assert _ok(laptop, "attention").startswith("Nothing needs attention")
    _in_agreement(sandbox, laptop, desktop)


def test_an_edit_refused_for_the_lock_date_goes_once_the_lock_is_lifted(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    day = "2026-01-07"
    ref = _added(timo_home, "Wed", "09:00", "10:00", day)
    _ok(timo_home, "sync", server=sandbox)
    _ok(timo_home, "edit", ref, "--description", "Wed edited unsent")
    sandbox.set_workspace(lock_date="2026-01-10")
    assert run_timo(timo_home, "sync", server=sandbox).returncode == EXIT_WAITING

    sandbox.set_workspace(lock_date=None)
    synced = _ok(timo_home, "sync", server=sandbox)

    assert synced == "Sent 1, received 0. All synced\n"
    assert _on(sandbox, day) == [(ref, "Wed edited unsent", f"{day}T09:00:00Z")]
    assert _ok(timo_home, "attention").startswith("Nothing needs attention")
    _ok(timo_home, "edit", ref, "--description", "Wed edited again")  # editable again
    _ok(timo_home, "sync", server=sandbox)
    assert _on(sandbox, day) == [(ref, "Wed edited again", f"{day}T09:00:00Z")]


def test_a_delete_taken_back_before_it_was_sent_leaves_the_entry_synced(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    ref = _added(timo_home, "Undo me", "09:00", "10:00")
    _ok(timo_home, "sync", server=sandbox)
    _ok(timo_home, "delete", ref)
    _ok(timo_home, "undo")

    assert _ok(timo_home, "sync", server=sandbox) == "Sent 0, received 0. All synced\n"

    [line] = [
        line
        for line in _ok(timo_home, "log", "--from", DAY, "--to", DAY).splitlines()
        if ref in line
    ]
    assert line.endswith("Undo me")  # was: "Undo me  (pending)" for good
    _in_agreement(sandbox, timo_home)
