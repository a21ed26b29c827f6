"""What the window and the menu say about sync: the design's plain sentence, which both show,
and the worker's own sentence with the last sync and the last problem as its tooltip."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from timo_desktop.core.local_time import describe_instant, from_text, utc_now

if TYPE_CHECKING:
    from timo_desktop.store.database import Reader
    from timo_desktop.sync.status import SyncStatus


class Tone(StrEnum):
    """How the status is coloured: fine, busy, waiting or needing the user."""

    GOOD = "good"
    BUSY = "busy"
    WAITING = "waiting"
    BAD = "bad"


@dataclass(frozen=True)
class SyncSummary:
    """The status line, its tooltip, its tone, and which action fits: sync now or sign in.
    `problem`: what only the user can fix, which the window shows in full; `needs_you`:
    entries wait for a decision in Needs attention (refused, held for a workspace, values
    the server replaced, timers stopped meanwhile)."""

    text: str
    detail: str
    tone: Tone
    can_sync_now: bool
    needs_sign_in: bool = False
    problem: str | None = None
    needs_you: bool = False


def summarize(status: SyncStatus, zone: str, now: datetime | None = None) -> SyncSummary:
    """ "All synced · 14:02", "Offline — 3 entries will sync when you're back", "Signed out —
    sign in to sync 12 entries", "1 entry needs a new project: Website was archived", "1 entry
    held for Northwind Agency: your access to Northwind Agency was removed"…

    The last sync is a time of day (a date when it was another day), not "5 min ago": it
    stays true without a timer redrawing it. A clock found hours off is a problem shown in
    full under it (what is tracked meanwhile is off by as much), unless a server not
    trusted is."""
    summary = _summarized(status, zone, now)
    if status.clock is None or summary.problem is not None:
        return summary
    return replace(summary, problem=status.clock)


def _summarized(status: SyncStatus, zone: str, now: datetime | None) -> SyncSummary:
    from timo_desktop.sync.status import ALL_SYNCED, WorkerState, last_problem, needs_sign_in

    last = None
    if status.last_success:
        last = describe_instant(from_text(status.last_success), zone, relative_to=now or utc_now())
    # As `timo sync status` tells it: the sentence, when it last synced, the last problem.
    lines = [status.message]
    if last is not None:
        lines.append(f"Last synced {last}")
    problem_line = last_problem(status.last_error)
    if problem_line is not None and status.last_error != status.message:  # not said twice
        lines.append(problem_line)
    if status.clock is not None:
        lines.append(status.clock)
    detail = "\n".join(lines)
    # The worker's sentence is the design's ("Offline — 3 entries will sync when you're
    # back"); only the all-clear gains the time, which the CLI prints on its own line.
    if needs_sign_in(status):
        return SyncSummary(status.message, detail, Tone.WAITING, False, needs_sign_in=True)
    if status.attention:
        return SyncSummary(_attention_words(status), detail, Tone.BAD, True, needs_you=True)
    if status.state == WorkerState.UNTRUSTED:
        return SyncSummary("Server not trusted", detail, Tone.BAD, True, problem=status.message)
    if status.state == WorkerState.OFFLINE:
        return SyncSummary(status.message, detail, Tone.WAITING, True)
    if status.state == WorkerState.SYNCING:
        return SyncSummary(status.message, detail, Tone.BUSY, False)
    if status.frozen:
        # Time not on the server (access to its workspace removed): kept or exported in
        # Needs attention, never "All synced".
        return SyncSummary(status.message, detail, Tone.BAD, True, needs_you=True)
    if status.pending_entries or not status.message.startswith(ALL_SYNCED):
        # Waiting to be sent, a workspace paused with nothing held for it yet, or timers
        # stopped meanwhile, to read in Needs attention.
        told = bool(status.stopped)
        return SyncSummary(status.message, detail, Tone.WAITING, True, needs_you=told)
    if status.conflicts:
        # Sent, but the server's values replaced some typed here: "All synced — 2 entries
        # changed on the server", to read in Needs attention, not the all-clear.
        return SyncSummary(status.message, detail, Tone.WAITING, True, needs_you=True)
    text = ALL_SYNCED if last is None else f"{ALL_SYNCED} · {last}"
    return SyncSummary(text, detail, Tone.GOOD, True)


def tried_again(status: SyncStatus) -> str:
    """What a Sync now whose round left the sync line as it was says, so that the try is
    seen: "Tried again: Vmoox still answers with an error; Timo keeps trying by itself"."""
    from timo_desktop.sync.status import SLOW_WORDS, UNREACHABLE_WORDS, WorkerState

    error = status.last_error or ""
    if status.state is WorkerState.OFFLINE and error.startswith(UNREACHABLE_WORDS):
        return "Tried again: Vmoox still can't be reached; Timo keeps trying by itself"
    if error.startswith(SLOW_WORDS):
        return "Tried again: Vmoox is still slow to answer; Timo keeps trying by itself"
    if status.state is WorkerState.OFFLINE:
        return "Tried again: still offline; Timo syncs by itself once the network is back"
    if status.state is WorkerState.UNTRUSTED:
        return "Tried again: this computer still does not trust the server's certificate"
    if error:
        return "Tried again: Vmoox still answers with an error; Timo keeps trying by itself"
    return "Tried again: nothing changed"


def with_local_changes(status: SyncStatus, reader: Reader) -> SyncStatus:
    """`status` once a change saved here since (or queued by `timo`) is counted: "1 entry
    waiting to sync" (or "Syncing…", "Offline — 1 entry will sync…") from the moment its
    row shows the waiting clock, not the last round's "All synced" until the worker's next
    word. The worker's state and last problem stand; the counts are read from `reader`."""
    from timo_desktop.sync.status import WorkerState, read_status

    # Entries waiting for the user are counted anew: a fix made here may have been the last.
    state = WorkerState.IDLE if status.state is WorkerState.ATTENTION else status.state
    return read_status(reader, state, status.last_error or "")


def _attention_words(status: SyncStatus) -> str:
    """The worker's reason ("1 entry needs a new project: Website was archived") when its
    sentence is about the entries waiting for the user; a plain count otherwise."""
    from timo_desktop.sync.status import WorkerState
    from timo_desktop.sync.words import plural

    # Offline, signed out and untrusted take the worker's sentence for themselves.
    about_them = status.state not in (
        WorkerState.OFFLINE,
        WorkerState.SIGNED_OUT,
        WorkerState.UNTRUSTED,
    )
    if about_them and status.message:
        return status.message
    verb = "needs" if status.attention == 1 else "need"
    return f"{plural(status.attention, 'entry')} {verb} attention"
