"""The Reports view on a seeded week: figures, charts and table agree; export.
(Its pictures in docs/screenshots come from `make screenshots`.)"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.reports.workspace import FRIDAY_AFTERNOON, SITE, ZONE, Clock, seed_review_week
from timo_desktop.core.reports import GroupBy, Preset, Span
from timo_desktop.paths import resolve
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.reports_view import ReportsView

WEEK = Span.iso_week("2026-W48")


def review_tracker() -> Tracker:
    """A tracker on Friday afternoon of the review week, its entries in."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE, clock=Clock(FRIDAY_AFTERNOON))
    seed_review_week(tracker)
    return tracker


@contextmanager
def active_view(qtbot: QtBot) -> Iterator[ReportsView]:
    """The Reports view on the review week, shown and active, so that keys reach it."""
    tracker = review_tracker()
    try:
        shown = shown_view(qtbot, tracker)
        shown.activateWindow()
        qtbot.waitUntil(shown.isActiveWindow)
        yield shown
    finally:
        tracker.close()


def shown_view(qtbot: QtBot, tracker: Tracker) -> ReportsView:
    """The Reports view on `tracker`, shown at a laptop's size."""
    shown = ReportsView(Reports(tracker))
    qtbot.addWidget(shown)
    shown.resize(1040, 760)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    tracker = review_tracker()
    yield shown_view(qtbot, tracker)
    tracker.close()


def table(view: ReportsView) -> list[list[str]]:
    model = view.table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_this_week_by_project(view: ReportsView) -> None:
    assert view.span() == WEEK
    report = view.reports.report(WEEK)
    assert view.title.text().startswith("2026-W48")
    # Mon 6:45, Tue 6:30, Wed 6:30, Thu holiday, Fri 4:00 + the timer running since 14:30.
    # Not billable: admin 2:15, the Hooli call, the internal review, the receipts.
    assert [v.text() for _, v in view.figures] == [
        "25:45",
        "20:30",
        "5:15",
        "80 %",  # 20:30 / 25:45 = 79.6 %, on the 75 % target
        "51 % ▼",  # 20:30 of 40 h capacity, below the 70 % target
        "40:00",
    ]
    assert view.figures[3][1].property("tone") == "on"
    assert view.figures[4][1].property("tone") == "off"
    rows = table(view)
    assert [r[0] for r in rows] == [r.label for r in report.rows]
    site = next(r for r in rows if r[0] == SITE.name)
    # 10:45 this week (2:00 of it running), 8 h the week before, against a 10 h estimate.
    assert site[1:] == ["10:45", "9:45", "1:00", "91 %", "10:00", "18:45", "+8:45", "188 % ▲"]


def test_charts_agree_with_the_table_to_the_minute(view: ReportsView) -> None:
    days = view.day_chart.bars()
    assert [b.label for b in days] == [
        "Mon 23",
        "Tue 24",
        "Wed 25",
        "Thu 26",
        "Fri 27",
        "Sat 28",
        "Sun 29",
    ]
    assert hours_minutes(sum(b.seconds for b in days)) == view.figures[0][1].text()
    assert hours_minutes(sum(b.billable_seconds for b in days)) == view.figures[1][1].text()
    assert days[3].seconds == 0  # the holiday
    by_label = {r[0]: r for r in table(view)}
    for bar in view.group_chart.bars():
        assert hours_minutes(bar.seconds) == by_label[bar.label][1]
        assert hours_minutes(bar.billable_seconds) == by_label[bar.label][2]
    site = next(b for b in view.group_chart.bars() if b.label == SITE.name)
    assert site.estimate is not None and site.estimate.over
    # What a screen reader says: durations in words, never a time of day.
    spoken = view.group_chart.accessibleDescription().split("; ")
    assert f"{SITE.name}: 10h 45m (9h 45m billable)" in spoken


def test_sorting_and_grouping(view: ReportsView, qtbot: QtBot) -> None:
    hours = [r[1] for r in table(view)]
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [r[1] for r in table(view)] == list(reversed(hours))
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    labels = [r[0] for r in table(view)]
    assert labels == sorted(labels, key=str.casefold)

    view.set_group_by(GroupBy.CLIENT)
    assert view.table.model().headerData(0, Qt.Orientation.Horizontal) == "Client"
    assert {r[0] for r in table(view)} == {"Acme Corp", "Initech", "Hooli", "(no client)"}
    assert view.group_title.text() == "Hours per client"


def test_ranges(view: ReportsView) -> None:
    view.set_range(Preset.LAST_WEEK)
    assert view.span() == Span.iso_week("2026-W47")
    assert [v.text() for _, v in view.figures][:2] == ["8:00", "8:00"]
    view.set_range(Span(WEEK.first, WEEK.first))
    assert view.range_picker.currentText() == "Custom…"
    assert view.figures[0][1].text() == "6:45"
    assert [b.label for b in view.day_chart.bars()] == ["Mon 23"]


def test_attention_list(view: ReportsView) -> None:
    items = [view.attention_list.item(i).text() for i in range(view.attention_list.count())]
    assert view.attention_title.text() == "Needs attention (1)"
    assert items == ["Fri 27 Nov  Sorting receipts (1:00) — No project or record"]


def test_export_csv_and_pdf(view: ReportsView, tmp_path: Path) -> None:
    view.rounding.setCurrentIndex(3)  # 15 minutes
    assert view.export_csv(tmp_path / "week.csv") == 16
    with (tmp_path / "week.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["description"] == "Stand-up and planning" and rows[0]["hours"] == "0.75"
    assert rows[-1]["end"] == "" and rows[-1]["hours"] == "2"  # the running timer, to now
    view.export_pdf(tmp_path / "week.pdf")
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_pdf_renders(view: ReportsView, tmp_path: Path) -> None:
    view.export_pdf(tmp_path / "week.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "week.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    from PySide6.QtGui import QImage

    image = QImage(str(page))
    assert image.width() > 500 and image.height() > 700
    assert image.pixelColor(image.width() // 2, 5).name() == "#ffffff"


def test_refreshes_only_while_shown(view: ReportsView, qtbot: QtBot) -> None:
    clock = view.reports.tracker.clock
    assert isinstance(clock, Clock)
    assert view.ticker.isActive()
    clock.now += timedelta(minutes=30)  # the running timer has gone on
    view.ticker.timeout.emit()
    assert view.figures[0][1].text() == "26:15"
    view.hide()
    assert not view.ticker.isActive()
