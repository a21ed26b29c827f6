"""`timo duplicate` of an entry whose project was archived on Vmoox since (as the last sync
round brought it) books no copy on it: exit 1, the reason and the way out, nothing added.
`timo add` says the same of that project by name (tests/cli/test_tags_and_projects.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.cli import ZONE
from timo_desktop.core.catalog import Project
from timo_desktop.store.database import Store

from .conftest import Timo, as_json
from .test_commands import refused


def test_duplicate_refuses_an_entry_whose_project_was_archived(timo: Timo, catalog: Path) -> None:
    yesterday = (datetime.now(ZoneInfo(ZONE)) - timedelta(days=1)).date()
    added = timo(
        *("add", "Review", "--start", "09:00", "--end", "09:45", "--date", "yesterday"),
        *("--project", "Website"),
    )
    assert added.returncode == 0, added.stderr
    [original] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    with Store.open(catalog) as store, store.write() as tx:
        website = Project("prj_1", "Website", billable_default=True)
        tx.put_projects([replace(website, status="archived")])

    refused(
        timo("duplicate", original["client_ref"][:8], "--start", f"{yesterday} 13:00"),
        "project 'Website' is archived: add 'Review' without it, or with another project",
    )
    assert len(as_json(timo("log", "--json", "--from", "yesterday"))) == 1  # type: ignore[arg-type]
