"""A small, realistic workspace for widget tests and screenshots: catalog and a week of entries."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local, local
from timo_desktop.services.tracker import Tracker

WEBSITE = Project("p-web", "Website relaunch", billable_default=True)
MOBILE = Project("p-app", "Mobile app", billable_default=True)
INTERNAL = Project("p-int", "Internal", billable_default=False)
HOMEPAGE = Task("t-home", "p-web", "Homepage layout")
CHECKOUT = Task("t-checkout", "p-web", "Checkout flow")
ONBOARDING = Task("t-onboard", "p-app", "Onboarding screens")
ACME = Record("r-acme", "client", "Acme GmbH")
GLOBEX = Record("r-globex", "deal", "Globex renewal")

# (start, minutes, description, target, tags) per day, oldest day first
_DAY = [
    ("09:00", 45, "Stand-up and planning", Target(project_id=INTERNAL.id), ("meeting",)),
    (
        "09:45",
        135,
        "Homepage layout",
        Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id),
        ("design",),
    ),
    ("13:00", 90, "Checkout flow review", Target(project_id=WEBSITE.id, task_id=CHECKOUT.id), ()),
    ("14:30", 60, "Call with Acme", Target(record_id=ACME.id), ("call",)),
    ("15:30", 75, "Onboarding screens", Target(project_id=MOBILE.id, task_id=ONBOARDING.id), ()),
]


def seed_catalog(tracker: Tracker) -> None:
    """Fill the cached catalog as sync would."""
    with tracker.store.write() as tx:
        tx.put_projects([WEBSITE, MOBILE, INTERNAL])
        tx.put_tasks([HOMEPAGE, CHECKOUT, ONBOARDING])
        tx.put_records([ACME, GLOBEX])


def seed_entries(tracker: Tracker, now: datetime, days: int = 4) -> None:
    """`days` working days of entries before today, and today's that end before `now`."""
    today = local(now, tracker.zone).date()
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        for start_text, minutes, description, target, tags in _DAY:
            start = at_local(day, time.fromisoformat(start_text), tracker.zone)
            end = start + timedelta(minutes=minutes)
            if end <= now:
                tracker.add(description, start, end, target=target, tags=tags)
