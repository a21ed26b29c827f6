"""Windows: a value named Timo under HKCU\\...\\CurrentVersion\\Run."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Sequence
from types import ModuleType
from typing import Any

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "Timo"


class RunKeyAutostart:
    """The per-user Run value; `registry` is the `winreg` module (replaceable in tests)."""

    def __init__(self, registry: ModuleType | None = None) -> None:
        if registry is None:
            import winreg  # Windows only

            registry = winreg
        self._reg: Any = registry

    def is_enabled(self) -> bool:
        reg = self._reg
        with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            try:
                reg.QueryValueEx(key, VALUE_NAME)
            except FileNotFoundError:
                return False
        return True

    def enable(self, command: Sequence[str]) -> None:
        reg = self._reg
        with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            reg.SetValueEx(key, VALUE_NAME, 0, reg.REG_SZ, subprocess.list2cmdline(command))

    def disable(self) -> None:
        reg = self._reg
        with (
            reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key,
            contextlib.suppress(FileNotFoundError),  # already off
        ):
            reg.DeleteValue(key, VALUE_NAME)
