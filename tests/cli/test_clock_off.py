"""A computer clock hours off is said where people look, `timo sync`, `timo sync status`
and `timo doctor`: every time tracked on it is off by as much. It was measured at each
sync and never told. Real `timo` processes against the sandbox, whose clock is moved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

AHEAD = (
    "This computer's clock is 3 h ahead of Vmoox's; times you track are off by that much."
    " Set the clock right."
)


def _said(text: str) -> str:
    return " ".join(text.split())


def _clock_check(home: Path) -> dict[str, object]:
    done = run_timo(home, "doctor", "--json")
    [check] = [c for c in json.loads(done.stdout)["checks"] if c["name"] == "clock"]
    return check  # type: ignore[no-any-return]


def test_a_clock_hours_ahead_is_told(timo_home: Path, sandbox: SandboxHandle) -> None:
    sandbox.set_clock(-3 * 3600)
    synced = run_timo(timo_home, "sync", server=sandbox)
    assert synced.returncode == 0, synced.stderr
    assert AHEAD in _said(synced.stdout)
    status = run_timo(timo_home, "sync", "status", server=sandbox)
    assert AHEAD in _said(status.stdout)
    assert _clock_check(timo_home) == {"name": "clock", "ok": False, "detail": AHEAD}
