"""Times, durations and the sync status read the way the design says."""

from __future__ import annotations

from datetime import UTC, date, datetime

from timo_desktop.ui.formatting import clock, day_label, hours_minutes
from timo_desktop.ui.sync_status import SyncPhase, SyncSnapshot, Tone, summarize


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


def test_sync_summaries_match_the_design() -> None:
    synced = summarize(SyncSnapshot(SyncPhase.IDLE, last_success=datetime(2026, 1, 1, tzinfo=UTC)))
    assert (synced.text, synced.tone) == ("All synced", Tone.GOOD)
    assert summarize(SyncSnapshot(SyncPhase.OFFLINE, pending=3)).text == "3 waiting — offline"
    assert (
        "3 entries will sync when you're back"
        in summarize(SyncSnapshot(SyncPhase.OFFLINE, pending=3)).detail
    )
    attention = summarize(SyncSnapshot(SyncPhase.ATTENTION, pending=2, attention=1))
    assert (attention.text, attention.tone) == ("1 needs attention", Tone.BAD)
    signed_out = summarize(SyncSnapshot(SyncPhase.SIGNED_OUT, pending=12))
    assert signed_out.detail == "Signed out — sign in to sync 12 entries"
    assert not signed_out.can_sync_now
