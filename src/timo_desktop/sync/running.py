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
when you started “Call” on another device"), which keep-mine puts back. A stop Vmoox
made by the rule reads the same way (`sync.attention.stopped_by`). Entries added by
hand that overlap stay as they are: they are flagged as overlaps.
"""

from __future__ import annotations

from datetime import datetime

from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text
from timo_desktop.store import sync_state
from timo_desktop.store.database import Reader, WriteTransaction
from timo_desktop.store.outbox import Op
from timo_desktop.sync.attention import started_elsewhere
from timo_desktop.sync.fields import entry_from_server, link_remote
from timo_desktop.vmoox.models import TimeEntry


def resolve(tx: WriteTransaction, local: Entry, remote: TimeEntry, now: datetime) -> None:
    """`local` runs here, `remote` (another entry) runs on the server: keep the newer."""
    known = tx.get(remote.client_ref)
    if local.start >= remote.start:
        # Ours is newer: the server's timer stops where ours began.
        if known is None or known.end is None:
            theirs = known if known is not None else entry_from_server(remote)
            tx.save(theirs.changed(now, end=max(local.start, remote.start)), Op.STOP, now)
        link_remote(tx.connection, remote.client_ref, remote)
        return
    # Theirs is newer: ours stops where theirs began, and theirs comes in running.
    tx.save(local.changed(now, end=max(remote.start, local.start)), Op.STOP, now)
    sync_state.put_entry(tx.connection, entry_from_server(remote))
    link_remote(tx.connection, remote.client_ref, remote)


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
    newer = started_elsewhere(tx, entry, entry.end)
    if not newer:
        return
    tx.save(entry.changed(now, end=newer[0].start), Op.UPDATE, now)
    sync_state.add_conflict(
        tx.connection, client_ref, "end", to_text(entry.end), to_text(newer[0].start), to_text(now)
    )
