"""This machine's zone name: `TZ` first, then the OS's own setting, read afresh each time
so a running app sees a change (on Windows, tzlocal is made to look again)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

import pytest

from tests.support.cli import TIMO
from timo_desktop.platform import zone


def test_tz_names_the_zone_and_a_change_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert zone.local_zone_name() == "Europe/Berlin"
    monkeypatch.setenv("TZ", ":America/New_York")  # the POSIX form with a colon
    assert zone.local_zone_name() == "America/New_York"


def test_an_unknown_name_is_passed_over_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Mars/Olympus_Mons")
    used = zone.local_zone_name()
    assert used != "Mars/Olympus_Mons"
    assert zone.tz_problem() == (
        "TZ is set to 'Mars/Olympus_Mons', which is not a time zone name such as"
        f" Europe/Berlin; using {used}"
    )
    monkeypatch.setenv("TZ", ":Europe/Berlin")
    assert zone.tz_problem() is None
    monkeypatch.delenv("TZ")
    assert zone.tz_problem() is None


def test_the_command_line_warns_of_a_tz_it_passes_over(tmp_path: Path) -> None:
    env = {**os.environ, "TZ": "UTC+3", "TIMO_HOME": str(tmp_path)}  # a POSIX rule, not a name
    status = subprocess.run(
        [*TIMO, "status"], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    assert status.stderr.startswith("timo: warning: TZ is set to 'UTC+3', which is not")
    doctor = subprocess.run([*TIMO, "doctor", "--json"], env=env, capture_output=True, text=True)
    [check] = [c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "timezone"]
    assert check["ok"] is False and "'UTC+3'" in check["detail"]


class FakeTzlocal(types.ModuleType):
    """tzlocal as on Windows: it answers from a cache until asked to look again."""

    def __init__(self, registry: list[str]) -> None:
        super().__init__("tzlocal")
        self.registry = registry  # what the Windows registry says now
        self.cached: str | None = None

    def get_localzone_name(self) -> str:
        if self.cached is None:
            self.cached = self.registry[0]
        return self.cached

    def reload_localzone(self) -> None:
        self.cached = self.registry[0]


def test_on_windows_a_new_zone_is_seen_without_a_restart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = ["Europe/Berlin"]
    monkeypatch.setitem(sys.modules, "tzlocal", FakeTzlocal(registry))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(zone, "Path", lambda _path: _Nothing())  # no /etc files on Windows
    assert zone.local_zone_name() == "Europe/Berlin"
    registry[0] = "Asia/Tokyo"  # the user changed the zone in Windows' settings
    assert zone.local_zone_name() == "Asia/Tokyo"


class _Nothing:
    """A path that is neither a link nor readable."""

    def is_symlink(self) -> bool:
        return False

    def read_text(self) -> str:
        raise OSError("no such file")


class RefusingTzlocal:
    """tzlocal on a Windows zone missing from its table (or with "adjust for daylight
    saving" off in Adelaide): both calls raise."""

    def get_localzone_name(self) -> str:
        raise ZoneInfoNotFoundError("Can not find timezone for 'Some New Standard Time'")

    def reload_localzone(self) -> None:
        raise ZoneInfoNotFoundError("Can not find timezone for 'Some New Standard Time'")


def test_on_windows_a_zone_tzlocal_cannot_name_reads_times_in_utc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The refusal went up through Tracker.open: Timo did not start at all."""
    monkeypatch.setitem(sys.modules, "tzlocal", RefusingTzlocal())
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(zone, "Path", lambda _path: _Nothing())
    assert zone.local_zone_name() == "UTC"
