"""A timer still running here that Vmoox stops for a newer one started on another device
(one running timer per person) is told once: an item in Needs attention that OK
dismisses, in the words a stop for a newer timer reads in, with nothing to put back.
Two databases against the real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import OTHER_PROJECT, PROJECT, ZONE, Timo, server_entry
from timo_desktop.core.local_time import describe_instant, local_day, to_text
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import ALL_SYNCED, read_status
from timo_desktop.ui.sync_status import summarize

STOPPED = "1 timer was stopped for a newer one on another device"

NOW = datetime.now(UTC).replace(microsecond=0)


def test_a_running_timer_stopped_for_a_newer_one_elsewhere_is_told_once(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    older = laptop.tracker.start("Design", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert older.started is not None
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    newer = desktop.tracker.start("Call", target=OTHER_PROJECT, at=NOW - timedelta(minutes=10))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)  # Vmoox stops Design where Call began

    laptop.engine.sync_until_done(timeout=60)

    began = newer.started.start
    ref = older.started.client_ref
    assert server_entry(sandbox, ref)["end"] == to_text(began)
    stopped = laptop.store.get(ref)
    assert stopped is not None and stopped.end == began
    [item] = needs_attention(laptop.store, ZONE)
    shown = describe_instant(began, ZONE, relative_to=local_day(stopped.start, ZONE))
    assert item.kind == "stopped-running" and item.client_ref == ref
    assert item.message == (
        f"“Design” stopped at {shown}, when you started “Call” on another device."
    )
    # Nothing of the person's was replaced: no conflict, nothing to put back.
    assert item.conflicts == () and sync_state.conflicts(laptop.store.connection) == []

    laptop.engine.sync_until_done(timeout=60)  # told once: another round adds nothing
    assert [i.kind for i in needs_attention(laptop.store, ZONE)] == ["stopped-running"]
    # Counted by the sync status until read, in the window's sync status too.
    assert read_status(laptop.store).message == STOPPED
    assert summarize(read_status(laptop.store), ZONE).text == STOPPED
    laptop.engine.dismiss_conflicts(ref)  # OK
    assert needs_attention(laptop.store, ZONE) == []
    assert read_status(laptop.store).message == ALL_SYNCED
    assert laptop.engine.sync_until_done(timeout=60).pushed == 0


def test_a_running_timer_stopped_on_the_web_is_no_stop_for_a_newer_one(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    started = timo.tracker.start("Design", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert started.started is not None
    timo.engine.sync_until_done(timeout=60)
    remote = server_entry(sandbox, started.started.client_ref)
    web_end = NOW - timedelta(minutes=5)
    response = sandbox.client.post(
        sandbox.entries_path(f"/{remote['id']}/stop"), json={"end": to_text(web_end)}
    )
    assert response.status_code == 200, response.text

    timo.engine.sync_until_done(timeout=60)

    stopped = timo.store.get(started.started.client_ref)
    assert stopped is not None and stopped.end == web_end
    # Told as the stop it was, at an earlier time than it ran here until, not as one for
    # a newer timer (`test_running_timer_stopped_early`).
    assert [i.kind for i in needs_attention(timo.store, ZONE)] == ["stopped-early"]
    assert read_status(timo.store).message == ("1 timer running here was stopped earlier in Vmoox")


def test_a_running_timer_a_pulled_newer_one_stops_here_is_told_too(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    """Its stop made here (`running.resolve`): the newer timer arrives running while this
    one, not yet sent, still runs."""
    laptop = timo
    laptop.engine.sync()
    older = laptop.tracker.start("Design", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert older.started is not None
    newer = desktop.tracker.start("Call", target=OTHER_PROJECT, at=NOW - timedelta(minutes=10))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)

    laptop.engine.sync(push=False)

    ref = older.started.client_ref
    stopped = laptop.store.get(ref)
    assert stopped is not None and stopped.end == newer.started.start
    [item] = needs_attention(laptop.store, ZONE)
    assert item.kind == "stopped-running" and item.client_ref == ref
    assert item.message.startswith("“Design” stopped at ")
    laptop.engine.sync_until_done(timeout=60)
    assert server_entry(sandbox, ref)["end"] == to_text(newer.started.start)
    assert [i.kind for i in needs_attention(laptop.store, ZONE)] == ["stopped-running"]


def test_a_running_timer_edited_here_and_stopped_for_a_newer_one_elsewhere_is_told_too(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    """Its edit here unsent: the push merges it with Vmoox's stopped copy, not the pull."""
    laptop = timo
    older = laptop.tracker.start("Design", target=PROJECT, at=NOW - timedelta(minutes=30))
    assert older.started is not None
    ref = older.started.client_ref
    laptop.engine.sync_until_done(timeout=60)
    desktop.engine.sync_until_done(timeout=60)
    laptop.tracker.edit(ref, description="Design review")  # not sent yet
    newer = desktop.tracker.start("Call", target=OTHER_PROJECT, at=NOW - timedelta(minutes=10))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)  # Vmoox stops Design where Call began

    laptop.engine.sync_until_done(timeout=60)

    began = newer.started.start
    assert server_entry(sandbox, ref)["end"] == to_text(began)
    assert server_entry(sandbox, ref)["description"] == "Design review"
    stopped = laptop.store.get(ref)
    assert stopped is not None and stopped.end == began
    [item] = needs_attention(laptop.store, ZONE)
    shown = describe_instant(began, ZONE, relative_to=local_day(stopped.start, ZONE))
    assert item.kind == "stopped-running" and item.client_ref == ref
    assert item.message == (
        f"“Design review” stopped at {shown}, when you started “Call” on another device."
    )
    laptop.engine.dismiss_conflicts(ref)  # OK
    assert needs_attention(laptop.store, ZONE) == []
