"""`timo config get [KEY]` and `timo config set KEY VALUE` (`null` or "" clears an optional
setting, and gives the weekly capacity back to the workspace's). The weekly capacity is
said for one workspace, the default or the one `--workspace` names: while none is set
here, reports use each workspace's own."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timo_desktop.services.reports import Reports


def register(subparsers: Any) -> None:
    """Add the config commands."""
    config = subparsers.add_parser("config", help="read or change settings")
    actions = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = actions.add_parser("get", help="show one setting, or all of them")
    get.add_argument("key", nargs="?", help="dotted key, for example idle.threshold_seconds")
    _workspace_option(get)
    get.set_defaults(handler=get_command)
    put = actions.add_parser("set", help="change a setting")
    put.add_argument("key", help="dotted key")
    put.add_argument("value", help="new value (lists are comma-separated)")
    _workspace_option(put)
    put.set_defaults(handler=set_command)


def _workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        metavar="NAME",
        help=f"for {CAPACITY_KEY}, the workspace whose capacity reports use to say: its name,"
        " a part of it, or its id (default: the one `timo workspace` marks)",
    )


CAPACITY_KEY = "capacity.hours_per_week"


def get_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import load_settings
    from timo_desktop.settings import format_value, get, keys

    current = load_settings()
    wanted = [args.key] if args.key else keys()
    _per_workspace(args, wanted)
    # A capacity left unset here gives way to the workspace's in reports: said beside it.
    note = _capacity_note(current, args.workspace) if CAPACITY_KEY in wanted else ""
    for key in wanted:
        value = format_value(get(current, key)) + (note if key == CAPACITY_KEY else "")
        print(value if args.key else f"{key} = {value}")
    return 0


def _per_workspace(args: argparse.Namespace, keys: list[str]) -> None:
    """Refuse `--workspace` with a setting that is the same for every workspace."""
    from timo_desktop.core.errors import InvalidInput

    if args.workspace is not None and CAPACITY_KEY not in keys:
        raise InvalidInput(
            f"--workspace goes with {CAPACITY_KEY} only: {keys[0]} is the same for every workspace"
        )


def _capacity_note(current: Any, workspace: str | None) -> str:
    """Where the weekly capacity reports use comes from, said beside it (`_capacity_words`):
    for the default workspace, or for the one `workspace` names (`_named_workspace`).
    Empty for the default workspace while none is known (no database yet, or one that
    cannot be read: `timo doctor` says why); a workspace named that cannot be found is
    refused."""
    from timo_desktop import paths
    from timo_desktop.core.errors import TimoError
    from timo_desktop.services.reports import Reports, own_capacity
    from timo_desktop.services.tracker import Tracker

    database = paths.resolve().database
    if workspace is None and (own_capacity(current) or not database.exists()):
        return ""  # nothing to read: the figure shown is the one reports use
    try:
        tracker = Tracker.open(database, reading=True)
    except TimoError:
        if workspace is not None:
            raise
        return ""
    try:
        reports = Reports.from_settings(tracker, current)
        named = None
        if workspace is not None:
            reports, named = _named_workspace(reports, workspace)
        return _capacity_words(current, reports, named)
    finally:
        tracker.close()


def _named_workspace(reports: Reports, workspace: str) -> tuple[Reports, str]:
    """`reports` on the one workspace `workspace` names, found as `timo report --workspace`
    finds it (a name it does not know is refused), and that workspace's name."""
    from timo_desktop.cli.report import workspace_named
    from timo_desktop.core.errors import InvalidInput
    from timo_desktop.services.reports import ALL_WORKSPACES

    chosen = workspace_named(reports, workspace)
    if chosen == ALL_WORKSPACES:
        raise InvalidInput(
            f"--workspace names one workspace for {CAPACITY_KEY}; all is for reports"
        )
    covering = reports.covering(chosen)
    return covering, covering.workspace_names().get(chosen, chosen)


def _capacity_words(current: Any, reports: Reports, named: str | None) -> str:
    """Whose the weekly capacity `reports` use is: ` (set here, for every workspace,
    Dana's Side Studio too)`, ` (reports use Northwind Agency's 20 h a week, set on
    Vmoox)` or ` (reports use Timo's default: none known from Vmoox for Dana's Side
    Studio)`. For the default workspace (`named` None) only the workspace's own is said:
    otherwise the figure shown is the one reports use."""
    from timo_desktop.services.reports import own_capacity

    if own_capacity(current):
        return f" (set here, for every workspace, {named} too)" if named else ""
    found = reports.workspace_capacity()
    if found:
        return f" (reports use {found.words()})"
    return f" (reports use Timo's default: none known from Vmoox for {named})" if named else ""


def set_command(args: argparse.Namespace) -> int:
    from timo_desktop import paths
    from timo_desktop.cli.common import load_settings
    from timo_desktop.settings import format_value, get, save_value

    _per_workspace(args, [args.key])
    if args.workspace is not None:
        _capacity_note(load_settings(), args.workspace)  # a workspace it cannot find: not saved
    changed = save_value(paths.resolve().settings_file, args.key, args.value)
    # Cleared, the capacity is the workspace's again: said, as `config get` says it.
    note = _capacity_note(changed, args.workspace) if args.key == CAPACITY_KEY else ""
    if args.key in ("schedule.start", "schedule.end"):
        note = _next_day_note(changed)
    print(f"{args.key} = {format_value(get(changed, args.key))}{note}")
    return 0


def _next_day_note(current: Any) -> str:
    """` (working hours 22:00 to 06:00 end the next day)` for hours ending before they start,
    as Settings says beside them; empty for hours within a day."""
    from timo_desktop.services.reminders import work_schedule

    hours = current.schedule
    overnight = work_schedule(current).overnight
    return f" (working hours {hours.start} to {hours.end} end the next day)" if overnight else ""


def doctor_checks() -> list[Any]:
    """The settings file must be readable and valid."""
    return [check_settings]


def check_settings() -> tuple[bool, str]:
    """settings: the file parses and every value is valid."""
    from timo_desktop import paths
    from timo_desktop.cli.common import load_settings

    load_settings()
    file = paths.resolve().settings_file
    return True, f"{file} ({'saved' if file.exists() else 'defaults'})"
