"""The list under "Needs attention": each day's header totals the rows it shows, as a share
of the whole day (as a search's does), also once a fix has taken a row out; and each row
says, on hover, why it is listed and what to click to fix it."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import INTERNAL, WEBSITE
from tests.ui.test_a_day_by_mouse import cell_of, click_cell, click_target
from tests.ui.test_add_time_overlaps import allow_overlaps
from tests.ui.workday import DAY, MORNING
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def four_entries(timo: TimoApp, clock: Clock) -> None:
    """On DAY at 16:00: Long 00:15–11:45 (11:30, Website relaunch, billable), No target
    12:00–12:30, and A 13:00–14:00 and B 13:30–14:30 overlapping (Internal): 14:00 in all."""
    clock.now = MORNING + timedelta(hours=7)
    allow_overlaps(timo.tracker)
    internal = Target(project_id=INTERNAL.id)
    for description, start, end, target in (
        ("Long", "00:15", "11:45", Target(project_id=WEBSITE.id)),
        ("No target", "12:00", "12:30", NO_TARGET),
        ("A", "13:00", "14:00", internal),
        ("B", "13:30", "14:30", internal),
    ):
        timo.tracker.add(
            description,
            at_local(DAY, time.fromisoformat(start), ZONE),
            at_local(DAY, time.fromisoformat(end), ZONE),
            target=target,
        )
    timo.reload()


def listed(timo: TimoApp) -> tuple[str, list[str]]:
    """The first day's header words and its rows' descriptions, as the list shows them."""
    model = timo.window.entries.model()
    day = model.index(0, 0)
    return day.data(), [model.index(row, 0, day).data() for row in range(model.rowCount(day))]


def test_a_days_total_counts_the_rows_needs_attention_shows_after_a_fix(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    four_entries(timo, day_clock)
    assert listed(timo)[0] == "Today — 14:00 total, 11:30 billable"

    qtbot.mouseClick(timo.window.attention_button, Qt.MouseButton.LeftButton)
    assert listed(timo) == (
        "Today — 14:00 of 14:00 total, 11:30 billable",
        ["B", "A", "No target", "Long"],
    )
    click_cell(qtbot, view, cell_of(view, "No target", Column.TARGET), double=True)
    click_target(qtbot, "Internal")

    qtbot.waitUntil(lambda: len(listed(timo)[1]) == 3)
    assert listed(timo) == ("Today — 13:30 of 14:00 total, 11:30 billable", ["B", "A", "Long"])


def test_each_row_says_on_hover_why_it_is_listed_and_what_to_click(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    four_entries(timo, day_clock)
    qtbot.mouseClick(timo.window.attention_button, Qt.MouseButton.LeftButton)

    def hover(description: str) -> str:
        return str(cell_of(view, description, Column.DESCRIPTION).data(TOOLTIP))

    assert hover("Long") == (
        "Unusually long: 11h 30m — check its end; if it ended earlier, double-click its"
        " times and type the end"
    )
    assert hover("No target") == (
        "No project or record — pick a project: double-click its project cell"
    )
    assert hover("A") == (
        "Overlaps 'B' 13:30–14:30 — move one clear of the other: double-click its times and"
        " type new ones"
    )
