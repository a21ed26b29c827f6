"""The Reports view reads well: headings over their columns, figures spoken in words, no
empty boxes, and the PDF prints project names whole."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.reports.workspace import (
    ACME,
    SITE,
    add,
)
from tests.ui.test_reports_view import review_tracker, shown_view
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Span
from timo_desktop.ui.reports_view import ReportsView

AUDIT = Project("prj_audit", "Acme website accessibility audit and remediation", ACME.id)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    tracker = review_tracker()
    with tracker.store.write() as tx:
        tx.put_projects([AUDIT])
    add(tracker, date(2026, 11, 26), "10:00", 90, Target(AUDIT.id), description="Audit")
    yield shown_view(qtbot, tracker)
    tracker.close()


def test_each_heading_sits_over_its_column(view: ReportsView) -> None:
    model = view.table.model()
    unset = view.table.horizontalHeader().defaultAlignment()  # centred
    horizontal = Qt.AlignmentFlag.AlignHorizontal_Mask
    for column in range(model.columnCount()):
        heading = model.headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
        )
        cell = model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole)
        side = Qt.AlignmentFlag.AlignLeft if cell is None else Qt.AlignmentFlag(cell)
        over = unset if heading is None else Qt.AlignmentFlag(heading)
        assert over & horizontal == side & horizontal, model.headerData(
            column, Qt.Orientation.Horizontal
        )


def test_figures_are_spoken_as_lengths_not_times_of_day(view: ReportsView) -> None:
    names = [value.accessibleName() for _, value in view.figures]
    assert names[0] == "Hours: 27h 15m"
    assert names[3] == "Billable ratio (target 75 %): 75 %"
    assert names[5] == "Capacity (Timo's default): 40h 00m"
    model = view.table.model()
    [site] = [r for r in range(model.rowCount()) if model.index(r, 0).data() == SITE.name]
    spoken = [
        model.index(site, column).data(Qt.ItemDataRole.AccessibleTextRole)
        for column in range(model.columnCount())
    ]
    assert spoken == [
        SITE.name,
        "10h 45m",
        "9h 45m",
        "1h 00m",
        "91 %",
        "10h 00m",
        "18h 45m",
        "8h 45m over the estimate",
        "188 % of the estimate, over it",
    ]


def test_with_nothing_to_look_at_there_is_no_empty_list(view: ReportsView) -> None:
    assert view.attention_list.isVisible()
    view.set_range(Span(date(2026, 11, 23), date(2026, 11, 25)))  # the receipts were on Friday
    assert view.attention_title.text() == "Nothing needs attention"
    assert not view.attention_list.isVisible()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_pdf_prints_a_long_project_name_whole(view: ReportsView, tmp_path: Path) -> None:
    view.export_pdf(tmp_path / "week.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "week.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert AUDIT.name in " ".join(text.split())  # over two lines in the table, not cut short
