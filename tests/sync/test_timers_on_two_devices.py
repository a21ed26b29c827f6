"""One person, two computers, one running timer: when two run, the newer keeps running and
the older stops at the newer's start, also when the older never reached Vmoox while it ran
(started and stopped before a sync), and a stop Vmoox made by that rule is told as such,
not as an edit conflict. Two databases against the real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    OTHER_PROJECT,
    PROJECT,
    ZONE,
    Timo,
    assert_in_agreement,
    server_entry,
)
from timo_desktop.core.local_time import describe_instant, local_day, to_text
from timo_desktop.store import sync_state
from timo_desktop.sync.attention import needs_attention

NOW = datetime.now(UTC).replace(microsecond=0)


def _shown(instant: datetime, start: datetime) -> str:
    """A time as the attention list shows it beside the entry's working day."""
    return describe_instant(instant, ZONE, relative_to=local_day(start, ZONE))


def test_a_timer_never_sent_while_it_ran_stops_where_the_newer_one_began(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    laptop.engine.sync()
    desktop.engine.sync()
    # Added by hand over where the other timer starts: the person's choice, kept.
    notes = laptop.tracker.add(
        "Notes", NOW - timedelta(minutes=50), NOW - timedelta(minutes=15), target=PROJECT
    )
    older = laptop.tracker.start("L4", target=PROJECT, at=NOW - timedelta(minutes=12)).started
    assert older is not None
    newer = desktop.tracker.start("D4", target=OTHER_PROJECT, at=NOW - timedelta(minutes=8))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)
    laptop.tracker.stop(at=NOW - timedelta(minutes=2))  # never sent while it ran

    report = laptop.engine.sync_until_done(timeout=60)

    assert report.pending == 0 and report.attention == 0
    began = newer.started.start
    assert server_entry(sandbox, older.client_ref)["end"] == to_text(began)
    assert server_entry(sandbox, newer.started.client_ref)["end"] is None
    assert server_entry(sandbox, notes.client_ref)["end"] == to_text(notes.end)
    stopped = laptop.store.get(older.client_ref)
    assert stopped is not None and stopped.end == began
    [item] = needs_attention(laptop.store, ZONE)
    assert item.kind == "stopped" and item.client_ref == older.client_ref
    assert item.message == (
        f"“L4” stopped at {_shown(began, older.start)}, when you started “D4” on another"
        f" device (you stopped it here at {_shown(NOW - timedelta(minutes=2), older.start)})."
    )
    assert item.overlap is not None and [o.description for o in item.overlap.others] == ["D4"]
    assert_in_agreement(laptop.store, sandbox)

    laptop.engine.dismiss_conflicts(older.client_ref)  # OK: it stays stopped there
    assert needs_attention(laptop.store, ZONE) == []
    assert laptop.engine.sync_until_done(timeout=60).pushed == 0


def test_a_stop_made_for_the_newer_timer_is_told_as_such_not_as_an_edit(
    timo: Timo, desktop: Timo, sandbox: SandboxHandle
) -> None:
    laptop = timo
    older = laptop.tracker.start("Design K", target=PROJECT, at=NOW - timedelta(minutes=12))
    assert older.started is not None
    laptop.engine.sync()
    desktop.engine.sync()  # it runs there too, so starting another stops it there
    newer = desktop.tracker.start("Meeting K", target=OTHER_PROJECT, at=NOW - timedelta(minutes=8))
    assert newer.started is not None
    desktop.engine.sync_until_done(timeout=60)
    laptop.tracker.stop(at=NOW - timedelta(minutes=2))

    laptop.engine.sync_until_done(timeout=60)

    began = newer.started.start
    assert server_entry(sandbox, older.started.client_ref)["end"] == to_text(began)
    [item] = needs_attention(laptop.store, ZONE)
    assert item.kind == "stopped"
    assert item.message == (
        f"“Design K” stopped at {_shown(began, older.started.start)}, when you started"
        f" “Meeting K” on another device (you stopped it here at"
        f" {_shown(NOW - timedelta(minutes=2), older.started.start)})."
    )
    assert_in_agreement(laptop.store, sandbox)


def test_times_a_minute_apart_or_less_read_apart_to_the_second(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Stopped on the web a few seconds before it was stopped here: a real edit conflict,
    whose two ends read the same to the minute."""
    minute = (NOW - timedelta(minutes=5)).replace(second=0)
    started = timo.tracker.start("Call", target=PROJECT, at=minute - timedelta(minutes=20))
    assert started.started is not None
    timo.engine.sync()
    remote = server_entry(sandbox, started.started.client_ref)
    web_end = minute + timedelta(seconds=12)
    response = sandbox.client.post(
        sandbox.entries_path(f"/{remote['id']}/stop"), json={"end": to_text(web_end)}
    )
    assert response.status_code == 200, response.text
    timo.tracker.stop(at=minute + timedelta(seconds=40))

    timo.engine.sync_until_done(timeout=60)

    [item] = needs_attention(timo.store, ZONE)
    assert item.kind == "conflict"
    theirs, yours = (
        _shown(minute, started.started.start) + f":{second}" for second in ("12", "40")
    )
    assert item.message == (
        f"Changed on the server while you edited it: end {theirs} (yours: {yours})."
    )
    [conflict] = sync_state.conflicts(timo.store.connection)
    assert conflict.local_value == to_text(minute + timedelta(seconds=40))
