"""`timo config get [KEY]` and `timo config set KEY VALUE` (`null` or "" clears an optional
setting, and gives the weekly capacity back to the workspace's)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add the config commands."""
    config = subparsers.add_parser("config", help="read or change settings")
    actions = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = actions.add_parser("get", help="show one setting, or all of them")
    get.add_argument("key", nargs="?", help="dotted key, for example idle.threshold_seconds")
    get.set_defaults(handler=get_command)
    put = actions.add_parser("set", help="change a setting")
    put.add_argument("key", help="dotted key")
    put.add_argument("value", help="new value (lists are comma-separated)")
    put.set_defaults(handler=set_command)


CAPACITY_KEY = "capacity.hours_per_week"


def get_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import load_settings
    from timo_desktop.settings import format_value, get, keys

    current = load_settings()
    wanted = [args.key] if args.key else keys()
    # A capacity left unset here gives way to the workspace's in reports: said beside it.
    note = _capacity_note(current) if CAPACITY_KEY in wanted else ""
    for key in wanted:
        value = format_value(get(current, key)) + (note if key == CAPACITY_KEY else "")
        print(value if args.key else f"{key} = {value}")
    return 0


def _capacity_note(current: Any) -> str:
    """` (reports use Northwind Agency's 20 h a week, set on Vmoox)` when the weekly capacity
    reports use is the workspace's (Settings set none, `services.reports` decides); empty
    otherwise, and when the database cannot be read (`timo doctor` says why)."""
    from timo_desktop import paths
    from timo_desktop.core.errors import TimoError
    from timo_desktop.services.reports import Reports, own_capacity
    from timo_desktop.services.tracker import Tracker

    database = paths.resolve().database
    if own_capacity(current) or not database.exists():
        return ""
    try:
        tracker = Tracker.open(database)
    except TimoError:
        return ""
    try:
        # The default workspace's, as `timo report` takes it.
        workspace = Reports.from_settings(tracker, current).workspace_capacity()
    finally:
        tracker.close()
    return f" (reports use {workspace.words()})" if workspace else ""


def set_command(args: argparse.Namespace) -> int:
    from timo_desktop import paths
    from timo_desktop.settings import format_value, get, save_value

    changed = save_value(paths.resolve().settings_file, args.key, args.value)
    # Cleared, the capacity is the workspace's again: said, as `config get` says it.
    note = _capacity_note(changed) if args.key == CAPACITY_KEY else ""
    print(f"{args.key} = {format_value(get(changed, args.key))}{note}")
    return 0


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
