"""Create, update, stop and delete time entries: shared by single calls and batches.

Every operation checks all rules before it changes anything, so a refused
operation leaves the session untouched and a batch can go on with the next one.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from vmoox_sandbox.auth import Access
from vmoox_sandbox.changes import next_seq
from vmoox_sandbox.clock import as_utc, iso_z, to_db
from vmoox_sandbox.errors import Problem, not_found, problem_from_errors
from vmoox_sandbox.models import TimeEntry, Workspace
from vmoox_sandbox.rules import (
    Candidate,
    candidate_of,
    check_candidate,
    content_of,
    ensure_unlocked,
    is_locked,
)
from vmoox_sandbox.schemas import EntryCreate, EntryFields


def new_entry_id() -> str:
    """Time-ordered opaque id."""
    return f"te_{int(datetime.now().timestamp() * 1000):011x}{secrets.token_hex(5)}"


def entry_json(entry: TimeEntry, workspace: Workspace, now: datetime) -> dict[str, Any]:
    """The public representation of an entry (running ones count up to ``now``)."""
    start = as_utc(entry.start)
    end = None if entry.end is None else as_utc(entry.end)
    target = None
    if entry.target_type is not None:
        target = {"type": entry.target_type, "id": entry.target_id, "task_id": entry.task_id}
    return {
        "id": entry.id,
        "client_ref": entry.client_ref,
        "workspace_id": entry.workspace_id,
        "user_id": entry.user_id,
        "target": target,
        "description": entry.description,
        "tags": list(entry.tags),
        "billable": entry.billable,
        "start": iso_z(start),
        "end": iso_z(end),
        "duration_seconds": max(0, int(((end or now) - start).total_seconds())),
        "timezone": entry.timezone,
        "source": entry.source,
        "locked": is_locked(entry, workspace),
        "version": entry.version,
        "created_at": iso_z(entry.created_at),
        "updated_at": iso_z(entry.updated_at),
        "deleted_at": iso_z(entry.deleted_at),
    }


def etag(entry: TimeEntry) -> str:
    return f'"{entry.version}"'


def parse_if_match(header: str | None) -> int | None:
    """The version an ``If-Match`` names (None for ``*``); 428 when the header is missing."""
    if header is None or not header.strip():
        raise Problem(
            428,
            "precondition-required",
            'Send If-Match: "<version>" with the version you last saw.',
        )
    value = header.strip()
    if value == "*":
        return None
    value = value.removeprefix("W/").strip('"')
    return int(value) if value.isdigit() else -1


class EntryOps:
    """Entry operations for one caller in one workspace, inside one transaction."""

    def __init__(self, session: Session, access: Access, now: datetime) -> None:
        self.session = session
        self.access = access
        self.now = now

    def json(self, entry: TimeEntry) -> dict[str, Any]:
        return entry_json(entry, self.access.workspace, self.now)

    def get(self, entry_id: str) -> TimeEntry:
        """An entry the caller may see, tombstones included; 404 otherwise."""
        entry = self.session.get(TimeEntry, entry_id)
        visible = entry is not None and entry.workspace_id == self.access.workspace.id
        if visible and entry is not None and entry.user_id != self.access.user.id:
            visible = "time-entries:view:all" in self.access.membership.permissions
        if not visible or entry is None:
            raise not_found("time entry", entry_id)
        return entry

    def _check(self, cand: Candidate, entry_id: str | None, check_target: bool) -> None:
        check_candidate(
            self.session,
            self.access,
            cand,
            self.now,
            entry_id=entry_id,
            check_target=check_target,
            serialize=self.json,
        )

    def _writable(self, entry_id: str, if_match: int | None, permission: str) -> TimeEntry:
        entry = self.get(entry_id)
        scope = "own" if entry.user_id == self.access.user.id else "all"
        self.access.require(f"{permission}:{scope}")
        if entry.deleted_at is not None:
            raise Problem(
                409, "entry-deleted", "The entry has been deleted.", current=self.json(entry)
            )
        if if_match is not None and if_match != entry.version:
            raise Problem(
                412,
                "version-mismatch",
                f"The entry is at version {entry.version}, not {if_match}.",
                current=self.json(entry),
            )
        ensure_unlocked(entry, self.access.workspace)
        return entry

    def _touch(self, entry: TimeEntry) -> None:
        entry.version += 1
        entry.updated_at = to_db(self.now)
        entry.seq = next_seq(self.access.workspace)

    def create(self, body: EntryCreate) -> tuple[int, TimeEntry]:
        """201 and a new entry, or 200 and the existing one with the same ``client_ref``."""
        self.access.require("time-entries:create:own")
        cand = candidate_of(self.session, self.access, body)
        existing = self.session.scalar(
            select(TimeEntry).where(
                TimeEntry.workspace_id == self.access.workspace.id,
                TimeEntry.client_ref == body.client_ref,
            )
        )
        if existing is not None:
            if existing.deleted_at is None and content_of(existing) == cand.content():
                return 200, existing
            raise Problem(
                409,
                "client-ref-conflict",
                "An entry with this client_ref already exists with different content.",
                existing=self.json(existing),
            )
        self._check(cand, None, check_target=True)
        entry = TimeEntry(
            id=new_entry_id(),
            workspace_id=self.access.workspace.id,
            user_id=self.access.user.id,
            client_ref=body.client_ref,
            created_at=to_db(self.now),
            version=1,
            invoiced=False,
        )
        self._assign(entry, cand)
        entry.updated_at = entry.created_at
        entry.seq = next_seq(self.access.workspace)
        self.session.add(entry)
        self.session.flush()
        return 201, entry

    def update(self, entry_id: str, patch: dict[str, Any], if_match: int | None) -> TimeEntry:
        """Apply a JSON merge patch to an entry at version ``if_match``."""
        entry = self._writable(entry_id, if_match, "time-entries:update")
        current = {k: v for k, v in self.json(entry).items() if k in EntryFields.model_fields}
        try:
            fields = EntryFields.model_validate(merge_patch(current, patch))
        except ValidationError as exc:
            raise problem_from_errors(exc.errors(), located=False) from exc
        cand = candidate_of(self.session, self.access, fields)
        target_changed = (cand.target_type, cand.target_id, cand.task_id) != (
            entry.target_type,
            entry.target_id,
            entry.task_id,
        )
        self._check(cand, entry.id, check_target=target_changed)
        if content_of(entry) != cand.content() or entry.source != cand.source:
            self._assign(entry, cand)
            self._touch(entry)
        return entry

    def stop(self, entry_id: str, end: datetime | None) -> TimeEntry:
        """Stop a running entry; a stopped one is returned unchanged."""
        entry = self.get(entry_id)
        if entry.end is not None and entry.deleted_at is None:
            return entry
        entry = self._writable(entry_id, None, "time-entries:update")
        cand = candidate_of(
            self.session,
            self.access,
            EntryFields.model_validate(
                {
                    **{k: v for k, v in self.json(entry).items() if k in EntryFields.model_fields},
                    "end": end or self.now,
                }
            ),
        )
        self._check(cand, entry.id, check_target=False)
        entry.end = None if cand.end is None else to_db(cand.end)
        self._touch(entry)
        return entry

    def delete(self, entry_id: str, if_match: int | None) -> TimeEntry:
        """Delete (tombstone) an entry; deleting a deleted entry changes nothing."""
        entry = self.get(entry_id)
        if entry.deleted_at is not None:
            return entry
        entry = self._writable(entry_id, if_match, "time-entries:delete")
        entry.deleted_at = to_db(self.now)
        self._touch(entry)
        return entry

    def _assign(self, entry: TimeEntry, cand: Candidate) -> None:
        entry.target_type = cand.target_type
        entry.target_id = cand.target_id
        entry.task_id = cand.task_id
        entry.description = cand.description
        entry.tags = list(cand.tags)
        entry.billable = cand.billable
        entry.start = to_db(cand.start)
        entry.end = None if cand.end is None else to_db(cand.end)
        entry.timezone = cand.timezone
        entry.source = cand.source


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result
