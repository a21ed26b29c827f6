"""A day of work with the mouse (and typing only where words are wanted): track, switch,
stop, correct, backfill, delete and undo, each by clicking where a person would click.
The CLI then reads the same day."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.ui.clocked import Clock
from tests.ui.seed import ACME, GLOBEX, HOMEPAGE, WEBSITE
from tests.ui.workday import DAY, MORNING, the_day, wait_for_window
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.manual_entry import ManualEntryDialog
from timo_desktop.ui.target_picker import TargetPopup

LEFT = Qt.MouseButton.LeftButton


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def click_target(qtbot: QtBot, name: str) -> None:
    """Click `name` in the open target list (one click, as in any drop-down)."""
    popup = wait_for_window(qtbot, TargetPopup, active=False)
    tree, model = popup.tree, popup.tree.model()
    pending = [model.index(row, 0) for row in range(model.rowCount())]
    while pending:
        index = pending.pop(0)
        if index.data() == name:
            tree.scrollTo(index)
            qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(index).center())
            qtbot.waitUntil(lambda: not popup.isVisible())
            return
        pending += [model.index(row, 0, index) for row in range(model.rowCount(index))]
    raise AssertionError(f"{name!r} is not in the target list")


def cell_of(view: QAbstractItemView, description: str, column: Column) -> QModelIndex:
    model = view.model()
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        for row in range(model.rowCount(parent)):
            if model.index(row, Column.DESCRIPTION, parent).data() == description:
                return model.index(row, column, parent)
    raise AssertionError(f"no row {description!r}")


def click_cell(
    qtbot: QtBot,
    view: QAbstractItemView,
    index: QModelIndex,
    x: int | None = None,
    *,
    double: bool = False,
) -> None:
    rect = view.visualRect(index)
    at = rect.center() if x is None else QPoint(rect.left() + x, rect.center().y())
    qtbot.mouseClick(view.viewport(), LEFT, pos=at)
    if double:  # a real double click: the first click, then the second one as a double
        qtbot.mouseDClick(view.viewport(), LEFT, pos=at)


def test_a_day_with_the_mouse(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, timo_home: Path
) -> None:
    timo, clock = day_app, day_clock
    tracker, bar, view = timo.tracker, timo.window.timer_bar, timo.window.entries

    # Track: click into the line, type, pick the task from the list, click Start.
    click(qtbot, bar.description)
    qtbot.keyClicks(bar.description, "Homepage layout")
    click(qtbot, bar.target)
    click_target(qtbot, HOMEPAGE.name)
    click(qtbot, bar.button)
    first = tracker.running()
    assert first is not None
    assert first.target == Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id) and first.billable

    # Switch at 10:30 to a call, then stop at 11:00 with the same button.
    clock.now = MORNING + timedelta(minutes=90)
    click(qtbot, bar.description)
    qtbot.keyClicks(bar.description, "Call")
    click(qtbot, bar.target)
    click_target(qtbot, ACME.name)
    click(qtbot, bar.button)
    clock.now = MORNING + timedelta(minutes=120)
    assert bar.button.text() == "Stop"
    click(qtbot, bar.button)
    assert tracker.running() is None
    assert the_day(timo) == [("Homepage layout", "09:00", "10:30"), ("Call", "10:30", "11:00")]

    # Correct: the call was about the Globex renewal (double-click its target, click the deal)
    # and was not billable (click the mark).
    click_cell(qtbot, view, cell_of(view, "Call", Column.TARGET), double=True)
    click_target(qtbot, GLOBEX.name)
    qtbot.waitUntil(lambda: tracker.days(DAY, DAY)[1].target == Target(record_id=GLOBEX.id))
    was_billable = tracker.days(DAY, DAY)[1].billable
    click_cell(qtbot, view, cell_of(view, "Call", Column.BILLABLE))
    assert tracker.days(DAY, DAY)[1].billable is not was_billable

    # Backfill the stand-up: the toolbar's Add time…, click each field, click Add.
    click(qtbot, timo.window.add_button)
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    for field, text in (
        (dialog.start, "08:30"),
        (dialog.end, "09:00"),
        (dialog.description, "Stand-up"),
    ):
        click(qtbot, field)
        qtbot.keyClicks(field, text)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [e[0] for e in the_day(timo)] == ["Stand-up", "Homepage layout", "Call"]

    # Delete the stand-up with its row's bin, then bring it back with Undo.
    actions = cell_of(view, "Stand-up", Column.ACTIONS)
    click_cell(qtbot, view, actions, x=2 * 26 + 13)  # the third icon: Delete
    assert [e[0] for e in the_day(timo)] == ["Homepage layout", "Call"]
    click(qtbot, timo.window.undo_bar.button)
    assert [e[0] for e in the_day(timo)] == ["Stand-up", "Homepage layout", "Call"]

    # The command line reads the same day.
    listed = run_timo(
        timo_home, "log", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--json"
    )
    assert listed.returncode == 0, listed.stderr
    assert [
        (e["description"], e["start"], e["end"], e["record_id"]) for e in json.loads(listed.stdout)
    ] == [
        (
            e.description,
            to_text(e.start),
            None if e.end is None else to_text(e.end),
            e.target.record_id,
        )
        for e in tracker.days(DAY, DAY)
    ]
