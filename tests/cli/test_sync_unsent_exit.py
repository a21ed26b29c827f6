"""`timo sync` exits 0 only when everything is sent: entries waiting out a retry after a
problem exit 1 and say when they are tried again; a round that got over a problem says
none, in `timo sync status` either."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from tests.cli.test_timers_on_two_computers import _words
from tests.support.cli import ZONE, run_timo
from tests.support.sandbox import SandboxHandle
from timo_desktop.core.local_time import describe_instant, from_text
from timo_desktop.store.database import Store
from timo_desktop.sync.backoff import Backoff
from timo_desktop.sync.engine import NOT_BEFORE, SyncEngine
from timo_desktop.vmoox.client import VmooxClient
from timo_desktop.vmoox.tokens import StaticToken

BATCH = "/v1/workspaces/*/time-entries:batch"


def _add(home: Path, description: str) -> None:
    done = run_timo(
        home, "add", description, "--date", "2026-01-05", "--start", "09:00", "-d", "30m"
    )
    assert done.returncode == 0, done.stderr


def _failed_round(home: Path, sandbox: SandboxHandle) -> None:
    """A round whose batch got a 503: the entry waits a few minutes to be tried again."""
    sandbox.add_fault(BATCH, "status", status=503, times=1)
    with (
        Store.open(home / "data" / "timo.sqlite3") as store,
        VmooxClient(sandbox.base_url, StaticToken(sandbox.token)) as client,
    ):
        engine = SyncEngine(
            store,
            client,
            default_workspace=sandbox.workspace_id,
            backoff=Backoff(base=300, cap=300, rng=random.Random(7)),  # 97 s, drawn
        )
        assert engine.sync().pending == 1


def test_entries_waiting_out_a_retry_exit_1_and_say_when_the_next_try_is(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _add(timo_home, "Tried again later")
    _failed_round(timo_home, sandbox)

    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 1, done.stdout  # was 0, "all sent"
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Sent 0, received 0. 1 entry waiting to sync")
    assert re.fullmatch(
        r"Next try in (1|2) min; `timo sync --until-done` waits for it\.", lines[-1]
    )
    report = json.loads(run_timo(timo_home, "sync", "--json", server=sandbox).stdout)
    assert report["pending"] == 1 and report["errors"] == []
    assert 30 < report["next_try_in"] <= 97


def test_a_round_that_got_over_a_lost_answer_leaves_no_problem_behind(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _add(timo_home, "Answer lost once")
    sandbox.add_fault(BATCH, "commit_then_drop", times=1)
    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("Sent 1, received ") and done.stdout.endswith(". All synced\n")
    status = run_timo(timo_home, "sync", "status", server=sandbox)
    assert "Last problem" not in status.stdout, status.stdout
    assert status.stdout.splitlines()[0] == "All synced"


def test_vmoox_asking_to_slow_down_is_said_once(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """It was said twice, the second time as "Last problem: …"."""
    _add(timo_home, "Slowed down")
    sandbox.add_fault(BATCH, "status", status=429, retry_after=40, times=1)
    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 1, done.stdout
    said = _words(done.stdout)
    # When, not "in 40 s", which was no longer true as soon as it was read again later.
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        until = from_text(store.meta(NOT_BEFORE) or "")
    at = describe_instant(until, ZONE, relative_to=until, seconds=True)
    assert said.count(f"Vmoox asked Timo to slow down; trying again at {at}") == 1, said
    assert "Last problem" not in said


def test_the_time_of_the_next_try_is_in_the_chosen_time_zone(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """It was on this computer's clock (Berlin here) while every other time is in the
    zone chosen in the settings."""
    chosen = run_timo(timo_home, "config", "set", "day.time_zone", "Asia/Kathmandu")
    assert chosen.returncode == 0, chosen.stderr
    _add(timo_home, "Slowed down far away")
    sandbox.add_fault(BATCH, "status", status=429, retry_after=40, times=1)
    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 1, done.stdout
    with Store.open(timo_home / "data" / "timo.sqlite3") as store:
        until = from_text(store.meta(NOT_BEFORE) or "")
    at = describe_instant(until, "Asia/Kathmandu", relative_to=until, seconds=True)
    assert f"Vmoox asked Timo to slow down; trying again at {at}" in _words(done.stdout)
    status = run_timo(timo_home, "sync", "status", server=sandbox)
    assert f"trying again at {at}" in _words(status.stdout)


def test_a_server_problem_is_also_given_whole_for_support(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """The first line says the server's words; the problem's code and request id follow
    on a line of their own."""
    _add(timo_home, "Server trouble")
    sandbox.add_fault(BATCH, "status", status=503)  # each try this round
    done = run_timo(timo_home, "sync", server=sandbox)
    assert done.returncode == 1, done.stdout
    said = _words(done.stdout)
    assert said.count("Fault injected by the sandbox.") == 2, said
    assert "Last problem: Fault injected by the sandbox. (service-unavailable" in said, said


def test_a_round_stopped_before_it_fetched_says_it_fetched_nothing(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _add(timo_home, "Nothing answers")
    sandbox.add_fault("/v1/*", "status", status=503)  # every request, this round's all

    done = run_timo(timo_home, "sync", server=sandbox)

    assert done.returncode == 1, done.stdout
    # Was "Sent 0, received 0.", as if Vmoox had no changes, which it was never asked.
    assert done.stdout.startswith("Sent 0, nothing fetched. "), done.stdout
    sandbox.clear_faults()
    assert run_timo(timo_home, "sync", server=sandbox).stdout.startswith("Sent 1, received ")
