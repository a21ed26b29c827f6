"""The server clock: real UTC time plus an adjustable offset, and RFC 3339 helpers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class Clock:
    """UTC wall clock that the sandbox can shift to simulate a skewed server."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    @property
    def offset_seconds(self) -> float:
        """The current shift from real time, in seconds."""
        return self._offset.total_seconds()

    def set_offset(self, seconds: float) -> None:
        """Shift the server clock to real time plus ``seconds``."""
        with self._lock:
            self._offset = timedelta(seconds=seconds)

    def now(self) -> datetime:
        """Aware UTC 'now' as the server sees it."""
        return datetime.now(UTC) + self._offset


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime from an aware one, or from a naive one stored as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_db(value: datetime) -> datetime:
    """Naive UTC, the form every timestamp is stored in (SQLite keeps no zone)."""
    return as_utc(value).replace(tzinfo=None)


def iso_z(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with a ``Z`` suffix; fractions only when present."""
    if value is None:
        return None
    return as_utc(value).replace(tzinfo=None).isoformat() + "Z"
