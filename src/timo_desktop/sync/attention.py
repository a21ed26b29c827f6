"""What sync needs the user to decide, each item with the server's reason and its fix.

`needs_attention` reads the local database only (no network), so the window
and `timo attention` can list it at once; the fixes are `sync.engine.Decisions`
methods, which the window runs on the worker thread's `SyncEngine` and `timo
restore`, `keep-mine`, `keep-theirs` and `retry` run signed out too. Kinds and
the fix each one offers:

- `conflict`: the server's value replaced the user's → restore mine / keep the server's;
- `deleted`: Vmoox holds it deleted while it is live here (deleted there while edited
  here, or sent again after a deletion) → restore as a new entry / discard;
- `target`: its project or record became unavailable → pick a new target;
- `locked`: read-only on the server (invoiced, locked period) → shown with the reason
  and the values Vmoox kept, OK;
- `locked-new`: never on the server, which takes nothing in a locked period → delete
  here, change the date, retry now (it goes by itself once the lock no longer covers it);
- `frozen`: access to a workspace was removed → its entries can be exported;
- `refused`: any other refusal or wait → retry now.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from timo_desktop.core.entry import Entry
from timo_desktop.core.errors import sentence
from timo_desktop.core.local_time import MIDNIGHT, describe_instant, from_text, local_day
from timo_desktop.platform.zone import zone_in_use
from timo_desktop.store import sync_state
from timo_desktop.store.database import Reader
from timo_desktop.store.outbox import Op, OpState
from timo_desktop.store.sync_state import Conflict
from timo_desktop.sync.status import DELETED_ON_SERVER, FROZEN, TARGET_REFUSED
from timo_desktop.sync.words import FIELD_WORDS

_KINDS = {
    DELETED_ON_SERVER: "deleted",
    "target-unavailable": "target",
    TARGET_REFUSED: "target",
    "entry-locked": "locked",
}
# The fields whose values are instants (RFC 3339 UTC text), shown as times of day.
_INSTANTS = ("start", "end")


@dataclass(frozen=True)
class Attention:
    """One thing to decide: `kind` picks the fix; `message` is the reason in plain words."""

    kind: str
    message: str
    entry: Entry | None = None  # None for a frozen workspace
    conflicts: tuple[Conflict, ...] = ()
    workspace_id: str | None = None  # for a frozen workspace
    count: int = 0  # entries held for a frozen workspace

    @property
    def client_ref(self) -> str | None:
        """The entry's `client_ref` (None for a frozen workspace)."""
        return self.entry.client_ref if self.entry is not None else None


def needs_attention(
    reader: Reader, zone: str | None = None, start_of_day: time = MIDNIGHT
) -> list[Attention]:
    """Frozen workspaces first, then refused entries, then conflicts, oldest first; times
    in them as read in `zone` (default: this computer's), dated when not on the entry's
    working day (days beginning at `start_of_day`), which is shown with the entry."""
    zone = zone_in_use(zone)
    connection = reader.connection
    items = [
        Attention(
            "frozen",
            f"Sync to {name} is paused: {reason}. Export its entries to keep them.",
            workspace_id=workspace,
            count=len(refs),
        )
        for workspace, name, reason, refs in held(reader)
    ]
    waiting = sync_state.attention(connection)
    found = sync_state.conflicts(connection)
    refs = [ref for ref, _code, _message in waiting] + [c.client_ref for c in found]
    entries = sync_state.entries(connection, refs)
    by_entry: dict[str, list[Conflict]] = {}
    for conflict in found:
        by_entry.setdefault(conflict.client_ref, []).append(conflict)
    seen: set[str] = set()
    for ref, code, message in waiting:
        entry = entries.get(ref)
        if entry is None:
            continue
        seen.add(ref)
        kind = _KINDS.get(code or "", "refused")
        words = sentence(message or "Vmoox refused this entry")
        kept = tuple(by_entry.get(ref, ()))
        if kind == "locked" and kept:
            # What was not sent, so nothing typed is lost from sight: OK lets it go.
            day = local_day(entry.start, zone, start_of_day)
            words += f" Vmoox keeps {_fields_words(kept, zone, day)}."
        elif kind == "locked" and _never_sent(reader, ref):
            kind = "locked-new"
        items.append(Attention(kind, words, entry, kept))
    for ref, conflicts in by_entry.items():
        entry = entries.get(ref)
        if entry is not None and ref not in seen:
            day = local_day(entry.start, zone, start_of_day)
            words = conflict_words(conflicts, zone, day)
            items.append(Attention("conflict", words, entry, tuple(conflicts)))
    return items


def _never_sent(reader: Reader, client_ref: str) -> bool:
    """Whether an entry waits with its create refused: Vmoox never had it."""
    return any(
        op.op is Op.CREATE and op.state is OpState.PARKED for op in reader.outbox(client_ref)
    )


def held(reader: Reader) -> list[tuple[str, str, str, list[str]]]:
    """(workspace id, name, reason, client_refs) of each workspace whose access was
    removed, with the entries held for it."""
    frozen: dict[str, dict[str, str]] = json.loads(reader.meta(FROZEN) or "{}")
    return [
        (
            workspace,
            details.get("name") or workspace,
            details.get("reason") or "access was removed",
            sync_state.entries_of_workspace(reader.connection, workspace),
        )
        for workspace, details in sorted(frozen.items())
    ]


def conflict_words(conflicts: Sequence[Conflict], zone: str, beside: date) -> str:
    """`Changed on the server while you edited it: description “Call” (yours: “Phone
    call”); end 15:50 (yours: 15:45).` Times as read in `zone`, with their date when not
    on the day `beside` (the entry's, shown with it)."""
    return f"Changed on the server while you edited it: {_fields_words(conflicts, zone, beside)}."


def _fields_words(conflicts: Sequence[Conflict], zone: str, beside: date) -> str:
    """`end 15:50 (yours: 15:45)` for each field: the server's value, then the local one."""
    return "; ".join(
        f"{FIELD_WORDS.get(c.field, c.field)} {value_words(c.field, c.server_value, zone, beside)}"
        f" (yours: {value_words(c.field, c.local_value, zone, beside)})"
        for c in conflicts
    )


def value_words(field: str, value: Any, zone: str, beside: datetime | date) -> str:
    """A field's value as conflicts show it: a time of day in `zone`, dated when not on
    the day `beside` (a date, or a moment's day: `timo keep-mine` says its values beside
    today), “text” in quotes, yes/no, tags joined, `none`."""
    if field in _INSTANTS and isinstance(value, str):
        return describe_instant(from_text(value), zone, relative_to=beside)
    if isinstance(value, dict):
        return "another one" if value else "none"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    return f"“{value}”"
