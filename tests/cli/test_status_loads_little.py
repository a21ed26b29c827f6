"""`timo status` is what scripts and prompts run again and again: with no stop by sync to
tell, it loads none of sync's modules (the words of what sync stopped load only when there
is one to say)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Timo

STATUS = """
import json, sys
from timo_desktop.__main__ import main
main(["status"])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("timo_desktop.sync"))))
"""


def _sync_modules_loaded(home: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", STATUS],
        capture_output=True,
        text=True,
        env={**os.environ, "TIMO_HOME": str(home)},
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_status_loads_no_sync_module_with_no_stop_to_tell(timo: Timo, timo_home: Path) -> None:
    assert timo("start", "Design").returncode == 0
    assert _sync_modules_loaded(timo_home) == []
