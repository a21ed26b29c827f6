"""Start at login: the XDG file for real, the LaunchAgent file in a redirected home,
the Windows Run key against a stand-in registry (winreg exists only on Windows)."""

from __future__ import annotations

import configparser
import plistlib
import subprocess
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from timo_desktop.platform.autostart import for_this_os, launch_command
from timo_desktop.platform.autostart.linux import XdgAutostart
from timo_desktop.platform.autostart.macos import LaunchAgentAutostart
from timo_desktop.platform.autostart.windows import RUN_KEY, RunKeyAutostart

AWKWARD = ["/opt/My Apps/timo", "--home", '/tmp/a "b" $HOME\\x', "100%"]


def parse_exec(value: str) -> list[str]:
    """Read an Exec value as the Desktop Entry Specification says launchers do."""
    value = value.replace("\\\\", "\\")  # string-value escaping first
    args: list[str] = []
    current: str | None = None
    quoted = escaped = False
    for char in value:
        if escaped:
            current, escaped = (current or "") + char, False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted, current = not quoted, current or ""
        elif char == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + char
    if current is not None:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def test_xdg_autostart_in_the_redirected_config_home(
    timo_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(timo_home / "xdg"))
    autostart = for_this_os()
    assert isinstance(autostart, XdgAutostart)
    assert autostart.path == timo_home / "xdg" / "autostart" / "app.timo.desktop.desktop"
    assert not autostart.is_enabled()
    autostart.enable(AWKWARD)
    assert autostart.is_enabled()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(autostart.path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert parse_exec(section["Exec"]) == AWKWARD
    autostart.disable()
    assert not autostart.is_enabled()
    autostart.disable()  # off twice is fine


def test_launch_command_starts_this_python_in_the_tray(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TIMO_HOME")
    command = launch_command()
    assert command[-1] == "--background"
    shown = subprocess.run([*command[:-1], "--help"], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr


def test_a_chosen_home_is_started_at_login_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Started with TIMO_HOME (portable use), "Start at login" wrote `timo --background`:
    at login, with no TIMO_HOME, an empty Timo opened on the default folders."""
    monkeypatch.setenv("TIMO_HOME", str(tmp_path / "portable"))
    command = launch_command()
    assert command[-3:] == ["--background", "--home", str(tmp_path / "portable")]


def test_launch_agent_plist(tmp_path: Path) -> None:
    autostart = LaunchAgentAutostart(home=tmp_path)
    autostart.enable(AWKWARD)
    agent = plistlib.loads(autostart.path.read_bytes())
    assert agent["ProgramArguments"] == AWKWARD
    assert agent["RunAtLoad"] is True
    assert agent["Label"] == "app.timo.desktop"
    autostart.disable()
    assert not autostart.path.exists()


def stand_in_winreg(*, run_key: bool = True) -> tuple[SimpleNamespace, dict[str, dict[str, Any]]]:
    """Just enough of winreg's behaviour: keys as dicts, FileNotFoundError for missing keys
    and values; `run_key`: whether the profile has a Run key yet."""
    hive: dict[str, dict[str, Any]] = {}

    @contextmanager
    def open_key(root: str, path: str, *_: Any) -> Any:
        if path not in hive:
            raise FileNotFoundError(path)
        yield hive[path]

    @contextmanager
    def create_key(root: str, path: str) -> Any:
        yield hive.setdefault(path, {})

    def query(key: dict[str, Any], name: str) -> tuple[Any, int]:
        if name not in key:
            raise FileNotFoundError(name)
        return key[name]

    def delete(key: dict[str, Any], name: str) -> None:
        if name not in key:
            raise FileNotFoundError(name)
        del key[name]

    def set_value(key: dict[str, Any], name: str, _reserved: int, kind: int, value: str) -> None:
        key[name] = (value, kind)

    registry = SimpleNamespace(
        HKEY_CURRENT_USER="HKCU",
        KEY_SET_VALUE=2,
        REG_SZ=1,
        OpenKey=open_key,
        CreateKey=create_key,
        QueryValueEx=query,
        DeleteValue=delete,
        SetValueEx=set_value,
    )
    if run_key:
        hive[RUN_KEY] = {}
    return registry, hive


def test_windows_run_key() -> None:
    registry, hive = stand_in_winreg()
    autostart = RunKeyAutostart(registry)  # type: ignore[arg-type]
    assert not autostart.is_enabled()
    autostart.enable([r"C:\Program Files\Timo\timo.exe", "--background"])
    assert hive[RUN_KEY]["Timo"] == (r'"C:\Program Files\Timo\timo.exe" --background', 1)
    assert autostart.is_enabled()
    autostart.disable()
    autostart.disable()
    assert not autostart.is_enabled()


def test_windows_without_a_run_key_yet() -> None:
    """A profile that never started anything at sign-in has no Run key: reading it raised
    FileNotFoundError in the Settings dialog."""
    registry, hive = stand_in_winreg(run_key=False)
    autostart = RunKeyAutostart(registry)  # type: ignore[arg-type]
    assert not autostart.is_enabled()
    autostart.disable()  # nothing to turn off
    autostart.enable([r"C:\Timo\timow.exe", "--background"])
    assert autostart.is_enabled() and RUN_KEY in hive


def test_windows_starts_the_windowed_launcher_at_sign_in(tmp_path: Path) -> None:
    """Enabled from a Timo started in a terminal (timo.exe, the console launcher), a console
    window opened at every sign-in."""
    for name in ("timo.exe", "timow.exe"):
        (tmp_path / name).touch()
    registry, hive = stand_in_winreg()
    RunKeyAutostart(registry).enable([str(tmp_path / "timo.exe"), "--background"])  # type: ignore[arg-type]
    assert hive[RUN_KEY]["Timo"][0] == f"{tmp_path / 'timow.exe'} --background"
