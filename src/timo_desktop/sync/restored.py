"""An entry Vmoox holds deleted, brought back on another computer: taken up here as that one.

Bringing back an entry Vmoox holds deleted makes a copy whose `client_ref` is made
from the old one (`store.database.restored_ref`), the same on every computer. So when
a copy pulled from Vmoox (or already here) is the one an entry live here would become,
that entry has been brought back elsewhere: instead of asking again whether to restore
it (and making a second copy), its changes made here merge into the copy as any edit
made at the same time does, field by field against what Vmoox last confirmed of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import to_text
from timo_desktop.store import sync_state
from timo_desktop.store.database import WriteTransaction, restored_ref
from timo_desktop.store.outbox import Op
from timo_desktop.sync.fields import local_fields, merge, with_fields


def take_up_pulled(
    tx: WriteTransaction, pulled: Sequence[str], busy: Iterable[str], now: datetime
) -> None:
    """Of the entries just pulled (new here), those that bring back an entry with changes
    still to send (`busy`) take that entry up (`take_up`)."""
    if not pulled:
        return
    origins = {restored_ref(ref): ref for ref in busy}
    for ref in pulled:
        old = tx.get(origins[ref]) if ref in origins else None
        copy = tx.get(ref)
        if old is not None and copy is not None and not (old.is_deleted or copy.is_deleted):
            take_up(tx, old, copy, now)


def restoration_here(tx: WriteTransaction, entry: Entry) -> Entry | None:
    """The copy that brings back `entry`, live, when it came here from Vmoox (brought back
    on another computer); None when there is none here."""
    copy = tx.get(restored_ref(entry.client_ref))
    if copy is None or copy.is_deleted or not tx.on_server(copy.client_ref):
        return None
    return copy


def take_up(tx: WriteTransaction, entry: Entry, copy: Entry, now: datetime) -> Entry:
    """`entry`, live here and deleted on Vmoox, was brought back elsewhere as `copy`: it
    becomes that copy, its own changes merged in as an edit made at the same time (where
    both changed a field the copy's value stays and this one is kept for restoring, as
    in a conflict). Returns the copy as it is now."""
    connection, ref = tx.connection, copy.client_ref
    link = sync_state.links(connection, [entry.client_ref]).get(entry.client_ref)
    # Without what Vmoox last had, every difference counts as changed on both sides.
    base = link.base if link is not None and link.base is not None else {}
    theirs = local_fields(copy)
    merged, overridden = merge(base, local_fields(entry), theirs)
    tx.replace_ref(entry.client_ref, ref)
    for name, value in overridden.items():
        sync_state.add_conflict(connection, ref, name, value, theirs[name], to_text(now))
    if merged == theirs:
        return copy
    edited = with_fields(copy, merged, deleted_at=copy.deleted_at).changed(now)
    tx.save(edited, Op.UPDATE, now)
    return edited
