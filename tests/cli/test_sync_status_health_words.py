"""`timo sync status` and `timo sync health` as people read them: one count of entries
(not "19 entries waiting to sync" over "Pending: 28", which counted changes), times in
the zone chosen in the settings rather than raw UTC, the command that settles each
finding where one does, errors on stderr, and lines that fit 80 columns. Real `timo`
processes against the sandbox, signed in through VMOOX_TOKEN."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Timo
from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import post_on_server
from timo_desktop.core.local_time import day_and_time, from_text, local
from timo_desktop.core.text_width import LINE_WIDTH, display_width

TOKYO = "Asia/Tokyo"  # not the processes' Berlin: the setting is what counts


@pytest.fixture
def online(timo_home: Path, sandbox: SandboxHandle) -> Timo:
    """`timo` signed in to the sandbox through VMOOX_TOKEN, times shown in Tokyo's."""
    run = partial(run_timo, timo_home, server=sandbox)
    assert run("config", "set", "day.time_zone", TOKYO).returncode == 0
    return run


def _ref(done: object) -> str:
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", getattr(done, "stdout", ""))
    return ref


def _said(text: str) -> str:
    """Wrapped lines read as one."""
    return " ".join(text.split())


def _fits(text: str) -> None:
    assert max(display_width(line) for line in text.splitlines()) <= LINE_WIDTH, text


def test_status_counts_entries_and_shows_the_last_sync_in_the_chosen_zone(
    online: Timo,
) -> None:
    refs = []
    for hour in ("09:00", "10:00", "11:00"):
        refs.append(_ref(online("add", "Work", "--date", "2026-01-05", "-s", hour, "-d", "30m")))
    online("edit", refs[0], "--description", "Planning")
    online("edit", refs[0], "--tag", "call")
    waiting = online("sync", "status")
    assert waiting.stdout.splitlines()[:2] == [
        "3 entries waiting to sync",
        "Entries waiting to sync: 3  Needs attention: 0",
    ]
    counts = json.loads(online("sync", "status", "--json").stdout)
    assert counts["pending_entries"] == 3 and counts["pending"] > 3  # changes, for scripts

    assert online("sync").returncode == 0
    synced = online("sync", "status")
    last = json.loads(online("sync", "status", "--json").stdout)["last_success"]
    wall = local(from_text(last), TOKYO)
    assert synced.stdout.splitlines()[:3] == [
        "All synced",
        "Entries waiting to sync: 0  Needs attention: 0",
        synced.stdout.splitlines()[2],
    ]
    # Today in Tokyo, a time of day; just after its midnight, with the date.
    assert synced.stdout.splitlines()[2] in (
        f"Last synced: {wall:%H:%M}",
        f"Last synced: {wall.date()} {wall:%H:%M}",
    )


def test_health_shows_local_times_and_the_command_for_each_finding(
    online: Timo, sandbox: SandboxHandle
) -> None:
    yesterday = datetime.now(ZoneInfo(TOKYO)).date() - timedelta(days=1)
    sandbox.set_workspace(allow_overlap=True)  # so the same work can be there twice
    assert online("sync").returncode == 0  # the projects
    mine = _ref(
        online("add", "Twice", "--date", yesterday.isoformat(), "-s", "09:00", "-d", "30m",
               "--project", "Acme website relaunch")
    )  # fmt: skip
    assert online("sync").returncode == 0
    at_nine = datetime.combine(yesterday, time(9), ZoneInfo(TOKYO)).astimezone(UTC)
    twin = post_on_server(sandbox, "Twice", at_nine)  # the same work, entered on the web
    assert online("sync").returncode == 0  # brought here: both copies are here
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=5)
    web = post_on_server(sandbox, "Made on the web", start)
    added = online(
        "add", "Not sent yet", "--date", yesterday.isoformat(), "-s", "11:00", "-d", "1h"
    )
    unsent = _ref(added)

    done = online("sync", "health")
    assert done.returncode == 0, done.stderr
    _fits(done.stdout)
    assert not re.search(r"\d{4}-\d\d-\d\dT", done.stdout)  # no raw UTC
    said = _said(done.stdout)
    when = day_and_time(local(start, TOKYO))
    assert (
        f"{when} 'Made on the web' [{web[:8]}]: Only on Vmoox: Download in Sync health"
        " brings it here"
    ) in said
    assert f"'Not sent yet' [{unsent}]: Waiting to sync: `timo sync` sends it" in said
    kept, copy = sorted([mine, twin[:8]])
    assert f"[{kept}, {copy}]: Likely duplicates: `timo delete {copy}` keeps one" in said
    assert done.stdout.splitlines()[-1] == (
        "Sync health is in the Timo window: ☰ › Sync health… (Ctrl+Shift+H)."
    )
    assert "Download it from Vmoox" not in said  # the window's button, with no place


def test_health_without_a_workspace_says_so_on_stderr(online: Timo, sandbox: SandboxHandle) -> None:
    sandbox.set_membership(status="revoked")
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    done = online("sync", "health")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "timo: this account tracks into no workspace; nothing to compare\n"
