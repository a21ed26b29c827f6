"""The Reports window covers one workspace at a time: a picker, shown only when sync found
more than one, chooses which; the title names it, and the figures, table, filters and CSV
export are that workspace's alone."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.reports.workspace import FRIDAY_AFTERNOON, ZONE, Clock, add, seed_review_week
from tests.ui.test_reports_view import shown_view
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Span
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import LOST_WORKSPACE
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.sync.status import FROZEN, WORKSPACES
from timo_desktop.ui.reports_view import ReportsView

PORTFOLIO = Project("prj_9", "Portfolio site", workspace_id="ws_2")
BOTH = [["ws_1", "Northwind Agency"], ["ws_2", "Dana's Side Studio"]]
WEEK = Span.iso_week("2026-W48")


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    """The review week (projects of no known workspace: the default one's), and three
    billable hours on Side Studio's portfolio on Wednesday."""
    opened = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(FRIDAY_AFTERNOON))
    seed_review_week(opened)
    with opened.store.write() as tx:
        tx.put_projects([PORTFOLIO])
    add(opened, WEEK.first.replace(day=25), "19:00", 180, Target(PORTFOLIO.id), billable=True)
    yield opened
    opened.close()


def known(tracker: Tracker, workspaces: list[list[str]]) -> None:
    """The workspaces (id, name) as the last sync found them."""
    with tracker.store.write() as tx:
        tx.set_meta(WORKSPACES, json.dumps(workspaces))


def labels(view: ReportsView) -> list[str]:
    assert view.report is not None
    return [row.label for row in view.report.rows]


def test_the_picker_chooses_whose_week_is_shown(
    qtbot: QtBot, tracker: Tracker, tmp_path: Path
) -> None:
    known(tracker, BOTH)
    view = shown_view(qtbot, tracker)
    view.set_range(WEEK)
    assert view.workspace_row.isVisible()
    assert view.workspace_picker.currentText() == "Northwind Agency"  # the first: the default
    assert view.title.text().startswith("Northwind Agency · 2026-W48")
    assert "Portfolio site" not in labels(view)
    assert view.report is not None
    northwind_billable = view.report.totals.billable_seconds
    assert PORTFOLIO.id not in [
        view.project_picker.itemData(i) for i in range(view.project_picker.count())
    ]

    view.workspace_picker.setCurrentIndex(1)
    assert view.title.text().startswith("Dana's Side Studio · 2026-W48")
    assert labels(view) == ["Portfolio site"]
    assert view.report is not None and view.report.totals.billable_seconds == 3 * 3600
    assert northwind_billable != view.report.totals.billable_seconds
    exported = tmp_path / "side.csv"
    assert view.export_csv(exported) == 1
    with exported.open(encoding="utf-8") as file:
        [row] = list(csv.DictReader(file))
    assert (row["project"], row["workspace"]) == ("Portfolio site", "Dana's Side Studio")

    # A new Reports (Settings changed) keeps the workspace picked.
    view.reports = Reports(tracker)
    view.refresh()
    assert labels(view) == ["Portfolio site"]


def test_one_workspace_needs_no_picker(qtbot: QtBot, tracker: Tracker) -> None:
    known(tracker, BOTH[:1])
    view = shown_view(qtbot, tracker)
    view.set_range(WEEK)
    assert view.workspace_row.isHidden()
    assert view.title.text().startswith("Northwind Agency · 2026-W48")
    assert "Portfolio site" not in labels(view)


def test_a_tag_only_another_workspace_has_says_where_its_time_is(
    qtbot: QtBot, tracker: Tracker
) -> None:
    """The tag picker offers every workspace's tags: one whose time this range is all in
    another workspace says where it is, not a bare "No time tracked"."""
    known(tracker, BOTH)
    add(tracker, WEEK.first.replace(day=26), "07:00", 75, Target(PORTFOLIO.id), tags=("Sketch",))
    view = shown_view(qtbot, tracker)
    view.set_range(WEEK)
    view.tag_picker.setCurrentIndex(view.tag_picker.findText("Sketch"))
    assert view.nothing.isVisible()
    assert view.nothing.text().endswith(
        "matches the filters. Time tagged Sketch in this range is in Dana's Side Studio:"
        " pick it under Workspace."
    )

    view.workspace_picker.setCurrentIndex(1)
    assert view.nothing.isHidden()
    assert view.report is not None and view.report.totals.seconds == 75 * 60


def test_a_workspace_whose_access_was_removed_is_still_offered_and_said_so(
    qtbot: QtBot, tracker: Tracker
) -> None:
    """Its weeks are the ones to invoice or keep: still the default's report while it is
    the default, picked among the others, its heading saying whose figures they are."""
    known(tracker, BOTH[1:])
    removed = {"name": "Northwind Agency", "reason": "your access to Northwind Agency was removed"}
    with tracker.store.write() as tx:
        tx.set_meta(FROZEN, json.dumps({"ws_1": removed}))
    view = ReportsView(Reports(tracker, account_workspace="ws_1"))
    qtbot.addWidget(view)
    view.show()
    view.set_range(WEEK)
    picker = view.workspace_picker
    assert view.workspace_row.isVisible()
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Dana's Side Studio",
        "Northwind Agency",
    ]
    assert picker.currentData() == "ws_1"
    assert view.title.text().startswith(f"Northwind Agency ({LOST_WORKSPACE}) · 2026-W48")
    assert labels(view) and "Portfolio site" not in labels(view)

    picker.setCurrentIndex(0)
    assert view.title.text().startswith("Dana's Side Studio · 2026-W48")
    assert labels(view) == ["Portfolio site"]
