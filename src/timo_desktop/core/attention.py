"""Which entries need a look before the day (or the week) is closed.

The Reports view, `timo attention` and the end-of-day popup show the same
list, from this one rule set:

- no target: neither a project nor a record;
- unusually long: longer than the threshold in Settings (a running timer
  counts up to now);
- overlapping: shares time with another entry (both are listed, each naming
  the other);
- refused: the server refused it, or its sync operation is parked — it waits
  for the user;
- held: it waits for a workspace time can no longer be tracked in (access removed):
  no sync sends it, so it is kept by exporting it, or, never sent there, moved to a
  project of a workspace one can still track time in;
- not synced: changed here and not yet confirmed by the server (only asked
  for when an account is signed in; offline use is not a problem).

Each comes with its fix, in the same words in the window (what to click) and on the
command line (the command).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.core.errors import sentence
from timo_desktop.core.validation import overlap_message


class Concern(StrEnum):
    """Why an entry needs attention, as named in JSON."""

    NO_TARGET = "no_target"
    LONG = "long"
    OVERLAP = "overlap"
    REFUSED = "refused"
    HELD = "held"
    NOT_SYNCED = "not_synced"


@dataclass(frozen=True, slots=True)
class Flag:
    """One concern about an entry, with a sentence for people."""

    concern: Concern
    message: str
    other: str | None = None  # the client_ref of the (earliest) entry overlapped


@dataclass(frozen=True, slots=True)
class Fix:
    """What settles a concern: what to click in the window's list, and the command that does
    the same (`{ref}` stands for the entry's reference)."""

    clicks: str
    command: str


FIXES: dict[Concern, Fix] = {
    Concern.NO_TARGET: Fix(
        "pick a project: double-click its project cell",
        "pick a project: `timo edit {ref} --project NAME`",
    ),
    Concern.LONG: Fix(
        "check its end; if it ended earlier, double-click its times and type the end",
        "check its end; if it ended earlier: `timo edit {ref} --end HH:MM`",
    ),
    Concern.OVERLAP: Fix(
        "move one clear of the other: double-click its times and type new ones",
        "move one clear of the other: `timo edit {ref} --start HH:MM --end HH:MM`",
    ),
    Concern.REFUSED: Fix(
        "correct it in the list, or settle it with the buttons above the list",
        "correct it with `timo edit {ref}`, or send it again as it is: `timo retry {ref}`",
    ),
    Concern.HELD: Fix(
        "keep it: Export entries… in Needs attention; if it was never sent there, pick a"
        " project of a workspace you can still track time in",
        "keep it: `timo export`; if it was never sent there, give it a project of a"
        " workspace you can still track time in: `timo edit {ref} --project NAME`",
    ),
    Concern.NOT_SYNCED: Fix("send it: click Sync now", "send it: `timo sync`"),
}
# A timer running unusually long has no end to check yet: it is stopped, or started later.
RUNNING_LONG = Fix(
    "if you stopped working, click Stop; if it began later, double-click its times and type"
    " the start",
    "if you stopped working: `timo stop --at HH:MM`; if it began later:"
    " `timo edit {ref} --start HH:MM`",
)


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """An entry and everything wrong with it."""

    entry: Entry
    flags: tuple[Flag, ...]

    @property
    def message(self) -> str:
        """All the flags' sentences, joined."""
        return "; ".join(flag.message for flag in self.flags)

    def advice(self, ref: str | None = None) -> list[str]:
        """Each flag's sentence with its fix, one a line (`No project or record — pick a
        project: …`): what to click in the window, or, given `ref` (the entry's reference
        as the command line shows it), the command."""
        return [f"{flag.message} — {self.fix(flag, ref)}" for flag in self.flags]

    def fix(self, flag: Flag, ref: str | None = None) -> str:
        """What settles `flag` (one of this item's): what to click in the window, or,
        given `ref` (the entry's reference as the command line shows it), the command."""
        running = flag.concern == Concern.LONG and self.entry.is_running
        fix = RUNNING_LONG if running else FIXES[flag.concern]
        return fix.clicks if ref is None else fix.command.format(ref=ref)


@dataclass(frozen=True, slots=True)
class AttentionRules:
    """Thresholds from Settings."""

    long_entry: timedelta = timedelta(hours=10)
    include_unsynced: bool = False


def attention(
    entries: Iterable[Entry],
    *,
    now: datetime,
    zone: str,
    rules: AttentionRules = AttentionRules(),
    parked: Collection[str] = (),
    refusals: Mapping[str, str] | None = None,
    held: Mapping[str, str] | None = None,
) -> list[AttentionItem]:
    """The entries needing attention, by start, each with its flags.

    `parked` holds the `client_ref`s whose sync operation is parked;
    `refusals` the server's words for refused entries, where known; `held` the words
    for entries held for a workspace time can no longer be tracked in.
    """
    reasons, waiting = refusals or {}, held or {}
    live = sorted((e for e in entries if not e.is_deleted), key=lambda e: e.start)
    overlapped = _overlaps(live, now)
    found: list[AttentionItem] = []
    for index, entry in enumerate(live):
        flags: list[Flag] = []
        if entry.target.is_empty:
            flags.append(Flag(Concern.NO_TARGET, "No project or record"))
        length = entry.duration(now)
        if length > rules.long_entry:
            word = "Running for" if entry.is_running else "Unusually long:"
            flags.append(Flag(Concern.LONG, f"{word} {format_duration(length)}"))
        others = [live[other] for other in overlapped[index]]
        if others:
            message = overlap_message(others, entry.start, entry.end, zone)
            flags.append(Flag(Concern.OVERLAP, sentence(message), others[0].client_ref))
        if entry.sync_state == SyncState.ATTENTION or entry.client_ref in parked:
            words = reasons.get(entry.client_ref) or "the server refused it"
            flags.append(Flag(Concern.REFUSED, f"Not synced: {words}"))
        elif entry.client_ref in waiting:  # no sync sends it: "Sync now" is no fix
            flags.append(Flag(Concern.HELD, waiting[entry.client_ref]))
        elif entry.sync_state == SyncState.PENDING and rules.include_unsynced:
            flags.append(Flag(Concern.NOT_SYNCED, "Not synced yet"))
        if flags:
            found.append(AttentionItem(entry, tuple(flags)))
    return found


def _overlaps(live: Sequence[Entry], now: datetime) -> list[list[int]]:
    """For each of `live` (by start), the indexes of the others it shares time with, by
    start: both sides of an overlap, for either may be the one to fix (a running timer
    runs to `now`)."""
    ends = [entry.end_or(max(now, entry.start)) for entry in live]
    found: list[list[int]] = [[] for _ in live]
    for first, entry in enumerate(live):
        for later in range(first + 1, len(live)):
            if live[later].start >= ends[first]:
                break  # nor does any that starts later still
            if entry.start < ends[later]:
                found[first].append(later)
                found[later].append(first)
    return found  # each list by start: earlier partners were added first
