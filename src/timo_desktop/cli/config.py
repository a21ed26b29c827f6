"""`timo config get [KEY]` and `timo config set KEY VALUE`."""

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


def get_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import load_settings
    from timo_desktop.settings import format_value, get, keys

    current = load_settings()
    if args.key:
        print(format_value(get(current, args.key)))
    else:
        for key in keys():
            print(f"{key} = {format_value(get(current, key))}")
    return 0


def set_command(args: argparse.Namespace) -> int:
    from timo_desktop import paths
    from timo_desktop.settings import format_value, get, save_value

    changed = save_value(paths.resolve().settings_file, args.key, args.value)
    print(f"{args.key} = {format_value(get(changed, args.key))}")
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
