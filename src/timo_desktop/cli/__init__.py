"""The `timo` command line (imports no Qt, but for `timo export --format pdf`, which
draws the PDF with it).

Each command lives in a module listed in `COMMAND_MODULES` with the commands it adds;
the module has `register(subparsers)`, which adds their parsers and sets
`handler=fn(args) -> int` on them, and may have `doctor_checks()` returning checks for
`timo doctor`. Adding a command is one more name there. Only the module of the command
named on the line is loaded and its parsers built (`timo --help` builds them all), and
modules import only `argparse` at the top; anything heavier is imported inside handlers
so `timo start` pays only for what it uses.

Refusals exit with status 1 (2 for a malformed command line) and print one
plain line on stderr; nothing is written. A reader that goes away (`timo log | head -1`)
ends the output quietly with status 141, as it ends git's (`run_cli`).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import IO, Any

# Each command module and the commands it registers, in `timo --help`'s order. Building
# all 32 parsers cost ~40 ms of every `timo start`; the command named is enough.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "timer": ("start", "stop", "status", "continue"),
    "entries": ("add", "duplicate", "log", "edit", "delete", "undo"),
    "projects": ("projects",),
    "config": ("config",),
    "doctor": ("doctor", "migrate"),
    "account": ("login", "keyring", "logout", "whoami", "workspace"),
    "sync": ("sync",),
    "report": ("report", "export", "attention"),
    "attention": (
        "restore",
        "keep-mine",
        "keep-theirs",
        "retry",
        "delete-anyway",
        "keep-their-version",
    ),
}

# Exit codes: 0 done, 1 refused or failed (one line on stderr), 2 bad usage.
EXIT_FAILED = 1
EXIT_USAGE = 2
# The reader of the output went away (`timo log | head -1`): see run_cli.
EXIT_READER_GONE = 128 + 13  # SIGPIPE is 13 on Linux and macOS; Windows has none to name


# Options an empty string means something for: `timo edit REF --description ""` clears it.
MAY_BE_EMPTY = frozenset({"description"})
# Options an empty string does not clear, and the option that does where a command has it.
CLEARED_BY = {"tag": ("--no-tags", "removes every tag")}
# Options taking tags, read as `core.entry.normalize_tags` reads them: one of commas only
# (`--tag ,,,`) or of the mark alone (`--tag '#'`) gives none.
TAG_OPTIONS = frozenset({"tag"})
# A value such as `-15m` (a time ago), which argparse would take for an unknown option.
TIME_AGO = re.compile(r"^-\d")


def _half_of_day(typed: list[str], left: str) -> tuple[str, str] | None:
    """(option, time) when `left`, a word left over, is the AM or PM of a time given to an
    option just before it unquoted (`--at 9 PM`)."""
    if left.lower().replace(".", "") not in ("am", "pm") or left not in typed:
        return None
    at = typed.index(left)
    if at >= 2 and typed[at - 2].startswith("-"):
        return typed[at - 2], typed[at - 1]
    return None


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, and which refuses an option
    given an empty value (`--start ''` from a script's unset variable) rather than reading it
    as not given."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        # argparse drops a write that fails: unbuffered (PYTHONUNBUFFERED), `timo --help >
        # /dev/full` said nothing and exited 0. run_cli says it, as for any command.
        if message:
            (file or sys.stderr).write(message)

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        options, extra = self.parse_known_args(args, namespace)
        if extra:
            # Said by the command's own parser, with what was most likely meant: the words
            # of a description typed without quotes (`timo start Homepage layout`).
            words = " ".join(extra)
            described = getattr(options, "description", None)
            hint = ""
            typed = list(sys.argv[1:] if args is None else args)
            if (halves := _half_of_day(typed, extra[0])) is not None:
                option, clock = halves  # `--at 9 PM`: the PM left over
                hint = f'; a time with AM or PM goes in quotes: {option} "{clock} {extra[0]}"'
            elif isinstance(described, str) and not extra[0].startswith("-"):
                hint = f'; several words go in quotes: "{described} {words}"'
            command = getattr(options, "command", None)
            prog = f"{self.prog} {command}" if command else self.prog
            sys.stderr.write(
                f"{self.prog}: unrecognized arguments: {words}{hint} (see '{prog} --help')\n"
            )
            raise SystemExit(2)
        return options

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        options, rest = super().parse_known_args(args, namespace)
        for action in self._actions:
            if not action.option_strings or action.dest in MAY_BE_EMPTY:
                continue
            value = getattr(options, action.dest, None)
            if value == action.default:
                continue
            for typed in _values(value):
                if not isinstance(typed, str) or _holds_something(action.dest, typed):
                    continue
                option, does = CLEARED_BY.get(action.dest, ("", ""))
                has = any(option in other.option_strings for other in self._actions)
                instead = f"; {option} {does}" if option and has else ""
                self.error(
                    f"argument {'/'.join(action.option_strings)}: give a value,"
                    f" not '{typed.strip()}'{instead}"
                )
        return options, rest

    def _parse_optional(self, arg_string: str) -> Any:
        # `--start -15m`, `--at -1h30`: a time ago, not an option (none of timo's starts
        # with a digit), as a negative number would be.
        if TIME_AGO.match(arg_string):
            return None
        return super()._parse_optional(arg_string)


def _values(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


def _holds_something(dest: str, typed: str) -> bool:
    """Whether `typed`, given to the option stored as `dest`, is more than spaces (and, for
    a tag option, holds a tag): `--tag ,,,` or `--tag '#'` saved no tag, and on `timo edit`
    removed every one."""
    if dest in TAG_OPTIONS:
        from timo_desktop.core.entry import normalize_tags

        return bool(normalize_tags((typed,)))
    return bool(typed.strip())


def command_modules(names: Sequence[str] = tuple(COMMAND_MODULES)) -> list[ModuleType]:
    """The command modules `names` (all by default), imported, in `COMMAND_MODULES` order."""
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser(args: Sequence[str] = ()) -> Parser:
    """The `timo` parser for the command line `args`: with only the parsers of the command
    they name, or with every command's where they name none that is known (`timo --help`,
    a misspelt command, whose error lists them all)."""
    from timo_desktop import __version__

    parser = Parser(prog="timo", description="Timo: track time from the command line.")
    parser.add_argument("--version", action="version", version=f"timo {__version__}")
    parser.add_argument("--home", metavar="DIR", help="keep data, settings, logs and locks in DIR")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    named = _command_named(args)
    owners = [module for module, commands in COMMAND_MODULES.items() if named in commands]
    for module in command_modules(owners or tuple(COMMAND_MODULES)):
        module.register(subparsers)
    return parser


def _command_named(args: Sequence[str]) -> str | None:
    """The command `timo ARGS` names, read past the options before it (`--home DIR`);
    None where an option before it is one this reading does not know."""
    rest = list(args)
    while rest:
        head = rest.pop(0)
        if head == "--home":
            rest = rest[1:]
        elif not head.startswith("-"):
            return head
        elif not head.startswith("--home="):
            return None
    return None


def run_cli(args: Sequence[str]) -> int:
    """Run one `timo` command; returns the process exit status.

    Output that finds no reader or no room is dealt with here, for every command and for
    argparse's own `--help`, `--version` and usage lines: what the command did stays done.
    """
    _output_for_any_text()
    try:
        try:
            status = _command(args)
        except SystemExit as done:  # argparse ends the process after --help or a usage error
            status = int(done.code or 0)
        # A reader that went away, or a full disk, shows here, not in the exit's own flush.
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # `timo log | head -1`: the reader has what it wanted; nothing is said. Not 1, which
        # says refused or failed (`timo stop | head -0` did stop the timer), but what a shell
        # shows for git or grep that the closed pipe ended: 128 + SIGPIPE, which `set -o
        # pipefail` scripts already tell apart.
        return _output_gone(EXIT_READER_GONE)
    except OSError as error:
        if error.errno not in _DISK_FULL:
            raise
        # `timo start X > /dev/full`: the timer runs; its words found no room.
        sys.stderr.write(f"timo: could not write its output: {error.strerror}\n")
        return _output_gone(EXIT_FAILED)


def _command(args: Sequence[str]) -> int:
    """Parse `args` and run the command they name; a refusal is one line on stderr."""
    from timo_desktop.core.errors import TimoError

    parser = build_parser(args)
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes the locale could not decode, kept as surrogates
            shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            parser.error(f"'{shown}' is not UTF-8 text, which is all Timo reads and keeps")
    options = parser.parse_args(list(args))
    if options.home:
        os.environ["TIMO_HOME"] = options.home
    handler = getattr(options, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from timo_desktop import paths
    from timo_desktop.auth.errors import AuthError
    from timo_desktop.store import connection

    # A window running beside puts back a data file deleted under it: not made anew here.
    connection.app_lock = paths.resolve().lock_file
    try:
        return int(handler(options))
    except (TimoError, AuthError) as error:  # an AuthError too: the keyring locked mid-way
        sys.stderr.write(f"timo: {error}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        sys.stderr.write("timo: interrupted\n")
        return 130
    finally:
        connection.app_lock = None


_DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def _output_for_any_text() -> None:
    """What Timo prints reaches files and pipes as UTF-8, as its JSON must be, whatever the
    computer's code page (cp1252 for a redirected `timo.exe`); a terminal that cannot show
    a character gets a stand-in, not an error after the work is done. With no standard
    output at all (`timo status >&-`), output goes nowhere."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (kept open)
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")


def _output_gone(status: int) -> int:
    """`status`, once the streams that cannot be written (stdout, or stderr too where it
    went to the same closed pipe) write to nowhere: later writes, Python's flush at exit
    among them, would fail again with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # `2>&-`: Python has no sys.stderr
            continue
        try:
            stream.flush()
        except OSError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    return status
