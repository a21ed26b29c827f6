"""`TZ` as the C library also takes it: the path of a zone file, or `:` before a name or a
path. Each is read as the zone it names, not passed over for UTC with a warning."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import TIMO
from timo_desktop.platform import zone


@pytest.mark.parametrize(
    ("tz", "name"),
    [
        ("/usr/share/zoneinfo/Asia/Kathmandu", "Asia/Kathmandu"),
        (":/usr/share/zoneinfo/America/New_York", "America/New_York"),
        ("/usr/share/zoneinfo/posix/Asia/Tokyo", "Asia/Tokyo"),  # the same zones again
        ("/usr/lib/zoneinfo/right/Europe/Berlin", "Europe/Berlin"),
        (":Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_a_zone_file_path_names_its_zone(
    tz: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", tz)
    assert zone.local_zone_name() == name
    assert zone.tz_problem() is None


def test_a_link_to_a_zone_file_names_the_zone_it_leads_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`TZ=/etc/localtime` and the like: a link into the zone files."""
    target = tmp_path / "share" / "zoneinfo" / "Asia" / "Kathmandu"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"")  # only its path is read
    link = tmp_path / "localtime"
    link.symlink_to(target)
    monkeypatch.setenv("TZ", str(link))
    assert zone.local_zone_name() == "Asia/Kathmandu"


def test_a_path_that_names_no_zone_is_still_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "/srv/zoneinfo/Mars/Olympus_Mons")
    used = zone.local_zone_name()
    assert used != "Mars/Olympus_Mons"
    assert zone.tz_problem() == (
        "TZ is set to '/srv/zoneinfo/Mars/Olympus_Mons', which is not a time zone name such as"
        f" Europe/Berlin; using {used}"
    )


def test_the_command_line_takes_a_zone_file_path(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TZ": "/usr/share/zoneinfo/Asia/Kathmandu",
        "TIMO_HOME": str(tmp_path),
    }
    added = subprocess.run(
        [*TIMO, "add", "Tea", "--start", "2025-03-03 09:00", "--end", "2025-03-03 09:15"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (added.returncode, added.stderr) == (0, "")  # no warning, no UTC
    logged = subprocess.run(
        [*TIMO, "log", "--json", "--from", "2025-03-03", "--to", "2025-03-03"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    [entry] = json.loads(logged.stdout)
    assert (entry["timezone"], entry["start"]) == ("Asia/Kathmandu", "2025-03-03T03:15:00Z")
