"""RSS of the desktop app signed in to a local sandbox, against a bare PySide6 tray app.

Signed in, the app also holds the sync engine, httpx, the keyring client and
pydantic models, which a signed-out app never loads. Measured after the first
sync round has finished and 5 s of idling, under Xvfb + trayer like
`bench_gui`; each figure is a ratio to the bare app measured in the same run.
Target: under 90 MiB. With a Linux build in dist/ (`make package`) the frozen
app is measured too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_gui import (
    IDLE_SECONDS,
    MIB,
    ROOT,
    _prepared_home,
    _rss,
    _start_until_shown,
)

FIRST_ROUND_TIMEOUT = 60.0
FROZEN = ROOT / "dist" / "timo" / "timo"  # the Linux build from `make package`


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.support.desktop import desktop_session, missing_programs, stop

    from vmoox_sandbox.launcher import SandboxServer

    if missing_programs():
        print(f"   skipped: needs {', '.join(missing_programs())}")
        return
    work = Path(tempfile.mkdtemp(prefix="timo-bench-gui-signed-in-"))
    home = _prepared_home(work / "home")
    server = SandboxServer.start()
    try:
        with desktop_session(work / "desktop") as desktop:
            env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "TIMO_HOME": str(home)}
            signed_in = {**env, "VMOOX_TOKEN": server.token, "VMOOX_SERVER": server.base_url}
            rss = {}
            runs = [
                ("bare", [sys.executable, str(ROOT / "benchmarks" / "bare_tray_app.py")], env),
                ("signed out", [sys.executable, "-m", "timo_desktop"], env),
                ("signed in", [sys.executable, "-m", "timo_desktop"], signed_in),
            ]
            if FROZEN.exists():  # what people install: no sources, only what the spec bundles
                runs += [
                    ("frozen, signed out", [str(FROZEN)], env),
                    ("frozen, signed in", [str(FROZEN)], signed_in),
                ]
            for name, command, environment in runs:
                _seconds, process = _start_until_shown(desktop.run, command, environment)
                if name.endswith("signed in"):
                    _wait_for_first_sync(home)
                time.sleep(IDLE_SECONDS)
                rss[name] = _rss(process.pid)
                stop(process)
    finally:
        server.stop()
    bare = rss.pop("bare")
    if not FROZEN.exists():
        print(f"   frozen build: none at {FROZEN.relative_to(ROOT)} (make package)")
    for name in rss:
        print(
            f"   RSS after {IDLE_SECONDS:.0f} s idle, {name}: {rss[name] / MIB:.1f} MiB, "
            f"bare {bare / MIB:.1f} MiB ({rss[name] / bare:.2f}×) target < 90 MiB"
        )


def _wait_for_first_sync(home: Path) -> None:
    """Until the app's worker has finished a round (it records when sync last succeeded)."""
    from timo_desktop.store.database import Store
    from timo_desktop.sync.status import LAST_SUCCESS

    began = time.monotonic()
    while time.monotonic() - began < FIRST_ROUND_TIMEOUT:
        with Store.open(home / "data" / "timo.sqlite3") as store:
            if store.meta(LAST_SUCCESS):
                return
        time.sleep(0.2)
    raise RuntimeError(f"no sync round finished within {FIRST_ROUND_TIMEOUT:.0f} s")
