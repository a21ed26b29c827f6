"""One running timer per person: when two run, the newer keeps running and the older
stops at the newer's start.

Two running timers (one started elsewhere), `resolve`: the older one is stopped at
the instant the newer one started, as starting a timer in Timo does. Stopping goes
through the outbox as an ordinary stop operation, whose request (`POST .../stop`) is
idempotent on the server: if the web already stopped that entry it comes back
unchanged, so nobody stops it twice and the server's end is the one kept.

A timer started and stopped here before Vmoox ever had it never meets the server's
rule (its create carries an end), so the same rule is applied before it is sent,
`stop_overtaken`: if another device's timer started while it ran here, it ends where
that one began, and the end the person had is kept as a conflict ("stopped at 10:00,
when you started “Call” on another device"), which keep-mine puts back. Only a timer
Vmoox had while it ran counts (it was created before its end): time added by hand on
another device stopped nothing there, and is flagged as an overlap. A stop Vmoox
made by the rule reads the same way (`sync.attention.stopped_by`). Entries added by
hand that overlap stay as they are: they are flagged as overlaps.

Starts are compared as they were recorded: a timer from another computer carries that
computer's clock, and only one made on the web carries Vmoox's, so no one correction
would put them all on one clock. A clock hours off is said instead (`sync.status`).

The server's copy of an entry is written through `put_server_copy`, which holds to the
same rule: a copy running there while another timer runs here never makes two run here
(SQLite refuses that; sync's answer would never be recorded). A stop Vmoox refuses for a
timer it keeps read-only (a locked period) is not undone: the timer stays stopped here
and its stop waits (`SyncEngine._locked`), so `resolve` stops it no second time.

A timer still running here that sync stops (Vmoox's end for it, as the pull brings it
or as a push merges it with an edit made here, or `resolve` for a newer one) had no end
of the person's to keep, so nothing is a conflict; the stop is noted (`note_stop`,
`note_if_stopped`), and told once where another device's timer began at that end
(`sync.attention.needs_attention`, kind `stopped-running`, which OK lets go). One the
pull finds deleted (on the web, while it ran here) is noted the same way, at its
deletion, and told as kind `deleted-running`: OK lets it go, Restore brings back the
time it ran here. One Vmoox stopped at an earlier time than it stopped it (`BACKDATED`:
an admin, or the person on the web setting the end it should have had), for no newer
timer, is told as kind `stopped-early`: it ran on here past that end, until the round
that stopped it (noted with the stop), and that time, gone from here too, can be added
back as an entry of its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text
from timo_desktop.store import sync_state
from timo_desktop.store.database import (
    RAN_UNTIL_KEY,
    STOPS_NOTED_KEY,
    Reader,
    WriteTransaction,
)
from timo_desktop.store.outbox import Op
from timo_desktop.sync.attention import started_elsewhere
from timo_desktop.sync.fields import entry_from_server, link_remote
from timo_desktop.vmoox.models import TimeEntry

# A stop Vmoox made this long or more after the end it set stopped the timer at an earlier
# time (`note_if_stopped`), which is told. One made about when it ended (stopped then, on
# the web or on another computer) is not: this computer only heard of it a round later.
BACKDATED = timedelta(minutes=5)


def resolve(
    tx: WriteTransaction,
    local: Entry,
    remote: TimeEntry,
    now: datetime,
) -> None:
    """`local` runs here, `remote` (another entry) runs on the server: keep the newer.
    One stopped here whose stop is on its way (or waits: refused while Vmoox keeps it
    running) is stopped by that, not twice; one stopped here and synced that runs there
    again (started again on the web) stops as any other."""
    known = tx.get(remote.client_ref)
    stopping = known is not None and known.end is not None
    if not (stopping and sync_state.has_open_ops(tx.connection, remote.client_ref)):
        ours_newer = local.start >= remote.start
        theirs = known if known is not None and ours_newer else entry_from_server(remote)
        _keep_newer(tx, local, theirs, now, ours_newer=ours_newer)
    link_remote(tx, remote.client_ref, remote)


def put_server_copy(
    tx: WriteTransaction, copy: Entry, now: datetime, made_at: datetime | None = None
) -> None:
    """Write `copy`, the server's copy of an entry (or ours merged with it). One running
    there while another timer runs here would break one running timer per person, which
    SQLite refuses (`ix_entries_one_running`): the newer keeps running and the older
    stops at its start, as `resolve` has it, each stop sent as an operation. `made_at`: when
    Vmoox last changed its copy, which tells a stop at an earlier time (`note_if_stopped`)."""
    runner = tx.running()
    if copy.is_running and runner is not None and runner.client_ref != copy.client_ref:
        _keep_newer(tx, runner, copy, now, ours_newer=runner.start >= copy.start)
        return
    if runner is not None and runner.client_ref == copy.client_ref:
        note_if_stopped(tx, runner, copy, now, made_at)
    sync_state.put_entry(tx.connection, copy)


def _keep_newer(
    tx: WriteTransaction, runner: Entry, theirs: Entry, now: datetime, *, ours_newer: bool
) -> None:
    """`runner` runs here, `theirs` (another entry) runs on the server: the newer keeps
    running, the older stops where the newer began."""
    if ours_newer:
        # The server's timer stops where ours began.
        tx.save(theirs.changed(now, end=max(runner.start, theirs.start)), Op.STOP, now)
        return
    # Ours stops where theirs began, and theirs comes in running.
    end = max(theirs.start, runner.start)
    tx.save(runner.changed(now, end=end), Op.STOP, now)
    note_stop(tx, runner.client_ref, end)
    sync_state.put_entry(tx.connection, theirs)


def was_timer(reader: Reader, client_ref: str) -> bool:
    """Whether the entry was a timer here: its first operation created it running (one
    added by hand is created with its end)."""
    made = reader.outbox(client_ref)[:1]
    return bool(made) and made[0].op is Op.CREATE and made[0].payload.get("end") is None


def stop_overtaken(tx: WriteTransaction, client_ref: str, now: datetime) -> None:
    """A timer that ran here, stopped before Vmoox had it: if another device's timer
    started while it ran (pulled just before), it ends at that one's start, the end it
    had kept as a conflict."""
    entry = tx.get(client_ref)
    if entry is None or entry.end is None or entry.is_deleted:
        return
    # Only timers Vmoox had while they ran would have stopped this one there; time added
    # by hand (or a timer stopped before it was sent) stops nothing: it is an overlap.
    newer = [
        other
        for other in started_elsewhere(tx, entry, entry.end)
        if other.end is None or other.created_at < other.end
    ]
    if not newer:
        return
    tx.save(entry.changed(now, end=newer[0].start), Op.UPDATE, now)
    sync_state.add_conflict(
        tx.connection, client_ref, "end", to_text(entry.end), to_text(newer[0].start), to_text(now)
    )


def note_stop(tx: WriteTransaction, client_ref: str, end: datetime) -> None:
    """Note that the timer `client_ref`, running here, was stopped (or deleted) at `end` by
    sync, to be told until the person has read it (`forget_stop`)."""
    tx.note(STOPS_NOTED_KEY, client_ref, to_text(end))


def note_if_stopped(
    tx: WriteTransaction,
    runner: Entry,
    copy: Entry,
    now: datetime,
    made_at: datetime | None = None,
) -> None:
    """Note the stop (`note_stop`) when `copy`, what sync now has of `runner` (a timer
    running here until `now`), is stopped or deleted: stopped there for a newer timer,
    perhaps, or deleted on the web, its time gone unless the person restores it. A stop
    Vmoox made (at `made_at`) `BACKDATED` or more after the end it set notes `now` too:
    the time from that end ran on here, and is gone from here as well unless added."""
    stopped = copy.deleted_at or copy.end
    if not runner.is_running or stopped is None:
        return
    note_stop(tx, copy.client_ref, stopped)
    if copy.end is not None and made_at is not None and made_at - copy.end >= BACKDATED:
        tx.note(RAN_UNTIL_KEY, copy.client_ref, to_text(now))


def forget_stop(tx: WriteTransaction, client_ref: str) -> None:
    """The person has read about the stop of `client_ref` (OK, `timo keep-theirs`), or
    brought it back (Restore)."""
    tx.forget_note(STOPS_NOTED_KEY, client_ref)
    tx.forget_note(RAN_UNTIL_KEY, client_ref)
