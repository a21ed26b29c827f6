"""A stand-in for `winreg` (which exists only on Windows): HKEY_CURRENT_USER as a dict."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from timo_desktop.platform.autostart.windows import RUN_KEY


class StandInKey:
    """An open key: its values as {name: (data, type)}, and what it was opened for."""

    def __init__(self, values: dict[str, Any], access: int) -> None:
        self.values = values
        self.access = access

    def allows(self, right: int) -> None:
        if not self.access & right:
            raise PermissionError(5, "Access is denied")


def stand_in_winreg(*, run_key: bool = True) -> tuple[SimpleNamespace, dict[str, dict[str, Any]]]:
    """Just enough of winreg's behaviour under HKEY_CURRENT_USER: keys as dicts,
    FileNotFoundError for missing keys and values, PermissionError for a value read or
    written through a key not opened for it (OpenKey reads unless told otherwise);
    `run_key`: whether the profile has a Run key yet."""
    hive: dict[str, dict[str, Any]] = {}
    query_value, set_value_right = 0x0001, 0x0002
    read = 0x20019  # KEY_READ, which includes KEY_QUERY_VALUE

    @contextmanager
    def open_key(root: str, path: str, _reserved: int = 0, access: int = read) -> Any:
        assert root == "HKCU"
        if path not in hive:
            raise FileNotFoundError(path)
        yield StandInKey(hive[path], access)

    @contextmanager
    def create_key(root: str, path: str) -> Any:
        assert root == "HKCU"
        yield StandInKey(hive.setdefault(path, {}), read | set_value_right)

    def query(key: StandInKey, name: str) -> tuple[Any, int]:
        key.allows(query_value)
        if name not in key.values:
            raise FileNotFoundError(name)
        return key.values[name]  # type: ignore[no-any-return]

    def delete(key: StandInKey, name: str) -> None:
        key.allows(set_value_right)
        if name not in key.values:
            raise FileNotFoundError(name)
        del key.values[name]

    def set_value(key: StandInKey, name: str, _reserved: int, kind: int, value: Any) -> None:
        key.allows(set_value_right)
        key.values[name] = (value, kind)

    registry = SimpleNamespace(
        HKEY_CURRENT_USER="HKCU",
        KEY_SET_VALUE=set_value_right,
        REG_SZ=1,
        REG_BINARY=3,
        OpenKey=open_key,
        CreateKey=create_key,
        QueryValueEx=query,
        DeleteValue=delete,
        SetValueEx=set_value,
    )
    if run_key:
        hive[RUN_KEY] = {}
    return registry, hive
