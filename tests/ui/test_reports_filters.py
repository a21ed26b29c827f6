"""Filters in the Reports window narrow everything alike: figures, both charts, the rows,
the CSV and the PDF; the window says what it kept by the range's title, and says so too
when the filters leave nothing."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.reports.workspace import ACME, SITE, add
from tests.ui.test_reports_view import review_tracker, shown_view, table
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, ReportFilter
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.reports_view import ReportsView

OLD_SITE = Project("prj_old", "Acme old site", ACME.id, status="archived", billable_default=True)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    tracker = review_tracker()
    with tracker.store.write() as tx:
        tx.put_projects([replace(OLD_SITE, status="active")])
    add(tracker, date(2026, 11, 26), "10:00", 30, Target(OLD_SITE.id), description="Redirects")
    with tracker.store.write() as tx:  # archived since
        tx.put_projects([OLD_SITE])
    yield shown_view(qtbot, tracker)
    tracker.close()


def pick(view: ReportsView, picker_name: str, text: str) -> None:
    picker = getattr(view, picker_name)
    index = picker.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    picker.setCurrentIndex(index)


def test_a_client_and_billable_narrow_figures_charts_and_rows(view: ReportsView) -> None:
    assert not view.only.isVisibleTo(view)
    pick(view, "client_picker", "Acme Corp")
    pick(view, "billable_picker", "Billable only")
    assert view.filters() == ReportFilter(client_ids=(ACME.id,), billable=True)
    assert view.title.text().startswith("2026-W48")
    assert view.only.isVisibleTo(view) and view.only.text() == "Only: client Acme Corp; billable"
    # The receipts without a project are not Acme's, but still the range's to sort out.
    assert view.attention_title.text() == "Needs attention in the whole range (1)"
    # Acme website 9:45 billable this week, Acme brand 3:30, the archived site 0:30.
    assert [r[:3] for r in table(view)] == [
        ["Acme website", "9:45", "9:45"],
        ["Acme brand", "3:30", "3:30"],
        ["Acme old site", "0:30", "0:30"],
    ]
    assert [v.text() for _, v in view.figures][:3] == ["13:45", "13:45", "0:00"]
    assert {b.label for b in view.group_chart.bars()} == {r[0] for r in table(view)}
    days = view.day_chart.bars()
    assert hours_minutes(sum(b.seconds for b in days)) == "13:45"


def test_a_tag_and_a_project_narrow_the_rows(view: ReportsView) -> None:
    pick(view, "tag_picker", "design")
    assert view.only.text() == "Only: tag design"
    view.set_group_by(GroupBy.TAG)
    assert [r[0] for r in table(view)] == ["design"]
    view.set_group_by(GroupBy.PROJECT)
    pick(view, "tag_picker", "All tags")
    pick(view, "project_picker", "Acme old site (archived)")  # last month's may be archived
    assert view.only.text() == "Only: project Acme old site"
    assert [r[:2] for r in table(view)] == [["Acme old site", "0:30"]]


def test_a_tag_however_spelled_is_one_tag_as_timo_report_keeps_it(view: ReportsView) -> None:
    """`timo report --tag design` counts "Design" and "design" alike (`folded`): so does
    the window, offering the tag once."""
    picked = view.reports.report(view.span(), filters=ReportFilter(tags=("design",)))
    add(view.reports.tracker, date(2026, 11, 27), "07:00", 60, tags=("Design",))
    view.refresh()
    offered = [view.tag_picker.itemText(i).casefold() for i in range(view.tag_picker.count())]
    assert offered.count("design") == 1
    pick(view, "tag_picker", "design")
    assert view.report is not None
    assert view.report.totals.seconds == picked.totals.seconds + 3600
    assert view.only.text() == "Only: tag design"  # one tag, however spelled


def test_the_csv_and_the_pdf_hold_what_the_window_shows(view: ReportsView, tmp_path: Path) -> None:
    pick(view, "client_picker", "Acme Corp")
    pick(view, "billable_picker", "Not billable only")
    assert view.export_csv(tmp_path / "acme.csv") == 1
    with (tmp_path / "acme.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["description"], r["client"], r["billable"]) for r in rows] == [
        ("Internal review", "Acme Corp", "no")
    ]
    view.export_pdf(tmp_path / "acme.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "acme.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Only: client Acme Corp; not billable" in text
    assert "Acme website" in text and "Initech" not in text


def test_filters_that_leave_nothing_say_so(view: ReportsView) -> None:
    pick(view, "client_picker", "Hooli")
    pick(view, "billable_picker", "Billable only")  # the Hooli call was not billable
    assert view.nothing.isVisibleTo(view)
    assert view.nothing.text() == (
        "No time tracked from Mon 23 Nov to Sun 29 Nov 2026 matches the filters."
    )
    assert view.only.text() == "Only: client Hooli; billable"
    assert not view.csv_button.isEnabled()
    assert (
        view.csv_button.toolTip() == "Nothing to export: nothing in this range matches the filters"
    )
    view.clear_filters()
    assert not view.nothing.isVisibleTo(view) and view.csv_button.isEnabled()


def test_a_client_offers_its_own_projects_and_picks_outlive_a_refresh(
    view: ReportsView,
) -> None:
    pick(view, "project_picker", SITE.name)
    pick(view, "client_picker", "Initech")  # the site is not Initech's: the pick goes
    offered = [view.project_picker.itemText(i) for i in range(view.project_picker.count())]
    assert offered == ["All projects", "Initech app"]
    assert view.project_picker.currentText() == "All projects"
    pick(view, "project_picker", "Initech app")
    view.ticker.timeout.emit()  # the minute's refresh keeps the filters and what they show
    assert view.filters().project_ids == ("prj_app",)
    assert view.only.text() == "Only: project Initech app; client Initech"
    assert [r[0] for r in table(view)] == ["Initech app"]


def test_a_clients_utilization_is_its_share_not_a_missed_target(view: ReportsView) -> None:
    name, value = view.figures[4]
    assert value.text().endswith(" ▼")  # the whole week's, below its 70 % target
    pick(view, "client_picker", "Acme Corp")
    assert name.text() == "Utilization (this part's share of the capacity)"
    assert "▼" not in value.text() and value.property("tone") == ""  # no red, no mark
    assert "below target" not in value.accessibleName()


def test_the_figures_say_they_hold_the_running_timer(view: ReportsView) -> None:
    said = "Includes the timer still running (“Product copy”, counted to 16:30)."
    assert view.running.isVisibleTo(view) and view.running.text() == said
    pick(view, "client_picker", "Initech")  # the timer runs on Acme's site: not counted here
    assert not view.running.isVisibleTo(view)
    pick(view, "client_picker", "Acme Corp")
    assert view.running.isVisibleTo(view) and view.running.text() == said
