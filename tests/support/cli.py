"""Run `timo` as a user would: a real `python -m timo_desktop` process on a test's TIMO_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support import warm_timo

if TYPE_CHECKING:
    from tests.support.sandbox import SandboxHandle

TIMO = (sys.executable, "-m", "timo_desktop")
ZONE = "Europe/Berlin"
TIMEOUT = 120.0  # seconds; a safety net on a shared machine, not a speed check


def run_timo(
    home: Path, *args: str, server: SandboxHandle | None = None, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run `timo ARGS` in Berlin time with TIMO_HOME=`home` and return the finished process.

    The rest of the environment is the test's own (the root conftest clears
    VMOOX_TOKEN); with `server`, signed in to it through VMOOX_TOKEN. The process is
    forked from a warmed-up interpreter where it can be (`warm_timo`).
    `options` go to `subprocess.run` (`input=`, `preexec_fn=`, `stdout=`...).
    """
    env = timo_env(home, server)
    if warm_timo.can_run(env, options):
        return warm_timo.run([*TIMO, *args], args, env, TIMEOUT, **options)
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([*TIMO, *args], text=True, env=env, timeout=TIMEOUT, **options)


def timo_env(home: Path, server: SandboxHandle | None = None) -> dict[str, str]:
    """The environment `run_timo` runs `timo` in."""
    env = {**os.environ, "TIMO_HOME": str(home), "TZ": ZONE}
    if server is not None:
        env |= {"VMOOX_TOKEN": server.token, "VMOOX_SERVER": server.base_url}
    return env
