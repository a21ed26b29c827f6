"""`timo start` of what the timer is doing already: nothing starts, as with `timo continue`.
Each such start stopped the timer and started it anew, leaving an entry of a second or two
that `timo export --round 15` billed a quarter of an hour."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.cli.conftest import Timo, as_json


def test_starting_what_runs_starts_nothing_and_says_so(timo: Timo, catalog: Path) -> None:
    what = ("start", "Homepage layout", "--project", "Website")
    started = timo(*what)
    assert started.returncode == 0, started.stderr
    since = re.search(r" at (\d\d:\d\d) \[", started.stdout)
    assert since is not None
    for _ in range(3):
        again = timo(*what)
        assert again.returncode == 0, again.stderr
        assert again.stdout == f"'Homepage layout' is already running, since {since[1]}\n"
    [running] = as_json(timo("log", "--json"))  # type: ignore[misc]
    assert running["end"] is None and running["project_name"] == "Website"

    # Other tags are other work: a switch, as before.
    switched = timo(*what, "--tag", "call")
    assert switched.returncode == 0, switched.stderr
    assert switched.stdout.startswith("Stopped 'Homepage layout'")
    logged: list[dict[str, Any]] = as_json(timo("log", "--json"))  # type: ignore[assignment]
    [first] = [e for e in logged if not e["tags"]]
    [second] = [e for e in logged if e["tags"] == ["call"]]
    assert first["end"] == second["start"] and second["end"] is None
