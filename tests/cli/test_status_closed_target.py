"""`timo status` of a timer running on a project Vmoox takes no time on now (archived since
it started, as the last sync brought it) says so while the time grows, with the command
that gives it another; it read as any other running timer, the time held at the next
sync."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from timo_desktop.core.catalog import Project
from timo_desktop.store.database import Store

from .conftest import Timo


def test_a_timer_on_a_project_archived_since_says_so_with_the_fix(
    timo: Timo, catalog: Path
) -> None:
    started = timo("start", "Review", "--project", "Website")
    assert started.returncode == 0, started.stderr
    assert len(timo("status").stdout.splitlines()) == 1  # open: nothing more to say
    with Store.open(catalog) as store, store.write() as tx:
        website = Project("prj_1", "Website", billable_default=True)
        tx.put_projects([replace(website, status="archived")])

    shown = timo("status")

    assert shown.returncode == 0, shown.stderr
    running, said = shown.stdout.splitlines()[0], " ".join(shown.stdout.splitlines()[1:])
    ref = running[running.index("[") + 1 : running.index("]")]
    assert running.startswith("Running 'Review' (Website)")
    assert said == (
        "Vmoox takes no time there: project 'Website' is archived; give it another:"
        f" `timo edit {ref} --project P` (or --record R)."
    )
