"""Times, durations and the sync status read the way the design says."""

from __future__ import annotations

from datetime import date

from timo_desktop.sync.status import SyncStatus, WorkerState
from timo_desktop.ui.formatting import clock, day_label, hours_minutes
from timo_desktop.ui.sync_status import Tone, summarize


def test_hours_minutes_and_clock() -> None:
    assert hours_minutes(12 * 60 + 59) == "0:12"
    assert hours_minutes(7 * 3600 + 5 * 60) == "7:05"
    assert clock(3600 + 62) == "1:01:02"


def test_day_labels() -> None:
    today = date(2026, 11, 26)
    assert day_label(today, today) == "Today"
    assert day_label(date(2026, 11, 25), today) == "Yesterday"
    assert day_label(date(2026, 11, 23), today) == "Mon 23 Nov"
    assert day_label(date(2025, 11, 24), today) == "Mon 24 Nov 2025"


def status(
    state: WorkerState, *, waiting: int = 0, attention: int = 0, message: str = ""
) -> SyncStatus:
    return SyncStatus(
        state, waiting, waiting, attention, 0, 0, "2026-01-01T09:30:00Z", None, message
    )


def test_sync_summaries_match_the_design() -> None:
    synced = summarize(status(WorkerState.IDLE, message="All synced"), "UTC")
    assert (synced.text, synced.tone, synced.can_sync_now) == ("All synced", Tone.GOOD, True)
    assert "Last synced" in synced.detail
    offline = summarize(
        status(WorkerState.OFFLINE, waiting=3, message="Offline — 3 entries…"), "UTC"
    )
    assert (offline.text, offline.detail.splitlines()[0]) == (
        "3 waiting — offline",
        "Offline — 3 entries…",
    )
    attention = summarize(status(WorkerState.ATTENTION, waiting=2, attention=1), "UTC")
    assert (attention.text, attention.tone) == ("1 needs attention", Tone.BAD)
    assert summarize(status(WorkerState.ATTENTION, attention=2), "UTC").text == "2 need attention"
    signed_out = summarize(status(WorkerState.SIGNED_OUT, waiting=12), "UTC")
    assert signed_out.needs_sign_in and not signed_out.can_sync_now
    assert summarize(status(WorkerState.SYNCING, waiting=1), "UTC").text == "Syncing…"
    assert summarize(status(WorkerState.IDLE, waiting=4), "UTC").text == "4 waiting"
    # Not "offline": the network is there, and waiting will not fix it.
    untrusted = summarize(
        status(WorkerState.UNTRUSTED, waiting=2, message="Not synced — this computer…"), "UTC"
    )
    assert (untrusted.text, untrusted.tone, untrusted.can_sync_now) == (
        "Server not trusted",
        Tone.BAD,
        True,
    )
    assert untrusted.detail.startswith("Not synced — this computer…")
    # Only the user can fix it: the window spells it out; the others stay in the tooltip.
    assert untrusted.problem == "Not synced — this computer…"
    assert offline.problem is None and attention.problem is None and signed_out.problem is None
