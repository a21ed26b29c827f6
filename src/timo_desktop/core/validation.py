"""Rules an entry must follow before it is saved, with messages that name the problem."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import overload

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import Entry, described
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.local_time import (
    MIDNIGHT,
    at_local,
    clock_time,
    describe_instant,
    local,
    minute_floor,
    shown_twice,
    utc_offset_text,
)
from timo_desktop.core.text_width import shortened


@dataclass(frozen=True, slots=True)
class EntryRules:
    """Limits for entries; the workspace settings replace the defaults once synced.

    `max_description`, `max_tags` and `max_tag_length` are the API's own limits, the
    same in every workspace. Entries starting before midnight of `lock_date` in the
    workspace's zone (`lock_zone`) are read-only. `workspace`: its name, where words about
    its rules name it (`where`), else empty.
    """

    max_duration: timedelta = timedelta(hours=24)
    future_tolerance: timedelta = timedelta(minutes=1)
    allow_overlap: bool = False
    max_description: int = 3000
    max_tags: int = 20
    max_tag_length: int = 64
    lock_date: date | None = None
    lock_zone: str = "UTC"
    workspace: str = ""

    @property
    def where(self) -> str:
        """The workspace as words about its rules name it: `Northwind Agency`, else
        `this workspace`."""
        return isolated(self.workspace) if self.workspace else "this workspace"


DEFAULT_RULES = EntryRules()


def rules_from_json(raw: str) -> EntryRules:
    """A workspace's rules as sync keeps them (JSON in Vmoox's words: allow_overlap,
    max_entry_seconds, future_tolerance_seconds, lock_date, the workspace's timezone and
    name)."""
    data = json.loads(raw)
    rules = replace(DEFAULT_RULES, workspace=data.get("name") or "")
    if "allow_overlap" in data:
        rules = replace(rules, allow_overlap=bool(data["allow_overlap"]))
    if data.get("max_entry_seconds"):
        rules = replace(rules, max_duration=timedelta(seconds=int(data["max_entry_seconds"])))
    if data.get("future_tolerance_seconds") is not None:
        rules = replace(
            rules, future_tolerance=timedelta(seconds=int(data["future_tolerance_seconds"]))
        )
    if data.get("lock_date"):
        rules = replace(
            rules,
            lock_date=date.fromisoformat(data["lock_date"]),
            lock_zone=data.get("timezone") or DEFAULT_RULES.lock_zone,
        )
    return rules


class TooLong(InvalidEntry):
    """An entry longer than the rules allow; `latest_end` is the latest end that fits."""

    def __init__(self, message: str, latest_end: datetime) -> None:
        super().__init__(message)
        self.latest_end = latest_end


def check_not_future(
    label: str, instant: datetime, *, now: datetime, zone: str, rules: EntryRules
) -> None:
    """Refuse an instant later than `now` plus the tolerance."""
    if instant > now + rules.future_tolerance:
        at = describe_instant(instant, zone, relative_to=now)
        raise InvalidEntry(
            f"{label} {at} is in the future (now {describe_instant(now, zone, relative_to=now)})"
        )


def check_times(
    start: datetime,
    end: datetime | None,
    *,
    now: datetime,
    zone: str,
    rules: EntryRules = DEFAULT_RULES,
    allow_empty: bool = False,
) -> None:
    """End after start, neither in the future, not longer than allowed.

    `allow_empty` lets a timer stopped within the second it started be kept. A running
    one (`end` None) may not have run longer than allowed already: it could not be
    stopped at any time after its start that is not in the future.
    """
    check_not_future("start", start, now=now, zone=zone, rules=rules)
    if end is None:
        if now - start > rules.max_duration:
            raise InvalidEntry(
                f"a timer started at {describe_instant(start, zone, relative_to=now)} would "
                f"already be {_longer(now - start, rules.max_duration)} long; "
                f"the longest allowed is {format_duration(rules.max_duration)}"
            )
        return
    if end < start or (end == start and not allow_empty):
        word = "before" if end < start else "the same as"
        raise InvalidEntry(
            f"end {describe_instant(end, zone, relative_to=start)} is {word} "
            f"start {describe_instant(start, zone, relative_to=end)}"
        )
    check_not_future("end", end, now=now, zone=zone, rules=rules)
    if end - start > rules.max_duration:
        raise TooLong(
            f"the entry is {_longer(end - start, rules.max_duration)} long; "
            f"the longest allowed is {format_duration(rules.max_duration)}",
            start + rules.max_duration,
        )


def _longer(length: timedelta, longest: timedelta) -> str:
    """`length` as shown, with its seconds where only they make it longer than `longest`
    (`24h 00m 30s`, not a refusal of 24h 00m for being over 24h 00m)."""
    same = format_duration(length) == format_duration(longest)
    return format_duration(length, seconds=same)


def check_description(description: str, rules: EntryRules = DEFAULT_RULES) -> None:
    """Refuse a description longer than the workspace allows, or not one line of text."""
    if len(description) > rules.max_description:
        raise InvalidEntry(
            f"the description has {len(description)} characters; "
            f"at most {rules.max_description} are allowed"
        )
    check_plain_text("the description", description)


def check_plain_text(what: str, text: str) -> None:
    """Refuse control characters (a line break, a tab, a terminal's escape codes): a
    description or tag is one line that every list, report and invoice shows as typed."""
    control = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise InvalidEntry(
            f"{what} holds a control character ({_named(control)}); use one line of plain text"
        )


def _named(character: str) -> str:
    names = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
    return names.get(character, f"U+{ord(character):04X}")


def check_tags(tags: Iterable[str], rules: EntryRules = DEFAULT_RULES) -> None:
    """Refuse more tags, or a longer tag, than Vmoox keeps."""
    tags = tuple(tags)
    if len(tags) > rules.max_tags:
        raise InvalidEntry(f"the entry has {len(tags)} tags; at most {rules.max_tags} are allowed")
    for tag in tags:
        check_plain_text(f"the tag {tag[:20]!r}", tag)
        if len(tag) > rules.max_tag_length:
            raise InvalidEntry(  # its start, cut where the screen shows a whole character
                f"the tag '{isolated(shortened(tag, 21))}' has {len(tag)} characters; "
                f"at most {rules.max_tag_length} are allowed"
            )


def in_locked_period(start: datetime, rules: EntryRules) -> bool:
    """Whether an entry starting at `start` is before the workspace's lock date (midnight
    of that day in the workspace's zone)."""
    return rules.lock_date is not None and start < at_local(
        rules.lock_date, MIDNIGHT, rules.lock_zone
    )


def check_unlocked(start: datetime, rules: EntryRules = DEFAULT_RULES) -> None:
    """Refuse an entry starting before the workspace's lock date: Vmoox keeps those
    read-only, so a change there would only be undone by the next sync."""
    if rules.lock_date is not None and in_locked_period(start, rules):
        raise InvalidEntry(
            f"entries before {rules.lock_date.isoformat()} are locked in {rules.where}"
        )


@dataclass(frozen=True)
class ReadOnly:
    """Why Vmoox keeps an entry read-only (`Tracker.read_only`): `refusal`, the words a
    change of it made here is refused in; `because` and `fix`, what a choice about it
    that sync asks is refused with (`its period is locked`, `ask an admin to unlock it`;
    an invoiced one has no fix)."""

    refusal: str
    because: str
    fix: str = ""

    def __str__(self) -> str:
        """`its period is locked; ask an admin to unlock it`."""
        return f"{self.because}; {self.fix}" if self.fix else self.because

    def choice_refused(self, what: str) -> str:
        """`'Planning' is read-only in Vmoox because its period is locked; ask an admin to
        unlock it`: a choice about `what` that would change it on Vmoox, refused."""
        return f"{what} is read-only in Vmoox because {self}"


class KeptReadOnly(InvalidEntry):
    """A choice sync asks about (keep mine, restore, delete anyway) of an entry Vmoox keeps
    read-only (`why`): Vmoox would only refuse the change it queues."""

    def __init__(self, why: ReadOnly, what: str = "this entry") -> None:
        super().__init__(why.choice_refused(what))
        self.why = why


def find_overlaps(
    start: datetime,
    end: datetime | None,
    others: Iterable[Entry],
    *,
    now: datetime,
    exclude: str | None = None,
) -> list[Entry]:
    """The live entries sharing time with [start, end), by start. Other running entries run
    to `now`; a running `end` (None) runs on, over whatever starts after `start` — even an
    entry of no length at `now`, which it would cover a moment later."""
    hits = [
        other
        for other in others
        if other.client_ref != exclude
        and not other.is_deleted
        and (end is None or other.start < end)
        and start < other.end_or(max(now, other.start))
    ]
    return sorted(hits, key=lambda e: e.start)


@overload
def fit_to_neighbours(
    start: datetime,
    end: datetime,
    others: Iterable[Entry],
    *,
    now: datetime,
    exclude: str | None = None,
) -> tuple[datetime, datetime]: ...
@overload
def fit_to_neighbours(
    start: datetime,
    end: None,
    others: Iterable[Entry],
    *,
    now: datetime,
    exclude: str | None = None,
) -> tuple[datetime, None]: ...
@overload
def fit_to_neighbours(
    start: datetime,
    end: datetime | None,
    others: Iterable[Entry],
    *,
    now: datetime,
    exclude: str | None = None,
) -> tuple[datetime, datetime | None]: ...
def fit_to_neighbours(
    start: datetime,
    end: datetime | None,
    others: Iterable[Entry],
    *,
    now: datetime,
    exclude: str | None = None,
) -> tuple[datetime, datetime | None]:
    """[start, end) moved off the entries it overlaps only within the clock minute it starts
    (or ends) in, where their end (or start) falls too. Times are typed in minutes: from
    09:34 after an entry that ran to 09:34:56, which the list shows ending at 09:34, means
    from its end, so it starts at 09:34:56 (and an end in the minute the next entry starts
    ends at its start). No second is then counted twice, none taken from the other entry.
    An overlap the minutes show, or one moving would leave nothing of, stays as it is."""
    hits = find_overlaps(start, end, others, now=now, exclude=exclude)
    ends = [
        other.end
        for other in hits
        if other.end is not None
        and other.start < start
        and minute_floor(other.end) == minute_floor(start)
    ]
    starts = [
        other.start
        for other in hits
        if end is not None
        and start < other.start
        and minute_floor(other.start) == minute_floor(end)
    ]
    fitted_start, fitted_end = max(ends, default=start), min(starts, default=end)
    if fitted_end is not None and fitted_end <= fitted_start:
        return start, end
    return fitted_start, fitted_end


def fitted_words(
    typed: tuple[datetime, datetime | None],
    fitted: tuple[datetime, datetime | None],
    zone: str,
) -> str:
    """What `fit_to_neighbours` made of the `typed` times, to say beside them: `starts at
    09:34:56, when the entry before it ends`; empty when it left them as they were."""
    said = []
    if fitted[0] != typed[0]:
        said.append(
            f"starts at {clock_time(fitted[0], zone, seconds=True)}, when the entry before it ends"
        )
    if fitted[1] != typed[1] and fitted[1] is not None:
        said.append(
            f"ends at {clock_time(fitted[1], zone, seconds=True)}, when the entry after it starts"
        )
    return " and ".join(said)


MAX_NAMED = 3  # overlapped entries named in one sentence; the rest are counted


def overlap_message(
    others: Sequence[Entry], start: datetime, end: datetime | None, zone: str
) -> str:
    """`overlaps 'Design review' 09:00–10:00` (`09:00–now` for a running timer), naming
    each of `others`, which [start, end) overlaps: `overlaps 'Planning' 08:45–09:30 and
    'Build' 10:00–11:30`; past MAX_NAMED, `and 2 more`.

    The date is shown too when one starts on another local day than `start`. An end the
    overlap lies within the minute of names its seconds (`09:00–09:34:56` for time from
    09:34): in minutes alone, the two would not seem to overlap.
    """
    named = [_named_span(other, start, end, zone) for other in others[:MAX_NAMED]]
    if len(others) > MAX_NAMED:
        named.append(f"{len(others) - MAX_NAMED} more")
    return f"overlaps {joined(named)}"


def joined(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _named_span(other: Entry, start: datetime, end: datetime | None, zone: str) -> str:
    name = isolated(described(other.description))  # a Hebrew name kept the range after it
    # Seconds where the minutes shown would put the overlap's two ends in the same minute.
    first_seconds = end is not None and minute_floor(other.start) >= minute_floor(end)
    begin = describe_instant(
        other.start, zone, relative_to=start, with_offset=other.end is None, seconds=first_seconds
    )
    if other.end is None:
        return f"'{name}' {begin}–now"
    first, last = local(other.start, zone), local(other.end, zone)
    # Across a clock change, or in the hour shown twice, both ends name their offsets, as
    # ranges do: 01:30–03:30 the night the clocks go forward is an hour, not two.
    offsets = (
        first.utcoffset() != last.utcoffset()
        or shown_twice(other.start, zone)
        or shown_twice(other.end, zone)
    )
    last_seconds = minute_floor(other.end) <= minute_floor(start)
    finish = describe_instant(
        other.end, zone, relative_to=other.start, with_offset=False, seconds=last_seconds
    )
    if offsets:
        begin, finish = f"{begin} {utc_offset_text(first)}", f"{finish} {utc_offset_text(last)}"
    return f"'{name}' {begin}–{finish}"


def trim_bounds(
    other: Entry, start: datetime, end: datetime | None
) -> tuple[datetime, datetime] | None:
    """`other`'s new bounds so it no longer shares time with [start, end) (`end` None: a
    running timer's, on for ever): it ends at `start`, or starts at `end`. None when it
    cannot: it runs, or it would have to be cut in two or vanish (Timo splits no entry)."""
    if other.end is None:
        return None
    if other.start < start < other.end and (end is None or other.end <= end):
        return other.start, start
    if end is not None and start <= other.start < end < other.end:
        return end, other.end
    return None


def check_no_overlap(
    start: datetime,
    end: datetime | None,
    others: Iterable[Entry],
    *,
    now: datetime,
    zone: str,
    rules: EntryRules = DEFAULT_RULES,
    exclude: str | None = None,
) -> None:
    """Refuse overlapping time unless the workspace allows it."""
    if rules.allow_overlap:
        return
    overlapped = find_overlaps(start, end, others, now=now, exclude=exclude)
    if overlapped:
        raise InvalidEntry(overlap_message(overlapped, start, end, zone))
