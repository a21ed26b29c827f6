"""`timo add`, `timo duplicate`, `timo log`, `timo edit`, `timo delete`, `timo undo`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from timo_desktop.cli.common import (
    IN_ZONE,
    add_entry_command,
    add_range_options,
    add_target_options,
)

if TYPE_CHECKING:
    from collections.abc import Container
    from datetime import datetime


def register(subparsers: Any) -> None:
    """Add the entry commands."""
    add = subparsers.add_parser(
        "add",
        help="add time after the fact",
        description=f"Add a finished entry. {IN_ZONE}",
    )
    add.add_argument("description", help="what you worked on")
    add.add_argument("--start", "-s", metavar="TIME", help="HH:MM or 'YYYY-MM-DD HH:MM'")
    add.add_argument("--end", "-e", metavar="TIME", help="HH:MM or 'YYYY-MM-DD HH:MM'")
    add.add_argument(
        "--duration",
        "-d",
        metavar="D",
        help="1h30, 1h 30m, 90m, 1.5 or 1:30 (a bare number is hours)",
    )
    add.add_argument(
        "--date", metavar="DATE", help="YYYY-MM-DD, 25.10.2026, 25 Oct, today or yesterday"
    )
    add_target_options(add, billable_help="default: the project's setting")
    add.set_defaults(handler=add_command)

    again = add_entry_command(
        subparsers,
        "duplicate",
        duplicate_command,
        help="add a copy of an entry (I did this again)",
        description="Add a copy of a finished entry: its description, target, billable"
        " mark and tags, with its length. Without --start it takes the latest free stretch"
        " of that length today that ends by now, as the app's Duplicate does. An entry"
        " that lasted under a minute is not copied: its copy would count time never"
        f" tracked. {IN_ZONE}",
    )
    again.add_argument("--start", "-s", metavar="TIME", help="HH:MM or 'YYYY-MM-DD HH:MM'")

    log = subparsers.add_parser(
        "log",
        help="list entries (default: this week)",
        description="List entries, by default this week's: it starts on the day"
        f" schedule.week_starts names (Mon unless set). {IN_ZONE}",
    )
    add_range_options(log)
    log.add_argument("--json", action="store_true", help="a JSON list of entries")
    log.set_defaults(handler=log_command)

    edit = add_entry_command(
        subparsers,
        "edit",
        edit_command,
        help="change an entry",
        description=f"Change an entry. {IN_ZONE}",
    )
    edit.add_argument("--description", metavar="TEXT")
    edit.add_argument("--start", "-s", metavar="TIME", help="on the entry's day unless dated")
    edit.add_argument("--end", "-e", metavar="TIME", help="on the entry's day unless dated")
    add_target_options(edit, billable_help="default: left as it is", editing=True)
    edit.add_argument("--no-target", action="store_true", help="remove project/task/record")

    delete = subparsers.add_parser("delete", help="delete an entry (undo with 'timo undo')")
    delete.add_argument("ref", help="entry reference")
    delete.set_defaults(handler=delete_command)

    undo = subparsers.add_parser("undo", help="bring back the last deleted entry")
    undo.add_argument("ref", nargs="?", help="a deleted entry's reference")
    undo.set_defaults(handler=undo_command)


def add_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import (
        load_settings,
        open_tracker,
        say_fitted,
        target_from,
        when,
        when_in_day,
    )
    from timo_desktop.core.durations import entry_length
    from timo_desktop.core.entry import NO_TARGET
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.local_time import is_time_of_day, overnight_end, parse_date

    # --date names a calendar date, whatever day.start_of_day says: `--date D --start 01:30`
    # is 01:30 on D, as `timo log` prints it back. Its words name working days, as `timo
    # log`'s do, and no --date is today's too: at 00:30 with days starting at 04:00, today
    # is the day not yet over, its 00:10 the one just gone and its 22:00 the evening before
    # (the settings, which cost pydantic, are read only for a date or a time of day).
    typed = [text for text in (args.start, args.end) if text]
    needs_day = bool(args.date) or any(is_time_of_day(text) for text in typed)
    tracker = open_tracker(settings=load_settings() if needs_day else None)
    today = tracker.today()
    day = parse_date(args.date, today) if args.date else today
    working = not args.date or args.date.strip().lower() in ("today", "yesterday")

    def at(text: str) -> datetime:
        return when_in_day(tracker, text, day) if working else when(tracker, text, day=day)

    target = target_from(tracker, args) or NO_TARGET
    # Said as typed, before the times it would make are refused; as long as its workspace
    # lets an entry be.
    longest = tracker.rules_of(target).max_duration
    length = entry_length(args.duration, longest) if args.duration else None
    start = at(args.start) if args.start else None
    if start is not None and args.end and is_time_of_day(args.end):
        # On the start's day: `--start "2026-11-20 22:30" --end 00:30`, the next morning,
        # as is an end in the night of its working day (before day.start_of_day).
        end = overnight_end(start, args.end, tracker.zone, tracker.start_of_day)
    else:
        end = at(args.end) if args.end else None
    for option, text in (("--start", args.start), ("--end", args.end)):
        if args.date and text is not None and not is_time_of_day(text):
            raise InvalidInput(f"{option} '{text}' has its own day; with --date give a time of day")
    if length is None:
        if start is None or end is None:
            raise InvalidInput("give --start and --end, --start and --duration, or --duration")
    elif start is None and end is None:
        if day != today:
            raise InvalidInput("--duration alone ends now; give --start for another day")
        end = tracker.clock()
        start = end - length
    elif end is None:
        assert start is not None
        end = start + length
    elif start is None:
        start = end - length
    else:
        raise InvalidInput("give two of --start, --end and --duration, not all three")
    assert start is not None and end is not None
    entry = tracker.add(
        args.description,
        start,
        end,
        target=target,
        billable=args.billable,
        tags=args.tag or (),
    )
    _added(tracker, entry)
    say_fitted(tracker, (start, end), entry)
    return 0


def duplicate_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import load_settings, open_tracker, when_in_day
    from timo_desktop.cli.timer import without_target
    from timo_desktop.core.local_time import is_time_of_day
    from timo_desktop.services.tracker import TargetClosed

    # A time of day is today's, as in `add`: in the working day not yet over.
    in_day = bool(args.start) and is_time_of_day(args.start)
    tracker = open_tracker(settings=load_settings() if in_day else None)
    start = when_in_day(tracker, args.start, tracker.today()) if args.start else None
    try:
        copy = tracker.duplicate(args.ref, start=start)
    except TargetClosed as closed:
        raise without_target(closed, "add", *_copy_times(tracker, args.ref, start)) from closed
    _added(tracker, copy)
    return 0


def _copy_times(tracker: Any, ref: str, start: Any) -> list[str]:
    """`--date 2026-01-05 --start 13:00 --end 13:45`: where `timo duplicate REF` puts the
    copy (from `start`, else in the stretch `Tracker.duplicate_slot` finds), as `timo add`
    reads it back (an end before the start is the next morning's)."""
    from timo_desktop.core.local_time import clock_text, local

    original, slot = tracker.duplicate_slot(ref)
    if start is not None:  # the copy keeps the original's length, as Tracker.duplicate's
        slot = (start, start + (original.end - original.start))
    assert slot is not None  # with no room today, duplicate refused that before the target
    begin, end = (local(instant, tracker.zone) for instant in slot)
    start_text, end_text = (clock_text(t.time(), twelve_hour=False) for t in (begin, end))
    return ["--date", begin.date().isoformat(), "--start", start_text, "--end", end_text]


def _added(tracker: Any, entry: Any) -> None:
    from timo_desktop.cli.common import describe, span

    print(f"Added {describe(tracker, entry)} {span(tracker, entry)} [{entry.client_ref[:8]}]")
    _say_overlaps(tracker, entry)


def _say_overlaps(tracker: Any, entry: Any) -> None:
    """Name the entries `entry` overlaps, which only a workspace allowing overlaps lets it,
    or time in another workspace: the window asks before keeping both; here it is said,
    rather than kept without a word."""
    from timo_desktop.core.errors import sentence
    from timo_desktop.core.local_time import FOREVER
    from timo_desktop.core.validation import find_overlaps, overlap_message

    now = tracker.clock()
    nearby = tracker.between(entry.start, entry.end or FOREVER)
    others = find_overlaps(entry.start, entry.end, nearby, now=now, exclude=entry.client_ref)
    if others:
        kept = "both are" if len(others) == 1 else "all are"
        said = overlap_message(others, entry.start, entry.end, tracker.zone)
        rules = tracker.rules_of(entry)
        why = f"{rules.where} allows overlaps"
        if not rules.allow_overlap:  # each is in another workspace, or it was refused
            why = f"{'it is' if len(others) == 1 else 'they are'} in another workspace"
        print(f"{sentence(said)}: {why}, so {kept} kept.")


def log_command(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from timo_desktop.cli.common import (
        chosen_range,
        entry_json,
        load_settings,
        open_tracker,
        print_json,
    )
    from timo_desktop.core.local_time import days_range, week_start

    settings = load_settings()
    tracker = open_tracker(settings=settings, reading=True)
    today = tracker.today()
    chosen = chosen_range(args, today)
    if chosen is not None:
        first, last = chosen.first, chosen.last
    else:
        first = week_start(today, settings.first_weekday)
        last = first + timedelta(days=6)
    # Tracker.days also gives what only reaches into the range (the window shows those); the
    # log counts, as report and export do, each entry on the working day it starts, so an
    # entry from the night before, or a timer started then, is in that day's log only.
    begin, end = days_range(first, last, tracker.zone, tracker.start_of_day)
    entries = [e for e in tracker.days(first, last) if begin <= e.start < end]
    if args.json:
        print_json([entry_json(tracker, e) for e in entries])
    else:
        _print_log(tracker, entries, first, last)
    return 0


def _print_log(tracker: Any, entries: list[Any], first: Any, last: Any) -> None:
    from datetime import timedelta

    from timo_desktop.core.durations import format_duration
    from timo_desktop.core.local_time import MIDNIGHT, clock_text
    from timo_desktop.store import sync_state

    now = tracker.clock()
    if not entries:
        print(f"No entries from {first} to {last}.")
        return
    # Entries are grouped by working day, their times dated by the calendar (`span`): a
    # header says when the working day starts, so 01:30 on the next date under it is clear.
    starts = ""
    if tracker.start_of_day != MIDNIGHT:
        starts = f" (day starts {clock_text(tracker.start_of_day, twelve_hour=False)})"
    total = timedelta(0)
    day = None
    changed = {c.client_ref for c in sync_state.conflicts(tracker.store.connection)}
    for entry in entries:
        if tracker.day_of(entry) != day:
            day = tracker.day_of(entry)
            spent = sum((e.duration(now) for e in entries if tracker.day_of(e) == day), timedelta())
            print(f"{day:%a %Y-%m-%d}{starts}  {format_duration(spent)}")
        total += entry.duration(now)
        print("\n".join(_lines(tracker, entry, day, changed)))
    print(f"Total {format_duration(total)} from {first} to {last}")


# Where the lines an entry goes on to begin: under its times, past its reference.
GOES_ON = " " * 12
# The least of a description kept on a line its times leave little of.
SHORTEST_DESCRIPTION = 20


def _lines(tracker: Any, entry: Any, day: Any, changed: Container[str]) -> list[str]:
    """An entry under its day's header: its reference, times (dated only where not the
    day's), description, `[target]`, `#tags`, `$` when billable, and its sync state unless
    synced, or that the server changed what was typed here (`changed`: `timo attention`
    offers it back). Wider than a terminal's 80 columns, the target, tags and `$` go on the lines
    below, and a long description is shortened with … (`--json` has it whole)."""
    from timo_desktop.cli.common import span
    from timo_desktop.core.entry import described
    from timo_desktop.core.text_width import LINE_WIDTH, display_width, shortened, wrap

    head = f"  {entry.client_ref[:8]}  {span(tracker, entry, beside=day)}"
    description = described(entry.description)
    label = tracker.names(entry.target).label()
    marks = [f"[{label}]"] if label else []
    marks += [f"#{tag}" for tag in entry.tags]
    if entry.billable:
        marks.append("$")
    state = "" if entry.sync_state.value == "synced" else f"  ({entry.sync_state.value})"
    if not state and entry.client_ref in changed:
        state = "  (changed on the server)"
    line = "  ".join([head, description, *marks]) + state
    if display_width(line) <= LINE_WIDTH:
        return [line]
    room = max(LINE_WIDTH - display_width(head + state) - 2, SHORTEST_DESCRIPTION)
    lines = [f"{head}  {shortened(description, room)}{state}"]
    for mark in marks:  # as many to a line as fit; a target is never cut, but wrapped
        joined = f"{lines[-1]}  {mark}"
        if len(lines) > 1 and display_width(joined) <= LINE_WIDTH:
            lines[-1] = joined
        else:
            lines += wrap(GOES_ON + mark, hang=len(GOES_ON))
    return lines


def edit_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import (
        describe,
        load_settings,
        open_tracker,
        say_fitted,
        span,
        target_from,
        when,
    )
    from timo_desktop.core.entry import NO_TARGET
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.local_time import is_time_of_day, local, overnight_end

    # day.start_of_day says only where an end typed as a time of day is (one before it is in
    # the night of the start's working day): the settings, which cost pydantic, are read
    # only for such an end.
    typed_end = bool(args.end) and is_time_of_day(args.end)
    tracker = open_tracker(settings=load_settings() if typed_end else None)
    if args.no_target and (args.project or args.task or args.record):
        raise InvalidInput("give --no-target or a project, task or record, not both")
    current = tracker.get(args.ref)
    # A time of day is on the calendar date of the entry's start, the date `log` prints
    # beside it (not its working day: with day.start_of_day 04:00, 01:30 is the next date's).
    day = local(current.start, tracker.zone).date()
    start = when(tracker, args.start, day=day) if args.start else None
    # An end is on the (new) start's day, and before it by a clock, the night after, as
    # `add` takes it: `--end 01:30` for an entry from 23:00.
    if typed_end:
        end = overnight_end(start or current.start, args.end, tracker.zone, tracker.start_of_day)
    else:
        end = when(tracker, args.end) if args.end else None
    target = NO_TARGET if args.no_target else target_from(tracker, args)
    edited = tracker.edit(
        current.client_ref,
        description=args.description,
        start=start,
        end=end,
        target=target,
        billable=args.billable,
        tags=() if args.no_tags else args.tag,
        typed=True,
    )
    print(f"Updated {describe(tracker, edited)} {span(tracker, edited)} [{edited.client_ref[:8]}]")
    say_fitted(tracker, (start or edited.start, end or edited.end), edited)
    if start or end:
        _say_overlaps(tracker, edited)
    return 0


def delete_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import describe, open_tracker, span

    tracker = open_tracker()
    gone = tracker.delete(args.ref)
    print(f"Deleted {describe(tracker, gone)} {span(tracker, gone)}; 'timo undo' brings it back")
    return 0


def undo_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import describe, open_tracker, span

    tracker = open_tracker()
    back = tracker.undo_delete(args.ref)
    print(f"Restored {describe(tracker, back)} {span(tracker, back)} [{back.client_ref[:8]}]")
    return 0
