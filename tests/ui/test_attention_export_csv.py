"""Needs attention › Export entries… writes CSV text cells a spreadsheet shows as text, as
`timo export` does: a description like `=HYPERLINK(…)` must never run as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from timo_desktop.ui.attention_panel import write_export


def test_text_cells_that_would_start_a_formula_are_kept_as_text(tmp_path: Path) -> None:
    entry = {
        "client_ref": "ref-1",
        "start": "2026-11-26T09:00:00Z",
        "end": "2026-11-26T09:30:00Z",
        "description": '=HYPERLINK("http://example.com","Invoice")',
        "target": {"id": "prj_1"},
        "tags": ["+urgent", "design"],
        "billable": True,
        "timezone": "Europe/Berlin",
    }
    written = tmp_path / "held.csv"
    write_export(written, [entry])
    with written.open(newline="", encoding="utf-8") as kept:
        [row] = list(csv.DictReader(kept))
    assert row["description"] == '\'=HYPERLINK("http://example.com","Invoice")'
    assert row["tags"] == "'+urgent;design"
    assert row["start"] == "2026-11-26T09:00:00Z" and row["billable"] == "yes"


def test_an_export_that_fails_part_way_leaves_the_file_it_replaces_whole(tmp_path: Path) -> None:
    """The file is written whole or not at all: a reader never finds it half-written, and
    an export that fails (here at its second entry) keeps the one it was replacing."""
    written = tmp_path / "held.csv"
    written.write_text("the export made yesterday\n", encoding="utf-8")
    first = {"client_ref": "ref-1", "start": "2026-11-26T09:00:00Z", "billable": False}
    broken = {"start": "2026-11-26T10:00:00Z"}  # no client_ref: writing its row fails
    with pytest.raises(KeyError):
        write_export(written, [first, broken])
    assert written.read_text(encoding="utf-8") == "the export made yesterday\n"
    assert [p.name for p in tmp_path.iterdir()] == ["held.csv"]  # no part-written file left
