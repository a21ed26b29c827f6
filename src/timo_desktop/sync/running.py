"""Two running timers (one started elsewhere): the newer keeps running, the older stops.

The older one is stopped at the instant the newer one started, as starting a
timer in Timo does. Stopping goes through the outbox as an ordinary stop
operation, whose request (`POST .../stop`) is idempotent on the server: if
the web already stopped that entry it comes back unchanged, so nobody stops
it twice and the server's end is the one kept.
"""

from __future__ import annotations

from datetime import datetime

from timo_desktop.core.entry import Entry
from timo_desktop.store import sync_state
from timo_desktop.store.database import WriteTransaction
from timo_desktop.store.outbox import Op
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
