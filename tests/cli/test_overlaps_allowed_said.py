"""In a workspace that allows overlaps, `timo add` and `timo edit` kept overlapping time
without a word, where the window asks first ("Keep both"): they now name what it overlaps.
The real CLI on a real database."""

from __future__ import annotations

import json
from datetime import date, time

from tests.cli.conftest import Timo
from tests.support.cli import ZONE
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.database import WORKSPACE_RULES_KEY

DAY = date(2025, 3, 3)


def test_overlapping_time_kept_where_allowed_is_said(timo: Timo) -> None:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    try:
        with tracker.store.write() as tx:  # as the workspace's rules are synced in
            tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))
        tracker.add("Review", at_local(DAY, time(9), ZONE), at_local(DAY, time(10), ZONE))
    finally:
        tracker.close()
    added = timo("add", "Call", "--date", "2025-03-03", "--start", "09:30", "--end", "10:30")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[1] == (
        "Overlaps 'Review' 09:00–10:00: this workspace allows overlaps, so both are kept."
    )
    ref = added.stdout.split("[")[-1].split("]")[0]
    clear = timo("edit", ref, "--start", "2025-03-03 10:00")
    assert clear.returncode == 0, clear.stderr
    assert len(clear.stdout.splitlines()) == 1  # clear of it now: nothing more said
    again = timo("edit", ref, "--start", "2025-03-03 08:00")
    assert again.stdout.splitlines()[1] == (
        "Overlaps 'Review' 09:00–10:00: this workspace allows overlaps, so both are kept."
    )
