"""Cases 21 and 18 together: a running timer whose period Vmoox locks while it runs. A stop
the person made stays a stop here, never a running timer again, and sync goes on."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    ZONE,
    Timo,
    add,
    assert_in_agreement,
    post_on_server,
    server_entry,
)
from timo_desktop.sync.attention import behind_kept, needs_attention


def _end_there(sandbox: SandboxHandle, client_ref: str) -> datetime | None:
    end = server_entry(sandbox, client_ref)["end"]
    return datetime.fromisoformat(end) if end else None


def overnight_synced(timo: Timo, sandbox: SandboxHandle) -> tuple[str, date]:
    """A timer started at 23:00 yesterday and synced running (a timer may run over a day
    here): its reference, and today."""
    sandbox.set_workspace(max_entry_seconds=2 * 86400)
    timo.engine.sync()
    today = datetime.now(ZoneInfo(ZONE)).date()
    midnight = datetime.combine(today, time(0), ZoneInfo(ZONE))
    started = timo.tracker.start("overnight", target=PROJECT, at=midnight - timedelta(hours=1))
    assert started.started is not None
    timo.engine.sync()
    return started.started.client_ref, today


def _invoiced_while_running(timo: Timo, sandbox: SandboxHandle) -> str:
    """A timer started half an hour ago, synced, then invoiced on Vmoox while it runs (not
    known here yet): its reference."""
    timo.engine.sync()
    now = datetime.now(ZoneInfo(ZONE))
    started = timo.tracker.start("Retainer", target=PROJECT, at=now - timedelta(minutes=30))
    assert started.started is not None
    ref = started.started.client_ref
    timo.engine.sync()
    sandbox.set_invoiced(server_entry(sandbox, ref)["id"])
    return ref


def test_a_stop_vmoox_refuses_for_a_locked_period_stays_a_stop_and_sync_goes_on(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref, today = overnight_synced(timo, sandbox)
    assert _end_there(sandbox, ref) is None
    # Yesterday is locked while the timer runs, which is not known here yet.
    sandbox.set_workspace(lock_date=today.isoformat())
    stopped = timo.tracker.stop()
    assert stopped is not None and stopped.end is not None

    report = timo.engine.sync()
    kept = timo.store.get(ref)
    assert kept is not None and kept.end == stopped.end  # not running again
    [item] = needs_attention(timo.store)
    assert (item.kind, report.attention) == ("kept-running", 1)
    assert item.message.startswith(
        "Vmoox keeps this timer running, so your stop was not taken (This entry is read-only:"
    )
    # Nobody can stop it on Vmoox meanwhile, and nothing needs retrying: it goes by itself.
    assert (
        "It stays stopped here; an admin must unlock that period on Vmoox, and Timo then sends"
        " your stop by itself." in item.message
    )
    assert "You stopped it here at" in item.message
    assert _end_there(sandbox, ref) is None

    # Another timer: nothing is held up by the one refused.
    following = timo.tracker.start("next", target=PROJECT).started
    assert following is not None
    for _ in range(2):
        timo.engine.sync()
        assert timo.store.get(ref) == kept
        assert timo.store.running() == timo.store.get(following.client_ref)
    # Vmoox takes no second running timer: the new one waits for the stop, and says why.
    assert [waiting.client_ref for waiting, _kept in behind_kept(timo.store)] == [
        following.client_ref
    ]
    [item] = needs_attention(timo.store)
    assert item.kind == "kept-running"
    waiting = [op.state.value for op in timo.store.outbox(ref) if op.state.value != "done"]
    assert waiting == ["parked"]  # the stop waits; nothing is in flight for good

    # Unlocked: the stop goes by itself, at the person's end, and then the new timer.
    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()
    assert needs_attention(timo.store) == []
    assert _end_there(sandbox, ref) == stopped.end
    assert _end_there(sandbox, following.client_ref) is None
    assert_in_agreement(timo.store, sandbox)


def test_a_delete_vmoox_refuses_for_a_locked_period_says_it_was_not_made(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)  # thirty days ago
    timo.engine.sync()
    sandbox.set_workspace(lock_date=datetime.now(ZoneInfo(ZONE)).date().isoformat())
    timo.tracker.delete(entry.client_ref)  # the lock is not known here yet
    timo.engine.sync()
    back = timo.store.get(entry.client_ref)
    assert back is not None and not back.is_deleted
    [item] = needs_attention(timo.store)
    assert item.kind == "locked"
    assert item.message.startswith("Vmoox did not take your delete (This entry is read-only")
    assert item.message.endswith("), so the entry is back here.")
    timo.engine.acknowledge(entry.client_ref)
    assert_in_agreement(timo.store, sandbox)


def test_a_stop_vmoox_refuses_for_an_invoiced_timer_waits_unsent_until_it_is_off_the_invoice(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _invoiced_while_running(timo, sandbox)
    stopped = timo.tracker.stop()
    assert stopped is not None and stopped.end is not None

    timo.engine.sync()
    [item] = needs_attention(timo.store)
    assert item.kind == "kept-running"
    assert "an admin must take it off its invoice on Vmoox" in item.message
    sent = len(timo.recorder.writes())

    for _ in range(3):
        timo.engine.sync()
    assert len(timo.recorder.writes()) == sent  # not sent again each round to be refused
    assert _end_there(sandbox, ref) is None
    kept = timo.store.get(ref)
    assert kept is not None and kept.end == stopped.end

    # Retry sends it at once: refused again, it waits again, sent no more.
    timo.engine.retry_now(ref)
    for _ in range(2):
        timo.engine.sync()
    assert len(timo.recorder.writes()) == sent + 1
    assert [i.kind for i in needs_attention(timo.store)] == ["kept-running"]

    # Off the invoice: the pull brings the change, and the stop goes by itself.
    sandbox.set_invoiced(server_entry(sandbox, ref)["id"], invoiced=False)
    timo.engine.sync_until_done(timeout=60)
    assert needs_attention(timo.store) == []
    assert _end_there(sandbox, ref) == stopped.end
    assert_in_agreement(timo.store, sandbox)


def test_a_stop_refused_for_a_period_locked_before_the_timer_reached_here_goes_once_unlocked(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """A timer started on the web, its period locked before this computer first saw it:
    Vmoox's copy came marked read-only, as an invoiced one is. Stopped here, refused for the
    period, the stop still goes by itself once the period is unlocked."""
    sandbox.set_workspace(max_entry_seconds=2 * 86400)
    today = datetime.now(ZoneInfo(ZONE)).date()
    midnight = datetime.combine(today, time(0), ZoneInfo(ZONE))
    started = (midnight - timedelta(hours=1)).astimezone(UTC)  # the server is sent UTC
    ref = post_on_server(sandbox, "Phone timer", started, running=True)
    sandbox.set_workspace(lock_date=today.isoformat())
    timo.engine.sync()
    assert timo.store.running() == timo.store.get(ref)
    stopped = timo.tracker.stop()
    assert stopped is not None and stopped.end is not None
    timo.engine.sync()
    assert [i.kind for i in needs_attention(timo.store)] == ["kept-running"]

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync_until_done(timeout=900)
    assert needs_attention(timo.store) == []
    assert _end_there(sandbox, ref) == stopped.end
    assert_in_agreement(timo.store, sandbox)


def test_a_timer_started_behind_a_kept_running_one_waits_unsent_until_its_stop_goes(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    ref = _invoiced_while_running(timo, sandbox)
    timo.tracker.stop()
    timo.engine.sync()  # its stop refused: Vmoox keeps it running
    following = timo.tracker.start("Next thing", target=PROJECT).started
    assert following is not None
    timo.engine.sync()  # refused once: Vmoox runs the other
    sent = len(timo.recorder.writes())

    for _ in range(3):
        report = timo.engine.sync()
        timo.time.sleep(3600)  # past any backoff: it is not what holds it
    assert len(timo.recorder.writes()) == sent  # not a refused request now and then
    # Nothing more to do here until an admin acts: no unsent change, one question.
    assert (report.pending, report.attention, report.errors) == (0, 1, [])
    assert [(w.client_ref, k.client_ref) for w, k in behind_kept(timo.store)] == [
        (following.client_ref, ref)
    ]

    # Retry of the stop (refused again) tries the timer behind it once too.
    timo.engine.retry_now(ref)
    for _ in range(2):
        timo.engine.sync()
    assert len(timo.recorder.writes()) == sent + 2
    assert len(behind_kept(timo.store)) == 1

    # Off the invoice: the stop goes, then the timer behind it, in one round.
    sandbox.set_invoiced(server_entry(sandbox, ref)["id"], invoiced=False)
    timo.engine.sync()  # the pull brings the change
    timo.engine.sync()
    assert needs_attention(timo.store) == [] and behind_kept(timo.store) == []
    assert _end_there(sandbox, following.client_ref) is None  # running there now
    assert_in_agreement(timo.store, sandbox)
