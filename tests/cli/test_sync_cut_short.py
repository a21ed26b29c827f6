"""A round that stopped before its end is no all-clear, even with nothing to send: Vmoox
not asked (a 503 on `/v1/me`) or its changes not fetched (a 503 on the changes feed)
leave an entry made on the server missing here, so `timo sync` says "Not synced: …" and
exits 1, and `timo sync status` says the same; the next round that runs to its end says
"All synced". Real `timo` processes against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.test_timers_on_two_computers import _ok, _words
from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import post_on_server

CUT_SHORT = "Not synced: Fault injected by the sandbox."


@pytest.mark.parametrize("path", ["/v1/me", "/v1/workspaces/*/time-entries/changes"])
def test_a_round_cut_short_with_nothing_to_send_says_not_synced_and_exits_1(
    timo_home: Path,
    sandbox: SandboxHandle,
    path: str,
) -> None:
    _ok(timo_home, "sync", server=sandbox)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    post_on_server(sandbox, "Made on the web", start)
    sandbox.add_fault(path, "status", status=503)  # every try of the round

    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 1, done.stdout  # was 0
    said = _words(done.stdout)
    assert said.startswith(f"Sent 0, nothing fetched. {CUT_SHORT}"), said  # was "All synced"
    assert "Last problem: Fault injected by the sandbox. (service-unavailable" in said
    assert "Next try in " in said
    status = run_timo(timo_home, "sync", "status", server=sandbox).stdout
    assert status.splitlines()[0] == CUT_SHORT, status

    sandbox.clear_faults()  # the entry made on the server comes only now
    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("Sent 0, received 1.") and done.stdout.endswith(". All synced\n")
    status = run_timo(timo_home, "sync", "status", server=sandbox).stdout
    assert status.splitlines()[0] == "All synced" and "Last problem" not in status
