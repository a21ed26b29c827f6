"""Times, durations and the sync status read the way the design says."""

from __future__ import annotations

from datetime import UTC, date, datetime

from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
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


NOW = datetime(2026, 1, 1, 9, 45, tzinfo=UTC)  # a quarter of an hour after the last sync


def status(
    state: WorkerState, *, waiting: int = 0, attention: int = 0, message: str = ""
) -> SyncStatus:
    said = message or sentence(
        state, waiting, [(f"ref{i}", None, None) for i in range(attention)]
    )  # the worker's sentence unless given
    return SyncStatus(state, waiting, waiting, attention, 0, 0, "2026-01-01T09:30:00Z", None, said)


def test_sync_summaries_match_the_design() -> None:
    # The design's sentences, shown as they are in the window and the menu.
    synced = summarize(status(WorkerState.IDLE, message="All synced"), "UTC", NOW)
    assert (synced.text, synced.tone, synced.can_sync_now) == (
        "All synced · 09:30",
        Tone.GOOD,
        True,
    )
    assert "Last synced 09:30" in synced.detail
    offline = summarize(status(WorkerState.OFFLINE, waiting=3), "UTC", NOW)
    assert offline.text == "Offline — 3 entries will sync when you're back"
    assert offline.detail.splitlines()[1] == "Last synced 09:30"
    # Without the worker's reason (an empty message here), a count in plain words.
    attention = summarize(status(WorkerState.ATTENTION, waiting=2, attention=1), "UTC", NOW)
    assert (attention.text, attention.tone) == ("1 entry needs attention", Tone.BAD)
    plain = summarize(status(WorkerState.ATTENTION, attention=2), "UTC", NOW)
    assert plain.text == "2 entries need attention"
    signed_out = summarize(status(WorkerState.SIGNED_OUT, waiting=12), "UTC", NOW)
    assert signed_out.needs_sign_in and not signed_out.can_sync_now
    assert signed_out.text == "Signed out — sign in to sync 12 entries"
    syncing = summarize(status(WorkerState.SYNCING, waiting=1), "UTC", NOW)
    assert syncing.text == "Syncing 1 entry…"
    waiting = summarize(status(WorkerState.IDLE, waiting=4), "UTC", NOW)
    assert waiting.text == "4 entries waiting to sync"
    # Not "offline": the network is there, and waiting will not fix it.
    untrusted = summarize(
        status(WorkerState.UNTRUSTED, waiting=2, message="Not synced — this computer…"),
        "UTC",
        NOW,
    )
    assert (untrusted.text, untrusted.tone, untrusted.can_sync_now) == (
        "Server not trusted",
        Tone.BAD,
        True,
    )
    assert untrusted.detail.startswith("Not synced — this computer…")
    # Only the user can fix it: the window spells it out below the status line too.
    assert untrusted.problem == "Not synced — this computer…"
    assert offline.problem is None and attention.problem is None and signed_out.problem is None
