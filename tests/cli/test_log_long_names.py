"""`timo log` fits 80 columns with a long project and task: the `[project › task]` line
was 208 characters. The name is wrapped, never cut."""

from __future__ import annotations

from pathlib import Path

from timo_desktop.core.catalog import Project
from timo_desktop.core.text_width import display_width
from timo_desktop.store.database import Store

from .conftest import Timo

LONG = (
    "Green Fields Sustainable Agriculture Cooperative – Regional Awareness Campaign"
    " Spring/Summer Season Deliverables"
)


def test_a_long_target_is_wrapped_within_80_columns(timo: Timo, timo_home: Path) -> None:
    with Store.open(timo_home / "data" / "timo.sqlite3") as store, store.write() as tx:
        tx.put_projects([Project("prj_9", LONG)])
    added = timo(
        "add", "Copy", "--date", "2026-01-05", "--start", "09:00", "-d", "1h", "-p", "prj_9"
    )
    assert added.returncode == 0, added.stderr
    logged = timo("log", "--from", "2026-01-05", "--to", "2026-01-05")
    lines = logged.stdout.splitlines()
    assert all(display_width(line) <= 80 for line in lines), lines
    assert LONG in " ".join(line.strip() for line in lines)  # whole, across its lines
