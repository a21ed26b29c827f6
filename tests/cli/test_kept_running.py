"""`timo sync` and `timo attention` for a timer stopped here whose stop Vmoox refused, its
period locked while it ran: it stays stopped here, only an admin can unlock the period,
and Timo sends the stop by itself then; what waits behind it is named, and no command
that only waits for that is offered. Real `timo` processes against the sandbox."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.cli.test_timers_on_two_computers import _ok, _words
from tests.support.cli import ZONE, run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries

WAITS = (
    "“Next thing” is not sent yet: Vmoox takes no second running timer while it keeps"
    " “Overnight” running. Timo sends it by itself once your stop of that one goes"
    " through, which waits for an admin on Vmoox."
)


def _stopped_in_a_locked_period(home: Path, sandbox: SandboxHandle) -> str:
    """A timer from late yesterday, synced running; today is locked on Vmoox (not known here
    yet), then it is stopped and synced. Its short reference."""
    sandbox.set_workspace(max_entry_seconds=2 * 86400)  # a timer may run over a day
    _ok(home, "sync", server=sandbox)  # the projects, by name
    today = datetime.now(ZoneInfo(ZONE)).date()
    late = f"{today - timedelta(days=1)} 23:00"  # after yesterday's seeded work
    _ok(home, "start", "Overnight", "--project", "website", "--at", late)
    _ok(home, "sync", server=sandbox)
    sandbox.set_workspace(lock_date=today.isoformat())
    _ok(home, "stop")
    run_timo(home, "sync", server=sandbox)
    [entry] = [e for e in server_entries(sandbox) if e["description"] == "Overnight"]
    assert entry["end"] is None  # Vmoox keeps it running
    return str(entry["client_ref"])[:8]


def test_a_stop_refused_for_a_locked_period_says_an_admin_unlocks_it_and_it_goes_by_itself(
    timo_home: Path, sandbox: SandboxHandle
) -> None:
    ref = _stopped_in_a_locked_period(timo_home, sandbox)

    listed = _words(_ok(timo_home, "attention"))

    assert (
        "It stays stopped here; an admin must unlock that period on Vmoox, and Timo then"
        " sends your stop by itself." in listed
    )
    assert "Vmoox website" not in listed and "then retry" not in listed
    assert f"timo retry {ref} sends your stop now, not waiting for Timo to send it" in listed


def test_a_timer_waiting_behind_a_kept_running_one_is_named_without_until_done(
    timo_home: Path, sandbox: SandboxHandle
) -> None:
    kept = _stopped_in_a_locked_period(timo_home, sandbox)
    _ok(timo_home, "start", "Next thing", "--project", "website")

    synced = run_timo(timo_home, "sync", server=sandbox)

    said = _words(synced.stdout)
    assert WAITS in said
    # Waiting for it would only wait for the admin: not offered.
    assert "--until-done" not in said and "Next try in" not in said
    assert "Next thing" not in {e["description"] for e in server_entries(sandbox)}
    # Nothing more Timo can do now, as for the stop it waits behind: not a failure.
    assert synced.returncode == 3, synced.stdout + synced.stderr
    again = run_timo(timo_home, "sync", "--until-done", server=sandbox)  # no waiting
    assert (again.returncode, again.stdout.startswith("Sent 0, received 0.")) == (3, True)
    status = _ok(timo_home, "sync", "status")
    assert WAITS in _words(status)
    assert "Entries waiting to sync: 1  Needs attention: 1" in status  # it, and the stop
    # A script sees it too: in neither `pending` nor `attention`, but named with what it
    # waits for.
    for args in (["sync", "--json"], ["sync", "status", "--json"]):
        listed = json.loads(run_timo(timo_home, *args, server=sandbox).stdout)
        assert [(w["description"], w["behind"][:8]) for w in listed["waiting_behind"]] == [
            ("Next thing", kept)
        ], args
