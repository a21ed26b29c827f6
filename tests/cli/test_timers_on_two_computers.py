"""One person on two computers (two TIMO_HOMEs signed in as the same user), one running
timer: when two run, the newer keeps running and the older stops at the newer's start,
told in plain words, and `timo keep-mine` asks before it puts back an end that overlaps
the newer timer. Real `timo` processes against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.cli import ZONE, run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries, server_entry
from timo_desktop.core.local_time import clock_range, describe_instant, from_text, local_day
from timo_desktop.store import sync_state
from timo_desktop.store.database import Store


def _ok(home: Path, *args: str, server: SandboxHandle | None = None) -> str:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _words(text: str) -> str:
    """Output as one line: long lines may be wrapped to the terminal."""
    return " ".join(text.split())


def _on_server(sandbox: SandboxHandle, description: str) -> dict[str, object]:
    [found] = [e for e in server_entries(sandbox) if e["description"] == description]
    return found


def _shown(instant: str, start: str) -> str:
    """A stored time as the lists show it beside the entry's working day."""
    day = local_day(from_text(start), ZONE)
    return describe_instant(from_text(instant), ZONE, relative_to=day)


def _yours(home: Path) -> str:
    """The end the person had here, which the stop for the newer timer replaced."""
    with Store.open(home / "data" / "timo.sqlite3") as store:
        [conflict] = sync_state.conflicts(store.connection)
    assert conflict.field == "end"
    return str(conflict.local_value)


def _two_computers(laptop: Path, desktop: Path, sandbox: SandboxHandle) -> None:
    for home in (laptop, desktop):
        _ok(home, "sync", server=sandbox)  # the projects, by name


def test_a_timer_never_synced_while_it_ran_stops_where_the_other_computers_began(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = timo_home, tmp_path / "desktop"
    _two_computers(laptop, desktop, sandbox)
    _ok(laptop, "start", "L4", "--project", "website", "--at", "12m ago")  # no sync
    _ok(desktop, "start", "D4", "--project", "shop", "--at", "8m ago")
    _ok(desktop, "sync", server=sandbox)
    _ok(laptop, "stop", "--at", "2m ago")

    synced = _words(_ok(laptop, "sync", server=sandbox))

    older, newer = _on_server(sandbox, "L4"), _on_server(sandbox, "D4")
    assert older["end"] == newer["start"] and newer["end"] is None  # billed once
    began, start, yours = str(newer["start"]), str(older["start"]), _yours(laptop)
    ref = str(older["client_ref"])[:8]
    # Counted as the stop Needs attention lists, not as a change made on the server.
    stopped = "1 timer was stopped for a newer one on another device"
    assert synced.startswith(f"Sent 1, received 1. {stopped}")
    status = _ok(laptop, "sync", "status", server=sandbox).splitlines()
    assert status[:2] == [stopped, "Entries waiting to sync: 0  Needs attention: 0"]
    assert (
        f"“L4” stopped at {_shown(began, start)}, when you started “D4” on another device"
        f" (you stopped it here at {_shown(yours, start)})."
    ) in synced
    assert (
        f"timo keep-mine {ref} puts your end back (overlaps 'D4' {_shown(began, start)}–now)"
    ) in synced
    assert f"timo keep-theirs {ref} keeps it stopped there (you have read this)" in synced
    listed = _words(_ok(laptop, "attention"))
    assert listed.startswith("Sync needs your decision:") and "“L4” stopped at" in listed
    assert "Overlaps" not in listed

    kept = _words(_ok(laptop, "keep-theirs", ref))
    today = datetime.now(UTC)  # what `keep-theirs` says its values beside
    assert kept.startswith(
        f"Kept the end {describe_instant(from_text(began), ZONE, relative_to=today)} on 'L4'"
    )
    assert _words(_ok(laptop, "attention")).startswith("Nothing needs attention")
    assert _ok(laptop, "sync", server=sandbox).startswith("Sent 0, received 0. All synced\n")


def test_time_added_by_hand_on_the_other_computer_stops_no_timer(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    """A call added by hand on the desktop, inside a timer that ran on the laptop before it
    was sent: Vmoox never had it running, so it stopped nothing; the laptop's timer keeps
    every minute it ran and the two are an overlap, not a stop."""
    laptop, desktop = timo_home, tmp_path / "desktop"
    _two_computers(laptop, desktop, sandbox)
    _ok(laptop, "start", "L5", "--project", "website", "--at", "50m ago")  # no sync
    _ok(laptop, "stop", "--at", "5m ago")
    _ok(desktop, "add", "Call", "--start", "40m ago", "--end", "30m ago")
    _ok(desktop, "sync", server=sandbox)

    synced = _words(_ok(laptop, "sync", server=sandbox))

    ran, call = _on_server(sandbox, "L5"), _on_server(sandbox, "Call")
    with Store.open(laptop / "data" / "timo.sqlite3") as store:
        here = store.get(str(ran["client_ref"]))
    assert here is not None and here.end is not None
    assert from_text(str(ran["end"])) == here.end  # where it was stopped, ~45 minutes on
    assert from_text(str(ran["end"])) - from_text(str(ran["start"])) > timedelta(minutes=44)
    assert call["end"] is not None
    assert "stopped at" not in synced and "another device" not in synced
    with Store.open(laptop / "data" / "timo.sqlite3") as store:
        assert sync_state.conflicts(store.connection) == []


def test_switching_on_the_other_computer_is_no_edit_conflict_and_keep_mine_asks(
    timo_home: Path,
    tmp_path: Path,
    sandbox: SandboxHandle,
) -> None:
    laptop, desktop = timo_home, tmp_path / "desktop"
    _two_computers(laptop, desktop, sandbox)
    _ok(laptop, "start", "Design K", "--project", "website", "--at", "12m ago")
    _ok(laptop, "sync", server=sandbox)
    _ok(desktop, "sync", server=sandbox)
    _ok(desktop, "start", "Meeting K", "--project", "Internal", "--at", "8m ago")
    _ok(desktop, "sync", server=sandbox)
    _ok(laptop, "stop", "--at", "2m ago")

    synced = _words(_ok(laptop, "sync", server=sandbox))

    older, newer = _on_server(sandbox, "Design K"), _on_server(sandbox, "Meeting K")
    began, start, yours = str(newer["start"]), str(older["start"]), _yours(laptop)
    ref = str(older["client_ref"])[:8]
    assert older["end"] == began  # the server's end stands
    assert "Changed on the server while you edited it" not in synced
    assert (
        f"“Design K” stopped at {_shown(began, start)}, when you started “Meeting K” on"
        f" another device (you stopped it here at {_shown(yours, start)})."
    ) in synced

    # Yours back would overlap the newer timer: asked first (the demo workspace allows
    # overlaps), refused where the workspace does not allow them.
    asked = run_timo(laptop, "keep-mine", ref)
    assert asked.returncode != 0
    span = clock_range(from_text(start), from_text(yours), ZONE)
    overlap = (
        f"with your end back, “Design K” {span} overlaps 'Meeting K' {_shown(began, start)}–now"
    )
    assert _words(asked.stderr) == (
        f"timo: {overlap}: `timo keep-mine {ref} --keep-both` keeps both, or"
        f" `timo keep-theirs {ref}` keeps it stopped"
    )
    sandbox.set_workspace(allow_overlap=False)
    _ok(laptop, "sync", server=sandbox)  # brings the workspace's rules
    refused = run_timo(laptop, "keep-mine", ref, "end", "--keep-both")
    assert refused.returncode != 0
    assert _words(refused.stderr) == (
        f"timo: {overlap}, which Northwind Agency does not allow;"
        f" `timo keep-theirs {ref}` keeps it stopped"
    )
    assert server_entry(sandbox, str(older["client_ref"]))["end"] == began

    sandbox.set_workspace(allow_overlap=True)
    _ok(laptop, "sync", server=sandbox)
    put_back = _words(_ok(laptop, "keep-mine", ref, "--keep-both"))
    today = datetime.now(UTC)  # what `keep-mine` says its values beside
    assert put_back.startswith(
        f"Put back your end {describe_instant(from_text(yours), ZONE, relative_to=today)}"
        " on 'Design K'"
    )
    assert f"which now overlaps 'Meeting K' {_shown(began, start)}–now;" in put_back
    _ok(laptop, "sync", server=sandbox)
    assert server_entry(sandbox, str(older["client_ref"]))["end"] == yours
