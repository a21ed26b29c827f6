"""What several commands share: opening the tracker, target options, time options, output."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timo_desktop.core.entry import Entry
    from timo_desktop.services import Tracker
    from timo_desktop.settings import Settings


# Said in the help of the commands that read or show times and days.
IN_ZONE = "Times and days are in the time zone set in day.time_zone, else in this computer's."


def open_tracker(*, settings: Settings | None = None) -> Tracker:
    """The tracker on this user's database (`TIMO_HOME` / `--home` honoured), reading days
    and times in the chosen zone (`day.time_zone`, read from `settings` when given)."""
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
    return Tracker.open(paths.resolve().database, **options)


def load_settings() -> Settings:
    """The user's settings (costs pydantic: only for commands that need them)."""
    from timo_desktop import paths, settings

    return settings.load(paths.resolve().settings_file)


def chosen_zone() -> str | None:
    """The zone `day.time_zone` names; None: this computer's.

    Every command reads it, so it is read as plain JSON: the settings model costs a
    command ~0.1 s. A file or value that does not read so plainly is left to the model,
    which says what is wrong with it."""
    from timo_desktop import paths
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
    return load_settings().day.time_zone


def add_target_options(parser: argparse.ArgumentParser, *, billable_help: str) -> None:
    """`--project`, `--task`, `--record`, `--billable/--no-billable`, `--tag`."""
    parser.add_argument("--project", "-p", metavar="P", help="project id or name")
    parser.add_argument("--task", "-t", metavar="T", help="task id or name (needs --project)")
    parser.add_argument("--record", "-r", metavar="R", help="Vmoox record id or name")
    parser.add_argument(
        "--billable", action=argparse.BooleanOptionalAction, default=None, help=billable_help
    )
    parser.add_argument("--tag", action="append", default=None, metavar="TAG", help="repeatable")


def target_from(tracker: Tracker, args: argparse.Namespace) -> Any:
    """The target named by the options, or None when none was given."""
    if not (args.project or args.task or args.record):
        return None
    return tracker.target(project=args.project, task=args.task, record=args.record)


def when(tracker: Tracker, text: str, *, day: date | None = None) -> datetime:
    """A typed time (`09:30`, `-15m`, `2026-03-03 09:30`, `now`) as a UTC instant."""
    from timo_desktop.core.local_time import parse_instant

    return parse_instant(text, now=tracker.clock(), zone_name=tracker.zone, day=day)


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


def span(tracker: Tracker, entry: Entry, *, beside: date | None = None) -> str:
    """`09:00–10:00 (1h 00m)` or `09:00– (running 25m)`, after its date when that is not
    today, or not `beside`, a date printed beside it (`Fri 2026-11-20 09:00–10:00 (1h 00m)`).

    The date is the calendar date of the start, whatever `day.start_of_day` says, so that
    what is printed can be typed back (`--start "2026-11-20 01:30"`): 01:30 on the working
    day Thu 2026-11-19 is still Fri 2026-11-20 01:30. Ends in another UTC offset, or in
    the hour the clocks show twice, name their offsets (`clock_range`).
    """
    from timo_desktop.core.durations import format_duration
    from timo_desktop.core.local_time import clock_range, local

    now = tracker.clock()
    times = clock_range(entry.start, entry.end, tracker.zone)
    on = local(entry.start, tracker.zone).date()
    if on != (beside or local(now, tracker.zone).date()):
        times = f"{on:%a %Y-%m-%d} {times}"
    if entry.end is None:
        return f"{times} (running {format_duration(entry.duration(now))})"
    return f"{times} ({format_duration(entry.duration(now))})"
