"""A small agency workspace in Berlin time: clients, projects with estimates, tasks, helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tests.support.clock import Clock as Clock
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.local_time import at_local
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


def seed_catalog(tracker: Tracker) -> None:
    """The catalog as sync would cache it."""
    with tracker.store.write() as tx:
        tx.put_records([ACME, INITECH, HOOLI])
        tx.put_projects([SITE, BRAND, APP, ADMIN])
        tx.put_tasks([LAYOUT, COPY])


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


# (weekday, start, minutes, target, billable, tags, description); Thursday is a holiday.
_REVIEW_WEEK = [
    (0, "09:00", 45, Target(ADMIN.id), None, ("meeting",), "Stand-up and planning"),
    (0, "09:45", 135, Target(SITE.id, LAYOUT.id), None, ("design",), "Homepage layout"),
    (0, "13:00", 90, Target(BRAND.id), None, ("design",), "Logo concepts"),
    (0, "14:30", 60, Target(record_id=HOOLI.id), None, ("call",), "Intro call with Hooli"),
    (0, "15:30", 75, Target(APP.id), None, (), "Onboarding screens"),
    (1, "09:00", 30, Target(ADMIN.id), None, ("meeting",), "Stand-up"),
    (1, "09:30", 180, Target(SITE.id, COPY.id), None, (), "Product copy"),
    (1, "13:30", 120, Target(APP.id), None, (), "Onboarding screens"),
    (1, "15:30", 60, Target(SITE.id, LAYOUT.id), False, ("design",), "Internal review"),
    (2, "09:00", 30, Target(ADMIN.id), None, ("meeting",), "Stand-up"),
    (2, "09:30", 240, Target(APP.id), None, (), "Prototype"),
    (2, "14:00", 120, Target(BRAND.id), None, ("design",), "Brand guidelines"),
    (4, "09:00", 30, Target(ADMIN.id), None, ("meeting",), "Stand-up"),
    (4, "09:30", 150, Target(SITE.id, LAYOUT.id), None, ("design",), "Homepage layout"),
    (4, "13:00", 60, Target(), None, (), "Sorting receipts"),
]

FRIDAY_AFTERNOON = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # 16:30 in Berlin


def seed_review_week(
    tracker: Tracker, monday: date = date(2026, 11, 23), *, running: bool = True
) -> None:
    """2026-W48 as a team lead sees it on Friday at 16:30: the site past its estimate,
    a holiday on Thursday, an entry without a target and a timer running since 14:30."""
    seed_catalog(tracker)
    add(tracker, monday - timedelta(days=7), "09:00", 480, Target(SITE.id, LAYOUT.id))
    for weekday, start, minutes, target, billable, tags, description in _REVIEW_WEEK:
        add(
            tracker,
            monday + timedelta(days=weekday),
            start,
            minutes,
            target,
            billable=billable,
            tags=tags,
            description=description,
        )
    if not running:
        return
    if running:
        friday = monday + timedelta(days=4)
        tracker.start("Product copy", target=Target(SITE.id, COPY.id), at=at(friday, "14:30"))
