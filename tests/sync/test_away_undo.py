"""Taking back an away answer after sync pushed it: the server ends up as if it had never
been given (the timer running again, the copy and the booked time gone)."""

from __future__ import annotations

from datetime import timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    Timo,
    assert_in_agreement,
    server_entries,
    server_entry,
)
from timo_desktop.core.local_time import utc_now
from timo_desktop.core.presence import Away, AwayCause, AwayChoice, RunningEntry, resolve_away
from timo_desktop.services.presence import apply_away, undo_away


def test_an_answer_taken_back_after_it_synced(timo: Timo, sandbox: SandboxHandle) -> None:
    now = utc_now().replace(microsecond=0)
    before = timo.tracker.start("Homepage layout", target=PROJECT).started
    assert before is not None
    before = timo.tracker.edit(before.client_ref, start=now - timedelta(hours=1))
    timo.engine.sync()
    away = Away(now - timedelta(minutes=40), now - timedelta(minutes=5), AwayCause.IDLE)
    edits = resolve_away(
        AwayChoice.ASSIGN,
        away,
        RunningEntry(before.client_ref, before.start),
        PROJECT,
    )
    written = apply_away(timo.tracker, edits)
    timo.engine.sync()
    assert server_entry(sandbox, before.client_ref)["end"] is not None

    undo_away(timo.tracker, before, written)
    timo.engine.sync()
    assert server_entry(sandbox, before.client_ref)["end"] is None  # running again there too
    live = {entry["client_ref"] for entry in server_entries(sandbox)}
    assert not {made.client_ref for made in written[1:]} & live  # the copy and the booking
    assert_in_agreement(timo.store, sandbox)
