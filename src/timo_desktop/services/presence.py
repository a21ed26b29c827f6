"""The answer to "You were away…", carried out as ordinary Tracker edits, and taken back.

`core.presence.resolve_away` decides the edits; `apply_away` makes them in one
transaction, so the entry is never left stopped without its continuation (the
time worked between away periods, the timer going on) or the time away booked
without it. `undo_away` takes them back in one transaction too: a plain-key
answer pressed by mistake costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.errors import InvalidEntry, NotFound
from timo_desktop.core.presence import AddEntry, Edit, Remove, StartCopy, StartLater, StopAt
from timo_desktop.services.tracker import Tracker


def apply_away(tracker: Tracker, edits: Sequence[Edit], again: Sequence[Entry] = ()) -> list[Entry]:
    """Make `edits` (from `resolve_away`) all together; return the entries written, in order.
    `again`: what an earlier application wrote, taken back by `undo_away` (Redo): the
    entries it made come back as they were, under their own references, which later
    steps of the undo history name (new copies left those steps acting on nothing).

    A refused edit (say the entry was deleted meanwhile) raises the Tracker's
    error and nothing at all is changed.
    """
    written: list[Entry] = []
    with tracker.batch():
        for index, edit in enumerate(edits):
            if isinstance(edit, StopAt):
                written.append(_stop_at(tracker, edit))
            elif isinstance(edit, StartLater):
                written.append(_start_later(tracker, edit))
            elif isinstance(edit, Remove):
                written.append(tracker.delete(str(edit.ref)))
            elif isinstance(edit, StartCopy):
                written.append(_back(tracker, again, index) or _copy(tracker, edit))
            else:
                written.append(_back(tracker, again, index) or _add(tracker, edit))
    return written


def _back(tracker: Tracker, again: Sequence[Entry], index: int) -> Entry | None:
    """The entry an earlier application made at `index`, brought back from its undo."""
    if index >= len(again):
        return None
    try:
        return tracker.undo_delete(again[index].client_ref)
    except NotFound:  # not deleted (or gone for good): made afresh
        return None


def _stop_at(tracker: Tracker, edit: StopAt) -> Entry:
    entry = tracker.get(str(edit.ref))
    if entry.is_running:
        return tracker.stop(at=edit.at)
    assert entry.end is not None
    if entry.end <= edit.at:
        return entry  # stopped elsewhere before the time away: nothing of it to take back
    return tracker.edit(entry.client_ref, end=edit.at)


def _start_later(tracker: Tracker, edit: StartLater) -> Entry:
    ref = str(edit.ref)
    if edit.end is not None and tracker.get(ref).is_running:
        tracker.stop(at=edit.end)  # a running timer's end is set by stopping it
        return tracker.edit(ref, start=edit.at)
    return tracker.edit(ref, start=edit.at, end=edit.end)


def _copy(tracker: Tracker, edit: StartCopy) -> Entry:
    if edit.end is None:
        # The timer going on after the time away: on its own target, whatever became of it.
        started = tracker.continue_entry(str(edit.ref), at=edit.at, going_on=True).started
        assert started is not None  # a start always starts something
        return started
    like = tracker.get(str(edit.ref))
    return tracker.add(
        like.description,
        edit.at,
        edit.end,
        target=like.target,
        billable=like.billable,
        tags=like.tags,
        going_on=True,  # time the timer had, on its own target whatever became of it
    )


def _add(tracker: Tracker, edit: AddEntry) -> Entry:
    if not isinstance(edit.target, Target):
        raise InvalidEntry(f"the time away needs a project, task or record, not {edit.target!r}")
    return tracker.add(edit.description, edit.start, edit.end, target=edit.target)


def undo_away(tracker: Tracker, before: Entry, written: Sequence[Entry]) -> None:
    """Take back what `apply_away` wrote: the entries it made are deleted and `before` (the
    timer as it was when asked) is as it was — back if removed, from its own start, running
    again if it ran. All or nothing."""
    with tracker.batch():
        for entry in written:
            if entry.client_ref != before.client_ref:
                tracker.delete(entry.client_ref)
        try:
            now = tracker.get(before.client_ref)
        except NotFound:  # removed: the time away was all of it
            now = tracker.undo_delete(before.client_ref)
        if now.start != before.start:
            now = tracker.edit(now.client_ref, start=before.start)
        if before.end is None:
            tracker.reopen(now.client_ref)
        elif now.end != before.end:
            tracker.edit(now.client_ref, end=before.end)
