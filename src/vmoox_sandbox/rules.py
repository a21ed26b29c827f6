"""Business rules of time entries, each answered with its own problem ``code``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from vmoox_sandbox.auth import Access
from vmoox_sandbox.clock import as_utc, iso_z, to_db
from vmoox_sandbox.errors import Problem, validation_problem
from vmoox_sandbox.models import Project, Record, Task, TimeEntry, Workspace
from vmoox_sandbox.schemas import EntryFields

MAX_TAG_LENGTH = 64


@dataclass(frozen=True)
class Candidate:
    """An entry's fields after defaults, as they would be stored."""

    target_type: str | None
    target_id: str | None
    task_id: str | None
    description: str
    tags: tuple[str, ...]
    billable: bool
    start: datetime
    end: datetime | None
    timezone: str
    source: dict[str, Any] | None

    def content(self) -> tuple[Any, ...]:
        """What makes two entries "the same entry" for ``client_ref`` (source aside)."""
        return (
            self.target_type,
            self.target_id,
            self.task_id,
            self.description,
            self.tags,
            self.billable,
            to_db(self.start),
            None if self.end is None else to_db(self.end),
            self.timezone,
        )


def candidate_of(session: Session, access: Access, fields: EntryFields) -> Candidate:
    """Fill an entry's defaults: the user's timezone, billable from project or workspace."""
    target = fields.target
    billable = fields.billable
    if billable is None:
        project = session.get(Project, target.id) if target and target.type == "project" else None
        billable = project.billable_default if project else access.workspace.billable_default
    return Candidate(
        target_type=target.type if target else None,
        target_id=target.id if target else None,
        task_id=target.task_id if target else None,
        description=fields.description,
        tags=tuple(fields.tags),
        billable=billable,
        start=as_utc(fields.start),
        end=None if fields.end is None else as_utc(fields.end),
        timezone=fields.timezone or access.user.timezone,
        source=fields.source.model_dump(exclude_none=True) if fields.source else None,
    )


def content_of(entry: TimeEntry) -> tuple[Any, ...]:
    """The stored counterpart of ``Candidate.content``."""
    return (
        entry.target_type,
        entry.target_id,
        entry.task_id,
        entry.description,
        tuple(entry.tags),
        entry.billable,
        entry.start,
        entry.end,
        entry.timezone,
    )


def lock_boundary(workspace: Workspace) -> datetime | None:
    """Entries starting before this are read-only: midnight of lock_date, workspace time."""
    if workspace.lock_date is None:
        return None
    midnight = datetime.combine(workspace.lock_date, time(), tzinfo=ZoneInfo(workspace.timezone))
    return as_utc(midnight)


def is_locked(entry: TimeEntry, workspace: Workspace) -> bool:
    """Invoiced or before the lock date."""
    boundary = lock_boundary(workspace)
    return entry.invoiced or (boundary is not None and as_utc(entry.start) < boundary)


def ensure_unlocked(entry: TimeEntry, workspace: Workspace) -> None:
    """409 entry-locked for an entry that is invoiced or inside the locked period."""
    if is_locked(entry, workspace):
        raise _locked(workspace, "invoiced" if entry.invoiced else "locked-period")


def _locked(workspace: Workspace, reason: str) -> Problem:
    return Problem(
        409,
        "entry-locked",
        "This entry is read-only: "
        + (
            "it has been invoiced."
            if reason == "invoiced"
            else f"it falls before {workspace.lock_date}."
        ),
        reason=reason,
        lock_date=None if workspace.lock_date is None else workspace.lock_date.isoformat(),
    )


def check_candidate(
    session: Session,
    access: Access,
    cand: Candidate,
    now: datetime,
    *,
    entry_id: str | None,
    check_target: bool,
    serialize: Any,
) -> None:
    """Every rule a new or changed entry must pass, in the order a client can act on them."""
    workspace = access.workspace
    _check_fields(workspace, cand)
    if check_target:
        _check_target(session, workspace, cand)
    _check_future(workspace, cand, now)
    boundary = lock_boundary(workspace)
    if boundary is not None and cand.start < boundary:
        raise _locked(workspace, "locked-period")
    others = select(TimeEntry).where(
        TimeEntry.workspace_id == workspace.id,
        TimeEntry.user_id == access.user.id,
        TimeEntry.deleted_at.is_(None),
    )
    if entry_id is not None:
        others = others.where(TimeEntry.id != entry_id)
    if cand.end is None:
        running = session.scalar(others.where(TimeEntry.end.is_(None)))
        if running is not None:
            raise Problem(
                409,
                "running-entry-exists",
                "Another entry is already running; stop it first.",
                existing=serialize(running),
            )
    if not workspace.allow_overlap:
        end = cand.end or now
        clashes = [
            e
            for e in session.scalars(others.where(TimeEntry.start < to_db(end)))
            if (now if e.end is None else as_utc(e.end)) > cand.start
        ]
        if clashes:
            raise Problem(
                409,
                "entry-overlap",
                "This workspace does not allow overlapping entries.",
                conflicting=[serialize(e) for e in clashes],
            )


def _check_fields(workspace: Workspace, cand: Candidate) -> None:
    errors: list[dict[str, str]] = []
    try:
        ZoneInfo(cand.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(
            {"pointer": "/timezone", "code": "unknown-timezone", "detail": "Not an IANA time zone."}
        )
    for index, tag in enumerate(cand.tags):
        if not tag.strip() or len(tag) > MAX_TAG_LENGTH:
            errors.append(
                {
                    "pointer": f"/tags/{index}",
                    "code": "bad-tag",
                    "detail": f"Tags are 1 to {MAX_TAG_LENGTH} characters.",
                }
            )
    if cand.end is not None:
        seconds = (cand.end - cand.start).total_seconds()
        if seconds < 0:
            errors.append(
                {"pointer": "/end", "code": "end-before-start", "detail": "end is before start."}
            )
        elif seconds > workspace.max_entry_seconds:
            errors.append(
                {
                    "pointer": "/end",
                    "code": "too-long",
                    "detail": f"Entries are at most {workspace.max_entry_seconds} seconds.",
                }
            )
    if cand.target_type == "record" and cand.task_id is not None:
        errors.append(
            {
                "pointer": "/target/task_id",
                "code": "not-allowed",
                "detail": "Records have no tasks.",
            }
        )
    if workspace.require_target and cand.target_type is None:
        errors.append(
            {
                "pointer": "/target",
                "code": "required",
                "detail": "This workspace requires a target.",
            }
        )
    if errors:
        raise validation_problem(errors)


def _unavailable(reason: str, detail: str) -> Problem:
    return Problem(422, "target-unavailable", detail, reason=reason)


def _check_target(session: Session, workspace: Workspace, cand: Candidate) -> None:
    if cand.target_type is None or cand.target_id is None:
        return
    model = Project if cand.target_type == "project" else Record
    target = session.get(model, cand.target_id)
    if target is None or target.workspace_id != workspace.id:
        raise _unavailable("not-found", f"No {cand.target_type} {cand.target_id!r} here.")
    if target.status != "active":
        raise _unavailable(target.status, f"The {cand.target_type} is {target.status}.")
    trackable = target.can_track if isinstance(target, Project) else target.trackable
    if not trackable:
        raise _unavailable("not-trackable", f"Time cannot be tracked on this {cand.target_type}.")
    if cand.task_id is not None:
        task = session.get(Task, cand.task_id)
        if task is None or task.project_id != cand.target_id:
            raise _unavailable("task-not-found", "The task does not belong to the project.")
        if task.status == "archived":
            raise _unavailable("task-archived", "The task is archived.")


def _check_future(workspace: Workspace, cand: Candidate, now: datetime) -> None:
    limit = now + timedelta(seconds=workspace.future_tolerance_seconds)
    latest = cand.end or cand.start
    if latest > limit or cand.start > limit:
        raise Problem(
            422,
            "entry-in-future",
            "The entry ends after the server's current time.",
            server_time=iso_z(now),
        )
