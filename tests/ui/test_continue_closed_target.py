"""Continue (a row's ▶) and an earlier description picked in the timer line, where the
earlier entry's project takes no time any more (archived or deleted on Vmoox, as sync
keeps the catalog): no timer starts on it. The line is filled but for the project, says
why beside the picker, and one pick and Enter start it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.ui.seed import HOMEPAGE, MOBILE, WEBSITE
from tests.ui.test_description_picks import add_yesterday, focus, pick
from tests.ui.workday import back_to, focused, list_cell, press, type_text
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.local_time import clock_time
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column

HOMEPAGE_TARGET = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)
ARCHIVED = "Project 'Website relaunch' is archived: pick another, or start without one."


def archive_website(timo: TimoApp, status: str = "archived") -> None:
    """Vmoox archived (or deleted) the project, and a sync round brought the news."""
    with timo.tracker.store.write() as tx:
        tx.put_projects([replace(WEBSITE, status=status)])
    timo.reload_catalog()
    timo.reload()


def click_continue(qtbot: QtBot, timo: TimoApp, ref: str) -> None:
    """A click on the row's ▶, the first of its actions."""
    view = timo.window.entries
    rect = view.visualRect(list_cell(timo, ref, Column.ACTIONS))
    at = QPoint(rect.left() + 13, rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_continue_on_an_archived_project_fills_the_line_without_it_and_one_pick_starts(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    earlier = add_yesterday(
        tracker, "Homepage layout", HOMEPAGE_TARGET, billable=True, tags=("design",)
    )
    archive_website(timo)
    bar = timo.window.timer_bar
    focus(qtbot, bar.description)

    click_continue(qtbot, timo, earlier.client_ref)
    assert tracker.running() is None  # never on a project Vmoox refuses
    assert bar.description.text() == "Homepage layout"
    assert bar.target.choice() is None
    assert bar.billable.isChecked() and bar.tags.text() == "design"
    assert not bar.target_hint.isHidden() and bar.target_hint.text() == ARCHIVED
    assert focused() is bar.target

    # One pick (Enter opens the list, the search, Enter takes it), then Enter starts.
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(bar.target.popup.isVisible)
    type_text(qtbot, "mobile")
    press(qtbot, Qt.Key.Key_Return)
    back_to(qtbot, timo.window)
    assert bar.target_hint.isHidden()
    assert focused() is bar.description
    press(qtbot, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None and running.description == "Homepage layout"
    assert running.target == Target(project_id=MOBILE.id)
    assert running.billable and running.tags == ("design",)
    assert bar.target_hint.isHidden()


def test_a_picked_description_leaves_a_deleted_project_out_and_enter_starts_without(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, billable=False, tags=("design",))
    archive_website(timo, "deleted")
    bar = timo.window.timer_bar
    focus(qtbot, bar.description)
    pick(qtbot, bar.description, "Homepage lay")
    back_to(qtbot, timo.window)
    assert bar.description.text() == "Homepage layout"
    assert bar.target.choice() is None and bar.tags.text() == "design"
    assert bar.target_hint.text() == (
        "Project 'Website relaunch' is deleted: pick another, or start without one."
    )

    press(qtbot, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None and running.description == "Homepage layout"
    assert running.target == NO_TARGET and running.tags == ("design",)
    assert bar.target_hint.isHidden()


def test_a_picked_description_whose_project_takes_time_fills_it_and_says_nothing(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, billable=False)
    timo.reload()
    bar = timo.window.timer_bar
    focus(qtbot, bar.description)
    pick(qtbot, bar.description, "Homepage lay")
    assert bar.target.choice() is not None
    assert bar.target.choice().label == "Website relaunch › Homepage layout"  # type: ignore[union-attr]
    assert bar.target_hint.isHidden()


def test_continue_from_the_keyboard_while_the_same_runs_starts_nothing(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    started = tracker.continue_entry().started
    assert started is not None
    timo.reload()
    timo.continue_entry(None)  # Continue last entry: the one running
    assert tracker.running() == started
    assert len(tracker.days(tracker.today(), tracker.today())) == 1
    since = clock_time(started.start, tracker.zone)
    said = f"'{started.description}' is already running, since {since}"
    assert timo.window.undo_bar.message.text() == said
