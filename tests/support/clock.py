"""A clock the test sets: the Tracker calls it for `now`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class Clock:
    """The time the code under test sees; tests set `now` or `advance` it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock on by `timedelta(**delta)` and return the new time."""
        self.now += timedelta(**delta)
        return self.now
