"""The commands scripts, prompts and hotkeys run again and again stay cheap: `timo start`,
`stop` and `status` load neither SQLAlchemy nor Alembic, even the first time (a new
database is built from the shipped schema), nor pydantic nor Vmoox's models (a change
saved here settles sync's questions without them), nor the reports' arithmetic and
queries, nor wcwidth for words all in plain ASCII, and `status`,
with no stop by sync to tell, none of sync's modules (the words of what sync stopped load
only when there is one to say; of a timer on a project, the catalog's rule whether it
takes time, `sync.targets`, core and store only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Timo

RUN = """
import json, sys
from timo_desktop.__main__ import main
main(sys.argv[1:])
heavy = ("pydantic", "timo_desktop.vmoox", "timo_desktop.sync", "wcwidth")
heavy += ("sqlalchemy", "alembic")
heavy += ("timo_desktop.core.reports", "timo_desktop.store.reports", "timo_desktop.reports")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def _loaded(home: Path, *args: str) -> list[str]:
    """The heavy modules `timo ARGS` loaded, run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "TIMO_HOME": str(home)},
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_start_stop_and_status_load_no_pydantic(timo: Timo, timo_home: Path) -> None:
    assert not timo_home.joinpath("data", "timo.sqlite3").exists()  # the first start makes it
    settles = ["timo_desktop.sync", "timo_desktop.sync.fields"]  # a saved change's questions
    # Whether its target still takes time, by the rule sync goes by too (core and store only).
    starts = sorted([*settles, "timo_desktop.sync.targets"])
    assert _loaded(timo_home, "start", "Design") == starts
    assert _loaded(timo_home, "status") == []
    assert _loaded(timo_home, "start", "Review") == starts  # the running one stopped too
    assert _loaded(timo_home, "stop") == settles
    assert timo("status").stdout.startswith("No timer is running")
