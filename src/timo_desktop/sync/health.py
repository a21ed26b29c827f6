"""Sync health: the last 14 days here and on the server, side by side.

Reports entries missing on either side, entries whose fields differ although
nothing is queued for them (with each field both ways, so people see what
they would keep or give up), and likely duplicates (same times, description
and target under different `client_ref`s), each with a suggested action.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from timo_desktop.core.entry import Entry, TargetNames
from timo_desktop.core.local_time import (
    clock_text,
    day_and_time,
    from_text,
    local,
    shown_twice,
    to_text,
    utc_offset_text,
)
from timo_desktop.store import sync_state
from timo_desktop.store.database import Store
from timo_desktop.sync.fields import Fields, local_fields, server_fields, target_of
from timo_desktop.vmoox.client import VmooxClient

WINDOW_DAYS = 14

_FIELD_WORDS = {
    "target": "Project",
    "description": "Description",
    "tags": "Tags",
    "billable": "Billable",
    "start": "Start",
    "end": "End",
    "timezone": "Time zone",
}


@dataclass(frozen=True)
class Difference:
    """One field that reads one way here and another on the server. A target is given
    by its cached name; times as RFC 3339 UTC text."""

    field: str
    here: Any
    there: Any

    def words(self, zone: str) -> str:
        """`Description: 'Homepage' here, 'Homepage layout' on Vmoox`, times in `zone`."""
        times = [v for v in (self.here, self.there) if v and self.field in ("start", "end")]
        with_day = len({local(from_text(v), zone).date() for v in times}) > 1
        here, there = (self._shown(v, zone, with_day) for v in (self.here, self.there))
        return f"{_FIELD_WORDS[self.field]}: {here} here, {there} on Vmoox"

    def _shown(self, value: Any, zone: str, with_day: bool) -> str:
        if self.field in ("start", "end"):
            if not value:
                return "still running"
            instant = from_text(value)
            wall = local(instant, zone)
            shown = day_and_time(wall) if with_day else clock_text(wall.time())
            # In the hour the clocks show twice, two times an hour apart read the same.
            return f"{shown} {utc_offset_text(wall)}" if shown_twice(instant, zone) else shown
        if self.field == "billable":
            return "billable" if value else "not billable"
        if self.field == "tags":
            return ", ".join(value) if value else "no tags"
        if self.field == "target":
            return value or "no project"
        return f"'{value}'" if value else "none"


@dataclass(frozen=True)
class Finding:
    """One thing that does not add up, and what to do about it."""

    kind: str  # missing_on_server, missing_here, differs, likely_duplicate, waiting
    client_refs: tuple[str, ...]
    start: str
    description: str
    action: str  # resend, download, take_server_copy, delete_copy, sync, decide
    advice: str
    differences: tuple[Difference, ...] = ()  # "differs": each field both ways
    other_action: str | None = None  # "differs": send_mine, the other way to settle it

    def to_json(self) -> dict[str, Any]:
        """Plain JSON."""
        data = asdict(self)
        data["client_refs"] = list(self.client_refs)
        data["differences"] = [asdict(d) for d in self.differences]
        return data


@dataclass
class HealthReport:
    """What the reconciliation found over `days` days."""

    since: str
    days: int
    local: int = 0
    server: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """True when both sides agree."""
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (`timo sync health --json`)."""
        return {
            "since": self.since,
            "days": self.days,
            "local": self.local,
            "server": self.server,
            "healthy": self.healthy,
            "findings": [f.to_json() for f in self.findings],
        }


def reconcile(
    store: Store, client: VmooxClient, workspace_id: str, *, now: datetime, days: int = WINDOW_DAYS
) -> HealthReport:
    """Compare local and server entries that started in the last `days` days."""
    since = now - timedelta(days=days)
    report = HealthReport(to_text(since), days)
    local = {
        e.client_ref: e
        for e in store.between(since, now + timedelta(days=1))
        if e.start >= since and _in_workspace(store, e, workspace_id)
    }
    server = {e.client_ref: e for e in client.iter_time_entries(workspace_id, start_from=since)}
    report.local, report.server = len(local), len(server)
    busy = sync_state.open_refs(store.connection)
    for ref, entry in sorted(local.items(), key=lambda item: item[1].start):
        mine = local_fields(entry)
        if ref in busy:
            if ref not in server or mine != server_fields(server[ref]):
                report.findings.append(_waiting(store, entry, mine))
        elif ref not in server:
            report.findings.append(
                _finding("missing_on_server", (ref,), mine, "resend", "Send it to Vmoox again")
            )
        elif mine != (theirs := server_fields(server[ref])):
            differs = _finding(
                "differs", (ref,), mine, "take_server_copy", "Keep one version or the other"
            )
            report.findings.append(
                replace(
                    differs,
                    differences=_differences(store, mine, theirs),
                    other_action="send_mine",
                )
            )
    for ref, remote in server.items():
        if ref not in local and not (store.get(ref) and ref in busy):
            theirs = server_fields(remote)
            report.findings.append(
                _finding("missing_here", (ref,), theirs, "download", "Download it from Vmoox")
            )
    report.findings.extend(_duplicates(local, server))
    return report


def _differences(store: Store, mine: Fields, theirs: Fields) -> tuple[Difference, ...]:
    found = []
    for name in _FIELD_WORDS:
        if mine[name] != theirs[name]:
            here, there = mine[name], theirs[name]
            if name == "target":
                here, there = _target_name(store, here), _target_name(store, there)
            found.append(Difference(name, here, there))
    return tuple(found)


def _target_name(store: Store, target: dict[str, Any] | None) -> str | None:
    """The cached name of an API target object (its id when the name is not cached)."""
    if not target:
        return None
    names = TargetNames(*store.names(target_of({"target": target})))
    return names.label() or str(target["id"])


def _in_workspace(store: Store, entry: Entry, workspace_id: str) -> bool:
    link = sync_state.links(store.connection, [entry.client_ref]).get(entry.client_ref)
    return link is None or link.workspace_id in (None, workspace_id)


def _waiting(store: Store, entry: Entry, fields: Fields) -> Finding:
    state = entry.sync_state.value
    if state == "attention":
        return _finding(
            "waiting", (entry.client_ref,), fields, "decide", "Needs your decision to sync"
        )
    return _finding("waiting", (entry.client_ref,), fields, "sync", "Waiting to sync; sync now")


def _duplicates(local: dict[str, Entry], server: dict[str, Any]) -> list[Finding]:
    seen: dict[tuple[Any, ...], list[tuple[str, Fields]]] = defaultdict(list)
    for ref, entry in local.items():
        fields = local_fields(entry)
        seen[_content(fields)].append((ref, fields))
    for ref, remote in server.items():
        if ref not in local:
            fields = server_fields(remote)
            seen[_content(fields)].append((ref, fields))
    found = []
    for copies in seen.values():
        if len(copies) > 1:
            refs = tuple(sorted(ref for ref, _ in copies))
            found.append(
                _finding(
                    "likely_duplicate",
                    refs,
                    copies[0][1],
                    "delete_copy",
                    f"{len(refs)} entries with the same times and description; delete the copies",
                )
            )
    return found


def _content(fields: Fields) -> tuple[Any, ...]:
    target = fields["target"] or {}
    return (fields["start"], fields["end"], fields["description"], target.get("id"))


def _finding(kind: str, refs: tuple[str, ...], fields: Fields, action: str, advice: str) -> Finding:
    return Finding(kind, refs, fields["start"] or "", fields["description"] or "", action, advice)
