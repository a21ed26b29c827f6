"""What several commands share: opening the tracker, target options, time options, output."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timo_desktop.core.entry import Entry
    from timo_desktop.core.reports import Span
    from timo_desktop.services import Tracker
    from timo_desktop.settings import Settings


def seconds(text: str) -> float:
    """An argparse type: a number of seconds above 0 (`--timeout -5` waited -5 seconds)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0")
    return value


def told_at_login(_warning: str) -> None:
    """The warning that the sign-in is kept in a file, where a command only uses it (sync,
    `timo workspace`, `timo logout`): `timo login --allow-file-store` said it when the file
    was chosen, and `timo whoami` and `timo doctor` say it whenever asked. Said by every
    command that reaches Vmoox, it soon went unread."""


# Said in the help of the commands that read or show times and days.
IN_ZONE = "Times and days are in the time zone set in day.time_zone, else in this computer's."


def open_tracker(*, settings: Settings | None = None, reading: bool = False) -> Tracker:
    """The tracker on this user's database (`TIMO_HOME` / `--home` honoured), reading days
    and times in the chosen zone (`day.time_zone`, read from `settings` when given).
    `reading`: the command only reads, and where no database was made yet it reads an
    empty one without making the file (`Tracker.open`)."""
    from timo_desktop import paths
    from timo_desktop.core.entry import Source
    from timo_desktop.platform.zone import tz_problem
    from timo_desktop.services import Tracker

    chosen = chosen_zone() if settings is None else settings.day.time_zone
    problem = None if chosen else tz_problem()
    if problem is not None:  # times would be read and shown in another zone than meant
        print(f"timo: warning: {problem}", file=sys.stderr)
    options: dict[str, Any] = {"source": Source.CLI, "zone": chosen}
    if settings is not None:
        options["start_of_day"] = settings.start_of_day
    return Tracker.open(paths.resolve().database, reading=reading, **options)


def load_settings() -> Settings:
    """The user's settings (costs pydantic: only for commands that need them)."""
    from timo_desktop import paths, settings

    return settings.load(paths.resolve().settings_file)


def chosen_zone() -> str | None:
    """The zone `day.time_zone` names; None: this computer's.

    Every command reads it, so it is read as plain JSON: the settings model costs a
    command ~0.1 s. A file or value that does not read so plainly is left to the model,
    which says what is wrong with it: as a warning, this computer's zone standing in, so
    that a broken settings file never keeps a timer from being started or stopped."""
    from timo_desktop import paths
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.platform.zone import zone_problem

    try:
        data = json.loads(paths.resolve().settings_file.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = None
    day = data.get("day", {}) if isinstance(data, dict) else None
    if isinstance(day, dict):
        name = day.get("time_zone")
        if name is None or name == "":
            return None
        if isinstance(name, str) and zone_problem(name) is None:
            return name
    try:
        return load_settings().day.time_zone
    except InvalidInput as error:
        print(
            f"timo: warning: {error}; times are in this computer's time zone meanwhile",
            file=sys.stderr,
        )
        return None


# How `--tag` takes several tags, in every command's help.
SEVERAL_TAGS = "repeatable, or several parted by commas: --tag design,call"
# A catalog fetched longer ago than this may lack a project made since (only the app and
# `timo sync` fetch it), so a name not found in it says so.
CATALOG_FRESH = timedelta(days=1)


def add_entry_command(
    subparsers: Any, name: str, handler: Any, *, help: str, description: str
) -> argparse.ArgumentParser:
    """Add command `name`, run by `handler`, about one entry: its `ref` argument first."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description
    )
    parser.add_argument("ref", help="entry reference (client_ref or a unique prefix)")
    parser.set_defaults(handler=handler)
    return parser


def add_billable_options(parser: argparse.ArgumentParser, *, yes: str, no: str) -> None:
    """`--billable` (help `yes`) or `--no-billable` (help `no`), stored as `billable`: True,
    False, or None when neither is given. Not both: the last given won."""
    either = parser.add_mutually_exclusive_group()
    either.add_argument("--billable", action="store_const", const=True, default=None, help=yes)
    either.add_argument(
        "--no-billable", dest="billable", action="store_const", const=False, help=no
    )


def add_target_options(
    parser: argparse.ArgumentParser, *, billable_help: str, editing: bool = False
) -> None:
    """`--project`, `--task`, `--record` (names as `timo projects` lists them),
    `--billable` or `--no-billable`, `--tag`; `editing`: `--tag` replaces the entry's tags,
    and `--no-tags` (not with `--tag`) removes them all."""
    parser.add_argument(
        "--project", "-p", metavar="P", help="project id or name ('timo projects' lists them)"
    )
    parser.add_argument("--task", "-t", metavar="T", help="task id or name (needs --project)")
    parser.add_argument("--record", "-r", metavar="R", help="Vmoox record id or name")
    add_billable_options(
        parser, yes=f"billable ({billable_help})", no=f"not billable ({billable_help})"
    )
    if not editing:
        parser.add_argument("--tag", action="append", metavar="TAG", help=f"a tag; {SEVERAL_TAGS}")
        return
    tags = parser.add_mutually_exclusive_group()
    tags.add_argument(
        "--tag", action="append", metavar="TAG", help=f"replaces the entry's tags; {SEVERAL_TAGS}"
    )
    tags.add_argument("--no-tags", action="store_true", help="remove every tag")


def target_from(tracker: Tracker, args: argparse.Namespace) -> Any:
    """The target named by the options, or None when none was given. A name not in the
    cached catalog says when that was fetched, if never or not lately (`catalog_note`)."""
    from timo_desktop.core.catalog import UnknownName

    if not (args.project or args.task or args.record):
        return None
    try:
        return tracker.target(project=args.project, task=args.task, record=args.record)
    except UnknownName as unknown:
        note = catalog_note(tracker)
        if note is None:
            raise
        raise UnknownName(f"{unknown} ({note})") from None


def catalog_note(tracker: Tracker) -> str | None:
    """What to say of the cached catalog (projects, tasks, records) where a name is not
    in it: that none was fetched yet, or when it was if not within `CATALOG_FRESH`; None
    otherwise. `timo login` fetches none: the app and `timo sync` do."""
    from timo_desktop.core.local_time import from_text, local
    from timo_desktop.sync.status import LAST_SUCCESS

    store = tracker.store
    if not (store.projects(include_inactive=True) or store.records(include_inactive=True)):
        return "no projects fetched yet: run `timo sync` to fetch your projects"
    last = store.meta(LAST_SUCCESS)
    if last and tracker.clock() - from_text(last) > CATALOG_FRESH:
        fetched = local(from_text(last), tracker.zone)
        return f"projects last fetched {fetched:%a %Y-%m-%d}; `timo sync` fetches new ones"
    return None


def add_range_options(parser: argparse.ArgumentParser) -> None:
    """The days a command covers, named alike by `timo log`, `report`, `export` and
    `attention`: `--week`, `--month` or `--from` (one of them), and `--to`, stored as
    `week`, `month`, `first` and `last`, which `chosen_range` reads."""
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--week",
        metavar="WEEK",
        help="an ISO week, Monday to Sunday, for example 2026-W48 (without a range:"
        " this week, starting on the day schedule.week_starts names)",
    )
    chosen.add_argument("--month", metavar="MONTH", help="a month, for example 2026-11")
    chosen.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument(
        "--to", dest="last", metavar="DATE", help="last day (with --from; without: today)"
    )


def chosen_range(args: argparse.Namespace, today: date) -> Span | None:
    """The days the options of `add_range_options` name; None when none is given (the
    command's default range). `--to` beside `--week` or `--month`, which name their own last
    day, is refused."""
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.reports import Span

    if args.last and (args.week or args.month):
        named = f"--week {args.week}" if args.week else f"--month {args.month}"
        raise InvalidInput(f"{named} names its own last day; --to goes only with --from")
    if args.week:
        return Span.iso_week(args.week)
    if args.month:
        return Span.month(args.month)
    return _typed_range(args.first, args.last, today)


def _typed_range(first: str | None, last: str | None, today: date) -> Span | None:
    """The days `--from` and `--to` name: `--from` alone runs to `today`; None when neither
    is given. `--to` alone is refused, as is a `--from` after today without `--to`: neither
    says where the range begins or ends."""
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.core.local_time import parse_date
    from timo_desktop.core.reports import Span

    if last and not first:
        raise InvalidInput(
            "--to needs --from, the range's first day;"
            f" for that day alone: --from {last} --to {last}"
        )
    if not first:
        return None
    begins = parse_date(first, today)
    if last:
        return Span(begins, parse_date(last, today))
    if begins > today:  # the end was never typed: do not name it
        raise InvalidInput(f"--from {begins} is after today, where the range ends without --to")
    return Span(begins, today)


def when(tracker: Tracker, text: str, *, day: date | None = None) -> datetime:
    """A typed time (`09:30`, `-15m`, `2026-03-03 09:30`, `now`) as a UTC instant."""
    from timo_desktop.core.local_time import parse_instant

    return parse_instant(text, now=tracker.clock(), zone_name=tracker.zone, day=day)


def when_in_day(tracker: Tracker, text: str, day: date) -> datetime:
    """A typed time (`when`) on working day `day`: a time of day before the start of day is
    in its night (`typed_time_in_day`: with days starting at 04:00, Friday's 00:10 is
    Saturday's by the calendar), as Add time reads the times typed on its date."""
    from timo_desktop.core.local_time import is_time_of_day, typed_time_in_day

    if is_time_of_day(text):
        return typed_time_in_day(day, text, tracker.zone, tracker.start_of_day)
    return when(tracker, text)


def when_ending(tracker: Tracker, text: str, since: datetime) -> datetime:
    """A typed end (`when`) of something running since `since`: a time of day is today's,
    unless that is still to come and the one on `since`'s own day is after `since`, as
    `edit` reads a time on the entry's day (`stop --at 23:55` at 00:05, for a timer started
    at 23:40)."""
    from timo_desktop.core.local_time import is_time_of_day, local

    today = when(tracker, text)
    if today <= tracker.clock() or not is_time_of_day(text):
        return today
    on_its_day = when(tracker, text, day=local(since, tracker.zone).date())
    return on_its_day if on_its_day > since else today


def when_starting(tracker: Tracker, text: str) -> datetime:
    """A typed start (`when`) of a timer: a time of day is the nearest one on the clock, so
    `start --at 23:55` at 00:05 began ten minutes ago, yesterday; one less than 12 hours
    ahead stays today's, and is refused as in the future."""
    from timo_desktop.core.local_time import is_time_of_day, local

    today = when(tracker, text)
    now = tracker.clock()
    if today - now <= timedelta(hours=12) or not is_time_of_day(text):
        return today
    return when(tracker, text, day=local(now, tracker.zone).date() - timedelta(days=1))


def entry_json(tracker: Tracker, entry: Entry) -> dict[str, object]:
    """The documented JSON shape of an entry."""
    from timo_desktop.core.local_time import to_text

    names = tracker.names(entry.target)
    return {
        "client_ref": entry.client_ref,
        "description": entry.description,
        "start": to_text(entry.start),
        "end": to_text(entry.end) if entry.end else None,
        "duration_seconds": int(entry.duration(tracker.clock()).total_seconds()),
        "billable": entry.billable,
        "tags": list(entry.tags),
        "project_id": entry.target.project_id,
        "project_name": names.project,
        "task_id": entry.target.task_id,
        "task_name": names.task,
        "record_id": entry.target.record_id,
        "record_name": names.record,
        "timezone": entry.zone,
        "source": entry.source,
        "sync_state": entry.sync_state.value,
    }


def print_json(value: object) -> None:
    """Print `value` as indented JSON."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def describe(tracker: Tracker, entry: Entry) -> str:
    """`'Homepage' (Website › Layout)` for messages."""
    from timo_desktop.core.entry import described

    label = tracker.names(entry.target).label()
    text = f"'{described(entry.description)}'"
    return f"{text} ({label})" if label else text


def say_fitted(tracker: Tracker, typed: tuple[datetime, datetime | None], entry: Entry) -> None:
    """Say where the `typed` times were moved off a neighbour they overlapped only within
    the minute they share (`core.validation.fit_to_neighbours`), if they were."""
    from timo_desktop.core.errors import sentence
    from timo_desktop.core.validation import fitted_words

    moved = fitted_words(typed, (entry.start, entry.end), tracker.zone)
    if moved:
        print(f"{sentence(moved)}, so no time is counted twice.")


def span(tracker: Tracker, entry: Entry, *, beside: date | None = None) -> str:
    """`09:00–10:00 (1h 00m)` or `09:00– (running 25m)`, after its date when that is not
    today, or not `beside`, a date printed beside it (`Fri 2026-11-20 09:00–10:00 (1h 00m)`);
    an end on another date names it (`09:00–Sat 2026-11-21 08:00`), but for one in the night
    after, which its time alone says (`23:00–01:00`, as `add` and `edit` read it back).

    The date is the calendar date of the start, whatever `day.start_of_day` says, so that
    what is printed can be typed back (`--start "2026-11-20 01:30"`): 01:30 on the working
    day Thu 2026-11-19 is still Fri 2026-11-20 01:30. Ends in another UTC offset, or in
    the hour the clocks show twice, name their offsets (`clock_range`).
    """
    from timo_desktop.core.durations import format_duration
    from timo_desktop.core.local_time import clock_range, local

    now = tracker.clock()
    times = clock_range(entry.start, entry.end, tracker.zone, dated_end=True)
    on = local(entry.start, tracker.zone).date()
    if on != (beside or local(now, tracker.zone).date()):
        times = f"{on:%a %Y-%m-%d} {times}"
    if entry.end is None:
        return f"{times} (running {format_duration(entry.duration(now))})"
    return f"{times} ({format_duration(entry.duration(now))})"
