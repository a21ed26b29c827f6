"""The time entry: an immutable record of work, identified by its `client_ref`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.folding import folded
from timo_desktop.core.local_time import as_utc


class SyncState(StrEnum):
    """Where an entry stands with the server, as the sync badge shows it."""

    PENDING = "pending"  # changed here, not yet confirmed by the server
    SYNCED = "synced"
    ATTENTION = "attention"  # the server refused it; the user must act


class Source(StrEnum):
    """What made the entry."""

    CLI = "cli"
    DESKTOP = "desktop"
    SERVER = "server"


@dataclass(frozen=True, slots=True)
class Target:
    """What the time is for: a project (optionally one of its tasks) or a record."""

    project_id: str | None = None
    task_id: str | None = None
    record_id: str | None = None

    def __post_init__(self) -> None:
        if self.task_id and not self.project_id:
            raise InvalidEntry("a task needs its project")
        if self.record_id and self.project_id:
            raise InvalidEntry("an entry is for a project or a record, not both")

    @property
    def is_empty(self) -> bool:
        """True when the entry has no target yet."""
        return not (self.project_id or self.record_id)


NO_TARGET = Target()
_INSTANTS = ("start", "end", "created_at", "updated_at", "deleted_at")


@dataclass(frozen=True, slots=True)
class TargetNames:
    """Cached names of an entry's project, task and record (None when unknown)."""

    project: str | None = None
    task: str | None = None
    record: str | None = None
    # The project's or record's workspace, named where one of another workspace has its
    # name: two workspaces' "Admin" read alike.
    workspace: str | None = None

    def label(self) -> str:
        """`Website › Layout`, `Acme GmbH`, or an empty string; with a `workspace`, the
        project or record names it: `Admin (Side Studio) › Hiring`."""
        if self.record:
            return self._in_workspace(self.record)
        project = self._in_workspace(self.project) if self.project else None
        return " › ".join(name for name in (project, self.task) if name)

    def _in_workspace(self, name: str) -> str:
        return f"{name} ({self.workspace})" if self.workspace else name


def new_client_ref() -> str:
    """A fresh client reference: a random UUID, the entry's identity everywhere."""
    import uuid  # not needed by read-only commands

    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Entry:
    """One time entry. `end is None` means the timer is running.

    Instants are aware UTC datetimes with whole seconds; `zone` is the IANA zone
    in effect when the entry was recorded.
    """

    client_ref: str
    start: datetime
    end: datetime | None
    zone: str
    created_at: datetime
    updated_at: datetime
    description: str = ""
    target: Target = field(default=NO_TARGET)
    tags: tuple[str, ...] = ()
    billable: bool = False
    source: str = Source.CLI
    deleted_at: datetime | None = None
    sync_state: SyncState = SyncState.PENDING

    def __post_init__(self) -> None:
        for name in _INSTANTS:
            value = getattr(self, name)
            # Read from the database they are UTC whole seconds already (checked here, as
            # `as_utc` does first: a call per field was a sixth of reading an entry).
            if value is not None and (value.tzinfo is not UTC or value.microsecond):
                object.__setattr__(self, name, as_utc(value))

    @property
    def is_running(self) -> bool:
        """True while the timer runs (no end, not deleted)."""
        return self.end is None and self.deleted_at is None

    @property
    def is_deleted(self) -> bool:
        """True once soft-deleted."""
        return self.deleted_at is not None

    def end_or(self, now: datetime) -> datetime:
        """The end, or `now` for a running entry."""
        return self.end if self.end is not None else now

    def duration(self, now: datetime) -> timedelta:
        """Length of the entry; a running one counts up to `now`."""
        return max(self.end_or(now) - self.start, timedelta(0))

    def changed(self, at: datetime, **fields: object) -> Entry:
        """A copy with `fields` replaced, stamped as updated at `at` and pending sync."""
        return replace(self, updated_at=at, sync_state=SyncState.PENDING, **fields)  # type: ignore[arg-type]


def new_entry(
    *,
    start: datetime,
    end: datetime | None,
    zone: str,
    now: datetime,
    description: str = "",
    target: Target = NO_TARGET,
    tags: tuple[str, ...] = (),
    billable: bool = False,
    source: str = Source.CLI,
) -> Entry:
    """A brand-new entry with a fresh `client_ref`, created at `now`."""
    return Entry(
        client_ref=new_client_ref(),
        start=start,
        end=end,
        zone=zone,
        created_at=now,
        updated_at=now,
        description=description.strip(),
        target=target,
        tags=normalize_tags(tags),
        billable=billable,
        source=source,
    )


def described(description: str) -> str:
    """How an entry is named where people read it: its description, or "(no description)"."""
    return description or "(no description)"


# What marks a tag where Timo shows one (`#design`): typed before a tag, it is that mark.
TAG_MARK = "#"


def tag_name(text: str) -> str:
    """A tag as typed (` design `, `#design`) as it is kept: trimmed, and without the mark
    Timo shows before every tag, which would else be shown twice (`##design`) and make a
    second tag beside `design`."""
    return text.strip().lstrip(TAG_MARK).strip()


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as people give them, several to a text where commas part them (`design, client
    a`): each as `tag_name` keeps it, empty ones dropped, and a repeat in any case (`Design`
    after `design`) dropped for the first spelling, order kept. The one rule for tags typed
    anywhere: the command line's `--tag`, the app's tag fields (`parse_tags`)."""
    seen: dict[str, str] = {}
    for given in tags:
        for part in given.split(","):
            if tag := tag_name(part):
                seen.setdefault(folded(tag), tag)
    return tuple(seen.values())


def parse_tags(text: str) -> tuple[str, ...]:
    """`design, client a` → ("design", "client a"): the tags typed in one field."""
    return normalize_tags((text,))
