"""The timer line's keys and suggestions, and the tray's entries to continue: Enter does what
the big button shows, a suggestion picked from the list brings back its target, billable and
tags, and the tray offers five earlier entries while a timer runs."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from tests.ui.seed import ACME, HOMEPAGE, INTERNAL, WEBSITE
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local, clock_time
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.target_picker import TargetChoice
from timo_desktop.ui.timer_bar import TimerBar
from timo_desktop.ui.tray import Tray

HOMEPAGE_TARGET = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)


def type_and_start(qtbot: QtBot, bar: TimerBar, text: str) -> None:
    qtbot.keyClicks(bar.description, text)
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)


def choose_suggestion(qtbot: QtBot, bar: TimerBar, typed: str) -> None:
    """Type part of an earlier description, then take the first suggestion with ↓ and Enter."""
    qtbot.keyClicks(bar.description, typed)
    popup = bar.description.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()


def add_yesterday(
    tracker: Tracker,
    description: str,
    target: Target,
    *,
    billable: bool | None = None,
    tags: tuple[str, ...] = (),
) -> None:
    """A finished half hour yesterday at 22:00: newer than the seeded entries of that day."""
    start = at_local(tracker.today() - timedelta(days=1), time(22, 0), tracker.zone)
    end = start + timedelta(minutes=30)
    tracker.add(description, start, end, target=target, billable=billable, tags=tags)


# Enter does what the big button shows ------------------------------------------------------
def test_enter_on_an_empty_line_stops_the_running_timer(qtbot: QtBot) -> None:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.show_running("Homepage layout · Website", 65)
    assert bar.button.text() == "Stop"
    started: list[object] = []
    bar.start_requested.connect(started.append)
    with qtbot.waitSignal(bar.stop_requested):
        qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    assert started == []  # no blank timer in its place


def test_enter_with_something_new_typed_switches_to_it(qtbot: QtBot) -> None:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.show_running("Homepage layout · Website", 65)
    qtbot.keyClicks(bar.description, "Call with Acme")
    assert bar.button.text() == "Switch"
    stopped: list[None] = []
    bar.stop_requested.connect(lambda: stopped.append(None))
    with qtbot.waitSignal(bar.start_requested) as switched:
        qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    assert switched.args[0].description == "Call with Acme"
    assert stopped == []  # the start itself stops the running timer, at the same instant


def test_enter_in_the_app_stops_and_switches_like_the_button(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    bar = timo.window.timer_bar
    type_and_start(qtbot, bar, "First")
    first = tracker.running()
    assert first is not None
    type_and_start(qtbot, bar, "Second")  # a new description while running: a switch
    second = tracker.running()
    assert second is not None and second.description == "Second"
    assert tracker.get(first.client_ref).end == second.start
    assert bar.button.text() == "Stop"
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)  # nothing typed: Stop
    assert tracker.running() is None
    assert [e.description for e in tracker.recent(2)] == ["Second", "First"]  # no blank one
    assert bar.button.text() == "Start"


def test_enter_with_the_running_description_typed_starts_nothing(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    """Switching to what runs already would only leave an entry of seconds behind."""
    bar = timo.window.timer_bar
    type_and_start(qtbot, bar, "First")
    first = tracker.running()
    assert first is not None
    type_and_start(qtbot, bar, "First")  # no project, tags or billable mark: the same
    assert tracker.running() == first
    assert [e for e in tracker.recent(2) if e.description == "First"] == [first]
    since = clock_time(first.start, tracker.zone)
    said = f"'First' is already running, since {since}"
    assert timo.window.undo_bar.message.text() == said


# A suggestion picked from the list is like its newest entry ---------------------------------
def test_a_picked_suggestion_brings_back_target_billable_and_tags(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    # Newest "Homepage layout": not billable although its project bills by default.
    add_yesterday(
        tracker, "Homepage layout", HOMEPAGE_TARGET, billable=False, tags=("design", "review")
    )
    timo.reload()
    bar = timo.window.timer_bar
    choose_suggestion(qtbot, bar, "homepage")
    assert bar.description.text() == "Homepage layout"
    assert bar.target.text() == "Website relaunch › Homepage layout"
    assert not bar.billable.isChecked()  # the entry's, not the project's default
    assert bar.tags.text() == "design, review"
    bar.billable.setChecked(True)  # still the user's to change before starting
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None
    assert (running.description, running.target, running.billable, running.tags) == (
        "Homepage layout",
        HOMEPAGE_TARGET,
        True,
        ("design", "review"),
    )


def test_typing_a_known_description_keeps_the_target_already_picked(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    bar = timo.window.timer_bar
    bar.target.click()
    qtbot.keyClicks(bar.target.popup.search, "internal")
    qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.description, "Call with Acme")  # matches an earlier entry, by hand
    popup = bar.description.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the list closed, nothing picked from it
    assert bar.target.choice() is not None and bar.target.choice().project_id == INTERNAL.id
    assert bar.tags.text() == ""
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None and running.target == Target(project_id=INTERNAL.id)


def test_a_picked_suggestion_with_a_record_fills_the_record(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    bar = timo.window.timer_bar
    choose_suggestion(qtbot, bar, "acme")
    assert bar.target.choice() == TargetChoice(ACME.display_name, record_id=ACME.id)
    assert bar.tags.text() == "call"


def test_a_picked_suggestion_whose_project_takes_no_time_leaves_it_out_and_says_so(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    with tracker.store.write() as tx:
        tx.put_projects([Project("p-old", "Old website")])
    add_yesterday(tracker, "Legacy fixes", Target(project_id="p-old"))
    with tracker.store.write() as tx:  # closed to time since
        tx.put_projects([Project("p-old", "Old website", can_track=False)])
    timo.reload_catalog()
    timo.reload()
    bar = timo.window.timer_bar
    choose_suggestion(qtbot, bar, "legacy")
    # Vmoox would refuse a timer on it: the user picks another, or starts without one.
    assert bar.target.text() == "No project" and bar.target.choice() is None
    assert bar.target_hint.text() == (
        "Project 'Old website' does not accept time: pick another, or start without one."
    )


# The tray's entries to continue --------------------------------------------------------------
def continue_items(tray: Tray) -> list[QAction]:
    """The menu's items under "Continue", up to the next separator."""
    tray.menu.aboutToShow.emit()  # as when it opens
    actions = tray.menu.actions()
    first = next(i for i, a in enumerate(actions) if a.text() == "Continue") + 1
    last = next(i for i in range(first, len(actions)) if actions[i].isSeparator())
    return actions[first:last]


def test_the_tray_offers_five_earlier_entries_while_a_timer_runs(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(tracker, "Invoices", Target(project_id=INTERNAL.id))
    timo.reload()
    type_and_start(qtbot, timo.window.timer_bar, "Homepage layout")
    tray = Tray(timo.tray_state)
    items = continue_items(tray)
    labels = [a.toolTip() for a in items]
    assert len(labels) == 5, labels
    assert len(set(labels)) == 5  # each description and target once
    assert "Homepage layout" not in labels  # the running timer is above, with Stop
    assert labels[0] == "Invoices — Internal"  # newest first
    tray.deleteLater()
