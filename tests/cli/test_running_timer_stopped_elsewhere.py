"""`timo sync` on a computer whose running timer Vmoox stopped for a newer one started on
another (two TIMO_HOMEs, the same user, the real sandbox): it says so in plain words, and
`timo keep-theirs` is the OK that lets it go; one deleted on the web while it ran is
said too, and `timo restore` brings it back; of one stopped on Vmoox at an earlier time,
`timo restore` adds the time it ran on here. `timo status` says what became of it (it said
only "No timer is running") until then, and its `--json` lists it under
`stopped_elsewhere` (it had only `running`) without taking it from the text. Real `timo`
processes."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.cli.test_timers_on_two_computers import _ok, _words
from tests.support.cli import ZONE, run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import delete_on_server, edit_on_server, server_entries
from timo_desktop.core.local_time import describe_instant, from_text, local_day, to_text


def _status_json(home: Path) -> dict[str, Any]:
    status: dict[str, Any] = json.loads(_ok(home, "status", "--json"))
    return status


def test_timo_sync_says_a_running_timer_was_stopped_for_the_other_computers(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = timo_home, tmp_path / "desktop"
    for home in (laptop, desktop):
        _ok(home, "sync", server=sandbox)  # the projects, by name
    _ok(laptop, "start", "Design", "--project", "website", "--at", "30m ago")
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)
    _ok(desktop, "start", "Call", "--project", "Internal", "--at", "10m ago")
    _ok(desktop, "sync", server=sandbox)

    synced = _words(run_timo(laptop, "sync", server=sandbox).stdout)

    entries = {e["description"]: e for e in server_entries(sandbox)}
    older, newer = entries["Design"], entries["Call"]
    began = from_text(str(newer["start"]))
    day = local_day(from_text(str(older["start"])), ZONE)
    at = describe_instant(began, ZONE, relative_to=day)
    assert f"“Design” stopped at {at}, when you started “Call” on another device." in synced
    ref = str(older["client_ref"])[:8]
    assert f"timo keep-theirs {ref}" in synced
    read_by_a_script = _status_json(laptop)
    assert read_by_a_script["running"]["description"] == "Call"
    [stop] = read_by_a_script["stopped_elsewhere"]
    assert stop["kind"] == "stopped-running"
    assert (
        stop["message"] == f"“Design” stopped at {at}, when you started “Call” on another device."
    )
    assert stop["entry"]["client_ref"] == older["client_ref"]
    assert stop["entry"]["end"] == newer["start"]
    assert [fix["command"] for fix in stop["fixes"]] == [f"timo keep-theirs {ref}"]
    # The script read it, the person has not: the text still tells it.
    status = _ok(laptop, "status").splitlines()
    assert status[0].startswith("Running 'Call'")
    assert _words("\n".join(status[1:])) == (
        f"“Design” stopped at {at}, when you started “Call” on another device;"
        " see `timo attention`."
    )

    assert _words(_ok(laptop, "keep-theirs", ref)).endswith("stays stopped")
    assert "stopped at" not in _words(_ok(laptop, "sync", server=sandbox))
    assert len(_ok(laptop, "status").splitlines()) == 1  # read: said no more
    assert _status_json(laptop)["stopped_elsewhere"] == []


def test_timo_sync_says_a_running_timer_was_deleted_on_the_web_and_restore_brings_it_back(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _ok(timo_home, "sync", server=sandbox)  # the projects, by name
    _ok(timo_home, "start", "Review", "--project", "website", "--at", "30m ago")
    _ok(timo_home, "sync", server=sandbox)
    [entry] = [e for e in server_entries(sandbox) if e["description"] == "Review"]
    delete_on_server(sandbox, str(entry["client_ref"]))

    # It went without a word: "Sent 0, received 1. All synced".
    synced = _words(_ok(timo_home, "sync", server=sandbox))
    ref = str(entry["client_ref"])[:8]
    assert "1 timer running here was deleted in Vmoox" in synced
    assert "“Review” was deleted in Vmoox while it ran here." in synced
    assert f"timo restore {ref}" in synced and f"timo keep-theirs {ref}" in synced
    status = _status_json(timo_home)
    assert status["running"] is None
    [gone] = status["stopped_elsewhere"]
    assert gone["kind"] == "deleted-running"
    assert gone["message"] == "“Review” was deleted in Vmoox while it ran here."
    assert gone["entry"]["client_ref"] == entry["client_ref"]
    assert [fix["command"] for fix in gone["fixes"]] == [
        f"timo restore {ref}",
        f"timo keep-theirs {ref}",
    ]
    assert _words(_ok(timo_home, "status")) == (
        "No timer is running. “Review” was deleted in Vmoox while it ran here;"
        " see `timo attention`."
    )

    assert _words(_ok(timo_home, "restore", ref)).startswith("Restored 'Review'")
    assert _ok(timo_home, "status") == "No timer is running.\n"
    assert _status_json(timo_home) == {"running": None, "stopped_elsewhere": []}
    _ok(timo_home, "sync", server=sandbox)
    [back] = [e for e in server_entries(sandbox) if e["description"] == "Review"]
    assert back["start"] == entry["start"] and back["end"] is not None


def test_timo_sync_says_a_running_timer_was_stopped_earlier_and_restore_adds_the_time_back(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _ok(timo_home, "sync", server=sandbox)  # the projects, by name
    _ok(timo_home, "start", "Review", "--project", "website", "--at", "2h ago")
    _ok(timo_home, "sync", server=sandbox)
    [entry] = [e for e in server_entries(sandbox) if e["description"] == "Review"]
    end = from_text(str(entry["start"])) + timedelta(hours=1)
    edit_on_server(sandbox, str(entry["client_ref"]), {"end": to_text(end)})

    # It went without a word: "Sent 0, received 1. All synced", the hour since gone.
    synced = _words(_ok(timo_home, "sync", server=sandbox))
    ref = str(entry["client_ref"])[:8]
    day = local_day(from_text(str(entry["start"])), ZONE)
    stopped = f"“Review” was stopped on Vmoox at {describe_instant(end, ZONE, relative_to=day)}"
    assert "1 timer running here was stopped earlier in Vmoox" in synced
    assert f"{stopped} while it ran here until " in synced
    assert f"timo restore {ref}" in synced and f"timo keep-theirs {ref}" in synced
    status = _status_json(timo_home)
    assert status["running"] is None
    [early] = status["stopped_elsewhere"]
    assert early["kind"] == "stopped-early" and early["message"].startswith(stopped)
    assert early["entry"]["end"] == to_text(end)
    assert [fix["command"] for fix in early["fixes"]] == [
        f"timo restore {ref}",
        f"timo keep-theirs {ref}",
    ]
    told = _words(_ok(timo_home, "status"))
    assert told.startswith(f"No timer is running. {stopped} while it ran here until ")
    assert told.endswith("; see `timo attention`.")

    assert _words(_ok(timo_home, "restore", ref)).startswith("Added 'Review'")
    assert _status_json(timo_home) == {"running": None, "stopped_elsewhere": []}
    _ok(timo_home, "sync", server=sandbox)
    kept, added = sorted(
        (e for e in server_entries(sandbox) if e["description"] == "Review"),
        key=lambda e: str(e["start"]),
    )
    assert (kept["start"], kept["end"]) == (entry["start"], to_text(end))
    assert added["start"] == to_text(end) and added["end"] is not None  # the time after only
