"""Request and response bodies of the public API (they make up the OpenAPI document)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

MAX_DESCRIPTION = 3000
MAX_TAGS = 20


class Strict(BaseModel):
    """Input model: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """RFC 9457 problem details with Vmoox's extra members."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    request_id: str | None
    retryable: bool
    errors: list[dict[str, str]] | None = None
    current: dict[str, Any] | None = None
    existing: dict[str, Any] | None = None
    reason: str | None = None
    server_time: str | None = None


class Target(Strict):
    type: Literal["project", "record"]
    id: str = Field(min_length=1, max_length=64)
    task_id: str | None = Field(None, min_length=1, max_length=64)


class Source(Strict):
    app: str | None = Field(None, max_length=100)
    version: str | None = Field(None, max_length=50)
    os: str | None = Field(None, max_length=50)
    device_id: str | None = Field(None, max_length=100)


class EntryFields(Strict):
    """The writable fields of a time entry."""

    target: Target | None = None
    description: str = Field("", max_length=MAX_DESCRIPTION)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)
    billable: bool | None = None
    start: AwareDatetime
    end: AwareDatetime | None = None
    timezone: str | None = Field(None, max_length=64)
    source: Source | None = None


class EntryCreate(EntryFields):
    client_ref: str = Field(min_length=1, max_length=128)


class TargetPatch(Strict):
    type: Literal["project", "record"] | None = None
    id: str | None = Field(None, min_length=1, max_length=64)
    task_id: str | None = Field(None, min_length=1, max_length=64)


class EntryPatch(Strict):
    """A JSON merge patch (RFC 7396) of an entry; ``null`` clears a field."""

    target: TargetPatch | None = None
    description: str | None = Field(None, max_length=MAX_DESCRIPTION)
    tags: list[str] | None = Field(None, max_length=MAX_TAGS)
    billable: bool | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    timezone: str | None = Field(None, max_length=64)
    source: Source | None = None


class StopRequest(Strict):
    end: AwareDatetime | None = None


class Entry(BaseModel):
    id: str
    client_ref: str
    workspace_id: str
    user_id: str
    target: Target | None
    description: str
    tags: list[str]
    billable: bool
    start: str
    end: str | None
    duration_seconds: int
    timezone: str
    source: Source | None
    locked: bool
    version: int
    created_at: str
    updated_at: str
    deleted_at: str | None


class EntryList(BaseModel):
    data: list[Entry]
    next_cursor: str | None


class EntryChanges(BaseModel):
    data: list[Entry]
    sync_token: str
    has_more: bool


class BatchCreate(Strict):
    op: Literal["create"]
    entry: EntryCreate


class BatchUpdate(Strict):
    op: Literal["update"]
    id: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=1)
    patch: EntryPatch


class BatchDelete(Strict):
    op: Literal["delete"]
    id: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=1)


# Told apart by `op`, so a refusal names the fields of the operation that was sent
# instead of listing how it fails to be each of the other two.
BatchOperation = Annotated[BatchCreate | BatchUpdate | BatchDelete, Field(discriminator="op")]


class BatchRequest(Strict):
    operations: list[BatchOperation] = Field(min_length=1, max_length=100)


class BatchResult(BaseModel):
    index: int
    client_ref: str | None
    status: int
    entry: Entry | None = None
    problem: Problem | None = None


class BatchResponse(BaseModel):
    results: list[BatchResult]


class UserOut(BaseModel):
    id: str
    name: str
    email: str
    timezone: str


class MembershipOut(BaseModel):
    workspace_id: str
    name: str
    role: str
    status: str
    permissions: list[str]


class Me(BaseModel):
    user: UserOut
    server_time: str
    memberships: list[MembershipOut]


class WorkspaceOut(BaseModel):
    id: str
    name: str
    timezone: str
    lock_date: date | None
    allow_overlap: bool
    max_entry_seconds: int
    future_tolerance_seconds: int
    require_target: bool
    capacity_hours_per_week: float
    billable_default: bool
    billable_rules: list[str]


class RecordOut(BaseModel):
    id: str
    type: str
    display_name: str
    subtitle: str
    status: Literal["active", "archived", "deleted"]
    trackable: bool
    url: str
    segment: str | None
    version: int
    updated_at: str


class RecordList(BaseModel):
    data: list[RecordOut]
    next_cursor: str | None


class BatchGetRequest(Strict):
    ids: list[str] = Field(min_length=1, max_length=100)


class ProjectOut(BaseModel):
    id: str
    name: str
    client_record_id: str | None
    status: Literal["active", "archived", "deleted"]
    billable_default: bool
    can_track: bool
    service_type: str
    phase: str
    estimate_minutes: int | None
    tracked_minutes: int
    version: int
    updated_at: str


class ProjectList(BaseModel):
    data: list[ProjectOut]
    next_cursor: str | None


class ProjectChanges(BaseModel):
    data: list[ProjectOut]
    sync_token: str
    has_more: bool


class TaskOut(BaseModel):
    id: str
    project_id: str
    name: str
    status: Literal["open", "done", "archived"]
    estimate_minutes: int | None
    tracked_minutes: int
    version: int


class TaskList(BaseModel):
    data: list[TaskOut]
    next_cursor: str | None


class Status(BaseModel):
    status: Literal["ok"]
    version: str
    server_time: str
