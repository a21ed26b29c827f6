"""Tags picked from the suggestions with the keyboard reach the running timer, as typed ones
do: ↓ to the suggestion, Enter to pick it, Enter again, and the timer has it, in one step
(the pick's Enter reaches the field too and sets it; the second finds nothing new)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.test_tag_suggestions import focus, type_and_pick
from tests.ui.test_tags_picked_by_mouse import a_timer_running
from tests.ui.workday import press
from timo_desktop.ui.controller import TimoApp


def test_a_tag_picked_with_the_keys_for_the_running_timer_is_set(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    a_timer_running(timo, day_clock)
    steps = timo.undo.count()
    focus(qtbot, bar.tags)
    assert type_and_pick(qtbot, bar.tags, "des") == ["design"]
    press(qtbot, Qt.Key.Key_Return)
    running = timo.tracker.running()
    assert running is not None and running.tags == ("design",)
    assert timo.window.undo_bar.message.text() == "Changed the tags of “Run”."
    assert timo.undo.count() == steps + 1  # one step, however many Enters
    timo.undo_last()
    running = timo.tracker.running()
    assert running is not None and running.tags == ()
