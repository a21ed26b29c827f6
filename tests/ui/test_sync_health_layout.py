"""The sync health page at its usual size: every finding's fix in sight, however long its
description, and no empty table when there is nothing to fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timo_desktop.sync.health import Finding, HealthReport
from timo_desktop.ui.sync_health import COLUMNS, SyncHealthPage

LONG = (
    "Quarterly planning workshop with the whole steering committee of Müller-Lüdenscheidt"
    " Internationale Handelsgesellschaft and their external consultants"
)
FINDINGS = [
    Finding("missing_on_server", ("a",), "2026-03-03T08:00:00Z", LONG, "resend", "Send it again"),
    Finding("missing_here", ("b",), "2026-03-02T08:00:00Z", "Call", "download", "Download it"),
    Finding(
        "likely_duplicate",
        ("c", "d"),
        "2026-02-28T08:00:00Z",
        "Stand-up",
        "delete_copy",
        "2 entries with the same times and description; delete the copies",
    ),
]


def page_with(qtbot: QtBot, report: HealthReport) -> SyncHealthPage:
    """The page, shown at its own size, having compared and found `report`."""

    def run(job: Any, done: Callable[[Any, BaseException | None], None]) -> None:
        done(report, None)

    page = SyncHealthPage(run, "Europe/Berlin")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.check()
    for _ in range(3):
        QApplication.processEvents()
    return page


def test_a_long_description_leaves_every_fix_in_sight(qtbot: QtBot) -> None:
    page = page_with(qtbot, HealthReport("2026-02-17T00:00:00Z", 14, 40, 39, FINDINGS))
    table = page.table
    viewport = table.viewport()
    assert table.horizontalHeader().length() <= viewport.width()
    assert not table.horizontalScrollBar().isVisible()
    for button in page.buttons:
        assert button.isVisible()
        assert viewport.rect().contains(button.geometry()), button.text()
    # The long description wraps in its row rather than being cut short.
    first = table.visualRect(table.model().index(0, 1))
    assert first.height() > table.visualRect(table.model().index(1, 1)).height()


def test_when_everything_matches_there_is_no_empty_table(qtbot: QtBot) -> None:
    page = page_with(qtbot, HealthReport("2026-02-17T00:00:00Z", 14, 40, 40, []))
    assert page.summary.text().startswith("All entries of the last 14 days match Vmoox.")
    assert not page.table.isVisible()


def test_the_ticks_are_spoken_as_yes_and_no(qtbot: QtBot) -> None:
    page = page_with(qtbot, HealthReport("2026-02-17T00:00:00Z", 14, 40, 39, FINDINGS[1:2]))
    here, there = COLUMNS.index("Here"), COLUMNS.index("On Vmoox")
    cells = [page.table.item(0, column) for column in (here, there)]
    spoken = [c.data(Qt.ItemDataRole.AccessibleTextRole) for c in cells if c is not None]
    assert spoken == ["no", "yes"]  # only on Vmoox
