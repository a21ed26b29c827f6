"""Pydantic models of the Vmoox API v1 resources.

Responses are parsed leniently (unknown fields are ignored, so a server that
adds fields does not break Timo); request bodies are strict and serialize with
`to_json()`. Field names follow the contract; `tests/vmoox/test_openapi_models.py`
holds them against the sandbox's OpenAPI document.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

T = TypeVar("T")

# Text from the server is shown in lists, menus, tooltips and a terminal. Control
# characters there (a line break, a terminal's escape codes: "\x1b]0;…" retitles the
# terminal, "\x1b[31m" colours what follows) and names of megabytes (the picker took
# half a minute a keystroke) come from whoever names things on Vmoox, not from Vmoox's
# rules; each is taken as one line, at most as long as Vmoox's own limits.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
NAME_LIMIT = 300
DESCRIPTION_LIMIT = 3000  # Vmoox's own limits for what Timo sends
TAG_LIMIT = 64


def one_line(text: str, limit: int) -> str:
    """`text` on one line (each run of control characters a space), cut to `limit`."""
    line = _CONTROL.sub(" ", text).strip() if _CONTROL.search(text) else text
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _line_of(limit: int) -> AfterValidator:
    return AfterValidator(lambda text: one_line(text, limit))


Name = Annotated[str, _line_of(NAME_LIMIT)]
Description = Annotated[str, _line_of(DESCRIPTION_LIMIT)]
Tag = Annotated[str, _line_of(TAG_LIMIT)]

TIME_TRACKING_PERMISSION = "time-entries:create:own"


class Resource(BaseModel):
    """Base of everything the server sends: tolerant of fields added later."""

    # defer_build: validators are built on first use, so a model an idle app never
    # parses costs no memory or start-up time.
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


class RequestBody(BaseModel):
    """Base of everything Timo sends: a typo in a field name is a bug, not data."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    def to_json(self) -> dict[str, Any]:
        """The JSON object to send; fields never set are left out."""
        return self.model_dump(mode="json", exclude_unset=True)


# --- entries -----------------------------------------------------------------


class ProjectTarget(Resource):
    """Time booked on a project, optionally on one of its tasks."""

    type: Literal["project"] = "project"
    id: str
    task_id: str | None = None


class RecordTarget(Resource):
    """Time booked directly on a CRM record (lead, client, deal...)."""

    type: Literal["record"] = "record"
    id: str


Target = Annotated[ProjectTarget | RecordTarget, Field(discriminator="type")]


class EntrySource(Resource):
    """Which app and device wrote an entry."""

    app: str | None = None
    version: str | None = None
    os: str | None = None
    device_id: str | None = None


class TimeEntry(Resource):
    """A time entry as the server holds it; `end is None` means running."""

    id: str
    client_ref: str
    workspace_id: str
    user_id: str
    target: Target | None = None
    description: Description = ""
    tags: list[Tag] = Field(default_factory=list)
    billable: bool = False
    start: datetime
    end: datetime | None = None
    duration_seconds: int | None = None
    timezone: str | None = None
    source: EntrySource | None = None
    locked: bool = False
    version: int
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def running(self) -> bool:
        """True while the entry has no end."""
        return self.end is None and self.deleted_at is None

    @property
    def deleted(self) -> bool:
        """True for a tombstone from the changes feed."""
        return self.deleted_at is not None


class NewTimeEntry(RequestBody):
    """The body of a create; `client_ref` is the entry's identity forever."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    client_ref: str
    target: ProjectTarget | RecordTarget | None = None
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    billable: bool | None = None
    start: datetime
    end: datetime | None = None
    timezone: str | None = None
    source: EntrySource | None = None

    def to_json(self) -> dict[str, Any]:
        """The whole body, defaults included, so a replay sends identical content."""
        return self.model_dump(mode="json", exclude_none=True)


class TimeEntryPatch(RequestBody):
    """A JSON merge patch (RFC 7396): only fields that were set are sent; None clears."""

    target: ProjectTarget | RecordTarget | None = None
    description: str | None = None
    tags: list[str] | None = None
    billable: bool | None = None
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    source: EntrySource | None = None

    def to_json(self) -> dict[str, Any]:
        """Only the fields that were set; a set target is sent whole."""
        full = self.model_dump(mode="json")
        body = {name: full[name] for name in self.model_fields_set}
        target = body.get("target")
        if isinstance(target, dict):
            # A merge patch merges objects: name every target field so no old one survives.
            target.setdefault("task_id", None)
        return body


# --- catalog -----------------------------------------------------------------


class Project(Resource):
    """A project that time can be tracked on."""

    id: str
    name: Name
    client_record_id: str | None = None
    status: str
    billable_default: bool = False
    can_track: bool = True
    service_type: Name | None = None
    phase: Name | None = None
    estimate_minutes: int | None = None
    tracked_minutes: int | None = None
    version: int
    updated_at: datetime | None = None


class Task(Resource):
    """A task within a project."""

    id: str
    project_id: str
    name: Name
    status: Literal["open", "done", "archived"]
    estimate_minutes: int | None = None
    tracked_minutes: int | None = None
    version: int


class Record(Resource):
    """A CRM record (lead, client, deal...)."""

    id: str
    type: Name
    display_name: Name
    subtitle: Name | None = None
    status: Literal["active", "archived", "deleted"]
    trackable: bool = True
    url: str | None = None
    segment: Name | None = None
    version: int
    updated_at: datetime | None = None


# --- who am I ----------------------------------------------------------------


class User(Resource):
    """The signed-in user."""

    id: str
    name: Name
    email: Name | None = None
    timezone: str | None = None


class Membership(Resource):
    """The user's role and permissions in one workspace."""

    workspace_id: str
    name: Name
    role: str
    status: str = "active"
    permissions: list[str] = Field(default_factory=list)

    @property
    def can_track_time(self) -> bool:
        """Whether the user may create their own time entries here."""
        return self.status == "active" and TIME_TRACKING_PERMISSION in self.permissions

    def why_not_tracking(self, named: bool = False) -> str | None:
        """Why the user may not track time here (None: they may), the workspace said as
        "there", or by its name when `named` ("your access to Studio was removed")."""
        if self.can_track_time:
            return None
        if self.status == "revoked":
            return f"your access to {self.name} was removed" if named else "your access was removed"
        if self.status != "active":
            return f"your membership {f'of {self.name}' if named else 'there'} is {self.status}"
        where = f"in {self.name}" if named else "there"
        return f"your role {where} ({self.role}) does not include tracking time"


class Me(Resource):
    """`GET /v1/me`."""

    user: User
    server_time: datetime | None = None
    memberships: list[Membership] = Field(default_factory=list)


class WorkspaceSettings(Resource):
    """`GET /v1/workspaces/{ws}`: the rules the server enforces on entries."""

    id: str | None = None
    name: Name | None = None
    timezone: str
    lock_date: date | None = None
    allow_overlap: bool = False
    max_entry_seconds: int | None = None
    future_tolerance_seconds: int = 0
    require_target: bool = False
    capacity_hours_per_week: float | None = None
    billable_default: bool | None = None
    billable_rules: list[str] = Field(default_factory=list)


# --- errors, pages, changes, batches -----------------------------------------


class FieldProblem(Resource):
    """One invalid field of a `validation-failed` answer."""

    pointer: str
    code: str | None = None
    detail: str | None = None


class Problem(BaseModel):
    """An RFC 9457 problem document; extension members are kept."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    type: str = "about:blank"
    title: str = ""
    status: int
    detail: str | None = None
    code: str | None = None
    request_id: str | None = None
    retryable: bool = False
    errors: list[FieldProblem] = Field(default_factory=list)
    # Extension members of particular codes, read by the matching error classes.
    current: dict[str, Any] | None = None
    existing: dict[str, Any] | None = None
    reason: str | None = None
    server_time: str | None = None

    def extension(self, name: str) -> Any:
        """An extension member by name (`current`, `reason`, or one added later), or None."""
        if name in type(self).model_fields:
            return getattr(self, name)
        return (self.model_extra or {}).get(name)


class Page(Resource, Generic[T]):
    """One page of a list; `next_cursor` is None on the last."""

    data: list[T]
    next_cursor: str | None = None


class Changes(Resource, Generic[T]):
    """One page of a changes feed; keep `sync_token` for the next pull."""

    data: list[T]
    sync_token: str
    has_more: bool = False


class BatchCreate(RequestBody):
    """Create one entry inside a batch."""

    op: Literal["create"] = "create"
    entry: NewTimeEntry

    def to_json(self) -> dict[str, Any]:
        """`{"op": "create", "entry": {...}}` with the entry's full body."""
        return {"op": self.op, "entry": self.entry.to_json()}


class BatchUpdate(RequestBody):
    """Merge-patch one entry inside a batch, guarded by its `version`."""

    op: Literal["update"] = "update"
    id: str
    version: int
    patch: TimeEntryPatch

    def to_json(self) -> dict[str, Any]:
        """`{"op": "update", "id", "version", "patch": {...}}`."""
        return {
            "op": self.op,
            "id": self.id,
            "version": self.version,
            "patch": self.patch.to_json(),
        }


class BatchDelete(RequestBody):
    """Delete one entry inside a batch, guarded by its `version`."""

    op: Literal["delete"] = "delete"
    id: str
    version: int

    def to_json(self) -> dict[str, Any]:
        """`{"op": "delete", "id", "version"}`."""
        return {"op": self.op, "id": self.id, "version": self.version}


BatchOperation = BatchCreate | BatchUpdate | BatchDelete


class BatchItemResult(Resource):
    """The outcome of one batch operation: an entry on success, else a problem."""

    index: int
    client_ref: str | None = None
    status: int
    entry: TimeEntry | None = None
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        """True when this operation succeeded."""
        return self.status < 400


class BatchResult(Resource):
    """`POST .../time-entries:batch`: one result per operation, in order."""

    results: list[BatchItemResult]
