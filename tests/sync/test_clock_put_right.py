"""Case 17, the promise kept: an entry waiting for Vmoox's clock goes as soon as that
clock has passed its end, read again each round, not after the wait first worked out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, assert_in_agreement, server_entries, server_entry
from timo_desktop.store import sync_state


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
