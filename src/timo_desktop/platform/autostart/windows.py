"""Windows: a value named Timo under HKCU\\...\\CurrentVersion\\Run."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Task Manager's Startup tab and Settings > Apps > Startup leave the Run value in place
# and turn it off here instead: a REG_BINARY of the same name, 12 bytes, whose first byte
# is odd when off (0x03, 0x07) and even when on (0x02, 0x06), then the FILETIME it was
# turned off. No value at all is on: Windows runs every Run value it has no mark for.
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
VALUE_NAME = "Timo"


def _windowed(command: Sequence[str]) -> list[str]:
    """The command with the frozen console launcher (timo.exe, the command line) swapped
    for the windowed one beside it (timow.exe): enabled from a Timo started in a terminal,
    a console window opened at every sign-in."""
    program = Path(command[0])
    windowed = program.with_name(f"{program.stem}w{program.suffix}")
    if program.name.lower() == "timo.exe" and windowed.exists():
        return [str(windowed), *command[1:]]
    return list(command)


def split_command_line(line: str) -> list[str]:
    """A command line read back as Windows programs read theirs (the Microsoft C runtime's
    rules, which `subprocess.list2cmdline` writes for): `list2cmdline` undone."""
    arguments: list[str] = []
    current: str | None = None  # None between arguments; "" for a quoted empty one
    quoted = False
    at = 0
    while at < len(line):
        char = line[at]
        if char == "\\":
            run = len(line[at:]) - len(line[at:].lstrip("\\"))
            at += run
            # Backslashes are themselves, except before a quote: halved, and an odd one
            # left over makes the quote a character rather than the start or end of one.
            if line[at : at + 1] == '"':
                current = (current or "") + "\\" * (run // 2) + ('"' if run % 2 else "")
                at += run % 2
            else:
                current = (current or "") + "\\" * run
            continue
        if char == '"':
            quoted, current = not quoted, current or ""
        elif char in " \t" and not quoted:
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + char
        at += 1
    if current is not None:
        arguments.append(current)
    return arguments


class RunKeyAutostart:
    """The per-user Run value; `registry` is the `winreg` module (replaceable in tests)."""

    def __init__(self, registry: ModuleType | None = None) -> None:
        if registry is None:
            import winreg  # Windows only

            registry = winreg
        self._reg: Any = registry

    def is_enabled(self) -> bool:
        if self.command() is None:
            return False
        mark = self._read(APPROVED_KEY)
        turned_off = isinstance(mark, bytes) and len(mark) > 0 and mark[0] & 1 == 1
        return not turned_off

    def command(self) -> list[str] | None:
        line = self._read(RUN_KEY)
        return split_command_line(line) if isinstance(line, str) else None

    def enable(self, command: Sequence[str]) -> None:
        reg = self._reg
        command = _windowed(command)
        with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            reg.SetValueEx(key, VALUE_NAME, 0, reg.REG_SZ, subprocess.list2cmdline(command))
        # Turned off in Task Manager before, the Run value alone would still not start.
        self._delete(APPROVED_KEY)

    def disable(self) -> None:
        self._delete(RUN_KEY)
        self._delete(APPROVED_KEY)  # a mark for a value that is gone

    def _read(self, path: str) -> Any:
        """Timo's value under `path` in HKCU, None without one."""
        reg = self._reg
        # A profile may have neither key: nothing ever started at sign-in, or turned off.
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, path) as key:
                return reg.QueryValueEx(key, VALUE_NAME)[0]
        except FileNotFoundError:
            return None

    def _delete(self, path: str) -> None:
        reg = self._reg
        with (
            contextlib.suppress(FileNotFoundError),  # no such value, or no such key
            reg.OpenKey(reg.HKEY_CURRENT_USER, path, 0, reg.KEY_SET_VALUE) as key,
        ):
            reg.DeleteValue(key, VALUE_NAME)
