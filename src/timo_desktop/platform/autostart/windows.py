"""Windows: a value named Timo under HKCU\\...\\CurrentVersion\\Run."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
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


class RunKeyAutostart:
    """The per-user Run value; `registry` is the `winreg` module (replaceable in tests)."""

    def __init__(self, registry: ModuleType | None = None) -> None:
        if registry is None:
            import winreg  # Windows only

            registry = winreg
        self._reg: Any = registry

    def is_enabled(self) -> bool:
        reg = self._reg
        try:  # a profile may have no Run key at all (nothing ever started at sign-in)
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                reg.QueryValueEx(key, VALUE_NAME)
        except FileNotFoundError:
            return False
        return True

    def enable(self, command: Sequence[str]) -> None:
        reg = self._reg
        command = _windowed(command)
        with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            reg.SetValueEx(key, VALUE_NAME, 0, reg.REG_SZ, subprocess.list2cmdline(command))

    def disable(self) -> None:
        reg = self._reg
        with (
            contextlib.suppress(FileNotFoundError),  # already off, or no Run key at all
            reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key,
        ):
            reg.DeleteValue(key, VALUE_NAME)
