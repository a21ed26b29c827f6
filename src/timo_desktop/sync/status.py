"""Where sync stands, in numbers and in the plain words the tray and `timo sync status` show."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from timo_desktop.store import sync_state
from timo_desktop.store.database import Reader
from timo_desktop.sync.words import plural

# Meta keys the engine writes (kept here so readers need not import the engine).
LAST_SUCCESS = "sync.last_success"
LAST_ERROR = "sync.last_error"
FROZEN = "sync.frozen"
WORKER = "sync.worker"

# The code an entry is parked with when the server deleted it while it was edited here.
DELETED_ON_SERVER = "deleted-on-server"
# How every "signed out" reason opens, as `sync.last_error` keeps it too.
SIGNED_OUT_WORDS = "Signed out"
# The code of an entry refused only for its target (a workspace that requires one):
# choosing a project fixes it, as for a target that went away.
TARGET_REFUSED = "target-refused"


class WorkerState(StrEnum):
    """What the sync worker is doing, as the UI shows it."""

    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    UNTRUSTED = "untrusted"  # the server's certificate is refused
    SIGNED_OUT = "signed_out"
    ATTENTION = "attention"


@dataclass(frozen=True)
class SyncStatus:
    """Counts and words for one moment."""

    state: WorkerState
    pending: int  # operations still to be accepted by the server (parked ones excluded)
    pending_entries: int
    attention: int  # entries waiting for the user
    conflicts: int  # entries where the server's value replaced a local one
    frozen: int  # operations held for a workspace the user lost access to
    last_success: str | None
    last_error: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (`timo sync status --json`)."""
        data = asdict(self)
        data["state"] = self.state.value
        return data


def read_status(
    reader: Reader, state: WorkerState | None = None, error: str | None = None
) -> SyncStatus:
    """The status from the database; `state` and `error` as the worker last saw them."""
    frozen = json.loads(reader.meta(FROZEN) or "{}")
    counts = sync_state.counts(reader.connection, sorted(frozen))
    waiting = sync_state.attention(reader.connection)
    last_error = error if error is not None else (reader.meta(LAST_ERROR) or None)
    if state is None:
        state = WorkerState.ATTENTION if waiting else WorkerState.IDLE
    if state is WorkerState.IDLE and waiting:
        state = WorkerState.ATTENTION
    message = sentence(
        state, counts["pending_entries"], waiting, frozen, counts["conflicts"], last_error
    )
    return SyncStatus(
        state,
        counts["pending"],
        counts["pending_entries"],
        counts["attention"],
        counts["conflicts"],
        counts["frozen"],
        reader.meta(LAST_SUCCESS) or None,
        last_error,
        message,
    )


def sentence(
    state: WorkerState,
    entries: int,
    waiting: Sequence[tuple[str, str | None, str | None]] = (),
    frozen: Mapping[str, dict[str, str]] | None = None,
    conflicts: int = 0,
    error: str | None = None,
) -> str:
    """Sync in one plain sentence, as the design words it ("Offline — 3 entries will sync
    when you're back"): `entries` waiting to be sent, `waiting` (ref, code, reason) for
    the user, `frozen` workspaces, entries the server changed, the last error."""
    if state is WorkerState.UNTRUSTED and error:
        return error  # what is refused and what to do about it
    if state is WorkerState.OFFLINE:
        if not entries:
            return "Offline — nothing waits to sync"
        return f"Offline — {plural(entries, 'entry')} will sync when you're back"
    if state is WorkerState.SIGNED_OUT:
        if not entries:
            return f"{SIGNED_OUT_WORDS} — sign in to sync"
        return f"{SIGNED_OUT_WORDS} — sign in to sync {plural(entries, 'entry')}"
    if waiting:
        _ref, code, reason = waiting[0]
        count = plural(len(waiting), "entry")
        if code == "target-unavailable" and reason:
            same = all(w[2] == reason for w in waiting)
            return f"{count} {reason}" if same else f"{count} need a new target"
        needs = f"{count} {'needs' if len(waiting) == 1 else 'need'} attention"
        return f"{needs}: {reason}" if reason else needs
    if frozen:
        details = next(iter(frozen.values()))
        return f"Sync to {details.get('name')} is paused: {details.get('reason')}"
    if state is WorkerState.SYNCING:
        return f"Syncing {plural(entries, 'entry')}…" if entries else "Syncing…"
    if entries:
        return f"{plural(entries, 'entry')} waiting to sync"
    if conflicts:
        return f"All synced — {plural(conflicts, 'entry')} changed on the server"
    return "All synced"
