"""Routes of time entries: create, read, patch, stop, delete, list, changes, batch."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request, Response
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from vmoox_sandbox.auth import CurrentPrincipal, workspace_access
from vmoox_sandbox.changes import read_feed
from vmoox_sandbox.clock import as_utc, to_db
from vmoox_sandbox.context import Sandbox, get_sandbox
from vmoox_sandbox.entry_ops import EntryOps, etag, parse_if_match
from vmoox_sandbox.errors import Problem, request_id_of
from vmoox_sandbox.idempotency import require_key, run_once
from vmoox_sandbox.models import TimeEntry
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
    BatchCreate,
    BatchDelete,
    BatchRequest,
    BatchResponse,
    Entry,
    EntryChanges,
    EntryCreate,
    EntryList,
    EntryPatch,
    StopRequest,
)

router = APIRouter(
    prefix="/v1/workspaces/{workspace_id}", tags=["time-entries"], responses=COMMON_PROBLEMS
)

SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", description="opaque, at most 255 characters")
]
IfMatch = Annotated[str | None, Header(alias="If-Match", description='"<version>"')]
MERGE_PATCH = "application/merge-patch+json"


def _ops(
    session: Session, sandbox: Sandbox, workspace_id: str, principal: CurrentPrincipal
) -> EntryOps:
    access = workspace_access(session, workspace_id, principal)
    return EntryOps(session, access, sandbox.clock.now())


def _entry_response(ops: EntryOps, entry: TimeEntry, status: int = 200) -> Response:
    headers = {"ETag": etag(entry)}
    if status == 201:
        headers["Location"] = f"/v1/workspaces/{entry.workspace_id}/time-entries/{entry.id}"
    return json_response(ops.json(entry), status, headers)


@router.post(
    "/time-entries",
    status_code=201,
    response_model=Entry,
    responses={200: {"model": Entry, "description": "existing entry with this client_ref"}}
    | problems(409),
)
def create_entry(
    workspace_id: str,
    body: EntryCreate,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create an entry, once per Idempotency-Key and once per client_ref."""
    key = require_key(idempotency_key)

    def operation(session: Session) -> Response:
        ops = _ops(session, sandbox, workspace_id, principal)
        status, entry = ops.create(body)
        return _entry_response(ops, entry, status)

    payload = body.model_dump(mode="json", exclude_unset=True)
    return run_once(sandbox, request, principal.user_id, key, payload, operation)


@router.get("/time-entries", response_model=EntryList)
def list_entries(
    workspace_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    user: Annotated[str, Query(max_length=64)] = "me",
    start_from: datetime | None = None,
    start_to: datetime | None = None,
    client_ref: Annotated[str | None, Query(max_length=128)] = None,
    cursor: str | None = CursorQuery,
    limit: int = LimitQuery,
) -> Response:
    """Live entries by start time, filtered, a page at a time."""
    with sandbox.store.transaction() as session:
        ops = _ops(session, sandbox, workspace_id, principal)
        user_id = principal.user_id if user == "me" else user
        if user_id != principal.user_id:
            ops.access.require("time-entries:view:all")
        scope = query_scope("entries", workspace_id, user_id, start_from, start_to, client_ref)
        stmt = select(TimeEntry).where(
            TimeEntry.workspace_id == workspace_id,
            TimeEntry.user_id == user_id,
            TimeEntry.deleted_at.is_(None),
        )
        if start_from is not None:
            stmt = stmt.where(TimeEntry.start >= to_db(_aware(start_from)))
        if start_to is not None:
            stmt = stmt.where(TimeEntry.start < to_db(_aware(start_to)))
        if client_ref is not None:
            stmt = stmt.where(TimeEntry.client_ref == client_ref)
        if cursor is not None:
            after = decode_cursor(cursor, scope)
            try:
                after_start = datetime.fromisoformat(str(after[0]))
                after_id = str(after[1])
            except (IndexError, ValueError) as exc:
                raise Problem(400, "invalid-cursor", "The cursor is damaged.") from exc
            stmt = stmt.where(tuple_(TimeEntry.start, TimeEntry.id) > (after_start, after_id))
        rows = list(session.scalars(stmt.order_by(TimeEntry.start, TimeEntry.id).limit(limit + 1)))
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(scope, [rows[-1].start.isoformat(), rows[-1].id])
        body = {"data": [ops.json(e) for e in rows], "next_cursor": next_cursor}
        return json_response(body, headers=link_headers(request, next_cursor))


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise Problem(
            422,
            "validation-failed",
            "Times need a UTC offset.",
            errors=[{"pointer": "query", "code": "timezone-required", "detail": "add Z"}],
        )
    return as_utc(value)


@router.get("/time-entries/changes", response_model=EntryChanges, responses=problems(410))
def entry_changes(
    workspace_id: str,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    sync_token: Annotated[str | None, Query(max_length=1000)] = None,
    limit: int = LimitQuery,
) -> Response:
    """The caller's entries changed since ``sync_token`` (all of them without one)."""
    with sandbox.store.transaction() as session:
        ops = _ops(session, sandbox, workspace_id, principal)
        rows, token, has_more = read_feed(
            session,
            TimeEntry,
            ops.access.workspace,
            "time-entries",
            sync_token,
            limit,
            ops.now,
            TimeEntry.user_id == principal.user_id,
        )
        body = {"data": [ops.json(e) for e in rows], "sync_token": token, "has_more": has_more}
        return json_response(body)


@router.post("/time-entries:batch", response_model=BatchResponse)
def batch(
    workspace_id: str,
    body: BatchRequest,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Up to 100 creates, updates and deletes; each succeeds or fails on its own."""
    key = require_key(idempotency_key)
    request_id = request_id_of(request)

    def operation(session: Session) -> Response:
        ops = _ops(session, sandbox, workspace_id, principal)
        results: list[dict[str, Any]] = []
        for index, op in enumerate(body.operations):
            client_ref = op.entry.client_ref if isinstance(op, BatchCreate) else None
            result: dict[str, Any] = {"index": index, "client_ref": client_ref}
            try:
                if isinstance(op, BatchCreate):
                    status, entry = ops.create(op.entry)
                elif isinstance(op, BatchDelete):
                    status, entry = 204, ops.delete(op.id, op.version)
                else:
                    patch = op.patch.model_dump(mode="json", exclude_unset=True)
                    status, entry = 200, ops.update(op.id, patch, op.version)
                result |= {"status": status, "entry": ops.json(entry)}
                result["client_ref"] = entry.client_ref
            except Problem as problem:
                result |= {"status": problem.status, "problem": problem.body(request_id)}
            results.append(result)
        return json_response({"results": results})

    payload = body.model_dump(mode="json", exclude_unset=True)
    return run_once(sandbox, request, principal.user_id, key, payload, operation)


@router.get("/time-entries/{entry_id}", response_model=Entry)
def get_entry(
    workspace_id: str, entry_id: str, sandbox: SandboxDep, principal: CurrentPrincipal
) -> Response:
    """One entry with its ETag (tombstones too, with ``deleted_at`` set)."""
    with sandbox.store.transaction() as session:
        ops = _ops(session, sandbox, workspace_id, principal)
        return _entry_response(ops, ops.get(entry_id))


@router.patch("/time-entries/{entry_id}", response_model=Entry, responses=problems(409, 412, 428))
def patch_entry(
    workspace_id: str,
    entry_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    body: Annotated[EntryPatch, Body(media_type=MERGE_PATCH)],
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Merge-patch an entry at the version named by If-Match."""
    patch = body.model_dump(mode="json", exclude_unset=True)

    def operation(session: Session) -> Response:
        ops = _ops(session, sandbox, workspace_id, principal)
        entry = ops.update(entry_id, patch, parse_if_match(if_match))
        return _entry_response(ops, entry)

    return run_once(sandbox, request, principal.user_id, idempotency_key, patch, operation)


@router.delete(
    "/time-entries/{entry_id}",
    status_code=204,
    response_class=Response,
    responses=problems(409, 412, 428),
)
def delete_entry(
    workspace_id: str,
    entry_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Delete an entry at the version named by If-Match; deleting again is fine."""

    def operation(session: Session) -> Response:
        ops = _ops(session, sandbox, workspace_id, principal)
        version = parse_if_match(if_match)
        ops.delete(entry_id, version)
        return Response(status_code=204)

    return run_once(sandbox, request, principal.user_id, idempotency_key, None, operation)


@router.post("/time-entries/{entry_id}/stop", response_model=Entry, responses=problems(409))
def stop_entry(
    workspace_id: str,
    entry_id: str,
    request: Request,
    sandbox: SandboxDep,
    principal: CurrentPrincipal,
    body: StopRequest | None = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Stop a running entry at ``end`` (server time when omitted); stopping twice is fine."""
    end = body.end if body is not None else None
    payload = None if body is None else body.model_dump(mode="json", exclude_unset=True)

    def operation(session: Session) -> Response:
        ops = _ops(session, sandbox, workspace_id, principal)
        return _entry_response(ops, ops.stop(entry_id, end))

    return run_once(sandbox, request, principal.user_id, idempotency_key, payload, operation)


@router.get(
    "/me/time-entries/current",
    response_model=Entry,
    responses={204: {"description": "no entry is running"}},
)
def current_entry(workspace_id: str, sandbox: SandboxDep, principal: CurrentPrincipal) -> Response:
    """The caller's running entry, or 204."""
    with sandbox.store.transaction() as session:
        ops = _ops(session, sandbox, workspace_id, principal)
        entry = session.scalar(
            select(TimeEntry).where(
                TimeEntry.workspace_id == workspace_id,
                TimeEntry.user_id == principal.user_id,
                TimeEntry.end.is_(None),
                TimeEntry.deleted_at.is_(None),
            )
        )
        if entry is None:
            return Response(status_code=204)
        return _entry_response(ops, entry)
