"""An entry's start and end are one value when two computers change them: merged apart,
one computer's new start with the other's new end made an entry that ended before it
started (Vmoox refused it, and neither keep-mine nor keep-theirs could settle it), or a
range neither computer had. Now the server's range stands whole and the other is offered
back whole, as any field both changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, Timo, add, assert_in_agreement, server_entry
from timo_desktop.core.local_time import to_text
from timo_desktop.sync.attention import needs_attention


def _both_moved(laptop: Timo, desktop: Timo, *, start: int, end: int) -> tuple[str, str]:
    """A 60-minute entry on both; the desktop moves its start by `start` minutes and syncs
    first, the laptop (not knowing) moves its end by `end` minutes and syncs. Returns the
    entry's client_ref and the laptop's range as it typed it."""
    entry = add(laptop, 1, "Planning")
    assert entry.end is not None
    laptop.tracker.edit(entry.client_ref, end=entry.start + timedelta(minutes=60))
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    desktop.tracker.edit(entry.client_ref, start=entry.start + timedelta(minutes=start))
    desktop.engine.sync_until_done(timeout=60)
    mine = laptop.tracker.edit(entry.client_ref, end=entry.start + timedelta(minutes=end))
    assert mine.end is not None
    laptop.engine.sync_until_done(timeout=60)
    return entry.client_ref, f"{to_text(mine.start)}–{to_text(mine.end)}"


def test_a_new_start_there_and_a_new_end_here_never_make_an_end_before_the_start(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    ref, mine = _both_moved(timo, desktop, start=35, end=15)  # 08:35 there, ends 08:15 here
    here = timo.tracker.get(ref)
    there = server_entry(sandbox, ref)
    assert here.end is not None and here.start < here.end
    assert (to_text(here.start), to_text(here.end)) == (there["start"], there["end"])
    assert here.start == desktop.tracker.get(ref).start  # the server's range, whole
    [item] = needs_attention(timo.store)
    assert {c.field for c in item.conflicts} == {"start", "end"}
    # Keep mine puts back the range as typed here, whole, and it is sent.
    timo.engine.restore_local_value(ref, "end")
    timo.engine.sync_until_done(timeout=60)
    kept = timo.tracker.get(ref)
    assert f"{to_text(kept.start)}–{to_text(kept.end)}" == mine
    desktop.engine.sync_until_done(timeout=60)
    assert_in_agreement(timo.store, sandbox)
    assert_in_agreement(desktop.store, sandbox)


def test_a_range_neither_computer_had_is_not_made_up(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    ref, _mine = _both_moved(timo, desktop, start=10, end=120)  # both valid, apart
    here = timo.tracker.get(ref)
    there = desktop.tracker.get(ref)
    assert (here.start, here.end) == (there.start, there.end)  # the server's, not a mix
    [item] = needs_attention(timo.store)
    assert {c.field for c in item.conflicts} == {"start", "end"}  # the range offered back


@pytest.mark.parametrize("stopped_first", [False, True], ids=["start moved first", "stop first"])
def test_a_timer_stopped_here_while_its_start_moved_there_keeps_both(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle, stopped_first: bool
) -> None:
    """One computer stopped the timer, the other had moved its start: a conflict in which
    the server's range stood, and "keep mine" for the start put back "end none" as well,
    setting the timer running again on both computers after it was stopped."""
    now = datetime.now(UTC).replace(microsecond=0)
    ref = timo.tracker.start("Planning", target=PROJECT, at=now - timedelta(minutes=20))
    ref = ref.started.client_ref
    timo.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    moved, stop = now - timedelta(minutes=30), now - timedelta(minutes=1)
    changes = [
        (desktop, lambda: desktop.tracker.edit(ref, start=moved)),
        (timo, lambda: timo.tracker.stop(at=stop)),
    ]
    for computer, change in reversed(changes) if stopped_first else changes:
        change()
        computer.engine.sync_until_done(timeout=60)
    timo.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    for computer in (timo, desktop):
        entry = computer.tracker.get(ref)
        assert (entry.start, entry.end) == (moved, stop)
        assert needs_attention(computer.store) == []
        assert_in_agreement(computer.store, sandbox)
    assert server_entry(sandbox, ref)["end"] == to_text(stop)
