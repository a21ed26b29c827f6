"""What the PDF prints: the window's rule for an empty range (words, not a red 0 %), its
columns (no estimate columns for clients), capacity and utilization to date mid-week, and
the tags beyond the chart's eight named without a sum."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from tests.reports.test_report_to_date import WEDNESDAY_NOON, seed_to_wednesday
from tests.reports.workspace import (
    ACME,
    APP,
    FRIDAY_AFTERNOON,
    SITE,
    ZONE,
    Clock,
    add,
    seed_catalog,
    seed_review_week,
)
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import clock_time
from timo_desktop.core.reports import GroupBy, Report, ReportFilter, Span
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import nothing_tracked
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.report_pdf import DPI, paint_report

WEEK = Span.iso_week("2026-W48")


class Recording(QPainter):
    """A painter that keeps every text drawn with it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]  # every overload
        self.texts.append(args[-1])
        super().drawText(*args)


def printed(report: Report, path: Path) -> list[str]:
    """The texts `report`'s PDF draws, in order."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    painter = Recording()
    assert painter.begin(writer)
    paint_report(painter, writer, report, ZONE)
    painter.end()
    return painter.texts


@pytest.fixture
def clock() -> Clock:
    return Clock(FRIDAY_AFTERNOON)


@pytest.fixture
def reports(clock: Clock, qapp: QApplication) -> Iterator[Reports]:
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=clock)
    yield Reports(tracker)
    tracker.close()


def test_an_empty_range_says_so_instead_of_a_red_zero(reports: Reports, tmp_path: Path) -> None:
    seed_review_week(reports.tracker)
    empty = reports.report(Span(date(2026, 1, 5), date(2026, 1, 11)))
    texts = printed(empty, tmp_path / "empty.pdf")
    assert nothing_tracked(empty) in texts  # the window's words, from the same rule
    assert not [text for text in texts if "Utilization" in text or "%" in text]


def test_client_pages_have_no_estimate_columns(reports: Reports, tmp_path: Path) -> None:
    seed_review_week(reports.tracker)
    by_client = printed(reports.report(WEEK, GroupBy.CLIENT), tmp_path / "client.pdf")
    assert "Client" in by_client and "Ratio" in by_client
    assert not {"Estimate", "To date", "Variance", "Used"} & set(by_client)
    by_project = printed(reports.report(WEEK, GroupBy.PROJECT), tmp_path / "project.pdf")
    assert {"Estimate", "To date", "Variance", "Used"} <= set(by_project)


def test_mid_week_the_figures_say_to_date(reports: Reports, clock: Clock, tmp_path: Path) -> None:
    clock.now = WEDNESDAY_NOON
    seed_catalog(reports.tracker)
    seed_to_wednesday(reports.tracker)
    texts = printed(reports.report(WEEK), tmp_path / "wednesday.pdf")
    utilization = texts.index("Utilization to date")
    assert texts[utilization : utilization + 3] == ["Utilization to date", "target 70 %", "71 %"]
    capacity = texts.index("Capacity to date")
    # Under the capacity, the whole week's too, and whose it is.
    assert texts[capacity : capacity + 3] == [
        "Capacity to date",
        "40:00 in the week; Timo's default",
        "24:00",
    ]


def test_project_pages_say_whose_time_to_date_counts(
    reports: Reports, clock: Clock, tmp_path: Path
) -> None:
    seed_review_week(reports.tracker)
    counted = clock.now - timedelta(hours=2)
    with reports.tracker.store.write() as tx:  # as sync keeps Vmoox's count
        tx.put_projects([replace(SITE, tracked_minutes=20 * 60)], counted_at=counted)
    texts = printed(reports.report(WEEK), tmp_path / "project.pdf")
    said = f"To date: everyone's time on Vmoox as of {clock_time(counted, ZONE)}, with yours"
    assert [text for text in texts if text.startswith(said)]


def test_the_tags_beyond_the_charts_eight_have_no_sum(reports: Reports, tmp_path: Path) -> None:
    seed_catalog(reports.tracker)
    tags = tuple(f"t{n:02d}" for n in range(12))
    add(reports.tracker, WEEK.first, "09:00", 60, Target(APP.id), tags=tags)
    texts = printed(reports.report(WEEK, GroupBy.TAG), tmp_path / "tags.pdf")
    # The hour is in each of the twelve rows: the last four do not make 4:00 of a 1:00 week.
    assert "4 more tags, each in the table" in texts
    assert not [text for text in texts if "in all" in text]


def test_the_figures_say_they_hold_the_running_timer(reports: Reports, tmp_path: Path) -> None:
    seed_review_week(reports.tracker)  # "Product copy" running since 14:30, now 16:30
    texts = printed(reports.report(WEEK), tmp_path / "running.pdf")
    said = "Includes the timer still running (“Product copy”, counted to 16:30)."
    assert said in texts
    assert texts.index(said) < texts.index("Billable and non-billable hours per day")


def test_a_filtered_part_has_no_utilization_target(reports: Reports, tmp_path: Path) -> None:
    seed_review_week(reports.tracker)
    part = reports.report(WEEK, filters=ReportFilter(client_ids=(ACME.id,)))
    texts = printed(part, tmp_path / "part.pdf")
    utilization = texts.index("Utilization")
    assert texts[utilization + 1] == "this part's share of the capacity"
    assert "▼" not in texts[utilization + 2] and texts[utilization + 2].endswith("%")
