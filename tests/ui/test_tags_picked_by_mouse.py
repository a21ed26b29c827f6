"""Tags picked from the suggestions with the mouse reach the entries, as typed ones do: on
the running timer's line, a clicked suggestion is set once the pointer goes elsewhere; for
several selected entries, Add beside the field adds what it holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_a_day_by_mouse import cell_of
from tests.ui.test_bulk_edit import select_all, three_days
from tests.ui.test_click_past_suggestions import click
from tests.ui.workday import CTRL, DAY, MORNING, SHIFT, back_to, focused, press
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column


def click_suggestion(qtbot: QtBot, timo: TimoApp, field: QLineEdit, typed: str, tag: str) -> None:
    """Click into `field`, type `typed`, click `tag` in the list that opens; the window
    has the keyboard again, as the window manager gives it back."""
    click(field)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, typed)
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    shown = [model.index(row, 0) for row in range(model.rowCount())]
    index = next(i for i in shown if i.data() == tag)
    click(popup.viewport(), popup.visualRect(index).center())
    assert not popup.isVisible()
    back_to(qtbot, timo.window)


def a_timer_running(timo: TimoApp, day_clock: Clock) -> None:
    """An earlier "Layout" tagged design, 09:00–10:00; "Run" started at 10:00, untagged."""
    day_clock.now = MORNING + timedelta(hours=1)
    timo.tracker.add("Layout", MORNING, day_clock.now, tags=("design",))
    timo.tracker.start("Run")
    timo.reload()


def the_description(timo: TimoApp) -> None:
    click(timo.window.timer_bar.description)


def a_row(timo: TimoApp) -> None:
    view = timo.window.entries
    click(view.viewport(), view.visualRect(cell_of(view, "Layout", Column.DURATION)).center())


def the_billable_mark(timo: TimoApp) -> None:
    click(timo.window.timer_bar.billable)


@pytest.mark.parametrize("then", [the_description, a_row, the_billable_mark])
def test_a_tag_clicked_for_the_running_timer_is_set_on_clicking_elsewhere(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, then: Callable[[TimoApp], None]
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    a_timer_running(timo, day_clock)
    steps = timo.undo.count()
    click_suggestion(qtbot, timo, bar.tags, "des", "design")
    assert bar.tags.text() == "design, "
    then(timo)
    running = timo.tracker.running()
    assert running is not None and running.tags == ("design",)
    assert bar.tags.text() == "design"  # the running timer's tags, shown again
    # One step of its own, as after Enter (the `$` clicked is one more, after it).
    clicked_billable = then is the_billable_mark
    assert timo.undo.count() == steps + 1 + clicked_billable
    if clicked_billable:
        assert running.billable
    else:
        assert timo.window.undo_bar.message.text() == "Changed the tags of “Run”."


def test_tags_typed_with_the_list_open_are_set_on_clicking_elsewhere(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    a_timer_running(timo, day_clock)
    click(bar.tags)
    qtbot.waitUntil(bar.tags.hasFocus)
    qtbot.keyClicks(bar.tags, "des")
    qtbot.waitUntil(bar.tags.completer().popup().isVisible)
    a_row(timo)  # the open list has the mouse: the click closes it and goes on to the row
    running = timo.tracker.running()
    assert running is not None and running.tags == ("des",)
    assert timo.window.undo_bar.message.text() == "Changed the tags of “Run”."


def test_a_tag_clicked_for_the_selected_entries_is_added_with_add(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.selection_bar
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    steps = timo.undo.count()
    click(bar.add_tag)
    click_suggestion(qtbot, timo, bar.tag_field, "mee", "meeting")
    assert bar.tag_field.text() == "meeting, "  # room for more: nothing added yet
    assert timo.undo.count() == steps
    assert bar.add_typed.accessibleName() == "Add these tags to the selected entries"
    click(bar.add_typed)
    days = (DAY - timedelta(days=2), DAY)
    assert [e.tags for e in timo.tracker.days(*days)] == [("meeting",)] * 6
    assert timo.undo.count() == steps + 1
    assert not bar.tag_field.isVisible() and not bar.add_typed.isVisible()
    timo.undo_last()
    assert [e.tags for e in timo.tracker.days(*days)] == [("meeting",), ()] * 3


def test_tab_from_the_tag_field_reaches_add(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.selection_bar
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(bar.tag_field.hasFocus)
    qtbot.keyClicks(bar.tag_field, "review")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.add_typed
    press(qtbot, Qt.Key.Key_Space)
    days = (DAY - timedelta(days=2), DAY)
    assert [e.tags for e in timo.tracker.days(*days)] == [("meeting", "review"), ("review",)] * 3
