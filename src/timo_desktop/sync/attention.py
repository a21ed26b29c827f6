"""What sync needs the user to decide, each item with the server's reason and its fix.

`needs_attention` reads the local database only (no network), so the window
can list it at once; the fixes are `SyncEngine` methods, run on the worker
thread. Kinds and the fix each one offers:

- `conflict`: the server's value replaced the user's → restore mine / keep the server's;
- `deleted`: deleted on the server while edited here → restore / discard;
- `target`: its project or record became unavailable → pick a new target;
- `locked`: read-only on the server (invoiced, locked period) → shown with the reason;
- `frozen`: access to a workspace was removed → its entries can be exported;
- `refused`: any other refusal or wait → retry now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from timo_desktop.core.entry import Entry
from timo_desktop.core.errors import sentence
from timo_desktop.store import sync_state
from timo_desktop.store.database import Reader
from timo_desktop.store.sync_state import Conflict
from timo_desktop.sync.status import DELETED_ON_SERVER, FROZEN, TARGET_REFUSED
from timo_desktop.sync.words import FIELD_WORDS

_KINDS = {
    DELETED_ON_SERVER: "deleted",
    "target-unavailable": "target",
    TARGET_REFUSED: "target",
    "entry-locked": "locked",
}


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


def needs_attention(reader: Reader) -> list[Attention]:
    """Frozen workspaces first, then refused entries, then conflicts, oldest first."""
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
    seen: set[str] = set()
    for ref, code, message in waiting:
        entry = entries.get(ref)
        if entry is not None:
            seen.add(ref)
            kind = _KINDS.get(code or "", "refused")
            items.append(Attention(kind, sentence(message or "Vmoox refused this entry"), entry))
    by_entry: dict[str, list[Conflict]] = {}
    for conflict in found:
        by_entry.setdefault(conflict.client_ref, []).append(conflict)
    for ref, conflicts in by_entry.items():
        entry = entries.get(ref)
        if entry is not None and ref not in seen:
            items.append(Attention("conflict", conflict_words(conflicts), entry, tuple(conflicts)))
    return items


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


def conflict_words(conflicts: list[Conflict]) -> str:
    """`Changed on the server at the same time: description "Call" (yours: "Phone call").`"""
    parts = [
        f"{FIELD_WORDS.get(c.field, c.field)} {_shown(c.server_value)} "
        f"(yours: {_shown(c.local_value)})"
        for c in conflicts
    ]
    return "Changed on the server while you edited it: " + "; ".join(parts) + "."


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "another one" if value else "none"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    return f"“{value}”"
