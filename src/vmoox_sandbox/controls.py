"""Sandbox controls under ``/__sandbox``: reset, clock, tokens, permissions, catalog, faults.

Mounted only when the server runs as a sandbox, and left out of the OpenAPI
document: they belong to the test bench, not to the Vmoox contract.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select, update

from vmoox_sandbox import idempotency
from vmoox_sandbox.auth import mint_pat
from vmoox_sandbox.catalog import project_json, record_json, workspace_json
from vmoox_sandbox.changes import next_seq
from vmoox_sandbox.clock import iso_z, to_db
from vmoox_sandbox.context import Sandbox, get_sandbox
from vmoox_sandbox.db import Base
from vmoox_sandbox.entry_ops import entry_json
from vmoox_sandbox.errors import Problem, not_found
from vmoox_sandbox.faults import FaultSpec
from vmoox_sandbox.models import (
    IdempotencyRecord,
    Membership,
    Project,
    Record,
    Task,
    TimeEntry,
    Token,
    User,
    Workspace,
)
from vmoox_sandbox.seed import SEEDS, apply_seed

router = APIRouter(prefix="/__sandbox", include_in_schema=False)
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]
ObjectStatus = Literal["active", "archived", "deleted"]


class Control(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResetBody(Control):
    seed: Literal["demo", "empty"] | None = None


class ClockBody(Control):
    offset_seconds: float | None = None
    advance_seconds: float | None = None


class TokensBody(Control):
    kinds: list[Literal["access", "refresh", "pat"]] = Field(default_factory=lambda: ["access"])
    user_id: str | None = None


class PatBody(Control):
    user_id: str = "usr_1"
    name: str = "sandbox"


class SyncTokensBody(Control):
    workspace_id: str | None = None


class MembershipBody(Control):
    workspace_id: str
    user_id: str
    status: Literal["active", "revoked"] | None = None
    role: str | None = None
    permissions: list[str] | None = None


class RecordBody(Control):
    status: ObjectStatus | None = None
    trackable: bool | None = None


class ProjectBody(Control):
    status: ObjectStatus | None = None
    can_track: bool | None = None
    name: str | None = None
    phase: str | None = None


class TaskBody(Control):
    status: Literal["open", "done", "archived"] | None = None
    name: str | None = None
    estimate_minutes: int | None = Field(None, ge=0)


class WorkspaceBody(Control):
    lock_date: date | None = None
    allow_overlap: bool | None = None
    max_entry_seconds: int | None = Field(None, ge=60)
    future_tolerance_seconds: int | None = Field(None, ge=0)
    require_target: bool | None = None
    timezone: str | None = None
    capacity_hours_per_week: float | None = Field(None, gt=0, le=168)

    @model_validator(mode="after")
    def _null_clears_only_the_lock(self) -> WorkspaceBody:
        """Each of these always has a value on Vmoox; null takes a lock date away."""
        empty = sorted(n for n in self.model_fields_set - {"lock_date"} if getattr(self, n) is None)
        if empty:
            raise ValueError(
                f"{', '.join(empty)} cannot be null (only lock_date can: null clears it)"
            )
        return self


class EntryBody(Control):
    invoiced: bool


class RateLimitBody(Control):
    limit: int = Field(ge=1)
    window_seconds: int = Field(ge=1)


def state_of(sandbox: Sandbox) -> dict[str, Any]:
    """What a test needs to know about the sandbox right now."""
    with sandbox.store.transaction() as session:
        workspace_ids = list(session.scalars(select(Workspace.id).order_by(Workspace.id)))
        user_ids = list(session.scalars(select(User.id).order_by(User.id)))
    return {
        "server_time": iso_z(sandbox.clock.now()),
        "clock_offset_seconds": sandbox.clock.offset_seconds,
        "token": sandbox.demo_token,
        "user_id": user_ids[0] if user_ids else None,
        "workspace_id": workspace_ids[0] if workspace_ids else None,
        "workspace_ids": workspace_ids,
        "user_ids": user_ids,
        "rate_limit": {
            "limit": sandbox.limiter.limit,
            "window_seconds": sandbox.limiter.window_seconds,
        },
        "faults": sandbox.faults.list(),
    }


def reset_sandbox(sandbox: Sandbox, seed: str) -> None:
    """Wipe every table, re-seed, and put clock, faults and rate limit back to their start."""
    if seed not in SEEDS:
        raise Problem(422, "validation-failed", f"Unknown seed {seed!r}.", errors=[])
    sandbox.clock.set_offset(0)
    sandbox.faults.clear()
    sandbox.limiter.configure(sandbox.config.rate_limit, sandbox.config.rate_window_seconds)
    with sandbox.store.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
        apply_seed(session, seed, sandbox.clock.now(), sandbox.demo_token)


@router.post("/reset")
def reset(sandbox: SandboxDep, body: ResetBody | None = None) -> dict[str, Any]:
    """Back to a freshly seeded sandbox (the start-up seed unless another is named)."""
    reset_sandbox(sandbox, (body.seed if body else None) or sandbox.config.seed)
    return state_of(sandbox)


@router.get("/state")
def state(sandbox: SandboxDep) -> dict[str, Any]:
    return state_of(sandbox)


@router.post("/clock")
def clock(body: ClockBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Set (``offset_seconds``) or move (``advance_seconds``) the server clock."""
    if body.offset_seconds is not None:
        sandbox.clock.set_offset(body.offset_seconds)
    if body.advance_seconds is not None:
        sandbox.clock.set_offset(sandbox.clock.offset_seconds + body.advance_seconds)
    return {
        "server_time": iso_z(sandbox.clock.now()),
        "clock_offset_seconds": sandbox.clock.offset_seconds,
    }


def _tokens(body: TokensBody) -> Any:
    stmt = update(Token).where(Token.kind.in_(body.kinds))
    return stmt.where(Token.user_id == body.user_id) if body.user_id else stmt


@router.post("/tokens/expire")
def expire_tokens(body: TokensBody, sandbox: SandboxDep) -> dict[str, int]:
    """Make tokens of these kinds expire now (OAuth refresh then answers invalid_grant)."""
    past = to_db(sandbox.clock.now() - timedelta(seconds=1))
    with sandbox.store.transaction() as session:
        result = session.execute(_tokens(body).values(expires_at=past))
        return {"expired": int(result.rowcount or 0)}  # type: ignore[attr-defined]


@router.post("/tokens/revoke")
def revoke_tokens(body: TokensBody, sandbox: SandboxDep) -> dict[str, int]:
    """Revoke tokens of these kinds, as a sign-out elsewhere would."""
    with sandbox.store.transaction() as session:
        result = session.execute(_tokens(body).values(revoked_at=to_db(sandbox.clock.now())))
        return {"revoked": int(result.rowcount or 0)}  # type: ignore[attr-defined]


@router.post("/tokens/pat")
def new_pat(body: PatBody, sandbox: SandboxDep) -> dict[str, str]:
    """Mint a personal access token for any user."""
    with sandbox.store.transaction() as session:
        if session.get(User, body.user_id) is None:
            raise not_found("user", body.user_id)
        return {"token": mint_pat(session, body.user_id, sandbox.clock.now(), body.name)}


@router.get("/idempotency-keys")
def list_keys(sandbox: SandboxDep) -> dict[str, Any]:
    """Stored keys and their state (``in_flight`` or ``done``)."""
    with sandbox.store.transaction() as session:
        rows = session.scalars(select(IdempotencyRecord).order_by(IdempotencyRecord.id))
        return {
            "keys": [
                {"user_id": r.user_id, "key": r.key, "state": r.state, "status": r.status_code}
                for r in rows
            ]
        }


@router.post("/idempotency-keys/expire")
def expire_keys(sandbox: SandboxDep) -> dict[str, int]:
    """Forget every idempotency key, as if 24 h had passed."""
    with sandbox.store.transaction() as session:
        return {"expired": idempotency.expire_all(session)}


@router.post("/sync-tokens/expire")
def expire_sync_tokens(sandbox: SandboxDep, body: SyncTokensBody | None = None) -> dict[str, int]:
    """Every sync token issued so far answers 410 from now on."""
    with sandbox.store.transaction() as session:
        stmt = select(Workspace)
        if body and body.workspace_id:
            stmt = stmt.where(Workspace.id == body.workspace_id)
        workspaces = list(session.scalars(stmt))
        for workspace in workspaces:
            workspace.sync_epoch += 1
        return {"workspaces": len(workspaces)}


@router.post("/memberships")
def set_membership(body: MembershipBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Revoke or restore a membership, or change its role or permissions."""
    with sandbox.store.transaction() as session:
        membership = session.get(Membership, (body.workspace_id, body.user_id))
        if membership is None:
            raise Problem(404, "not-found", "No such membership.")
        for field in ("status", "role", "permissions"):
            value = getattr(body, field)
            if value is not None:
                setattr(membership, field, value)
        return {
            "workspace_id": membership.workspace_id,
            "user_id": membership.user_id,
            "status": membership.status,
            "role": membership.role,
            "permissions": membership.permissions,
        }


def _changed(target: Any, body: Control) -> None:
    for field, value in body.model_dump(exclude_none=True).items():
        setattr(target, field, value)


@router.patch("/records/{record_id}")
def patch_record(record_id: str, body: RecordBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Archive, delete or restore a record, or make it (un)trackable."""
    with sandbox.store.transaction() as session:
        record = session.get(Record, record_id)
        if record is None:
            raise not_found("record", record_id)
        _changed(record, body)
        record.version += 1
        record.updated_at = to_db(sandbox.clock.now())
        return record_json(record)


@router.patch("/projects/{project_id}")
def patch_project(project_id: str, body: ProjectBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Archive, delete or restore a project (it shows in the projects changes feed)."""
    with sandbox.store.transaction() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise not_found("project", project_id)
        workspace = session.get(Workspace, project.workspace_id)
        assert workspace is not None
        _changed(project, body)
        project.version += 1
        project.updated_at = to_db(sandbox.clock.now())
        project.seq = next_seq(workspace)
        return project_json(project, {})


@router.patch("/tasks/{task_id}")
def patch_task(task_id: str, body: TaskBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Rename a task, change its estimate, or mark it done or archived. Tasks have no
    changes feed: the change shows only when the project's tasks are listed again."""
    with sandbox.store.transaction() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise not_found("task", task_id)
        _changed(task, body)
        task.version += 1
        return {
            "id": task.id,
            "project_id": task.project_id,
            "name": task.name,
            "status": task.status,
            "estimate_minutes": task.estimate_minutes,
            "version": task.version,
        }


@router.patch("/workspaces/{workspace_id}")
def patch_workspace(workspace_id: str, body: WorkspaceBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Change settings: lock_date (``null`` clears it), allow_overlap, limits, require_target."""
    with sandbox.store.transaction() as session:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise not_found("workspace", workspace_id)
        for field in body.model_fields_set:
            setattr(workspace, field, getattr(body, field))
        return workspace_json(workspace)


@router.patch("/time-entries/{entry_id}")
def patch_entry(entry_id: str, body: EntryBody, sandbox: SandboxDep) -> dict[str, Any]:
    """Mark an entry invoiced (read-only) or not."""
    with sandbox.store.transaction() as session:
        entry = session.get(TimeEntry, entry_id)
        if entry is None:
            raise not_found("time entry", entry_id)
        workspace = session.get(Workspace, entry.workspace_id)
        assert workspace is not None
        entry.invoiced = body.invoiced
        entry.version += 1
        entry.seq = next_seq(workspace)
        return entry_json(entry, workspace, sandbox.clock.now())


@router.post("/rate-limit")
def rate_limit(body: RateLimitBody, sandbox: SandboxDep) -> dict[str, int]:
    """Change the per-token rate limit (reset puts the start-up limit back)."""
    sandbox.limiter.configure(body.limit, body.window_seconds)
    return {"limit": body.limit, "window_seconds": body.window_seconds}


@router.post("/faults")
def add_faults(body: FaultSpec | list[FaultSpec], sandbox: SandboxDep) -> dict[str, Any]:
    """Add one fault or a list of them."""
    specs = body if isinstance(body, list) else [body]
    return {"faults": [sandbox.faults.add(spec).describe() for spec in specs]}


@router.get("/faults")
def list_faults(sandbox: SandboxDep) -> dict[str, Any]:
    return {"faults": sandbox.faults.list()}


@router.delete("/faults", status_code=204)
def clear_faults(sandbox: SandboxDep) -> None:
    sandbox.faults.clear()


@router.delete("/faults/{fault_id}", status_code=204)
def remove_fault(fault_id: str, sandbox: SandboxDep) -> None:
    if not sandbox.faults.remove(fault_id):
        raise not_found("fault", fault_id)
