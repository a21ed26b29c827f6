"""An entry's syncable fields in one comparable shape, for local and server entries alike.

`Fields` is a plain dict of `FIELD_NAMES` in the API's vocabulary (target
object, RFC 3339 UTC text), so a local entry and the server's copy compare
with `==`, a merge patch is a dict difference, and a 412 merge goes field by
field.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from timo_desktop.core.entry import Entry, Source, SyncState, Target
from timo_desktop.core.local_time import from_text, to_text
from timo_desktop.core.validation import EntryRules, in_locked_period, rules_from_json
from timo_desktop.store import sync_state
from timo_desktop.store.database import WORKSPACE_RULES_OF
from timo_desktop.store.outbox import payload_for
from timo_desktop.store.sync_state import Conflict

if TYPE_CHECKING:  # a change saved here settles questions without loading pydantic
    from timo_desktop.store.database import Reader, WriteTransaction
    from timo_desktop.vmoox.models import TimeEntry

Fields = dict[str, Any]

FIELD_NAMES = ("target", "description", "tags", "billable", "start", "end", "timezone")


def _target(value: Any) -> dict[str, Any] | None:
    if not value:
        return None
    if value.get("type") == "record":
        return {"type": "record", "id": value["id"]}
    return {"type": "project", "id": value["id"], "task_id": value.get("task_id")}


def local_fields(entry: Entry) -> Fields:
    """The fields of a local entry."""
    payload = payload_for(entry)
    fields = {name: payload[name] for name in FIELD_NAMES}
    fields["target"] = _target(fields["target"])
    return fields


def _text(value: datetime | None) -> str | None:
    return to_text(value) if value is not None else None


def _server_target(entry: TimeEntry) -> dict[str, Any] | None:
    from timo_desktop.vmoox.models import ProjectTarget, RecordTarget  # loaded with `entry`

    if isinstance(entry.target, ProjectTarget):
        return {"type": "project", "id": entry.target.id, "task_id": entry.target.task_id}
    if isinstance(entry.target, RecordTarget):
        return {"type": "record", "id": entry.target.id}
    return None


def server_fields(entry: TimeEntry) -> Fields:
    """The fields of an entry as the server sent it."""
    return {
        "target": _server_target(entry),
        "description": entry.description,
        "tags": list(entry.tags),
        "billable": entry.billable,
        "start": _text(entry.start),
        "end": _text(entry.end),
        "timezone": entry.timezone,
    }


def target_of(fields: Fields) -> Target:
    """The core `Target` of a fields dict."""
    return _core_target(fields.get("target"))


def _core_target(target: dict[str, Any] | None) -> Target:
    if not target:
        return Target()
    if target["type"] == "record":
        return Target(record_id=target["id"])
    return Target(project_id=target["id"], task_id=target.get("task_id"))


def with_fields(entry: Entry, fields: Fields, *, deleted_at: datetime | None) -> Entry:
    """`entry` carrying `fields` (and this deletion state); other columns kept."""
    return replace(
        entry,
        target=target_of(fields),
        description=fields["description"],
        tags=tuple(fields["tags"]),
        billable=bool(fields["billable"]),
        start=from_text(fields["start"]),
        end=from_text(fields["end"]) if fields["end"] else None,
        zone=fields["timezone"] or entry.zone,
        deleted_at=deleted_at,
    )


def entry_from_server(remote: TimeEntry, *, sync_state: SyncState = SyncState.SYNCED) -> Entry:
    """A local entry made from the server's copy (for entries made elsewhere).

    Built straight from the server's values, as `with_fields` would set them,
    without a round trip through text: a first pull makes thousands.
    """
    stamp = remote.updated_at or remote.created_at or remote.start
    return Entry(
        client_ref=remote.client_ref,
        start=remote.start,
        end=remote.end,
        zone=remote.timezone or "UTC",
        created_at=remote.created_at or stamp,
        updated_at=stamp,
        description=remote.description,
        target=_core_target(_server_target(remote)),
        tags=tuple(remote.tags),
        billable=remote.billable,
        source=Source.SERVER,
        deleted_at=remote.deleted_at,
        sync_state=sync_state,
    )


def changed(ours: Fields, base: Fields | None) -> Fields:
    """The fields of `ours` that differ from `base` (all of them without a base)."""
    if base is None:
        return dict(ours)
    return {name: ours[name] for name in FIELD_NAMES if ours.get(name) != base.get(name)}


def patch_body(changes: Fields) -> dict[str, Any]:
    """A JSON merge patch for these changed fields (a target is named whole)."""
    body = dict(changes)
    target = body.get("target")
    if isinstance(target, dict):
        body["target"] = {**target, "task_id": target.get("task_id")}
    return body


# Fields merged as one value: a time range taken start from one side and end from the
# other could end before it starts, or be a range neither side had. One exception: a
# timer stopped on one side while the other moved its start (`_stopped_and_moved`).
TOGETHER = (("start", "end"),)


def together_with(name: str) -> tuple[str, ...]:
    """The fields merged, and put back, as one with `name` (itself alone for most)."""
    return next((group for group in TOGETHER if name in group), (name,))


def merge(base: Fields | None, ours: Fields, theirs: Fields) -> tuple[Fields, dict[str, Any]]:
    """Three-way merge field by field (the start and end as one): each side's own changes
    are kept; where both changed a field differently the server wins. Returns the merged
    fields and the local values the server overrode (to offer them back)."""
    merged: Fields = {}
    overridden: dict[str, Any] = {}
    together = {name for group in TOGETHER for name in group}
    units = [*TOGETHER, *((name,) for name in FIELD_NAMES if name not in together)]
    for unit in units:
        mine = tuple(ours.get(name) for name in unit)
        yours = tuple(theirs.get(name) for name in unit)
        old = tuple(base.get(name) for name in unit) if base is not None else yours
        kept = yours
        if mine not in (yours, old) and yours == old:
            kept = mine
        elif mine not in (yours, old):
            both = _stopped_and_moved(unit, old, mine, yours)
            if both is not None:
                kept = both
            else:  # both changed it: the server's, yours offered back
                overridden.update(
                    (n, m) for n, m, y in zip(unit, mine, yours, strict=True) if m != y
                )
        merged.update(zip(unit, kept, strict=True))
    return {name: merged[name] for name in FIELD_NAMES}, overridden


def changed_there_only(base: Fields | None, ours: Fields, theirs: Fields) -> Fields:
    """The fields only the server changed since `base` (ours as they were there), with its
    values: what a merge takes from it unasked, beside the fields both changed."""
    if base is None:
        return {}
    return {
        name: theirs.get(name)
        for name in FIELD_NAMES
        if theirs.get(name) != base.get(name) and ours.get(name) == base.get(name)
    }


def _stopped_and_moved(
    unit: tuple[str, ...], old: tuple[Any, ...], mine: tuple[Any, ...], theirs: tuple[Any, ...]
) -> tuple[Any, ...] | None:
    """A running timer one side stopped while the other only moved its start: the moved
    start with the stop, when that is a range. Each side's one change is what it meant;
    the server's range alone would drop the moved start, and putting back the other
    side's range would set the timer running again."""
    if unit != ("start", "end") or old[1] is not None:
        return None
    for moved, stopped in ((mine, theirs), (theirs, mine)):
        if (
            moved[1] is None
            and stopped[0] == old[0]
            and stopped[1] is not None
            and from_text(moved[0]) < from_text(stopped[1])
        ):
            return moved[0], stopped[1]
    return None


def base_of(remote: TimeEntry, period: EntryRules | None) -> dict[str, object]:
    """What `sync_base` keeps for a server entry: its fields, whether it is deleted, and
    whether Vmoox keeps it read-only for good (invoiced). Vmoox's copy marks an entry in
    a locked period as it marks an invoiced one, so a lock the `period` its workspace
    locks explains is left out: kept, it would hold the entry read-only past the unlock,
    which the rules tell as they change. None (no rules known yet) keeps every lock."""
    locked = remote.locked and (period is None or not in_locked_period(remote.start, period))
    return {**server_fields(remote), "deleted": remote.deleted, "locked": locked}


def kept_lock(reader: Reader, workspace_id: str) -> EntryRules | None:
    """The lock of a workspace as its rules were last pulled (`Puller.rules`), None before
    they ever were."""
    raw = reader.meta(WORKSPACE_RULES_OF.format(workspace_id))
    return rules_from_json(raw) if raw else None


def link_remote(tx: WriteTransaction, ref: str, remote: TimeEntry) -> None:
    """Remember that local entry `ref` is `remote` on the server, at its version and fields,
    its lock kept only if for good (`base_of`, with its workspace's `kept_lock`)."""
    sync_state.link(
        tx.connection,
        ref,
        workspace_id=remote.workspace_id,
        remote_id=remote.id,
        remote_version=remote.version,
        base=base_of(remote, kept_lock(tx, remote.workspace_id)),
    )


@dataclass(frozen=True, slots=True)
class Settled:
    """A question a change made here settled (`settle_edited`), as it was asked, and the
    value that change gave its field."""

    question: Conflict
    given: Any


def changed_here(entry: Entry, questions: Iterable[Conflict]) -> list[Conflict]:
    """Those of `questions` whose field `entry` no longer holds at the server's value: it
    was changed here since, and putting back the older value would undo that change."""
    here = local_fields(entry)
    return [c for c in questions if here[c.field] != c.server_value]


def settle_edited(connection: sqlite3.Connection, before: Entry, after: Entry) -> list[Settled]:
    """A change made here to an entry settles the conflicts of the fields it changes: the
    person has decided by changing them, and putting back the value the question was about
    would undo that newer change. Returns them, for an Undo of the change to ask them again
    (`ask_again`). Deleting changes no field: its questions are kept, unasked while it is
    deleted (`needs_attention`), for an Undo of the delete to bring back."""
    was, now = local_fields(before), local_fields(after)
    changed = {name for name in FIELD_NAMES if was[name] != now[name]}
    if not changed:
        return []
    asked = [c for c in sync_state.conflicts(connection, after.client_ref) if c.field in changed]
    if asked:
        sync_state.clear_conflicts(connection, after.client_ref, [c.field for c in asked])
    return [Settled(c, now[c.field]) for c in asked]


def still_given(connection: sqlite3.Connection, settled: Sequence[Settled]) -> list[Settled]:
    """Those of `settled` whose entry is here and whose field still holds the value the
    change that settled them gave it. One changed since (by sync, another device, the
    command line) is over: the server may have decided it, or asked anew."""
    entries = sync_state.entries(connection, (s.question.client_ref for s in settled))
    return [
        s
        for s in settled
        if (entry := entries.get(s.question.client_ref)) is not None
        and not entry.is_deleted
        and local_fields(entry)[s.question.field] == s.given
    ]


def ask_again(connection: sqlite3.Connection, settled: Sequence[Settled]) -> None:
    """Once an Undo has taken back the change that settled them, ask again those of
    `settled` (`still_given` before it) whose field holds the server's value again,
    exactly as they were; one still changed here (`changed_here`) stays settled."""
    entries = sync_state.entries(connection, (s.question.client_ref for s in settled))
    back = [
        s.question
        for s in settled
        if (entry := entries.get(s.question.client_ref)) is not None
        and not changed_here(entry, [s.question])
    ]
    sync_state.ask_again(connection, back)
