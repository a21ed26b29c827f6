"""What the window and the menu say about sync, in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from timo_desktop.ui.formatting import time_of_day


class SyncPhase(StrEnum):
    """The sync worker's state, as the UI distinguishes it."""

    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    SIGNED_OUT = "signed out"
    ATTENTION = "attention"


class Tone(StrEnum):
    """How the status is coloured: fine, busy, waiting or needing the user."""

    GOOD = "good"
    BUSY = "busy"
    WAITING = "waiting"
    BAD = "bad"


@dataclass(frozen=True)
class SyncSnapshot:
    """One reading of the sync worker: its phase and how many entries wait or need a look."""

    phase: SyncPhase
    pending: int = 0
    attention: int = 0
    last_success: datetime | None = None
    reason: str = ""  # the worker's own words for the latest problem, if any


@dataclass(frozen=True)
class SyncSummary:
    """The status line, its tooltip, its tone, and whether "Sync now" makes sense."""

    text: str
    detail: str
    tone: Tone
    can_sync_now: bool


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def summarize(snapshot: SyncSnapshot) -> SyncSummary:
    """Turn a snapshot into "All synced", "3 waiting — offline", "1 needs attention"…"""
    last = (
        f"Last synced {time_of_day(snapshot.last_success)}"
        if snapshot.last_success
        else "Never synced"
    )
    if snapshot.phase == SyncPhase.SIGNED_OUT:
        detail = (
            f"Signed out — sign in to sync {_entries(snapshot.pending)}"
            if snapshot.pending
            else "Entries stay on this computer until you sign in"
        )
        return SyncSummary("Signed out", detail, Tone.WAITING, False)
    if snapshot.attention:
        reason = snapshot.reason or f"{_entries(snapshot.attention)} the server refused"
        return SyncSummary(
            f"{snapshot.attention} need{'s' if snapshot.attention == 1 else ''} attention",
            reason,
            Tone.BAD,
            True,
        )
    if snapshot.phase == SyncPhase.OFFLINE:
        text = f"{snapshot.pending} waiting — offline" if snapshot.pending else "Offline"
        detail = (
            f"Offline — {_entries(snapshot.pending)} will sync when you're back"
            if snapshot.pending
            else f"Offline. {last}"
        )
        return SyncSummary(text, detail, Tone.WAITING, True)
    if snapshot.phase == SyncPhase.SYNCING:
        return SyncSummary("Syncing…", last, Tone.BUSY, False)
    if snapshot.pending:
        return SyncSummary(f"{snapshot.pending} waiting", last, Tone.WAITING, True)
    return SyncSummary("All synced", last, Tone.GOOD, True)
