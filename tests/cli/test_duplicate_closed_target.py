"""`timo duplicate` of an entry whose project was archived on Vmoox since (as the last sync
round brought it) books no copy on it: exit 1, the reason and the way out (the `timo add`
line that books the copy without the project, as `timo continue` offers `timo start`),
nothing added. `timo add` says the same of that project by name
(tests/cli/test_tags_and_projects.py)."""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.cli import ZONE, run_timo
from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries
from timo_desktop.core.catalog import Project
from timo_desktop.core.local_time import from_text, local
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
        "project 'Website' is archived: add 'Review' without it, or with another project"
        f" (add --project P): timo add Review --date {yesterday} --start 13:00 --end 13:45"
        " --billable",
    )
    assert len(as_json(timo("log", "--json", "--from", "yesterday"))) == 1  # type: ignore[arg-type]


def test_the_offered_add_line_books_the_copy_without_the_deleted_project(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0  # the catalog
    added = run_timo(
        timo_home, "add", "Campaign copy", "--date", "2026-01-05", "--start", "09:00",
        "-d", "1h", "--project", "Green Fields campaign", "--tag", "content",
        "--tag", "draft two", "--billable",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [ref] = re.findall(r"\[([0-9a-f]{8})\]", added.stdout)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    sandbox.set_project("prj_6", status="deleted")
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0

    again = run_timo(timo_home, "duplicate", ref, "--start", "2026-01-06 14:30")
    assert again.returncode == 1 and again.stdout == ""
    why, offered = again.stderr.removeprefix("timo: ").split(": timo add ")
    assert why == (
        "project 'Green Fields campaign' is deleted: add 'Campaign copy' without it,"
        " or with another project (add --project P)"
    )
    line = f"timo add {offered}".removesuffix("\n")  # the whole rest, to paste as it is
    assert line == (
        "timo add 'Campaign copy' --date 2026-01-06 --start 14:30 --end 15:30"
        " --tag content --tag 'draft two' --billable"
    )

    # The line as offered, without the project: booked here and on Vmoox.
    booked = run_timo(timo_home, *shlex.split(line)[1:])
    assert booked.returncode == 0, booked.stderr
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    [made] = re.findall(r"\[([0-9a-f]{8})\]", booked.stdout)
    [copy] = [e for e in server_entries(sandbox) if str(e["client_ref"]).startswith(made)]
    assert copy["description"] == "Campaign copy" and copy["target"] is None
    assert sorted(copy["tags"]) == ["content", "draft two"] and copy["billable"] is True
    begin, end = (local(from_text(str(copy[key])), ZONE) for key in ("start", "end"))
    assert (begin.isoformat(), end.isoformat()) == (
        "2026-01-06T14:30:00+01:00",
        "2026-01-06T15:30:00+01:00",
    )
