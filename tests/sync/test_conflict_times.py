"""A time changed on both sides is told as a time of day in the zone times are read in,
never as the API's UTC text; dated only when not on the entry's own working day, which
is shown with it (not by today: a month-old entry's end read `2026-01-05 10:15`)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, edit_on_server, slot
from timo_desktop.core.local_time import at_local, local
from timo_desktop.services.tracker import Tracker


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


def test_times_on_the_entrys_day_are_times_of_day(timo: Timo, sandbox: SandboxHandle) -> None:
    start = slot(1)[0]  # a month ago, 01:20 or 02:20 in Berlin: all of it that day
    theirs, ours = _both_moved_the_end(timo, sandbox, start)
    [item] = timo.tracker.sync_attention()
    assert item.kind == "conflict"
    assert item.message == (  # was: end “2026-11-26T14:50:00Z” (yours: “2026-11-26T14:45:00Z”)
        "Changed on the server while you edited it: "
        f"end {local(theirs, ZONE):%H:%M} (yours: {local(ours, ZONE):%H:%M})."
    )


def test_times_past_the_entrys_day_carry_their_date(timo: Timo, sandbox: SandboxHandle) -> None:
    day = (datetime.now(UTC) - timedelta(days=31)).date()
    start = at_local(day, time(23, 30), ZONE)  # its ends, 00:15 and 00:20, the next date's
    theirs, ours = _both_moved_the_end(timo, sandbox, start)
    [item] = timo.tracker.sync_attention()
    assert item.message == (
        "Changed on the server while you edited it: "
        f"end {local(theirs, ZONE):%Y-%m-%d %H:%M} (yours: {local(ours, ZONE):%Y-%m-%d %H:%M})."
    )
    assert local(theirs, ZONE).date() == day + timedelta(days=1)


def test_times_are_dated_beside_the_working_day(timo: Timo, sandbox: SandboxHandle) -> None:
    """With days beginning at 04:00 (`day.start_of_day`), 01:00–01:40 belongs to the day
    before, and is shown under it with its date (`Mon …  Tue 2026-01-06 01:00–01:50`):
    its ends carry that date too."""
    day = (datetime.now(UTC) - timedelta(days=32)).date()
    theirs, ours = _both_moved_the_end(timo, sandbox, at_local(day, time(1), ZONE))
    nights = Tracker(timo.tracker.store, zone=ZONE, start_of_day=time(4))
    [item] = nights.sync_attention()
    assert item.entry is not None and nights.day_of(item.entry) == day - timedelta(days=1)
    assert item.message == (
        "Changed on the server while you edited it: "
        f"end {day} {local(theirs, ZONE):%H:%M} (yours: {day} {local(ours, ZONE):%H:%M})."
    )
