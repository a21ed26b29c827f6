"""Start at login: the XDG file for real, the LaunchAgent file in a redirected home,
the Windows Run key against a stand-in registry (winreg exists only on Windows)."""

from __future__ import annotations

import configparser
import logging
import plistlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.registry import stand_in_winreg
from timo_desktop.platform.autostart import Autostart, for_this_os, launch_command, refresh
from timo_desktop.platform.autostart.linux import XdgAutostart, exec_arguments
from timo_desktop.platform.autostart.macos import LaunchAgentAutostart
from timo_desktop.platform.autostart.windows import (
    APPROVED_KEY,
    RUN_KEY,
    RunKeyAutostart,
    split_command_line,
)

AWKWARD = ["/opt/My Apps/timo", "--home", '/tmp/a "b" $HOME\\x', "100%"]


@pytest.mark.parametrize(
    ("value", "command"),
    [
        ('"/opt/My Apps/timo" --background', ["/opt/My Apps/timo", "--background"]),  # install.sh
        (r'"/tmp/a \\"b\\" \\$HOME\\\\x" 100%%', ['/tmp/a "b" $HOME\\x', "100%"]),
        (r"timo\s--background", ["timo", "--background"]),  # \s: a space, in a string value
        ('"" x', ["", "x"]),
    ],
)
def test_exec_values_read_as_launchers_read_them(value: str, command: list[str]) -> None:
    """The Desktop Entry Specification's rules: string escapes, then the Exec quoting."""
    assert exec_arguments(value) == command


@pytest.mark.parametrize(
    "value",
    [
        "'/opt/my timo/timo' --background",  # GLib reads single quotes as a shell does
        r"/opt/my\\ timo/timo --background",  # a backslash outside quotes
        "$HOME/timo --background",
        '"/opt/timo --background',  # left open
        r'"/opt/\\timo" --background',  # \t is no Exec escape
        '/opt/"my timo"/timo --background',  # quotes around part of an argument
    ],
)
def test_exec_values_the_specification_leaves_open_are_not_read(value: str) -> None:
    """Launchers differ on such a line: what it starts cannot be told for sure."""
    assert exec_arguments(value) is None


def test_an_entry_quoted_in_single_quotes_is_not_taken_for_one_starting_nothing(
    tmp_path: Path,
) -> None:
    """`'/opt/my timo/timo' --background` starts Timo under GLib, but was read as "'/opt/my"
    "timo/timo'": a program gone, so a working entry was rewritten."""
    login = XdgAutostart(config_home=tmp_path / "config")
    login.enable(["timo", "--background"])
    there = program(tmp_path / "my apps", there=True)
    text = login.path.read_text().replace("Exec=timo", f"Exec='{there}'")
    login.path.write_text(text)
    assert login.command() is None and login.is_enabled()
    assert not refresh(login, [program(tmp_path / "new", there=True), "--background"])
    assert login.path.read_text() == text


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
    assert exec_arguments(section["Exec"]) == AWKWARD
    autostart.disable()
    assert not autostart.is_enabled()
    autostart.disable()  # off twice is fine


@pytest.mark.parametrize(
    ("edit", "on"),
    [
        (lambda text: text + "Hidden=true\n", False),  # Xfce's Application Autostart
        (lambda text: text.replace("Autostart-enabled=true", "Autostart-enabled=false"), False),
        (lambda text: text + "Hidden=false\n", True),
        (lambda text: text + "[Desktop Action quit]\nHidden=true\n", True),  # not the entry's
        (lambda text: text + "Hidden=1\n", False),  # GLib's booleans are 1 and 0 too
        (lambda text: text.replace("Autostart-enabled=true", "Autostart-enabled=0"), False),
    ],
    ids=[
        "xfce-hidden",
        "gnome-disabled",
        "hidden-false",
        "other-group",
        "hidden-1",
        "gnome-disabled-0",
    ],
)
def test_xdg_autostart_turned_off_by_the_desktop(
    tmp_path: Path, edit: Callable[[str], str], on: bool
) -> None:
    """Turned off in the desktop's own startup settings, the file stays: Settings said
    Timo starts at login, and ticking the box (already ticked) did not turn it on."""
    autostart = XdgAutostart(config_home=tmp_path)
    autostart.enable(AWKWARD)
    autostart.path.write_text(edit(autostart.path.read_text()))
    assert autostart.is_enabled() is on
    autostart.enable(AWKWARD)
    assert autostart.is_enabled()


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


# What Task Manager's Startup tab (or Settings > Apps > Startup) writes beside the Run value:
# on is an even first byte, off an odd one followed by the FILETIME it was turned off.
TURNED_ON = [bytes.fromhex("020000000000000000000000"), bytes.fromhex("060000000000000000000000")]
TURNED_OFF = [bytes.fromhex("03000000d40d438dc83bd901"), bytes.fromhex("07000000d40d438dc83bd901")]
SIGN_IN = [r"C:\Program Files\Timo\timow.exe", "--background"]


def marked(mark: bytes) -> tuple[RunKeyAutostart, dict[str, dict[str, Any]]]:
    """Timo on in the Run key, and `mark` for it in StartupApproved\\Run."""
    registry, hive = stand_in_winreg()
    autostart = RunKeyAutostart(registry)  # type: ignore[arg-type]
    autostart.enable(SIGN_IN)
    hive[APPROVED_KEY] = {"Timo": (mark, registry.REG_BINARY), "OneDrive": (TURNED_ON[0], 3)}
    return autostart, hive


@pytest.mark.parametrize("mark", TURNED_OFF, ids=["03", "07"])
def test_windows_turned_off_in_task_manager_is_off(mark: bytes) -> None:
    """Windows keeps the Run value and will not start it: Settings said Timo starts."""
    autostart, _ = marked(mark)
    assert not autostart.is_enabled()


@pytest.mark.parametrize("mark", TURNED_ON, ids=["02", "06"])
def test_windows_turned_on_in_task_manager_is_on(mark: bytes) -> None:
    autostart, _ = marked(mark)
    assert autostart.is_enabled()


@pytest.mark.parametrize("mark", TURNED_OFF, ids=["03", "07"])
def test_switching_on_in_timo_undoes_task_managers_off(mark: bytes) -> None:
    """Turned on in Settings, Timo rewrote the Run value but Task Manager's mark still
    kept it from starting."""
    autostart, hive = marked(mark)
    autostart.enable(SIGN_IN)
    assert autostart.is_enabled()
    assert hive[APPROVED_KEY] == {"OneDrive": (TURNED_ON[0], 3)}  # others' marks stay


def test_switching_off_leaves_no_mark_behind() -> None:
    autostart, hive = marked(TURNED_ON[0])
    autostart.disable()
    assert "Timo" not in hive[RUN_KEY] and "Timo" not in hive[APPROVED_KEY]
    assert not autostart.is_enabled()
    autostart.disable()  # off twice is fine


def test_windows_without_a_startup_approved_key() -> None:
    """A profile where nothing was ever turned off has no StartupApproved key at all."""
    registry, hive = stand_in_winreg()
    autostart = RunKeyAutostart(registry)  # type: ignore[arg-type]
    autostart.enable(SIGN_IN)
    assert autostart.is_enabled() and APPROVED_KEY not in hive
    autostart.disable()
    assert not autostart.is_enabled()


@pytest.mark.parametrize(
    ("line", "command"),
    [
        (
            r'"C:\Users\dana\AppData\Local\Programs\Timo\timow.exe" --background',  # timo.iss
            [r"C:\Users\dana\AppData\Local\Programs\Timo\timow.exe", "--background"],
        ),
        # Microsoft's examples ("Parsing C command-line arguments"), and an empty one.
        (r'"a b c" d e', ["a b c", "d", "e"]),
        (r'"ab\"c" "\\" d', ['ab"c', "\\", "d"]),
        (r'a\\\b d"e f"g h', [r"a\\\b", "de fg", "h"]),
        (r"a\\\"b c d", [r"a\"b", "c", "d"]),
        (r'a\\\\"b c" d e', [r"a\\b c", "d", "e"]),
        ('timow.exe "" x', ["timow.exe", "", "x"]),
    ],
)
def test_run_values_read_as_windows_programs_read_them(line: str, command: list[str]) -> None:
    assert split_command_line(line) == command


@pytest.fixture(params=["xdg", "launch-agent", "run-key"])
def login(request: pytest.FixtureRequest, tmp_path: Path) -> Autostart:
    """Each OS's start at login, empty: real files in temporary folders; the stand-in
    registry for Windows."""
    if request.param == "xdg":
        return XdgAutostart(config_home=tmp_path / "config")
    if request.param == "launch-agent":
        return LaunchAgentAutostart(home=tmp_path / "home")
    registry, _ = stand_in_winreg()
    return RunKeyAutostart(registry)  # type: ignore[arg-type]


def test_each_os_reads_back_the_command_it_starts(login: Autostart) -> None:
    assert login.command() is None
    login.enable(AWKWARD)
    assert login.command() == AWKWARD
    login.disable()
    assert login.command() is None


@pytest.mark.parametrize("text", [b"not a property list", b"<plist><dict><key>Label"])
def test_a_launch_agent_launchd_cannot_read_starts_nothing(tmp_path: Path, text: bytes) -> None:
    login = LaunchAgentAutostart(home=tmp_path)
    login.path.parent.mkdir(parents=True)
    login.path.write_bytes(text)
    assert login.command() is None
    assert not refresh(login, [program(tmp_path, there=True), "--background"])
    assert login.path.read_bytes() == text


def program(folder: Path, *, there: bool) -> str:
    """Timo's executable in `folder`, put there or not (moved away since)."""
    path = folder / "Timo.app" / "Contents" / "MacOS" / "timo"
    if there:
        path.parent.mkdir(parents=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize(
    "arguments",
    [["--background"], ["--background", "--home", "/Volumes/Stick/Timo"]],
    ids=["default-home", "chosen-home"],
)
def test_start_at_login_follows_a_timo_that_moved(
    login: Autostart, tmp_path: Path, arguments: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Moved to another folder (or installed elsewhere, its venv moved), Timo no longer
    started at login while Settings said it did."""
    login.enable([program(tmp_path / "Downloads", there=False), *arguments])
    here = [program(tmp_path / "Applications", there=True), *arguments]
    with caplog.at_level(logging.INFO, logger="timo_desktop.platform.autostart"):
        assert refresh(login, here)
    assert login.command() == here and login.is_enabled()
    assert "start at login now runs" in caplog.text and str(tmp_path / "Downloads") in caplog.text
    assert not refresh(login, here)  # up to date now


@pytest.mark.parametrize(
    ("recorded", "current"),
    [
        (["--background"], ["--background", "--home", "/tmp/autostart-test"]),
        (["--background", "--home", "/tmp/autostart-test"], ["--background"]),
        (["--background", "--home", "/home/dana/A"], ["--background", "--home", "/home/dana/B"]),
    ],
    ids=["test-home-started", "default-home-started", "another-chosen-home"],
)
def test_a_timo_on_another_home_leaves_start_at_login_alone(
    login: Autostart, tmp_path: Path, recorded: list[str], current: list[str]
) -> None:
    """A Timo started once on another TIMO_HOME (a test's, a portable copy) must not take
    start at login over from the Timo it was turned on for, even for a program gone."""
    entry = [program(tmp_path / "old", there=False), *recorded]
    login.enable(entry)
    assert not refresh(login, [program(tmp_path / "new", there=True), *current])
    assert login.command() == entry


def test_a_program_still_there_keeps_starting_at_login(login: Autostart, tmp_path: Path) -> None:
    """Another copy (or one macOS ran from a translocated path, gone after a restart)
    must not take over from a copy that still starts."""
    entry = [program(tmp_path / "Applications", there=True), "--background"]
    login.enable(entry)
    assert not refresh(login, [program(tmp_path / "Downloads", there=True), "--background"])
    assert login.command() == entry


def test_an_entry_that_is_not_timo_in_the_tray_is_left_alone(
    login: Autostart, tmp_path: Path
) -> None:
    entry = [str(tmp_path / "gone" / "start-timo.sh")]  # the user's own script, say
    login.enable(entry)
    assert not refresh(login, [program(tmp_path / "new", there=True), "--background"])
    assert login.command() == entry


def test_start_at_login_off_stays_off(login: Autostart, tmp_path: Path) -> None:
    assert not refresh(login, [program(tmp_path, there=True), "--background"])
    assert login.command() is None and not login.is_enabled()


def test_an_entry_the_desktop_turned_off_stays_off(tmp_path: Path) -> None:
    """Rewritten, the entry would have come back on (Timo writes it enabled)."""
    login = XdgAutostart(config_home=tmp_path / "config")
    entry = [program(tmp_path / "old", there=False), "--background"]
    login.enable(entry)
    login.path.write_text(login.path.read_text() + "Hidden=true\n")
    assert not refresh(login, [program(tmp_path / "new", there=True), "--background"])
    assert login.command() == entry and not login.is_enabled()


def test_an_entry_task_manager_turned_off_stays_off(tmp_path: Path) -> None:
    """Rewritten, the entry would have come back on (turning on clears Task Manager's mark)."""
    login, hive = marked(TURNED_OFF[0])
    assert not refresh(login, [program(tmp_path / "new", there=True), "--background"])
    assert hive[APPROVED_KEY]["Timo"][0] == TURNED_OFF[0] and not login.is_enabled()
