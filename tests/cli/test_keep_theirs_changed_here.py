"""`timo keep-theirs` of a question a database from before left on a field changed here
since: the entry keeps that change, and keep-theirs says so, as Restore does refusing it,
instead of naming the server's value as kept (in-process, on the real database file)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from tests.support.cli import ZONE
from timo_desktop.cli import run_cli
from timo_desktop.core.local_time import at_local, to_text
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import sync_state
from timo_desktop.store.outbox import Op

DAY = date(2026, 1, 5)


def test_keep_theirs_says_a_field_changed_here_since_is_kept_as_it_is(
    timo_home: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["config", "set", "day.time_zone", ZONE]) == 0, capsys.readouterr().err
    start = at_local(DAY, time(9), ZONE)
    tracker = Tracker.open(resolve().database, zone=ZONE)
    try:
        entry = tracker.add("Web words", start, start + timedelta(minutes=15))
        ref = entry.client_ref
        with tracker.store.write() as tx:
            # Asked before the end was changed here to 10:50, and left (a database from
            # before such a change settled its question); the description's still stands.
            now = to_text(tracker.clock())
            theirs, yours = (to_text(start + timedelta(minutes=m)) for m in (15, 90))
            sync_state.add_conflict(tx.connection, ref, "end", yours, theirs, now)
            sync_state.add_conflict(tx.connection, ref, "description", "Mine", "Web words", now)
            edited = entry.changed(tracker.clock(), end=start + timedelta(minutes=110))
            tx.save(edited, Op.UPDATE, tracker.clock())
    finally:
        tracker.close()
    capsys.readouterr()

    assert run_cli(["keep-theirs", ref[:8]]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == (
        f"Kept the server's description “Web words” on 'Web words' [{ref[:8]}], not yours"
        " (description “Mine”); its end was changed here since the server's value replaced"
        " yours, so that is kept\n"
    )
    tracker = Tracker.open(resolve().database, zone=ZONE)
    try:
        assert tracker.get(ref).end == start + timedelta(minutes=110)
        assert sync_state.conflicts(tracker.store.connection, ref) == []
    finally:
        tracker.close()
