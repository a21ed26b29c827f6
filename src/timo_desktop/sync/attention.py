"""What sync needs the user to decide, each item with the server's reason and its fix.

`needs_attention` reads the local database only (no network), so the window
and `timo attention` can list it at once; the fixes are `sync.engine.Decisions`
methods, which the window runs on the worker thread's `SyncEngine` and `timo
restore`, `keep-mine`, `keep-theirs` and `retry` run signed out too. Kinds and
the fix each one offers:

- `conflict`: the server's value replaced the user's → restore mine / keep the server's;
- `stopped`: a timer stopped where the person's newer timer on another device began, as
  one running timer per person has it (by Vmoox, or here before it was ever sent:
  `sync.running`) → OK / restore my end. Both restores say first what the values put
  back would overlap (`Attention.overlap`), as Add time does;
- `stopped-running`: the same stop of a timer that was running here (it had no end to
  put back, so nothing is a conflict) → OK;
- `deleted-running`: a timer running here that Vmoox holds deleted (deleted on the web
  while it ran) → restore as a new entry / OK;
- `stopped-early`: a timer running here that Vmoox stopped at an earlier time, for no
  newer timer (an admin, or the person on the web): the time it ran on here past that end
  is gone from here too → add that time as an entry / keep Vmoox's stop;
- `deleted`: Vmoox holds it deleted while it is live here (deleted there while edited
  here, or sent again after a deletion) → restore as a new entry / discard;
- `deleted-there`, `shortened-there`: an entry that had its time here, which Vmoox
  deleted or shortened (an admin, or the person on the web) → OK (Vmoox keeps it so);
- `changed-since-deleted`: deleted here, and changed on another computer since the version
  deleted → delete anyway / keep their version;
- `target`: its project or record became unavailable → pick a new target;
- `locked`: read-only on the server (invoiced, locked period) → shown with the reason
  and the values Vmoox kept, OK;
- `kept-running`: a timer stopped here that Vmoox keeps running, read-only (a locked
  period, an invoice): it stays stopped here at the person's end, and its stop goes by
  itself once an admin unlocks it → retry now;
- `locked-new`: never on the server, which takes nothing in a locked period → delete
  here, change the date, retry now (it goes by itself once the lock no longer covers it);
- `frozen`: access to a workspace was removed, entries of it held here → they can be
  exported (with none held, nothing is asked: the sync status says the pause);
- `refused`: any other refusal or wait → retry now.

Where Vmoox keeps the entry read-only (a locked period, invoiced: `Tracker.read_only`,
which `Tracker.sync_attention` sets as `Attention.read_only`), a choice that would change
it there (restore mine, restore, delete anyway: `CHANGES_VMOOX`) is not offered, as
Vmoox would refuse it; the one that lets the question go stays (keep the server's, OK,
discard, keep their version).

An entry refused for its values (`refused`, `target`) that also has values the server
replaced is listed twice, once for each question, as the sync status counts them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from timo_desktop.core.bidi import isolated
from timo_desktop.core.entry import Entry, Source, Target, TargetNames, described
from timo_desktop.core.errors import sentence
from timo_desktop.core.local_time import (
    FOREVER,
    MIDNIGHT,
    clock_range,
    clock_time,
    describe_instant,
    from_text,
    local,
    local_day,
    utc_now,
)
from timo_desktop.core.validation import ReadOnly, find_overlaps, overlap_message
from timo_desktop.platform.zone import zone_in_use
from timo_desktop.store import sync_state
from timo_desktop.store.database import RAN_UNTIL_KEY, Reader
from timo_desktop.store.outbox import Op, OpState
from timo_desktop.store.sync_state import Conflict
from timo_desktop.sync.fields import FIELD_NAMES, local_fields
from timo_desktop.sync.status import (
    ALSO_CHANGED,
    BEHIND_KEPT_RUNNING,
    CHANGED_SINCE_DELETED,
    DELETED_ON_SERVER,
    FROZEN,
    KEPT_RUNNING,
    LESS_TIME,
    TARGET_REFUSED,
    held_for,
)
from timo_desktop.sync.words import FIELD_WORDS

_KINDS = {
    DELETED_ON_SERVER: "deleted",
    CHANGED_SINCE_DELETED: "changed-since-deleted",
    "target-unavailable": "target",
    TARGET_REFUSED: "target",
    "entry-locked": "locked",
    KEPT_RUNNING: "kept-running",
}
# Refusals of an entry's own values (a field, its target): Vmoox still holds it, so its
# values the server replaced meanwhile are a question of their own, listed beside it (and
# counted as changed on the server).
_OWN_QUESTION = ("refused", "target")
# Kinds with a choice that changes the entry on Vmoox (restore mine, restore, delete
# anyway), which one it keeps read-only cannot take: only the other choice is offered.
CHANGES_VMOOX = (
    "conflict",
    "stopped",
    "deleted",
    "deleted-running",
    "stopped-early",
    "changed-since-deleted",
)
# The fields whose values are instants (RFC 3339 UTC text), shown as times of day.
_INSTANTS = ("start", "end")


@dataclass(frozen=True)
class Overlap:
    """What an entry would overlap with the user's values put back (keep mine, Restore my
    value): `with your end back, “Design” 09:00–10:30 overlaps 'Call' 10:00–now`."""

    others: tuple[Entry, ...]
    what: str  # `with your end back, “Design” 09:00–10:30`
    words: str  # `overlaps 'Call' 10:00–now`, as `core.validation.overlap_message` says it

    def __str__(self) -> str:
        return f"{self.what} {self.words}"


@dataclass(frozen=True)
class Attention:
    """One thing to decide: `kind` picks the fix; `message` is the reason in plain words."""

    kind: str
    message: str
    entry: Entry | None = None  # None for a frozen workspace
    conflicts: tuple[Conflict, ...] = ()
    workspace_id: str | None = None  # for a frozen workspace
    count: int = 0  # entries held for a frozen workspace
    held: tuple[str, ...] = ()  # their `client_ref`s
    overlap: Overlap | None = None  # of a conflict's or a stop's values put back
    read_only: ReadOnly | None = None  # why a choice changing it on Vmoox cannot go
    ran_on: str = ""  # `stopped-early`: the time it ran here past Vmoox's end (`16:00–17:05`)

    @property
    def read_only_words(self) -> str:
        """`Read-only because its period is locked; ask an admin to unlock it.` (empty
        when it is not read-only), said under the reason."""
        return f"Read-only because {self.read_only}." if self.read_only is not None else ""

    @property
    def client_ref(self) -> str | None:
        """The entry's `client_ref` (None for a frozen workspace)."""
        return self.entry.client_ref if self.entry is not None else None


def needs_attention(
    reader: Reader,
    zone: str | None = None,
    start_of_day: time = MIDNIGHT,
    now: datetime | None = None,
) -> list[Attention]:
    """Frozen workspaces first, then refused entries, then conflicts and timers stopped
    for a newer one, oldest first, then running timers sync stopped for a newer one, then
    running timers Vmoox deleted, then those it stopped earlier; times in them as read in
    `zone` (default: this computer's), dated when not on the entry's working day (days
    beginning at `start_of_day`), which is shown with the entry. Running timers count up
    to `now` where a restore would overlap them."""
    zone = zone_in_use(zone)
    now = now or utc_now()
    # A paused workspace with nothing held asks nothing: the sync status says the pause.
    items = [
        Attention(
            "frozen",
            f"Sync to {name} is paused: {reason}. Export its entries to keep them.",
            workspace_id=workspace,
            count=len(refs),
            held=tuple(refs),
        )
        for workspace, name, reason, refs in held(reader)
        if refs
    ]
    for found in _sorted_out(reader):
        items.append(
            _worded(reader, found, zone, local_day(found.entry.start, zone, start_of_day), now)
        )
    return items


def kinds_asked(reader: Reader) -> Counter[str]:
    """How many entries Needs attention asks about, of each kind, as `needs_attention`
    sorts them (frozen workspaces left out): what the sync status counts, each in the one
    place it is listed."""
    return Counter(found.kind for found in _sorted_out(reader))


@dataclass(frozen=True)
class _Found:
    """An entry Needs attention asks about, before it is worded: its `kind`, and what its
    words are made of."""

    kind: str
    entry: Entry
    conflicts: tuple[Conflict, ...] = ()
    reason: str = ""  # why Vmoox refused it (or holds it), for an entry waiting
    newer: Entry | None = None  # the timer it stopped for (`stopped`, `stopped-running`)
    # When sync stopped it (`stopped-running`, `deleted-running`), or when it stopped running
    # here (`stopped-early`).
    at: datetime | None = None
    had: Entry | None = None  # the entry as it was here (`deleted-there`, `shortened-there`)


def _sorted_out(reader: Reader) -> list[_Found]:
    """Refused entries, then conflicts and timers stopped for a newer one, oldest first,
    then running timers sync stopped for a newer one, then running timers Vmoox deleted,
    then those it stopped earlier."""
    connection = reader.connection
    waiting = sync_state.attention(connection)
    conflicts = sync_state.conflicts(connection)
    refs = [ref for ref, _code, _message in waiting] + [c.client_ref for c in conflicts]
    entries = sync_state.entries(connection, refs)
    by_entry: dict[str, list[Conflict]] = {}
    for conflict in conflicts:
        by_entry.setdefault(conflict.client_ref, []).append(conflict)
    found: list[_Found] = []
    seen: set[str] = set()
    for ref, code, message in waiting:
        entry = entries.get(ref)
        if entry is None:
            continue
        kind = _KINDS.get(code or "", "refused")
        kept = tuple(by_entry.get(ref, ()))
        if kind in _OWN_QUESTION:
            kept = ()  # its values the server replaced are asked about as their own item
        else:
            seen.add(ref)
        if kind == "locked" and not kept and _never_sent(reader, ref):
            kind = "locked-new"
        found.append(_Found(kind, entry, kept, sentence(message or "Vmoox refused this entry")))
    for ref, replaced in by_entry.items():
        entry = entries.get(ref)
        # Deleting an entry settles its questions (`fields.settle_edited`); one deleted
        # before that rule held leaves nothing to put back on.
        if entry is not None and not entry.is_deleted and ref not in seen:
            newer = stopped_by(reader, entry, replaced)
            kind = "conflict" if newer is None else "stopped"
            found.append(_Found(kind, entry, tuple(replaced), newer=newer))
    for entry, at, newer in stopped_for_newer(reader, told=refs):
        found.append(_Found("stopped-running", entry, newer=newer, at=at))
    for entry, at in deleted_while_running(reader):
        found.append(_Found("deleted-running", entry, at=at))
    for entry, until in stopped_early(reader, told=refs):
        found.append(_Found("stopped-early", entry, at=until))
    for kind, entry, had in less_time(reader):
        found.append(_Found(kind, entry, had=had))
    return found


def _worded(reader: Reader, found: _Found, zone: str, day: date, now: datetime) -> Attention:
    """`found` as Needs attention tells it: times as read in `zone`, dated when not on
    `day`, the entry's working day; running timers counted up to `now` where a restore
    would overlap them."""
    kind, entry, conflicts = found.kind, found.entry, found.conflicts
    what = f"“{isolated(described(entry.description))}”"  # as the told kinds name it
    if kind == "stopped-running":
        assert found.newer is not None and found.at is not None
        said = describe_instant(found.at, zone, relative_to=day)
        return Attention(kind, f"{stopped_for(entry, found.newer, said)}.", entry)
    if kind == "deleted-running":
        assert found.at is not None
        # Shown with the time it ran here, which Restore brings back.
        ran = replace(entry, end=max(entry.start, found.at))
        return Attention(kind, f"{what} was deleted in Vmoox while it ran here.", ran)
    if kind == "stopped-early":
        assert found.at is not None and entry.end is not None
        end, until = (describe_instant(t, zone, relative_to=day) for t in (entry.end, found.at))
        words = f"{what} was stopped on Vmoox at {end} while it ran here until {until}."
        ran_on = clock_range(entry.end, found.at, zone, dated_end=True)
        return Attention(kind, words, entry, ran_on=ran_on)
    if kind in ("deleted-there", "shortened-there"):
        assert found.had is not None
        if kind == "deleted-there":
            return Attention(kind, f"{what} was deleted on Vmoox.", found.had)
        was, kept = (clock_range(e.start, e.end, zone, dated_end=True) for e in (found.had, entry))
        return Attention(kind, f"{what} was shortened on Vmoox to {kept} (it was {was}).", entry)
    if kind in ("conflict", "stopped"):
        words = (
            conflict_words(
                conflicts,
                zone,
                day,
                reader,
                also_changed_words(reader, entry, conflicts, zone, day),
            )
            if found.newer is None
            else stopped_words(entry, found.newer, conflicts[0], zone, day)
        )
        overlap = restore_overlap(reader, entry, conflicts, zone, now)
        return Attention(kind, words, entry, conflicts, overlap=overlap)
    words = found.reason
    if kind == "locked" and conflicts:
        # What was not sent, so nothing typed is lost from sight: Keep theirs lets it go.
        words += f" Vmoox keeps {_fields_words(conflicts, zone, day, reader)}."
        if not reader.locked_on_server(entry.client_ref):  # a period's lock, not for good
            asked = any(c.ask_once_unlocked for c in conflicts)
            also = " (where the web changed a field too, you are asked then)" if asked else ""
            words += f" Once an admin unlocks that period, yours go by themselves{also}."
    elif kind == "kept-running" and entry.end is not None:
        words += f" You stopped it here at {describe_instant(entry.end, zone, relative_to=day)}."
    return Attention(kind, words, entry, conflicts)


def stopped_for_newer(
    reader: Reader, told: Collection[str] = ()
) -> list[tuple[Entry, datetime, Entry]]:
    """The timers running here that sync stopped for a newer one on another device, not
    yet read about, each with its end and that newer entry: what Needs attention tells as
    `stopped-running`, and the sync status counts. Entries in `told` (refused, or with
    values the server replaced) are told as those instead."""
    found: list[tuple[Entry, datetime, Entry]] = []
    for entry, at, _until in _stopped_running(reader):
        if entry.is_deleted or entry.client_ref in told:
            continue
        newer = _started_at(reader, entry, at)
        if newer is not None:  # else stopped, not for a newer timer: `stopped_early`
            found.append((entry, at, newer))
    return found


def stopped_early(reader: Reader, told: Collection[str] = ()) -> list[tuple[Entry, datetime]]:
    """The timers running here that Vmoox stopped at an earlier time than it stopped them
    (`sync.running.BACKDATED`: an admin, or the person on the web), for no newer timer,
    not yet read about, each with when it stopped running here: what Needs attention tells
    as `stopped-early`, and the sync status counts. The time from Vmoox's end until then
    ran here and is gone from here too, unless the person adds it back
    (`Decisions.add_time_ran_here`). Entries in `told` are told as those instead."""
    found: list[tuple[Entry, datetime]] = []
    for entry, at, until in _stopped_running(reader):
        if entry.is_deleted or entry.end is None or until is None or entry.client_ref in told:
            continue
        # Its end as it stands: one Vmoox moved on since offers only what is still gone.
        if until > entry.end and _started_at(reader, entry, at) is None:
            found.append((entry, until))
    return found


def less_time(reader: Reader) -> list[tuple[str, Entry, Entry]]:
    """The entries that had their time here and that the pull found deleted or shortened
    on Vmoox (`sync.pull.note_less_time`), not yet read about, by start: each as
    `deleted-there` or `shortened-there`, with the entry now and as it was here. One
    brought back or lengthened since, or deleted here, is no longer told."""
    noted = reader.noted(LESS_TIME)
    if not noted:
        return []  # the usual case reads no entries
    entries = sync_state.entries(reader.connection, list(noted))
    found: list[tuple[str, Entry, Entry]] = []
    for ref, note in noted.items():
        entry = entries.get(ref)
        if entry is None:
            continue
        had = replace(entry, start=from_text(note["start"]), end=from_text(note["end"]))
        if note["deleted"] and entry.is_deleted:
            found.append(("deleted-there", entry, had))
        elif (
            not note["deleted"]
            and entry.end is not None
            and not entry.is_deleted
            and entry.end - entry.start < had.duration(entry.end)
        ):
            found.append(("shortened-there", entry, had))
    return sorted(found, key=lambda item: item[1].start)


def behind_kept(reader: Reader) -> list[tuple[Entry, Entry]]:
    """The timers started here that Vmoox takes no second running one for, each with the
    timer it keeps running that was stopped here (`kept-running`, the one Vmoox runs):
    they wait for its stop, which waits for an admin on Vmoox, not for anything here."""
    connection = reader.connection
    kept = [ref for ref, code, _why in sync_state.attention(connection) if code == KEPT_RUNNING]
    waiting = sync_state.parked_after(connection, BEHIND_KEPT_RUNNING)
    if not kept or not waiting:
        return []
    entries = sync_state.entries(connection, [*kept, *waiting])
    runs = entries.get(kept[-1])
    if runs is None:
        return []
    found = [entries[ref] for ref in waiting if ref in entries]
    return [(entry, runs) for entry in sorted(found, key=lambda e: e.start)]


def deleted_while_running(reader: Reader) -> list[tuple[Entry, datetime]]:
    """The timers running here that Vmoox deleted (on the web, say), not yet read about,
    each with when (as Vmoox deleted it): what Needs attention tells as `deleted-running`,
    and the sync status counts. Their time is gone from here too unless the person
    restores them."""
    return [(entry, at) for entry, at, _until in _stopped_running(reader) if entry.is_deleted]


def _stopped_running(reader: Reader) -> list[tuple[Entry, datetime, datetime | None]]:
    """The entries of the timers running here that sync stopped (`Reader.stops_noted`), each
    with when it stopped them and, of a stop at an earlier time, when they stopped running
    here (`sync.running.note_if_stopped`)."""
    stops = reader.stops_noted()
    if not stops:
        return []  # the usual case reads no entries
    ran = reader.noted(RAN_UNTIL_KEY)
    entries = sync_state.entries(reader.connection, list(stops))
    return [
        (entries[ref], from_text(at), from_text(ran[ref]) if ref in ran else None)
        for ref, at in stops.items()
        if ref in entries
    ]


def started_elsewhere(reader: Reader, entry: Entry, until: datetime) -> list[Entry]:
    """Live entries made on another device (they came from Vmoox) that started after
    `entry` and before `until`, by start: the newer timers `entry` gives way to, one
    running timer per person."""
    return [
        other
        for other in reader.between(entry.start, until)
        if other.client_ref != entry.client_ref
        and other.source == Source.SERVER
        and other.start > entry.start
    ]


def stopped_by(reader: Reader, entry: Entry, conflicts: Sequence[Conflict]) -> Entry | None:
    """The newer entry from another device that `entry` was stopped for, when its one
    conflict is an end the user had later, now where that entry begins: one running timer
    per person stopped it (Vmoox, or `sync.running.stop_overtaken` here), not an edit."""
    if len(conflicts) != 1 or conflicts[0].field != "end":
        return None
    theirs, yours = conflicts[0].server_value, conflicts[0].local_value
    if not isinstance(theirs, str) or not isinstance(yours, str):
        return None
    kept, had = from_text(theirs), from_text(yours)
    if had <= kept:
        return None  # stopped here first: it overlapped nothing of the newer one
    return _started_at(reader, entry, kept, had)


def _started_at(
    reader: Reader, entry: Entry, at: datetime, until: datetime | None = None
) -> Entry | None:
    """The entry from another device that started at `at`, after `entry` (looked for in
    its run up to `until`, or just at `at`)."""
    until = until or at + timedelta(seconds=1)
    return next((o for o in started_elsewhere(reader, entry, until) if o.start == at), None)


def stopped_words(entry: Entry, newer: Entry, conflict: Conflict, zone: str, beside: date) -> str:
    """`“Design” stopped at 10:00, when you started “Call” on another device (you stopped
    it here at 10:20).`: the end kept and the one the user had, apart to the second when
    their minutes are the same."""
    apart = _shown_apart(conflict, zone, beside)
    kept = value_words("end", conflict.server_value, zone, beside, seconds=apart)
    yours = value_words("end", conflict.local_value, zone, beside, seconds=apart)
    return f"{stopped_for(entry, newer, kept)} (you stopped it here at {yours})."


def stopped_for(entry: Entry, newer: Entry, at: str) -> str:
    """`“Design” stopped at 10:00, when you started “Call” on another device`: `entry`
    stopped at `at` (a time as shown) for the `newer` timer, one running timer per person."""
    return (
        f"“{isolated(described(entry.description))}” stopped at {at}, when you started"
        f" “{isolated(described(newer.description))}” on another device"
    )


def restore_overlap(
    reader: Reader, entry: Entry, conflicts: Sequence[Conflict], zone: str, now: datetime
) -> Overlap | None:
    """What `entry` would overlap with the user's values of `conflicts` put back (None
    when they move no time or overlap nothing), as Add time reads overlaps
    (`core.validation.find_overlaps`)."""
    times = {c.field: c.local_value for c in conflicts if c.field in _INSTANTS}
    if not times:
        return None
    start = from_text(times["start"]) if isinstance(times.get("start"), str) else entry.start
    end = entry.end
    if "end" in times:
        end = from_text(times["end"]) if isinstance(times["end"], str) else None
    nearby = reader.between(start, end or FOREVER)
    others = find_overlaps(start, end, nearby, now=now, exclude=entry.client_ref)
    if not others:
        return None
    fields = " and ".join(FIELD_WORDS[name] for name in times)
    span = clock_range(start, end, zone, open_end="now")
    what = f"with your {fields} back, “{isolated(described(entry.description))}” {span}"
    return Overlap(tuple(others), what, overlap_message(others, start, end, zone))


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
            held_for(reader, workspace),
        )
        for workspace, details in sorted(frozen.items())
    ]


def held_entries(reader: Reader) -> dict[str, str]:
    """Each entry held for a workspace whose access was removed (`client_ref`), with why
    in a few words: `Held for Northwind Agency: your access to Northwind Agency was
    removed` (no sync sends it, whatever its date)."""
    return {
        ref: f"Held for {name}: {reason}"
        for _workspace, name, reason, refs in held(reader)
        for ref in refs
    }


def conflict_words(
    conflicts: Sequence[Conflict],
    zone: str,
    beside: date,
    reader: Reader | None = None,
    also: str = "",
) -> str:
    """`Changed on the server while you edited it: description “Call” (yours: “Phone
    call”); end 15:50 (yours: 15:45).` Times as read in `zone`, with their date when not
    on the day `beside` (the entry's, shown with it); projects and records by the names
    `reader` has for them; then what else Vmoox changed, `also` (`also_changed_words`)."""
    words = "; ".join(filter(None, (_fields_words(conflicts, zone, beside, reader), also)))
    return f"Changed on the server while you edited it: {words}."


def also_changed_words(
    reader: Reader, entry: Entry, conflicts: Sequence[Conflict], zone: str, beside: date
) -> str:
    """`Vmoox also made it not billable and moved it to project “Internal”`: the fields
    Vmoox changed unasked when it made these conflicts (`ALSO_CHANGED`), those the entry
    still has as it set them, times as `value_words` says them; empty when there are none."""
    note = reader.noted(ALSO_CHANGED).get(entry.client_ref)
    if not note or all(c.created_at != note["at"] for c in conflicts):
        return ""  # noted of questions settled since
    now, theirs = local_fields(entry), note["fields"]
    said = [
        _changed_words(name, theirs[name], zone, beside, reader)
        for name in FIELD_NAMES
        if name in theirs and now[name] == theirs[name]
    ]
    if not said:
        return ""
    listed = f"{', '.join(said[:-1])} and {said[-1]}" if len(said) > 1 else said[0]
    return f"Vmoox also {listed}"


def _changed_words(name: str, value: Any, zone: str, beside: date, reader: Reader) -> str:
    """`made it not billable`, `moved it to project “Internal”`, `changed its end to 12:45`:
    a field Vmoox set to `value`."""
    if name == "billable":
        return "made it billable" if value else "made it not billable"
    if name == "target":
        return f"moved it to {target_words(value, reader)}" if value else "took its project away"
    return f"changed its {FIELD_WORDS.get(name, name)} to {value_words(name, value, zone, beside)}"


def _fields_words(
    conflicts: Sequence[Conflict], zone: str, beside: date, reader: Reader | None
) -> str:
    """`end 15:50 (yours: 15:45)` for each field: the server's value, then the local one."""
    return "; ".join(
        f"{field_value_words(c, zone, beside, mine=False, reader=reader)}"
        f" (yours: {_side_words(c, zone, beside, mine=True, reader=reader)})"
        for c in conflicts
    )


def field_value_words(
    conflict: Conflict,
    zone: str,
    beside: datetime | date,
    *,
    mine: bool,
    reader: Reader | None = None,
) -> str:
    """`end 15:50`: a conflict's field as people call it, with the user's value (`mine`)
    or the server's, times to the second where both sides read the same minute; a
    project or record named (`project “Website › Homepage”`, `record “Acme GmbH”`)."""
    said = _side_words(conflict, zone, beside, mine=mine, reader=reader)
    if conflict.field == "target":
        return said if said != "none" else "no project"
    return f"{FIELD_WORDS.get(conflict.field, conflict.field)} {said}"


def _side_words(
    conflict: Conflict,
    zone: str,
    beside: datetime | date,
    *,
    mine: bool,
    reader: Reader | None = None,
) -> str:
    value = conflict.local_value if mine else conflict.server_value
    if conflict.field == "target":
        return target_words(value, reader)
    return value_words(
        conflict.field, value, zone, beside, seconds=_shown_apart(conflict, zone, beside)
    )


def target_words(value: Any, reader: Reader | None) -> str:
    """A target's value as conflicts show it: `project “Website › Homepage”`, `record “Acme
    GmbH”` (by the names `reader` has), `another project` where none is known, `none`."""
    if not value:
        return "none"
    record = value.get("type") == "record"
    kind = "record" if record else "project"
    target = (
        Target(record_id=value.get("id"))
        if record
        else Target(project_id=value.get("id"), task_id=value.get("task_id"))
    )
    label = TargetNames(*reader.names(target)).label() if reader else ""
    return f"{kind} “{isolated(label)}”" if label else f"another {kind}"


def _shown_apart(conflict: Conflict, zone: str, beside: datetime | date) -> bool:
    """Whether a conflict's two times differ only in their seconds, so that they read the
    same to the minute (`end 23:43 (yours: 23:43)`) unless their seconds are shown."""
    values = (conflict.server_value, conflict.local_value)
    if conflict.field not in _INSTANTS or not all(isinstance(v, str) for v in values):
        return False
    theirs, yours = (value_words(conflict.field, v, zone, beside) for v in values)
    return from_text(values[0]) != from_text(values[1]) and theirs == yours


def value_words(
    field: str, value: Any, zone: str, beside: datetime | date, *, seconds: bool = False
) -> str:
    """A field's value as conflicts show it: a time of day in `zone` (to the second with
    `seconds`), dated when not on the day `beside` (a date, or a moment's day: `timo
    keep-mine` says its values beside today), “text” in quotes, yes/no, tags joined,
    `none`."""
    if field in _INSTANTS and isinstance(value, str):
        instant = from_text(value)
        said = describe_instant(instant, zone, relative_to=beside)
        if not seconds:
            return said
        clock = clock_time(instant, zone)  # `23:43`, or `11:43 PM`: seconds after the minutes
        minutes = clock.index(":") + 3
        exact = f"{clock[:minutes]}:{local(instant, zone).second:02d}{clock[minutes:]}"
        return said.replace(clock, exact)
    if isinstance(value, list):
        return ", ".join(isolated(str(tag)) for tag in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    return f"“{isolated(str(value))}”"
