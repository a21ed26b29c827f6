"""`timo doctor`: named checks of the installation, the database and the settings.

A check is a function `() -> (ok, detail)` whose docstring begins with its
name and a colon; a `TimoError` it raises counts as a failure with that
message. Any command module may contribute checks with `doctor_checks()`;
this module gathers them from every module in `cli.COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Check = Callable[[], tuple[bool, str]]


def register(subparsers: Any) -> None:
    """Add the doctor and migrate commands."""
    doctor = subparsers.add_parser("doctor", help="check that Timo can work here")
    doctor.add_argument("--json", action="store_true", help='{"ok": bool, "checks": [...]}')
    doctor.set_defaults(handler=doctor_command)
    migrate = subparsers.add_parser(
        "migrate",
        help="bring the data to this version of Timo now (otherwise done when first opened)",
    )
    migrate.set_defaults(handler=migrate_command)


def doctor_checks() -> list[Check]:
    """Paths, database and schema checks."""
    return [check_paths, check_database, check_schema, check_timezone]


def check_paths() -> tuple[bool, str]:
    """paths: the data, config, logs and runtime folders exist and can be written."""
    import os

    from timo_desktop import paths

    where = paths.resolve().ensure()
    stuck = [
        str(f)
        for f in (where.data, where.config, where.logs, where.runtime)
        if not os.access(f, os.W_OK)
    ]
    if stuck:
        return False, "cannot write to " + ", ".join(stuck)
    return True, f"data in {where.data}"


def check_database() -> tuple[bool, str]:
    """database: the file opens, passes SQLite's integrity check, can be written now (no
    other program holds it, nothing makes it read-only) and is owner-only."""
    from timo_desktop import paths
    from timo_desktop.store.database import Store
    from timo_desktop.store.errors import StoreError, but_what_stands

    path = paths.resolve().database
    with Store.open(path, busy_timeout_ms=1000) as store:
        found = [row[0] for row in store.connection.execute("PRAGMA quick_check(1)")]
        count = store.connection.execute("SELECT count(*) FROM entries").fetchone()[0]
        try:
            with store.write() as tx:  # a row written, and taken back
                tx.connection.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('doctor.writes', '')"
                )
                raise _TakenBack
        except _TakenBack:
            pass
        except StoreError as error:
            return False, but_what_stands(error)
    if found != ["ok"]:
        return False, (
            f"{path} is damaged (SQLite's own check of the file fails); restore a backup or"
            " move the file aside"
        )
    if path.stat().st_mode & 0o077:
        return False, f"{path} can be read by other users (run: chmod 600 {path})"
    from timo_desktop.sync.words import plural

    return True, f"{path} ({plural(count, 'entry')})"


class _TakenBack(Exception):
    """Ends the database check's write: it was possible, and is rolled back."""


def check_schema() -> tuple[bool, str]:
    """schema: the database is at this version's schema and the migrations are shipped."""
    from importlib import resources

    from timo_desktop import paths
    from timo_desktop.store.database import Store
    from timo_desktop.store.version import SCHEMA_VERSION

    shipped = resources.files("timo_desktop.store") / "migrations" / "versions"
    count = sum(1 for f in shipped.iterdir() if f.name[:4].isdigit() and f.name.endswith(".py"))
    if count != SCHEMA_VERSION:
        return False, f"{count} migrations shipped for schema {SCHEMA_VERSION}"
    with Store.open(paths.resolve().database) as store:
        found = store.connection.execute("PRAGMA user_version").fetchone()[0]
    return found == SCHEMA_VERSION, f"schema {found} (this version: {SCHEMA_VERSION})"


def check_timezone() -> tuple[bool, str]:
    """timezone: the zone days and times are in, and where it comes from."""
    from timo_desktop.cli.common import chosen_zone
    from timo_desktop.platform.zone import local_zone_name, local_zone_source, tz_problem

    chosen = chosen_zone()
    if chosen is not None:
        return True, f"{chosen}, set in day.time_zone (this computer's: {local_zone_name()})"
    problem = tz_problem()
    if problem is not None:
        return False, problem
    return True, f"{local_zone_name()}, this computer's (from {local_zone_source()})"


def run_checks() -> list[dict[str, object]]:
    """Run every check from every command module, in order."""
    from timo_desktop.cli import command_modules
    from timo_desktop.core.errors import TimoError

    results: list[dict[str, object]] = []
    for module in command_modules():
        for check in getattr(module, "doctor_checks", list)():
            name = (check.__doc__ or check.__name__).split(":", 1)[0].strip()
            try:
                ok, detail = check()
            except TimoError as error:
                ok, detail = False, str(error)
            results.append({"name": name, "ok": ok, "detail": detail})
    return results


def doctor_command(args: argparse.Namespace) -> int:
    from timo_desktop.cli.common import print_json
    from timo_desktop.platform.idle.doctor import describe_idle, idle_report
    from timo_desktop.platform.notify.doctor import describe_notify, notify_report
    from timo_desktop.platform.quiet.doctor import describe_quiet, quiet_report

    idle, quiet, notify = idle_report(), quiet_report(), notify_report()
    ok, detail = describe_idle(idle)
    quiet_ok, quiet_detail = describe_quiet(quiet)
    notify_ok, notify_detail = describe_notify(notify)
    results = [
        *run_checks(),
        {"name": "idle", "ok": ok, "detail": detail},
        {"name": "quiet", "ok": quiet_ok, "detail": quiet_detail},
        {"name": "notifications", "ok": notify_ok, "detail": notify_detail},
    ]
    healthy = all(r["ok"] for r in results)
    if args.json:
        print_json(
            {
                "ok": healthy,
                "checks": results,
                "idle": idle,
                "quiet": quiet,
                "notifications": notify,
            }
        )
    else:
        for r in results:
            print(f"{'ok ' if r['ok'] else 'BAD'}  {r['name']}: {r['detail']}")
    return 0 if healthy else 1


def migrate_command(args: argparse.Namespace) -> int:
    """Create or upgrade the database (copying an older one aside first); say its schema."""
    from timo_desktop import paths
    from timo_desktop.store.connection import schema_of
    from timo_desktop.store.database import Store
    from timo_desktop.store.version import SCHEMA_VERSION

    path = paths.resolve().ensure().database
    found = schema_of(path)
    copy = None
    if found and found < SCHEMA_VERSION:
        from timo_desktop.store.migrate import upgrade

        copy = upgrade(path)
    Store.open(path).close()
    print(f"The data in {path} is at schema {SCHEMA_VERSION}, this version's.")
    if copy is not None:
        print(f"A copy of it as it was (schema {found}) is in {copy}.")
    return 0
