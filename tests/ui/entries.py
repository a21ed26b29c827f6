"""Entries for widget tests, built with the core's own constructor."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from timo_desktop.core.entry import NO_TARGET, Entry, SyncState, Target, new_entry


def finished(
    day: date,
    start: str,
    minutes: int,
    description: str = "Work",
    *,
    target: Target = NO_TARGET,
    billable: bool = False,
    sync_state: SyncState = SyncState.SYNCED,
) -> Entry:
    """A finished entry on `day` (UTC) starting at `start` (HH:MM) lasting `minutes`."""
    begin = datetime.combine(day, time.fromisoformat(start), tzinfo=UTC)
    entry = new_entry(
        start=begin,
        end=begin + timedelta(minutes=minutes),
        zone="UTC",
        now=begin,
        description=description,
        target=target,
        billable=billable,
    )
    return replace(entry, sync_state=sync_state)
