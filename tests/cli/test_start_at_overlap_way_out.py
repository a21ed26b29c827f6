"""`timo start --at` (or `continue --at`) inside time other entries hold is refused, as
timer-made entries never overlap, even where the workspace allows overlaps: the refusal
said only what it overlapped, with no way out. It now names the earliest `--at` that fits,
which starts the timer where the last of them ends, and `timo add` for a finished stretch.
The real CLI on a real database."""

from __future__ import annotations

import json
import re
import shlex

from tests.cli.conftest import Timo, as_json
from timo_desktop.core.local_time import from_text
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.database import WORKSPACE_RULES_KEY

WAY_OUT = re.compile(
    r": a timer never overlaps other entries, so start it at .+ or later \(--at (.+)\),"
    r" or record time that overlaps as a finished entry with timo add\n$"
)


def test_a_timer_started_inside_other_time_says_the_earliest_start_that_fits(
    timo: Timo,
) -> None:
    tracker = Tracker.open(resolve().ensure().database)
    try:
        with tracker.store.write() as tx:  # as the workspace's rules are synced in
            tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
    finally:
        tracker.close()
    added = timo("add", "Design review", "--start", "45m ago", "--end", "10m ago")
    assert added.returncode == 0, added.stderr
    ref = added.stdout.split("[")[-1].split("]")[0]

    refused = timo("start", "Homepage layout", "--at", "30m ago")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("timo: overlaps 'Design review' ")
    way_out = WAY_OUT.search(refused.stderr)
    assert way_out is not None, refused.stderr
    [at] = shlex.split(way_out[1])

    # Both ways it names: a finished stretch added over it, a timer from where it ends.
    finished = timo("add", "Homepage layout", "--start", "30m ago", "--end", "20m ago")
    assert finished.returncode == 0, finished.stderr
    started = timo("start", "Homepage layout", "--at", at)
    assert started.returncode == 0, started.stderr
    running = as_json(timo("status", "--json"))["running"]  # type: ignore[index]
    tracker = Tracker.open(resolve().database)
    try:  # from the review's end, seconds and all: nothing overlaps, nothing is left out
        assert from_text(running["start"]) == tracker.get(ref).end
    finally:
        tracker.close()
