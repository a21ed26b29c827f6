"""Routes of who-am-I, workspace settings, records, projects and tasks."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.orm import Session

from vmoox_sandbox import __version__
from vmoox_sandbox.auth import Access, CurrentPrincipal, workspace_access
from vmoox_sandbox.changes import read_feed
from vmoox_sandbox.clock import as_utc, iso_z
from vmoox_sandbox.context import Sandbox, get_sandbox
from vmoox_sandbox.errors import Problem, not_found
from vmoox_sandbox.models import Membership, Project, Record, Task, TimeEntry, User, Workspace
from vmoox_sandbox.pagination import (
    CursorQuery,
    LimitQuery,
    decode_cursor,
    encode_cursor,
    link_headers,
    query_scope,
)
from vmoox_sandbox.responses import COMMON_PROBLEMS, json_response, problems
from vmoox_sandbox.schemas import (
    BatchGetRequest,
    Me,
    ProjectChanges,
    ProjectList,
    RecordList,
    RecordOut,
    Status,
    TaskList,
    WorkspaceOut,
)

router = APIRouter(responses=COMMON_PROBLEMS)
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]
RECORD_URL = "https://app.vmoox.example/{ws}/records/{id}"
ObjectStatus = Literal["active", "archived", "deleted"]


@router.get("/v1/status", response_model=Status, tags=["meta"], responses=problems(429))
def status(sandbox: SandboxDep) -> dict[str, Any]:
    """Liveness: answers as soon as the server accepts requests."""
    return {"status": "ok", "version": __version__, "server_time": iso_z(sandbox.clock.now())}


@router.get("/v1/me", response_model=Me, tags=["me"])
def me(sandbox: SandboxDep, principal: CurrentPrincipal) -> dict[str, Any]:
    """The caller, the server time and every membership with its permissions."""
    with sandbox.store.transaction() as session:
        user = session.get(User, principal.user_id)
        assert user is not None
        rows = session.execute(
            select(Membership, Workspace)
            .join(Workspace, Workspace.id == Membership.workspace_id)
            .where(Membership.user_id == user.id)
            .order_by(Workspace.id)
        ).all()
        return {
            "user": {
                "id": user.id,
                "name": user.name,
                "email": user.email,
                "timezone": user.timezone,
            },
            "server_time": iso_z(sandbox.clock.now()),
            "memberships": [
                {
                    "workspace_id": ws.id,
                    "name": ws.name,
                    "role": m.role,
                    "status": m.status,
                    "permissions": m.permissions if m.status == "active" else [],
                }
                for m, ws in rows
            ],
        }


def workspace_json(workspace: Workspace) -> dict[str, Any]:
    """A workspace's settings."""
    return {
        "id": workspace.id,
        "name": workspace.name,
        "timezone": workspace.timezone,
        "lock_date": None if workspace.lock_date is None else workspace.lock_date.isoformat(),
        "allow_overlap": workspace.allow_overlap,
        "max_entry_seconds": workspace.max_entry_seconds,
        "future_tolerance_seconds": workspace.future_tolerance_seconds,
        "require_target": workspace.require_target,
        "capacity_hours_per_week": workspace.capacity_hours_per_week,
        "billable_default": workspace.billable_default,
        "billable_rules": ["project.billable_default", "workspace.billable_default"],
    }


@router.get("/v1/workspaces/{workspace_id}", response_model=WorkspaceOut, tags=["workspaces"])
def workspace(
    workspace_id: str, sandbox: SandboxDep, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Settings that govern tracking in a workspace."""
    with sandbox.store.transaction() as session:
        return workspace_json(workspace_access(session, workspace_id, principal).workspace)


def record_json(record: Record) -> dict[str, Any]:
    """The public representation of a record."""
    return {
        "id": record.id,
        "type": record.type,
        "display_name": record.display_name,
        "subtitle": record.subtitle,
        "status": record.status,
        "trackable": record.trackable,
        "url": RECORD_URL.format(ws=record.workspace_id, id=record.id),
        "segment": record.segment,
        "version": record.version,
        "updated_at": iso_z(record.updated_at),
    }


def _records_access(session: Session, workspace_id: str, principal: CurrentPrincipal) -> Access:
    access = workspace_access(session, workspace_id, principal)
    access.require("records:view")
    return access


def _page(
    session: Session,
    request: Request,
    stmt: Select[Any],
    keys: tuple[Any, Any],
    scope: str,
    cursor: str | None,
    limit: int,
) -> tuple[list[Any], str | None, dict[str, str]]:
    """Keyset page over two string sort keys."""
    if cursor is not None:
        after = decode_cursor(cursor, scope)
        if len(after) != 2 or not all(isinstance(v, str) for v in after):
            raise Problem(400, "invalid-cursor", "The cursor is damaged.")
        stmt = stmt.where(tuple_(*keys) > tuple(after))
    rows = list(session.scalars(stmt.order_by(*keys).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(scope, [getattr(last, k.key) for k in keys])
    return rows, next_cursor, link_headers(request, next_cursor)


@router.get("/v1/workspaces/{workspace_id}/records", response_model=RecordList, tags=["records"])
def search_records(
    workspace_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    q: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    status: ObjectStatus | None = None,
    cursor: str | None = CursorQuery,
    limit: int = LimitQuery,
) -> Response:
    """Search records by name; deleted ones only when asked for by status."""
    with sandbox.store.transaction() as session:
        _records_access(session, workspace_id, principal)
        stmt = select(Record).where(Record.workspace_id == workspace_id)
        if q:
            pattern = f"%{q.lower()}%"
            stmt = stmt.where(
                or_(
                    func.lower(Record.display_name).like(pattern),
                    func.lower(Record.subtitle).like(pattern),
                )
            )
        if type:
            stmt = stmt.where(Record.type == type)
        stmt = stmt.where(Record.status == status if status else Record.status != "deleted")
        scope = query_scope("records", workspace_id, q, type, status)
        rows, next_cursor, headers = _page(
            session, request, stmt, (Record.display_name, Record.id), scope, cursor, limit
        )
        return json_response(
            {"data": [record_json(r) for r in rows], "next_cursor": next_cursor}, headers=headers
        )


@router.get(
    "/v1/workspaces/{workspace_id}/records/{record_id}", response_model=RecordOut, tags=["records"]
)
def get_record(
    workspace_id: str, record_id: str, sandbox: SandboxDep, principal: CurrentPrincipal
) -> dict[str, Any]:
    """One record, whatever its status."""
    with sandbox.store.transaction() as session:
        _records_access(session, workspace_id, principal)
        record = session.get(Record, record_id)
        if record is None or record.workspace_id != workspace_id:
            raise not_found("record", record_id)
        return record_json(record)


@router.post(
    "/v1/workspaces/{workspace_id}/records:batchGet", response_model=RecordList, tags=["records"]
)
def batch_get_records(
    workspace_id: str, body: BatchGetRequest, sandbox: SandboxDep, principal: CurrentPrincipal
) -> dict[str, Any]:
    """The records with these ids that exist, in the order asked; unknown ids are left out."""
    with sandbox.store.transaction() as session:
        _records_access(session, workspace_id, principal)
        found = {
            r.id: r
            for r in session.scalars(
                select(Record).where(Record.workspace_id == workspace_id, Record.id.in_(body.ids))
            )
        }
        return {
            "data": [record_json(found[i]) for i in dict.fromkeys(body.ids) if i in found],
            "next_cursor": None,
        }


def tracked_minutes(session: Session, workspace_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """Minutes tracked on each project and task from finished, live entries."""
    per_project: dict[str, float] = defaultdict(float)
    per_task: dict[str, float] = defaultdict(float)
    rows = session.execute(
        select(TimeEntry.target_id, TimeEntry.task_id, TimeEntry.start, TimeEntry.end).where(
            TimeEntry.workspace_id == workspace_id,
            TimeEntry.target_type == "project",
            TimeEntry.deleted_at.is_(None),
            TimeEntry.end.is_not(None),
        )
    )
    for project_id, task_id, start, end in rows:
        minutes = (as_utc(end) - as_utc(start)).total_seconds() / 60
        per_project[project_id] += minutes
        if task_id:
            per_task[task_id] += minutes
    return (
        {k: round(v) for k, v in per_project.items()},
        {k: round(v) for k, v in per_task.items()},
    )


def project_json(project: Project, tracked: dict[str, int]) -> dict[str, Any]:
    """The public representation of a project."""
    return {
        "id": project.id,
        "name": project.name,
        "client_record_id": project.client_record_id,
        "status": project.status,
        "billable_default": project.billable_default,
        "can_track": project.can_track and project.status == "active",
        "service_type": project.service_type,
        "phase": project.phase,
        "estimate_minutes": project.estimate_minutes,
        "tracked_minutes": tracked.get(project.id, 0),
        "version": project.version,
        "updated_at": iso_z(project.updated_at),
    }


def _projects_access(session: Session, workspace_id: str, principal: CurrentPrincipal) -> Access:
    access = workspace_access(session, workspace_id, principal)
    access.require("projects:view")
    return access


@router.get("/v1/workspaces/{workspace_id}/projects", response_model=ProjectList, tags=["projects"])
def list_projects(
    workspace_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    status: ObjectStatus | None = None,
    cursor: str | None = CursorQuery,
    limit: int = LimitQuery,
) -> Response:
    """Projects by name; deleted ones only when asked for by status."""
    with sandbox.store.transaction() as session:
        _projects_access(session, workspace_id, principal)
        stmt = select(Project).where(Project.workspace_id == workspace_id)
        stmt = stmt.where(Project.status == status if status else Project.status != "deleted")
        scope = query_scope("projects", workspace_id, status)
        rows, next_cursor, headers = _page(
            session, request, stmt, (Project.name, Project.id), scope, cursor, limit
        )
        tracked, _ = tracked_minutes(session, workspace_id)
        body = {"data": [project_json(p, tracked) for p in rows], "next_cursor": next_cursor}
        return json_response(body, headers=headers)


@router.get(
    "/v1/workspaces/{workspace_id}/projects/changes",
    response_model=ProjectChanges,
    tags=["projects"],
    responses=problems(410),
)
def project_changes(
    workspace_id: str,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    sync_token: Annotated[str | None, Query(max_length=1000)] = None,
    limit: int = LimitQuery,
) -> dict[str, Any]:
    """Projects changed since ``sync_token`` (all of them without one), deleted ones included."""
    with sandbox.store.transaction() as session:
        access = _projects_access(session, workspace_id, principal)
        now: datetime = sandbox.clock.now()
        rows, token, has_more = read_feed(
            session, Project, access.workspace, "projects", sync_token, limit, now
        )
        tracked, _ = tracked_minutes(session, workspace_id)
        return {
            "data": [project_json(p, tracked) for p in rows],
            "sync_token": token,
            "has_more": has_more,
        }


@router.get(
    "/v1/workspaces/{workspace_id}/projects/{project_id}/tasks",
    response_model=TaskList,
    tags=["projects"],
)
def list_tasks(
    workspace_id: str,
    project_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    cursor: str | None = CursorQuery,
    limit: int = LimitQuery,
) -> Response:
    """A project's tasks."""
    with sandbox.store.transaction() as session:
        _projects_access(session, workspace_id, principal)
        project = session.get(Project, project_id)
        if project is None or project.workspace_id != workspace_id:
            raise not_found("project", project_id)
        stmt = select(Task).where(Task.project_id == project_id)
        scope = query_scope("tasks", project_id)
        rows, next_cursor, headers = _page(
            session, request, stmt, (Task.name, Task.id), scope, cursor, limit
        )
        _, tracked = tracked_minutes(session, workspace_id)
        data = [
            {
                "id": t.id,
                "project_id": t.project_id,
                "name": t.name,
                "status": t.status,
                "estimate_minutes": t.estimate_minutes,
                "tracked_minutes": tracked.get(t.id, 0),
                "version": t.version,
            }
            for t in rows
        ]
        return json_response({"data": data, "next_cursor": next_cursor}, headers=headers)
