"""A real Tracker on a SQLite file in the test's TIMO_HOME, Berlin time, a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest

from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

ZONE = "Europe/Berlin"

ACME = Record("rec_acme", "client", "Acme Corp", segment="enterprise")
INITECH = Record("rec_ini", "client", "Initech", segment="smb")
HOOLI = Record("rec_hooli", "lead", "Hooli", segment="enterprise")
SITE = Project(
    "prj_site",
    "Acme website",
    ACME.id,
    billable_default=True,
    service_type="web-design",
    phase="design",
    estimate_minutes=10 * 60,
)
BRAND = Project(
    "prj_brand",
    "Acme brand",
    ACME.id,
    billable_default=True,
    service_type="branding",
    phase="discovery",
    estimate_minutes=40 * 60,
)
APP = Project("prj_app", "Initech app", INITECH.id, billable_default=True, service_type="ux")
ADMIN = Project("prj_admin", "Agency admin", billable_default=False, service_type="internal")
LAYOUT = Task("tsk_layout", SITE.id, "Layout", estimate_minutes=4 * 60)
COPY = Task("tsk_copy", SITE.id, "Copy")
ON_SITE = Target(project_id=SITE.id)


@dataclass
class Clock:
    """A clock the test sets; the Tracker reads it for `now`."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # Saturday of 2026-W48


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    opened = Tracker.open(resolve().ensure().database, zone=ZONE, clock=clock)
    with opened.store.write() as tx:
        tx.put_records([ACME, INITECH, HOOLI])
        tx.put_projects([SITE, BRAND, APP, ADMIN])
        tx.put_tasks([LAYOUT, COPY])
    yield opened
    opened.close()


@pytest.fixture
def reports(tracker: Tracker) -> Reports:
    return Reports(tracker)


def at(day: date, clock_text: str) -> datetime:
    """Wall-clock `HH:MM` on `day` in Berlin, as a UTC instant."""
    return at_local(day, time.fromisoformat(clock_text), ZONE)


def add(
    tracker: Tracker,
    day: date,
    start: str,
    minutes: int,
    target: Target = ON_SITE,
    *,
    billable: bool | None = None,
    tags: tuple[str, ...] = (),
    description: str = "Work",
) -> Entry:
    """A finished entry starting at `start` (Berlin) on `day`, `minutes` long."""
    begin = at(day, start)
    return tracker.add(
        description,
        begin,
        begin + timedelta(minutes=minutes),
        target=target,
        billable=billable,
        tags=tags,
    )
