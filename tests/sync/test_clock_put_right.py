"""Case 17, the promise kept: an entry waiting for Vmoox's clock goes as soon as that
clock has passed its end, read again each round, not after the wait first worked out; one
whose times this computer's wrong clock made says so once the clock is right, and a clock
hours off is told where sync is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import ZONE, Timo, assert_in_agreement, server_entries, server_entry
from timo_desktop.store import sync_state
from timo_desktop.sync.status import read_status
from timo_desktop.ui.sync_status import summarize


def _waiting_for_the_server_clock(timo: Timo, sandbox: SandboxHandle) -> str:
    sandbox.set_clock(-2 * 3600)  # Vmoox's clock two hours behind
    now = datetime.now(UTC).replace(microsecond=0)
    entry = timo.tracker.add("just now", now - timedelta(minutes=35), now - timedelta(minutes=5))
    report = timo.engine.sync()
    assert report.pending == 1 and report.attention == 1
    [(_, code, message)] = sync_state.attention(timo.store.connection)
    assert code == "entry-in-future"
    assert message == (
        "This computer's clock is 2 h ahead of Vmoox's. If this computer's is wrong, set it"
        " right and correct this entry's times; if Vmoox's is, the entry syncs once it is put"
        " right, in 1 h 55 min at the latest."
    )
    return entry.client_ref


def test_once_the_clocks_agree_the_next_round_sends_it(timo: Timo, sandbox: SandboxHandle) -> None:
    ref = _waiting_for_the_server_clock(timo, sandbox)
    sandbox.set_clock(0)
    report = timo.engine.sync()  # it waited out the 2 h first
    assert report.pending == 0 and report.attention == 0 and report.errors == []
    assert server_entry(sandbox, ref)["description"] == "just now"
    assert timo.time.slept == 0
    assert_in_agreement(timo.store, sandbox)


def test_while_vmoox_is_still_behind_it_waits_and_says_how_long_now(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _waiting_for_the_server_clock(timo, sandbox)
    sandbox.set_clock(-3600)  # put half right
    report = timo.engine.sync()
    assert report.pending == 1 and len(timo.recorder.writes(":batch")) == 1
    [(_, _, message)] = sync_state.attention(timo.store.connection)
    assert message is not None and "1 h ahead of Vmoox's" in message
    assert message.endswith("in 55 min at the latest.")
    assert ref not in {e["client_ref"] for e in server_entries(sandbox)}
    sandbox.set_clock(0)
    report = timo.engine.sync_until_done(timeout=60)
    assert report.pending == 0 and timo.time.slept == 0
    assert_in_agreement(timo.store, sandbox)


def test_a_timer_refused_then_stopped_here_goes_once_the_clocks_agree(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """A running timer refused for Vmoox's clock, then stopped here (the entry no longer
    shows the refusal: it was changed since), is not left to the wait worked out then."""
    sandbox.set_clock(-2 * 3600)
    now = datetime.now(UTC).replace(microsecond=0)
    timo.tracker.start("Timer ahead", at=now - timedelta(minutes=30))
    report = timo.engine.sync()
    assert report.attention == 1
    [(ref, code, _)] = sync_state.attention(timo.store.connection)
    assert code == "entry-in-future"
    timo.tracker.stop(at=now - timedelta(minutes=5))
    sandbox.set_clock(0)
    report = timo.engine.sync()
    assert report.pending == 0 and report.attention == 0 and report.errors == []
    assert server_entry(sandbox, ref)["end"] is not None
    assert timo.time.slept == 0
    assert_in_agreement(timo.store, sandbox)


def test_a_timer_started_on_a_clock_hours_ahead_says_so_once_the_clock_is_right(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Its start was made by this computer's wrong clock: once that clock is set right, the
    wait says the start is wrong and what to do, not that a timer with no end "ends" after
    Vmoox's time."""
    timo.tracker.clock = timo.time.now  # this computer's clock, for the tracker as for sync
    timo.time.slept = 3 * 3600  # 3 h ahead
    started = timo.tracker.start("Timer ahead").started
    assert started is not None
    assert timo.engine.sync().attention == 1
    timo.time.slept = 0  # set right

    report = timo.engine.sync()

    assert report.attention == 1 and report.pending == 1
    [(ref, code, message)] = sync_state.attention(timo.store.connection)
    assert ref == started.client_ref and code == "entry-in-future"
    assert message == (
        "This timer starts 3 h after Vmoox's current time: this computer's clock was wrong"
        " when it was started. Correct its start; as it is, it syncs in 3 h."
    )
    assert ref not in {e["client_ref"] for e in server_entries(sandbox)}


def test_a_clock_hours_off_is_said_where_sync_is_told(timo: Timo, sandbox: SandboxHandle) -> None:
    """`timo sync status`, `timo doctor` and the window's sync line read it here."""
    sandbox.set_clock(-3 * 3600)
    timo.engine.sync()
    ahead = (
        "This computer's clock is 3 h ahead of Vmoox's; times you track are off by that"
        " much. Set the clock right."
    )
    assert read_status(timo.store).clock == ahead
    assert summarize(read_status(timo.store), ZONE).problem == ahead

    sandbox.set_clock(3 * 3600 + 20 * 60)
    timo.engine.sync()
    assert read_status(timo.store).clock == (
        "This computer's clock is 3 h 20 min behind Vmoox's; times you track are off by that"
        " much. Set the clock right."
    )

    sandbox.set_clock(90)  # within CLOCK_OFF: nothing to say
    timo.engine.sync()
    assert read_status(timo.store).clock is None
    assert summarize(read_status(timo.store), ZONE).problem is None
