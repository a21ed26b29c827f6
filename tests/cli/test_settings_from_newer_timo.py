"""A settings file a newer Timo wrote too (on this computer, or synced between computers by
the user): its keys this Timo does not know are passed over and kept. Every command refused
the whole file ("Extra inputs are not permitted"), and the app dropped every setting, the
time zone with them."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Timo

NEWER = {
    "day": {"time_zone": "Europe/Berlin", "week_numbering": "us"},
    "idle": {"threshold_seconds": 600},
    "focus_mode": {"enabled": True},
}


def test_keys_of_a_newer_timo_are_passed_over_and_kept(timo: Timo, timo_home: Path) -> None:
    file = timo_home / "config" / "settings.json"
    file.parent.mkdir(parents=True)
    file.write_text(json.dumps(NEWER), encoding="utf-8")
    for command in (("log",), ("status",), ("config", "get", "idle.threshold_seconds")):
        done = timo(*command)
        assert done.returncode == 0 and done.stderr == "", (command, done.stderr)
    assert timo("config", "get", "day.time_zone").stdout == "Europe/Berlin\n"
    changed = timo("config", "set", "idle.threshold_seconds", "900")
    assert changed.returncode == 0, changed.stderr
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert saved["idle"] == {"threshold_seconds": 900}
    assert saved["focus_mode"] == {"enabled": True}  # the newer Timo finds its own again
    assert saved["day"]["week_numbering"] == "us"
