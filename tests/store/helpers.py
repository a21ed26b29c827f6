"""Entries and stores for store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from timo_desktop.core.entry import Entry, new_entry
from timo_desktop.store.database import Store

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def make_entry(description: str = "Work", hours: float = 0, length: float | None = 1) -> Entry:
    start = T0 + timedelta(hours=hours)
    end = None if length is None else start + timedelta(hours=length)
    return new_entry(start=start, end=end, zone="Europe/Berlin", now=T0, description=description)


def open_store(home: Path) -> Store:
    return Store.open(home / "data" / "timo.sqlite3")
