"""The timer state machine: start, stop, switch, pause and continue.

Every function is pure: it takes the running entry (if any) and the clock and
returns the entries to save. Switching stops the running entry and starts the
next at the same instant, so there is never a gap or an overlap. Pausing is a
`stop`; resuming is `continue_entry` of the paused entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from timo_desktop.core.entry import NO_TARGET, Entry, Source, Target, new_entry
from timo_desktop.core.errors import InvalidEntry, NothingRunning
from timo_desktop.core.local_time import describe_instant
from timo_desktop.core.validation import (
    DEFAULT_RULES,
    EntryRules,
    check_description,
    check_times,
    find_overlaps,
    overlap_message,
)


@dataclass(frozen=True, slots=True)
class Draft:
    """What a new timer is about."""

    description: str = ""
    target: Target = NO_TARGET
    tags: tuple[str, ...] = ()
    billable: bool = False

    @classmethod
    def like(cls, entry: Entry) -> Draft:
        """The draft that continues `entry`."""
        return cls(entry.description, entry.target, entry.tags, entry.billable)


@dataclass(frozen=True, slots=True)
class Transition:
    """The result of a timer action: the entry it stopped and the one it started."""

    stopped: Entry | None = None
    started: Entry | None = None


def stop(
    running: Entry | None,
    *,
    at: datetime,
    now: datetime,
    rules: EntryRules = DEFAULT_RULES,
) -> Entry:
    """The running entry ended at `at` (not before its start, not in the future)."""
    if running is None or not running.is_running:
        raise NothingRunning("no timer is running")
    _check_clock_not_behind(running, now, rules)
    check_times(running.start, at, now=now, zone=running.zone, rules=rules, allow_empty=True)
    return running.changed(now, end=at)


class ClockBehind(InvalidEntry):
    """The running timer started later than the clock now says (it was set back): it cannot
    be stopped until its start is corrected. `entry` is that timer."""

    def __init__(self, message: str, entry: Entry) -> None:
        super().__init__(message)
        self.entry = entry


def _check_clock_not_behind(running: Entry, now: datetime, rules: EntryRules) -> None:
    """Said as it is, not as a start "in the future" that nobody typed."""
    if running.start > now + rules.future_tolerance:
        started = describe_instant(running.start, running.zone, relative_to=now)
        clock = describe_instant(now, running.zone, relative_to=now)
        raise ClockBehind(
            f"the timer started at {started}, later than this computer's clock now "
            f"({clock}): was the clock set back? Correct the timer's start to stop it",
            running,
        )


class StartOverlaps(InvalidEntry):
    """A timer started inside time other entries hold (timer-made entries never overlap,
    whatever the workspace allows). `earliest` is the first start that fits: the end of
    the last of them, as a timer runs on over whatever starts after its start."""

    def __init__(self, message: str, earliest: datetime) -> None:
        super().__init__(message)
        self.earliest = earliest


def start(
    running: Entry | None,
    draft: Draft,
    *,
    at: datetime,
    now: datetime,
    zone: str,
    finished_nearby: Iterable[Entry] = (),
    source: str = Source.CLI,
    rules: EntryRules = DEFAULT_RULES,
    stopping: EntryRules | None = None,
) -> Transition:
    """Start `draft` at `at`, stopping `running` at that same instant.

    `finished_nearby` are stopped entries that may reach past `at`; a timer
    started inside one of them is refused (`StartOverlaps`: timer-made entries never
    overlap). `rules` are the new timer's; `stopping`, the running one's (its workspace
    may be another), else the same.
    """
    stopping = rules if stopping is None else stopping
    check_description(draft.description, rules)
    if running is not None:  # the switch would stop it: say what stands in the way first
        _check_clock_not_behind(running, now, stopping)
    check_times(at, None, now=now, zone=zone, rules=rules)
    stopped = None
    if running is not None:
        if at < running.start:
            raise InvalidEntry(
                f"start {describe_instant(at, zone, relative_to=now)} is before the running "
                f"timer's start {describe_instant(running.start, zone, relative_to=now)}"
            )
        stopped = stop(running, at=at, now=now, rules=stopping)
    others = [e for e in finished_nearby if running is None or e.client_ref != running.client_ref]
    overlapped = find_overlaps(at, None, others, now=now)
    if overlapped:
        earliest = max(e.end_or(now) for e in overlapped)
        raise StartOverlaps(overlap_message(overlapped, at, None, zone), earliest)
    started = new_entry(
        start=at,
        end=None,
        zone=zone,
        now=now,
        description=draft.description,
        target=draft.target,
        tags=draft.tags,
        billable=draft.billable,
        source=source,
    )
    return Transition(stopped=stopped, started=started)


def continue_entry(
    past: Entry,
    running: Entry | None,
    *,
    at: datetime,
    now: datetime,
    zone: str,
    finished_nearby: Iterable[Entry] = (),
    source: str = Source.CLI,
    rules: EntryRules = DEFAULT_RULES,
) -> Transition:
    """Start a new timer like `past` (same description, target, tags, billable)."""
    return start(
        running,
        Draft.like(past),
        at=at,
        now=now,
        zone=zone,
        finished_nearby=finished_nearby,
        source=source,
        rules=rules,
    )
