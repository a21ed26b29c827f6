"""A time changed on both sides is told as a time of day in the zone times are read in,
with its date when not today, never as the API's UTC text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, edit_on_server, slot
from timo_desktop.core.local_time import local
from timo_desktop.sync.attention import needs_attention


def _both_moved_the_end(
    timo: Timo, sandbox: SandboxHandle, start: datetime
) -> tuple[datetime, datetime]:
    """An entry whose end the web moved 10 minutes later and this computer 5 minutes."""
    entry = timo.tracker.add("Call", start, start + timedelta(minutes=40), target=PROJECT)
    timo.engine.sync()
    theirs, ours = start + timedelta(minutes=50), start + timedelta(minutes=45)
    edit_on_server(sandbox, entry.client_ref, {"end": theirs.strftime("%Y-%m-%dT%H:%M:%SZ")})
    timo.tracker.edit(entry.client_ref, end=ours)
    assert timo.engine.sync_until_done(timeout=60).conflicts == 1
    return theirs, ours


def test_todays_times_are_times_of_day(timo: Timo, sandbox: SandboxHandle) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=3)
    theirs, ours = _both_moved_the_end(timo, sandbox, start)
    [item] = needs_attention(timo.store, ZONE, now=theirs)  # the same day, wherever it ends
    assert item.kind == "conflict"
    assert item.message == (  # was: end “2026-11-26T14:50:00Z” (yours: “2026-11-26T14:45:00Z”)
        "Changed on the server while you edited it: "
        f"end {local(theirs, ZONE):%H:%M} (yours: {local(ours, ZONE):%H:%M})."
    )


def test_another_days_times_carry_their_date(timo: Timo, sandbox: SandboxHandle) -> None:
    theirs, ours = _both_moved_the_end(timo, sandbox, slot(1)[0])
    [item] = timo.tracker.sync_attention()  # in the tracker's zone, a month later
    assert item.message == (
        "Changed on the server while you edited it: "
        f"end {local(theirs, ZONE):%Y-%m-%d %H:%M} (yours: {local(ours, ZONE):%Y-%m-%d %H:%M})."
    )
