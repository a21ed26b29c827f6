"""`timo start`, `timo stop`, `timo status`, `timo continue`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from timo_desktop.cli.common import IN_ZONE, add_target_options

if TYPE_CHECKING:
    from datetime import datetime

    from timo_desktop.core.errors import InvalidEntry
    from timo_desktop.services.tracker import TargetClosed

T = TypeVar("T")


def register(subparsers: Any) -> None:
    """Add the timer commands."""
    start = subparsers.add_parser(
        "start",
        help="start a timer (switches if one runs)",
        description="Start a timer; one already running stops as it starts. What runs"
        " already (the same description, project, task, record, tags and billable mark)"
        f" starts nothing. {IN_ZONE}",
    )
    start.add_argument("description", nargs="?", default="", help="what you are working on")
    add_target_options(start, billable_help="default: the project's setting")
    start.add_argument(
        "--at", metavar="TIME", help="start time: HH:MM, '15m ago', 'YYYY-MM-DD HH:MM'"
    )
    start.set_defaults(handler=start_command)

    stop = subparsers.add_parser(
        "stop", help="stop the running timer", description=f"Stop the running timer. {IN_ZONE}"
    )
    stop.add_argument(
        "--at", metavar="TIME", help="stop time: HH:MM, '15m ago', 'YYYY-MM-DD HH:MM'"
    )
    stop.set_defaults(handler=stop_command)

    status = subparsers.add_parser(
        "status",
        help="show the running timer",
        description="Show the running timer, and what became of one that sync stopped for a"
        f" newer one on another device, or that was deleted or stopped earlier on Vmoox, until"
        f" read. {IN_ZONE}",
    )
    status.add_argument(
        "--json",
        action="store_true",
        help='{"running": entry or null, "stopped_elsewhere": [what became of timers that'
        ' ran here, as `timo attention --json` has them under "sync"]}',
    )
    status.set_defaults(handler=status_command)

    again = subparsers.add_parser(
        "continue",
        help="start a timer like an earlier entry",
        description=f"Start a timer like an earlier entry. {IN_ZONE}",
    )
    again.add_argument("ref", nargs="?", help="entry reference (default: the latest)")
    again.add_argument("--at", metavar="TIME", help="start time")
    again.set_defaults(handler=continue_command)


def start_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import open_tracker, say_fitted, target_from, when_starting
    from timo_desktop.core.entry import NO_TARGET
    from timo_desktop.services.tracker import AlreadyRunning

    tracker = open_tracker()
    target = target_from(tracker, args) or NO_TARGET
    at = when_starting(tracker, args.at) if args.at else None
    try:
        result = _way_out(
            tracker,
            lambda: tracker.start(
                args.description, target=target, billable=args.billable, tags=args.tag or (), at=at
            ),
        )
    except AlreadyRunning as running:  # nothing to do, and nothing went wrong
        print(running)
        return 0
    _report(tracker, result)
    if at is not None and result.started is not None:
        say_fitted(tracker, (at, None), result.started)
    return 0


def continue_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import open_tracker, say_fitted, when_starting
    from timo_desktop.services.tracker import AlreadyRunning, TargetClosed

    tracker = open_tracker()
    at = when_starting(tracker, args.at) if args.at else None
    try:
        result = _way_out(tracker, lambda: tracker.continue_entry(args.ref, at=at))
    except AlreadyRunning as running:  # nothing to do, and nothing went wrong
        print(running)
        return 0
    except TargetClosed as closed:
        raise without_target(closed, "start") from closed
    _report(tracker, result)
    if at is not None and result.started is not None:
        say_fitted(tracker, (at, None), result.started)
    return 0


def without_target(closed: TargetClosed, command: str, *times: str) -> InvalidEntry:
    """The refusal of a timer or entry on a target closed to time, with the command line
    that makes it without that target, last, to run as it is (pasted whole): `… (add
    --project P): timo start 'Campaign copy' --tag content` (`command` and its `times`:
    `add`, `--date`, `2026-01-05`…)."""
    import shlex

    from timo_desktop.core.errors import InvalidEntry

    draft = closed.draft
    tags = [part for tag in draft.tags for part in ("--tag", tag)]
    billable = ["--billable"] if draft.billable else []
    again = shlex.join(["timo", command, draft.description, *times, *tags, *billable])
    return InvalidEntry(f"{closed} (add --project P): {again}")


def _way_out(tracker: Any, act: Callable[[], T]) -> T:
    """Run a timer action; a running timer too long to end says the command that ends it
    earlier (the Tracker says how long, and the latest end that fits), one started after
    the clock's now (set back) the command that corrects its start, and one started
    inside other entries' time the earliest `--at` that fits, or `timo add`."""
    from timo_desktop.core.errors import InvalidEntry
    from timo_desktop.core.local_time import describe_instant, local
    from timo_desktop.core.timer import ClockBehind, StartOverlaps
    from timo_desktop.core.validation import TooLong

    try:
        return act()
    except ClockBehind as error:
        ref = error.entry.client_ref[:8]
        raise InvalidEntry(f"{error}: timo edit {ref} --start HH:MM, then timo stop") from error
    except TooLong as error:
        typed = "HH:MM" if _today(tracker, error.latest_end) else "'YYYY-MM-DD HH:MM'"
        raise InvalidEntry(f"{error}: timo stop --at {typed}") from error
    except StartOverlaps as error:
        # A typed minute is fitted to an end within it (`Tracker._fitted`): 16:59 will do.
        earliest = local(error.earliest, tracker.zone)
        typed = f"{earliest:%H:%M}"
        if not _today(tracker, error.earliest):
            typed = f"'{earliest:%Y-%m-%d} {typed}'"
        shown = describe_instant(error.earliest, tracker.zone, relative_to=tracker.clock())
        raise InvalidEntry(
            f"{error}: a timer never overlaps other entries, so start it at {shown} or later"
            f" (--at {typed}), or record time that overlaps as a finished entry with timo add"
        ) from error


def _today(tracker: Any, instant: datetime) -> bool:
    """Whether `instant` is on today's date, where `--at HH:MM` puts a time."""
    from timo_desktop.core.local_time import local

    return local(instant, tracker.zone).date() == local(tracker.clock(), tracker.zone).date()


def _report(tracker: Any, result: Any) -> None:
    from timo_desktop.cli.common import describe, span
    from timo_desktop.core.local_time import describe_instant

    if result.stopped is not None:
        print(f"Stopped {describe(tracker, result.stopped)} {span(tracker, result.stopped)}")
    started = result.started
    # Dated when not today: `--at "1439m ago"` starts yesterday.
    at = describe_instant(started.start, tracker.zone, relative_to=tracker.clock())
    print(f"Started {describe(tracker, started)} at {at} [{started.client_ref[:8]}]")


def stop_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import describe, open_tracker, span, when_ending

    tracker = open_tracker()
    running = tracker.running()
    # A time of day may be on the timer's own day: `--at 23:55` just after midnight.
    at = when_ending(tracker, args.at, running.start) if args.at and running else None
    stopped = _way_out(tracker, lambda: tracker.stop(at))
    print(f"Stopped {describe(tracker, stopped)} {span(tracker, stopped)}")
    return 0


def status_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.attention import item_json, stopped_here, stops_told
    from timo_desktop.cli.common import describe, entry_json, open_tracker, print_json, span
    from timo_desktop.core.text_width import wrapped

    tracker = open_tracker(reading=True)
    running = tracker.running()
    if args.json:
        # Listed, as the text tells them, until the person reads them (`timo keep-theirs`,
        # `timo restore`): a script polling this must not take them from the person.
        stopped = [item_json(tracker, item) for item in stopped_here(tracker)]
        print_json(
            {
                "running": entry_json(tracker, running) if running else None,
                "stopped_elsewhere": stopped,
            }
        )
        return 0
    # What became of a timer that ran here, which sync stopped or Vmoox deleted.
    told = stops_told(tracker)
    if running is None:
        print(wrapped(" ".join(filter(None, ("No timer is running.", told)))))
        return 0
    ref = running.client_ref[:8]
    print(f"Running {describe(tracker, running)} {span(tracker, running)} [{ref}]")
    # Time that Vmoox will not take where it goes, said while it grows, not at the stop.
    closed = None if running.target.is_empty else tracker.closed_target(running.target)
    if closed is not None:
        fix = f"`timo edit {ref} --project P` (or --record R)"
        print(wrapped(f"Vmoox takes no time there: {closed}; give it another: {fix}."))
    if told is not None:
        print(wrapped(told))
    return 0
