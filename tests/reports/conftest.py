"""A real Tracker on a SQLite file in the test's TIMO_HOME, Berlin time, a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from timo_desktop.paths import resolve
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ZONE, Clock, seed_catalog


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # Saturday of 2026-W48


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    opened = Tracker.open(resolve().ensure().database, zone=ZONE, clock=clock)
    seed_catalog(opened)
    yield opened
    opened.close()


@pytest.fixture
def reports(tracker: Tracker) -> Reports:
    return Reports(tracker)
