"""A finished, synced entry that Vmoox deletes or shortens (an admin, or the person on the
web) is told: the pull applied it without a word ("Sent 0, received 2", the hour gone).
The sync status names how many until they are read, Needs attention names which, each
with OK (Vmoox keeps it so); entries this computer shortened or deleted itself are not
told. The real sandbox."""

from __future__ import annotations

from datetime import timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    PROJECT,
    ZONE,
    Timo,
    assert_in_agreement,
    delete_on_server,
    edit_on_server,
    slot,
)
from timo_desktop.core.local_time import clock_range, to_text
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import ALL_SYNCED, read_status
from timo_desktop.ui.sync_status import summarize

TAKEN = "1 entry deleted and 1 shortened on Vmoox"


def test_entries_deleted_or_shortened_on_vmoox_are_told_until_read(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    (start, end), (later, later_end) = slot(1, minutes=60), slot(5, minutes=60)
    gone = timo.tracker.add("Design", start, end, target=PROJECT)
    cut = timo.tracker.add("Call", later, later_end, target=PROJECT)
    mine = timo.tracker.add("Review", *slot(9, minutes=60), target=PROJECT)
    timo.engine.sync_until_done(timeout=60)
    delete_on_server(sandbox, gone.client_ref)
    shortened = later_end - timedelta(minutes=30)
    edit_on_server(sandbox, cut.client_ref, {"end": to_text(shortened)})
    # Shortened and deleted here, and sent: nothing to tell of those.
    assert mine.end is not None
    timo.tracker.edit(mine.client_ref, end=mine.end - timedelta(minutes=30))

    report = timo.engine.sync_until_done(timeout=60)

    assert report.pulled == 2
    items = needs_attention(timo.store, ZONE)
    assert [(i.kind, i.client_ref) for i in items] == [
        ("deleted-there", gone.client_ref),
        ("shortened-there", cut.client_ref),
    ]
    deleted, cut_short = items
    assert deleted.message == "“Design” was deleted on Vmoox."
    assert deleted.entry is not None and (deleted.entry.start, deleted.entry.end) == (start, end)
    was, now = (clock_range(later, e, ZONE, dated_end=True) for e in (later_end, shortened))
    assert cut_short.message == f"“Call” was shortened on Vmoox to {now} (it was {was})."
    # The all-clear names them until read, in the window's sync status too (on hover).
    assert read_status(timo.store).message == f"{ALL_SYNCED} — {TAKEN}"
    assert summarize(read_status(timo.store), ZONE).detail.startswith(f"{ALL_SYNCED} — {TAKEN}")
    timo.engine.sync_until_done(timeout=60)  # told once: another round adds nothing
    assert len(needs_attention(timo.store, ZONE)) == 2

    for item in items:
        timo.engine.dismiss_conflicts(item.client_ref or "")  # OK
    assert needs_attention(timo.store, ZONE) == []
    assert read_status(timo.store).message == ALL_SYNCED
    assert timo.engine.sync_until_done(timeout=60).pushed == 0
    assert_in_agreement(timo.store, sandbox)


def test_an_entry_lengthened_again_on_vmoox_is_no_longer_told(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    start, end = slot(2, minutes=60)
    entry = timo.tracker.add("Call", start, end, target=PROJECT)
    timo.engine.sync_until_done(timeout=60)
    edit_on_server(sandbox, entry.client_ref, {"end": to_text(end - timedelta(minutes=45))})
    timo.engine.sync_until_done(timeout=60)
    assert [i.kind for i in needs_attention(timo.store, ZONE)] == ["shortened-there"]

    edit_on_server(sandbox, entry.client_ref, {"end": to_text(end)})  # put right there
    timo.engine.sync_until_done(timeout=60)

    assert needs_attention(timo.store, ZONE) == []
    assert read_status(timo.store).message == ALL_SYNCED
