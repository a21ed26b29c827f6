"""Where sync stands, in numbers and in the plain words the tray and `timo sync status` show."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from timo_desktop.store import sync_state
from timo_desktop.store.database import Reader
from timo_desktop.sync.words import agreed, duration_words, plural, taken_words

# Meta keys the engine writes (kept here so readers need not import the engine).
LAST_SUCCESS = "sync.last_success"
LAST_ERROR = "sync.last_error"
FROZEN = "sync.frozen"
WORKER = "sync.worker"
# Vmoox's clock minus this computer's, in whole seconds, as the last round measured it.
CLOCK_SKEW = "sync.clock_skew_seconds"
# Clocks further apart than this are told (`clock_off`): every time tracked here is off by as
# much. Minutes, well above what the measure may be off by, or a clock a little slow.
CLOCK_OFF = timedelta(minutes=2)
# The workspaces (id, name) the account could track time in at the last round.
WORKSPACES = "sync.workspaces"
# Entries here that had their time and that the pull found deleted or shortened on Vmoox,
# until read (JSON: ref → {"start", "end": the time it had here, "deleted": true or false}).
LESS_TIME = "sync.less_time"
# What Vmoox changed unasked beside the fields a merge made conflicts of, to name with them
# (JSON: ref → {"at": when the conflicts were made, "fields": field → the server's value}).
ALSO_CHANGED = "sync.also_changed"
# Where entries without a project or record went at the last round: the account's default
# workspace (those it cannot be sent to wait for it, `held_for`).
DEFAULT_WORKSPACE = "sync.default_workspace"

# The code an entry is parked with when the server deleted it while it was edited here.
DELETED_ON_SERVER = "deleted-on-server"
# The code a delete is parked with when the entry changed on another computer since the
# version deleted here.
CHANGED_SINCE_DELETED = "changed-since-deleted"
# The code a stop is parked with when Vmoox keeps the timer running (read-only: a locked
# period, invoiced): it stays stopped here, at the person's end, its stop waiting.
KEPT_RUNNING = "kept-running"
# The code a timer started here is held with meanwhile (parked, no question of its own):
# Vmoox takes no second running timer, so it goes once the stop of the one kept running
# does (`SyncEngine._behind_released`, `sync.attention.behind_kept`).
BEHIND_KEPT_RUNNING = "behind-kept-running"
# The code an operation is parked with when this database refused to record Vmoox's
# answer to it (a constraint), so that the others' answers are recorded meanwhile.
NOT_RECORDED = "not-recorded"
# How the all-clear opens (the window adds the time of the last sync to it).
ALL_SYNCED = "All synced"
# How every "signed out" reason opens, as `sync.last_error` keeps it too.
SIGNED_OUT_WORDS = "Signed out"
# How a round that did not finish is said: offline, Vmoox not answering on a network that
# works (the connection refused), Vmoox connected but its answer late (a read timeout), or
# for any other reason.
OFFLINE_WORDS = "Offline"
UNREACHABLE_WORDS = "Vmoox can't be reached"
SLOW_WORDS = "Vmoox is slow to answer"
NOT_SYNCED_WORDS = "Not synced"
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
    attention: int  # entries waiting for the user (refused, or held deleted, read-only…)
    # Entries where the server's value replaced a local one, asked about on their own.
    conflicts: int
    frozen: int  # operations held for a workspace the user lost access to
    last_success: str | None
    last_error: str | None
    message: str
    clock: str | None = None  # this computer's clock is wrong, and by how much (`clock_off`)
    # Timers stopped for a newer one on another device, or running here and deleted or
    # stopped earlier in Vmoox, until read in Needs attention.
    stopped: int = 0

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (`timo sync status --json`)."""
        data = asdict(self)
        data["state"] = self.state.value
        return data


def read_status(
    reader: Reader, state: WorkerState | None = None, error: str | None = None
) -> SyncStatus:
    """The status from the database; `state` and `error` as the worker last saw them."""
    # It imports this module.
    from timo_desktop.sync.attention import kinds_asked

    frozen = json.loads(reader.meta(FROZEN) or "{}")
    default = reader.meta(DEFAULT_WORKSPACE) or None
    counts = sync_state.counts(reader.connection, sorted(frozen), default)
    waiting = sync_state.attention(reader.connection)
    # Each as Needs attention lists it: values Vmoox kept on an entry it refused are told
    # with the refusal, and a stop for a newer timer is no change made on the server.
    asked = kinds_asked(reader)
    stopped = asked["stopped"] + asked["stopped-running"]
    deleted = asked["deleted-running"]
    early = asked["stopped-early"]
    taken = (asked["deleted-there"], asked["shortened-there"])
    last_error = error if error is not None else (reader.meta(LAST_ERROR) or None)
    if state is None:
        state = WorkerState.ATTENTION if waiting else WorkerState.IDLE
    if state is WorkerState.IDLE and waiting:
        state = WorkerState.ATTENTION
    held = {ws: len(held_for(reader, ws)) for ws in frozen}
    message = sentence(
        state,
        counts["pending_entries"],
        waiting,
        frozen,
        asked["conflict"],
        last_error,
        held,
        stopped,
        deleted,
        early,
        taken,
    )
    return SyncStatus(
        state,
        counts["pending"],
        counts["pending_entries"],
        counts["attention"],
        asked["conflict"],
        counts["frozen"],
        reader.meta(LAST_SUCCESS) or None,
        last_error,
        message,
        clock_off(reader),
        stopped + deleted + early,
    )


def needs_sign_in(status: SyncStatus) -> bool:
    """Whether sync waits for a new sign-in: the sync line offers Sign in…, and the account
    shown in Settings, the ☰ menu and `timo sync status` say why (`refused_sign_in`)."""
    return status.state is WorkerState.SIGNED_OUT


def refused_sign_in(who: str | None, status: SyncStatus | None) -> str | None:
    """`Vmoox refused the sign-in of Dana Demo — sign in again` while sync needs a new
    sign-in of the one saved for `who`; None while it can sync with it (or before the
    worker's first word). A sign-in this computer could not use (its keyring locked) is
    not said to be refused by Vmoox. `who` None: the sign-in in use is the token in
    VMOOX_TOKEN, which no new sign-in replaces, so the fix is the variable's."""
    from timo_desktop.auth.account import ENV_TOKEN

    if status is None or not needs_sign_in(status):
        return None
    refused = (status.last_error or "").startswith(SIGNED_OUT_WORDS)  # the server's refusal
    if who is not None and not refused:
        return f"Timo could not use the sign-in of {who} — sign in again"
    if who is not None:
        return f"Vmoox refused the sign-in of {who} — sign in again"
    if refused:
        return f"Vmoox refused the token in {ENV_TOKEN} — set a working one or unset it"
    return None  # the token could not be used at all, which its own words say


def clock_off(reader: Reader) -> str | None:
    """ "This computer's clock is 3 h ahead of Vmoox's; times you track are off by that much.
    Set the clock right." when the last round found the clocks more than `CLOCK_OFF` apart;
    None when they agree, or were never compared."""
    measured = reader.meta(CLOCK_SKEW)
    if not measured:
        return None
    ahead = -int(measured)  # this computer's clock minus Vmoox's
    if abs(ahead) <= CLOCK_OFF.total_seconds():
        return None
    way = "ahead of" if ahead > 0 else "behind"
    return (
        f"This computer's clock is {duration_words(ahead)} {way} Vmoox's; times you track"
        " are off by that much. Set the clock right."
    )


def trackable_workspaces(reader: Reader) -> list[tuple[str, str]]:
    """The workspaces (id, name) the account could track time in at the last round that
    reached Vmoox, in the server's order; none before such a round."""
    return [(ws, name) for ws, name in json.loads(reader.meta(WORKSPACES) or "[]")]


def frozen_workspaces(reader: Reader) -> dict[str, dict[str, str]]:
    """The workspaces time cannot be tracked in now, as sync last found them: id → their
    `name`, the `reason` and `since` when (their entries wait, nothing new goes there)."""
    frozen: dict[str, dict[str, str]] = json.loads(reader.meta(FROZEN) or "{}")
    return frozen


def held_for(reader: Reader, workspace_id: str) -> list[str]:
    """The entries (`client_ref`s) with changes waiting for `workspace_id`: sent there
    before, or with its project or record, or without either while it is the default
    workspace (they go where the default is when they are sent)."""
    default = reader.meta(DEFAULT_WORKSPACE) or None
    return sync_state.entries_of_workspace(reader.connection, workspace_id, default)


def workspace_names(reader: Reader) -> dict[str, str]:
    """Workspace id → name, as the last sync that reached Vmoox found them (those time can
    be tracked in, then those it no longer can: their entries wait)."""
    names = dict(trackable_workspaces(reader))
    for workspace, held in frozen_workspaces(reader).items():
        names.setdefault(workspace, held.get("name", workspace))
    return names


def sentence(
    state: WorkerState,
    entries: int,
    waiting: Sequence[tuple[str, str | None, str | None]] = (),
    frozen: Mapping[str, dict[str, str]] | None = None,
    conflicts: int = 0,
    error: str | None = None,
    held: Mapping[str, int] | None = None,
    stopped: int = 0,
    deleted: int = 0,
    early: int = 0,
    taken: tuple[int, int] = (0, 0),
) -> str:
    """Sync in one plain sentence, as the design words it ("Offline — 3 entries will sync
    when you're back"; "Vmoox can't be reached — …" when the last round's connection was
    refused, the network working; "Vmoox is slow to answer — …" when its answer did not
    come in time): `entries` waiting to be sent, `waiting` (ref, code, reason) for
    the user, `frozen` workspaces and the entries `held` for each, entries the server
    changed, the last error (which says why entries wait: "1 entry waiting to sync:
    Service unavailable."; with none waiting, that the last round did not finish: "Not
    synced: Service unavailable."), timers here `stopped` for a newer one on another
    device, timers running here that Vmoox `deleted`, or stopped at an `early` time, and
    entries it deleted or shortened (`taken`: how many of each), which the all-clear
    names until read."""
    if state is WorkerState.UNTRUSTED and error:
        return error  # what is refused and what to do about it
    if state is WorkerState.OFFLINE and error and error.startswith(UNREACHABLE_WORDS):
        return _when_it_answers(UNREACHABLE_WORDS, entries)
    if state is WorkerState.OFFLINE:
        if not entries:
            return f"{OFFLINE_WORDS} — nothing waits to sync"
        return f"{OFFLINE_WORDS} — {plural(entries, 'entry')} will sync when you're back"
    if state is WorkerState.SIGNED_OUT:
        if not entries:
            return f"{SIGNED_OUT_WORDS} — sign in to sync"
        return f"{SIGNED_OUT_WORDS} — sign in to sync {plural(entries, 'entry')}"
    frozen, held = frozen or {}, held or {}
    holding = [ws for ws in frozen if held.get(ws)]
    # Both told when both wait: entries held for a lost workspace are time not on the
    # server, whatever else asks for a decision.
    told = [_waiting_words(waiting) if waiting else "", _held_words(frozen, holding, held)]
    if any(told):
        return "; ".join(filter(None, told))
    if state is WorkerState.SYNCING:
        return f"Syncing {plural(entries, 'entry')}…" if entries else "Syncing…"
    if error and error.startswith(SLOW_WORDS):
        return _when_it_answers(SLOW_WORDS, entries)
    if entries:
        unsent = f"{plural(entries, 'entry')} waiting to sync"
        # Why they still wait, when the last round had trouble: a sign-in refused is
        # said as "Signed out" while it lasts, and is no reason once signed in again.
        if error and not error.startswith(SIGNED_OUT_WORDS):
            return f"{unsent}: {problem_words(error)}"
        return unsent
    if error and not error.startswith(SIGNED_OUT_WORDS):
        # Nothing to send, but the last round stopped before it asked Vmoox or fetched
        # its changes (a round that ran to its end leaves no problem): no all-clear.
        return not_synced(error)
    if frozen:  # nothing held for it yet: what is tracked there will wait
        details = next(iter(frozen.values()))
        return f"Sync to {details.get('name')} is paused: {details.get('reason')}"
    named = (f"{plural(conflicts, 'entry')} changed on the server" if conflicts else "",)
    changed = "; ".join(filter(None, (*named, taken_words(*taken))))
    if stopped or deleted or early:
        # Not the all-clear, which the window shortens to "All synced · 14:02": something
        # to read, until it is (OK in Needs attention, `timo keep-theirs`, or Restore).
        was = "was stopped for a newer one" if stopped == 1 else "were stopped for newer ones"
        gone = "was" if deleted == 1 else "were"
        cut = "was" if early == 1 else "were"
        news = (
            f"{plural(stopped, 'timer')} {was} on another device" if stopped else "",
            f"{plural(deleted, 'timer')} running here {gone} deleted in Vmoox" if deleted else "",
            f"{plural(early, 'timer')} running here {cut} stopped earlier in Vmoox"
            if early
            else "",
            changed,
        )
        return "; ".join(filter(None, news))
    if changed:
        return f"{ALL_SYNCED} — {changed}"
    return ALL_SYNCED


def _when_it_answers(words: str, entries: int) -> str:
    """`Vmoox can't be reached — 1 entry will sync when it answers`: what waits while Vmoox
    does not answer (`words` say how), on a network that works."""
    if not entries:
        return f"{words} — nothing waits to sync"
    return f"{words} — {plural(entries, 'entry')} will sync when it answers"


def _held_words(
    frozen: Mapping[str, dict[str, str]], holding: Sequence[str], held: Mapping[str, int]
) -> str:
    """`2 entries held for Northwind Agency: your access to Northwind Agency was removed`:
    time that is not on the server, and why (`holding`: the workspaces with entries held;
    nothing to say when there are none)."""
    if not holding:
        return ""
    count = plural(sum(held[ws] for ws in holding), "entry")
    if len(holding) > 1:
        return f"{count} held for {len(holding)} workspaces you lost access to"
    details = frozen[holding[0]]
    return f"{count} held for {details.get('name')}: {details.get('reason')}"


def _waiting_words(waiting: Sequence[tuple[str, str | None, str | None]]) -> str:
    """`2 entries need a new project: Website was archived; 1 more needs attention`: the
    entries whose target went away counted apart from the others (a clock wait, a refused
    field), each count with its own verb; a reason said only when every entry it counts
    has that one (`3 entries need attention` for three different ones, which Needs
    attention lists)."""
    targets = [why for _ref, code, why in waiting if code == "target-unavailable" and why]
    if targets:
        count, reason = len(targets), targets[0]
        same = all(why == reason for why in targets)
        said = f"{plural(count, 'entry')} {agreed(reason, count) if same else 'need a new target'}"
        rest = len(waiting) - count
        return f"{said}; {rest} more {agreed('needs', rest)} attention" if rest else said
    reasons = {why for _ref, _code, why in waiting}
    needs = f"{plural(len(waiting), 'entry')} {agreed('needs', len(waiting))} attention"
    shared = reasons.pop() if len(reasons) == 1 else None
    return f"{needs}: {shared}" if shared else needs


def not_synced(error: str) -> str:
    """`Not synced: Service unavailable.` for a round that stopped before its end; a round
    stopped offline, or by a server not trusted, says so in its own words already."""
    if error.startswith((OFFLINE_WORDS, UNREACHABLE_WORDS, NOT_SYNCED_WORDS)):
        return error
    return f"{NOT_SYNCED_WORDS}: {problem_words(error)}"


def problem_words(error: str) -> str:
    """A round's problem in plain words: the server's own explanation ("Service
    unavailable."), without the code and request id kept with it for support, which
    `last_problem` shows too."""
    return _FOR_SUPPORT.sub("", error)


def last_problem(error: str | None) -> str | None:
    """`Last problem: …`, whole, as `timo sync status` prints it and the window's sync
    status tells on hover; None when the last round went well."""
    return f"Last problem: {error}" if error else None


# The end of a server's answer as kept (`ApiError`): ` (service-unavailable, request …)`.
_FOR_SUPPORT = re.compile(r" \((?:[a-z][a-z0-9-]*|HTTP \d{3})(?:, request [^()]+)?\)$")
