"""What the window and the menu say about sync: a short label; the worker's sentence as detail."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from timo_desktop.core.local_time import clock_time, from_text

if TYPE_CHECKING:
    from timo_desktop.sync.status import SyncStatus


class Tone(StrEnum):
    """How the status is coloured: fine, busy, waiting or needing the user."""

    GOOD = "good"
    BUSY = "busy"
    WAITING = "waiting"
    BAD = "bad"


@dataclass(frozen=True)
class SyncSummary:
    """The status label, its tooltip, its tone, and which action fits: sync now or sign in.
    `problem`: what only the user can fix, which the window shows in full."""

    text: str
    detail: str
    tone: Tone
    can_sync_now: bool
    needs_sign_in: bool = False
    problem: str | None = None


def summarize(status: SyncStatus, zone: str) -> SyncSummary:
    """ "All synced", "3 waiting — offline", "1 needs attention"… for a worker status."""
    from timo_desktop.sync.status import WorkerState

    detail = status.message
    if status.last_success:
        when = clock_time(from_text(status.last_success), zone)
        detail = f"{detail}\nLast synced {when}"
    waiting = status.pending_entries
    if status.state == WorkerState.SIGNED_OUT:
        return SyncSummary("Signed out", detail, Tone.WAITING, False, needs_sign_in=True)
    if status.attention:
        verb = "needs" if status.attention == 1 else "need"
        return SyncSummary(f"{status.attention} {verb} attention", detail, Tone.BAD, True)
    if status.state == WorkerState.UNTRUSTED:
        return SyncSummary("Server not trusted", detail, Tone.BAD, True, problem=status.message)
    if status.state == WorkerState.OFFLINE:
        text = f"{waiting} waiting — offline" if waiting else "Offline"
        return SyncSummary(text, detail, Tone.WAITING, True)
    if status.state == WorkerState.SYNCING:
        return SyncSummary("Syncing…", detail, Tone.BUSY, False)
    if waiting:
        return SyncSummary(f"{waiting} waiting", detail, Tone.WAITING, True)
    return SyncSummary("All synced", detail, Tone.GOOD, True)
