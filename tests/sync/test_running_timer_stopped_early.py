"""A timer still running here that Vmoox stops at an earlier time (an admin, or the person
on the web), for no newer timer, is told once: it went without a word ("No timer is
running", "All synced"), and the time it ran on here past that end was gone. Needs
attention keeps it until read, offering to add that time, and only that time, as an entry
of its own, or to keep Vmoox's stop. The real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, ZONE, Timo, assert_in_agreement, edit_on_server
from timo_desktop.core.local_time import clock_range, describe_instant, local_day, to_text
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import ALL_SYNCED, read_status
from timo_desktop.ui.sync_status import summarize

EARLY = "1 timer running here was stopped earlier in Vmoox"
NOW = datetime.now(UTC).replace(microsecond=0)


def stopped_an_hour_ago(timo: Timo, sandbox: SandboxHandle) -> tuple[str, datetime, datetime]:
    """A timer started here two hours ago, synced, then stopped on Vmoox an hour ago and
    pulled: its ref, Vmoox's end, and no later than when it stopped running here."""
    started = timo.tracker.start("Review", target=PROJECT, at=NOW - timedelta(hours=2))
    assert started.started is not None
    ref = started.started.client_ref
    timo.engine.sync_until_done(timeout=60)
    end = NOW - timedelta(hours=1)
    edit_on_server(sandbox, ref, {"end": to_text(end)})
    timo.engine.sync_until_done(timeout=60)
    assert timo.store.running() is None
    return ref, end, timo.time.now()


def test_a_running_timer_stopped_earlier_on_vmoox_is_told_and_its_time_can_be_added(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    before = timo.time.now().replace(microsecond=0)  # as times are kept
    ref, end, after = stopped_an_hour_ago(timo, sandbox)

    [item] = needs_attention(timo.store, ZONE)
    assert item.kind == "stopped-early" and item.client_ref == ref
    assert item.entry is not None and item.entry.end == end  # Vmoox's stop, as Vmoox has it
    timo.engine.sync_until_done(timeout=60)  # told once: another round adds nothing
    assert [i.kind for i in needs_attention(timo.store, ZONE)] == ["stopped-early"]
    # Counted by the sync status until read: no all-clear, in the window either.
    assert read_status(timo.store).message == EARLY
    assert summarize(read_status(timo.store), ZONE).text == EARLY

    added = timo.store.get(timo.engine.add_time_ran_here(ref))  # Add … as an entry
    assert added is not None and added.end is not None
    assert (added.description, added.target, added.start) == ("Review", PROJECT, end)
    # Only the time past Vmoox's end, until the round that stopped it here: nothing twice.
    assert before <= added.end <= after
    day = local_day(item.entry.start, ZONE)
    shown_end, ran_until = (describe_instant(t, ZONE, relative_to=day) for t in (end, added.end))
    assert item.message == (
        f"“Review” was stopped on Vmoox at {shown_end} while it ran here until {ran_until}."
    )
    assert item.ran_on == clock_range(end, added.end, ZONE, dated_end=True)
    kept = timo.store.get(ref)
    assert kept is not None and kept.end == end
    assert needs_attention(timo.store, ZONE) == []
    timo.engine.sync_until_done(timeout=60)
    assert read_status(timo.store).message == ALL_SYNCED
    assert_in_agreement(timo.store, sandbox)


def test_keeping_vmoox_stop_lets_it_go(timo: Timo, sandbox: SandboxHandle) -> None:
    ref, end, _after = stopped_an_hour_ago(timo, sandbox)
    assert [i.kind for i in needs_attention(timo.store, ZONE)] == ["stopped-early"]
    timo.engine.dismiss_conflicts(ref)  # Keep Vmoox's stop
    assert needs_attention(timo.store, ZONE) == []
    assert read_status(timo.store).message == ALL_SYNCED
    assert timo.engine.sync_until_done(timeout=60).pushed == 0
    kept = timo.store.get(ref)
    assert kept is not None and kept.end == end
    assert_in_agreement(timo.store, sandbox)


def test_a_timer_stopped_elsewhere_when_it_ended_is_not_told(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    started = timo.tracker.start("Review", target=PROJECT, at=NOW - timedelta(hours=2))
    assert started.started is not None
    timo.engine.sync_until_done(timeout=60)
    # Stopped on another computer a minute back (`timo stop --at "1m ago"`), and heard of
    # here a round later: no time of the person's ran on here past what they stopped.
    stop = timo.time.now().replace(microsecond=0) - timedelta(minutes=1)
    edit_on_server(sandbox, started.started.client_ref, {"end": to_text(stop)})
    timo.time.sleep(600)  # the next round, ten minutes on
    timo.engine.sync_until_done(timeout=60)
    assert timo.store.running() is None
    assert needs_attention(timo.store, ZONE) == []
    assert read_status(timo.store).message == ALL_SYNCED
