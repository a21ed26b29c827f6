"""Seeds: ``empty`` (one workspace, one user) and ``demo`` (an agency with history).

Everything is deterministic except the dates of past entries, which follow the
server's current date so reports always have the last few weeks to show.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from vmoox_sandbox.auth import password_hash, store_token
from vmoox_sandbox.clock import to_db
from vmoox_sandbox.models import Membership, Project, Record, Task, TimeEntry, User, Workspace

SEEDS = ("demo", "empty")
DEMO_PASSWORD = "demo"
DEMO_USER_ID = "usr_1"
DEMO_WORKSPACE_ID = "ws_1"

MEMBER_PERMISSIONS = [
    "time-entries:create:own",
    "time-entries:update:own",
    "time-entries:delete:own",
    "records:view",
    "projects:view",
]
ADMIN_PERMISSIONS = [
    *MEMBER_PERMISSIONS,
    "time-entries:view:all",
    "time-entries:update:all",
    "time-entries:delete:all",
    "workspace:manage",
]
ROLE_PERMISSIONS = {
    "owner": ADMIN_PERMISSIONS,
    "admin": ADMIN_PERMISSIONS,
    "member": MEMBER_PERMISSIONS,
}

USERS = [
    ("usr_1", "Dana Demo", "dana@example.com", "Europe/Berlin"),
    ("usr_2", "Sam Okafor", "sam@example.com", "Europe/Berlin"),
    ("usr_3", "Alex Rivera", "alex@example.com", "America/New_York"),
]

# (id, type, name, subtitle, segment, status, trackable)
RECORDS = [
    ("rec_1", "client", "Acme Corp", "Manufacturing · Hamburg", "enterprise", "active", True),
    ("rec_2", "client", "Globex GmbH", "Logistics · Berlin", "enterprise", "active", True),
    ("rec_3", "client", "Initech", "Software · Munich", "smb", "active", True),
    ("rec_4", "client", "Green Fields e.V.", "Nonprofit · Leipzig", "nonprofit", "active", True),
    ("rec_5", "client", "Umbrella Studios", "Media · Cologne", "smb", "archived", True),
    ("rec_6", "lead", "Hooli", "Inbound · website form", "enterprise", "active", True),
    ("rec_7", "lead", "Pied Piper", "Referral", "smb", "active", True),
    ("rec_8", "lead", "Vandelay Imports", "Cold outreach", "smb", "active", False),
]

# (id, name, client, service type, phase, estimate hours, billable, status, tasks)
PROJECTS = [
    (
        "prj_1",
        "Acme website relaunch",
        "rec_1",
        "web-design",
        "design",
        120,
        True,
        "active",
        [("Discovery workshop", 8), ("Homepage layout", 24), ("Design system", 40)],
    ),
    (
        "prj_2",
        "Acme brand refresh",
        "rec_1",
        "branding",
        "discovery",
        60,
        True,
        "active",
        [("Moodboards", 10), ("Logo concepts", 20)],
    ),
    (
        "prj_3",
        "Globex shop build",
        "rec_2",
        "development",
        "build",
        240,
        True,
        "active",
        [("Checkout", 60), ("Product catalogue", 80), ("Payment integration", 40), ("QA", 30)],
    ),
    (
        "prj_4",
        "Globex SEO retainer",
        "rec_2",
        "seo",
        "support",
        20,
        True,
        "active",
        [("Monthly audit", 8), ("Content briefs", 12)],
    ),
    (
        "prj_5",
        "Initech app onboarding",
        "rec_3",
        "ux-research",
        "discovery",
        40,
        True,
        "active",
        [("Interviews", 16), ("Journey map", 12)],
    ),
    (
        "prj_6",
        "Green Fields campaign",
        "rec_4",
        "content",
        "launch",
        30,
        False,
        "active",
        [("Copywriting", 12), ("Social assets", 10)],
    ),
    (
        "prj_7",
        "Internal: agency admin",
        None,
        "internal",
        "ongoing",
        None,
        False,
        "active",
        [("Meetings", None), ("Hiring", None)],
    ),
    (
        "prj_8",
        "Umbrella microsite",
        "rec_5",
        "web-design",
        "closed",
        50,
        True,
        "archived",
        [("Build", 30)],
    ),
]

DESCRIPTIONS = [
    "Layout review",
    "Client call",
    "Implementation",
    "Research",
    "Feedback round",
    "Planning",
    "Copy edits",
    "Bug fixing",
]


@dataclass(frozen=True)
class SeedInfo:
    """What a seed created that a caller needs to know."""

    workspace_id: str
    user_id: str
    token: str


def apply_seed(session: Session, name: str, now: datetime, demo_token: str) -> SeedInfo:
    """Fill an empty database with the named seed and give the demo user ``demo_token``."""
    if name not in SEEDS:
        raise ValueError(f"unknown seed {name!r}; choose one of {', '.join(SEEDS)}")
    stamp = to_db(now)
    users = USERS if name == "demo" else USERS[:1]
    for uid, full_name, email, tz in users:
        session.add(
            User(
                id=uid,
                name=full_name,
                email=email,
                password_hash=password_hash(DEMO_PASSWORD),
                timezone=tz,
            )
        )
    agency = Workspace(
        id=DEMO_WORKSPACE_ID,
        name="Northwind Agency" if name == "demo" else "Sandbox",
        timezone="Europe/Berlin",
        last_seq=0,
        sync_epoch=1,
    )
    session.add(agency)
    session.flush()
    roles = {"usr_1": "member", "usr_2": "owner", "usr_3": "member"}
    for uid, *_ in users:
        role = roles[uid]
        session.add(
            Membership(
                workspace_id=agency.id,
                user_id=uid,
                role=role,
                permissions=list(ROLE_PERMISSIONS[role]),
                status="active",
            )
        )
    store_token(session, demo_token, "pat", DEMO_USER_ID, now, name="demo")
    if name == "demo":
        _demo_catalog(session, agency, stamp)
        _side_workspace(session, stamp)
        _demo_history(session, agency, now)
    session.flush()
    return SeedInfo(workspace_id=agency.id, user_id=DEMO_USER_ID, token=demo_token)


def _demo_catalog(session: Session, agency: Workspace, stamp: datetime) -> None:
    for rid, rtype, rname, subtitle, segment, status, trackable in RECORDS:
        session.add(
            Record(
                id=rid,
                workspace_id=agency.id,
                type=rtype,
                display_name=rname,
                subtitle=subtitle,
                segment=segment,
                status=status,
                trackable=trackable,
                version=1,
                updated_at=stamp,
            )
        )
    session.flush()
    task_number = 0
    for pid, pname, client, service, phase, hours, billable, status, tasks in PROJECTS:
        agency.last_seq += 1
        session.add(
            Project(
                id=pid,
                workspace_id=agency.id,
                name=pname,
                client_record_id=client,
                status=status,
                billable_default=billable,
                can_track=True,
                service_type=service,
                phase=phase,
                estimate_minutes=None if hours is None else hours * 60,
                version=1,
                updated_at=stamp,
                seq=agency.last_seq,
            )
        )
        session.flush()
        for tname, thours in tasks:
            task_number += 1
            session.add(
                Task(
                    id=f"tsk_{task_number}",
                    project_id=pid,
                    name=tname,
                    status="done" if status == "archived" else "open",
                    estimate_minutes=None if thours is None else thours * 60,
                    version=1,
                )
            )


def _side_workspace(session: Session, stamp: datetime) -> None:
    """A second workspace, so one can be frozen while the other keeps syncing."""
    side = Workspace(
        id="ws_2", name="Dana's Side Studio", timezone="Europe/Berlin", last_seq=1, sync_epoch=1
    )
    session.add(side)
    session.flush()
    session.add(
        Membership(
            workspace_id=side.id,
            user_id=DEMO_USER_ID,
            role="owner",
            permissions=list(ADMIN_PERMISSIONS),
            status="active",
        )
    )
    session.add(
        Project(
            id="prj_9",
            workspace_id=side.id,
            name="Portfolio site",
            client_record_id=None,
            status="active",
            billable_default=False,
            can_track=True,
            service_type="web-design",
            phase="build",
            estimate_minutes=600,
            version=1,
            updated_at=stamp,
            seq=1,
        )
    )


def _demo_history(session: Session, agency: Workspace, now: datetime) -> None:
    """Three weeks of the demo user's working days, before today (Berlin time)."""
    berlin = ZoneInfo("Europe/Berlin")
    today = now.astimezone(berlin).date()
    rng = random.Random(20260301)
    trackable = [p for p in PROJECTS if p[7] == "active"]
    tasks_of: dict[str, list[str]] = {}
    number = 0
    for pid, *_rest, tasks in PROJECTS:
        tasks_of[pid] = [f"tsk_{number + i + 1}" for i in range(len(tasks))]
        number += len(tasks)
    entry_number = 0
    for back in range(21, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        cursor = datetime.combine(day, time(9, 0), tzinfo=berlin)
        for _ in range(rng.randint(3, 5)):
            project = rng.choice(trackable)
            minutes = rng.choice([30, 45, 60, 90, 120])
            start = cursor
            end = start + timedelta(minutes=minutes)
            entry_number += 1
            agency.last_seq += 1
            stamp = to_db(end)
            session.add(
                TimeEntry(
                    id=f"te_seed_{entry_number:03d}",
                    workspace_id=agency.id,
                    user_id=DEMO_USER_ID,
                    client_ref=str(uuid.UUID(int=rng.getrandbits(128))),
                    target_type="project",
                    target_id=project[0],
                    task_id=rng.choice(tasks_of[project[0]]),
                    description=rng.choice(DESCRIPTIONS),
                    tags=[project[3]],
                    billable=project[6],
                    start=to_db(start),
                    end=to_db(end),
                    timezone="Europe/Berlin",
                    source={"app": "vmoox-web"},
                    invoiced=False,
                    version=1,
                    created_at=stamp,
                    updated_at=stamp,
                    deleted_at=None,
                    seq=agency.last_seq,
                )
            )
            cursor = end + timedelta(minutes=rng.choice([0, 15, 30]))
