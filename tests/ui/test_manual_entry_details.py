"""The Add time dialog's manners: nothing said against a form just opened, the times the
others make shown grey in an empty field, a Trim kept while the description is typed, fields
that stay put as problems come and go, and one dialog however often it is asked for."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.typed import type_time
from tests.ui.workday import DAY, MORNING, the_day, wait_for_window
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog

NOON = MORNING + timedelta(hours=3)
LEFT = Qt.MouseButton.LeftButton


def opened(qtbot: QtBot, timo: TimoApp) -> ManualEntryDialog:
    """The window's Add time… clicked."""
    qtbot.mouseClick(timo.window.add_button, LEFT)
    return wait_for_window(qtbot, ManualEntryDialog)


def test_a_form_just_opened_says_nothing_until_add_is_pressed(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """It opened saying "Give a start and an end, or a duration" in red."""
    day_clock.now = NOON
    dialog = opened(qtbot, day_app)
    assert all(said.isHidden() for said in dialog.errors.values())
    qtbot.keyClicks(dialog.description, "Stand-up")  # the times are still to come
    assert all(said.isHidden() for said in dialog.errors.values())
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.errors["start"].text() == "Give a start and an end, or a duration"
    assert not dialog.errors["start"].isHidden()
    assert dialog.isVisible() and the_day(day_app) == []
    assert dialog.description.text() == "Stand-up"


def test_an_empty_time_field_shows_what_the_other_two_make_of_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """With a start and a duration the end showed its example, 10:30, not the end they make."""
    day_clock.now = NOON
    dialog = opened(qtbot, day_app)
    examples = ("09:00", "10:30", "or 1h30")
    fields = (dialog.start, dialog.end, dialog.duration)
    assert tuple(field.placeholderText() for field in fields) == examples
    type_time(qtbot, dialog.start, "09:15")
    type_time(qtbot, dialog.duration, "45m")
    assert dialog.end.placeholderText() == "10:00"
    dialog.start.clear()
    type_time(qtbot, dialog.end, "11:00")
    assert dialog.start.placeholderText() == "10:15"
    dialog.duration.clear()
    type_time(qtbot, dialog.start, "09:30")
    assert dialog.duration.placeholderText() == "1h 30m"
    dialog.end.clear()  # nothing to make them of: the examples again
    assert (dialog.end.placeholderText(), dialog.duration.placeholderText()) == examples[1:]


def test_typing_the_description_keeps_the_trim_chosen(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Each letter typed in What took the Trim back and asked about the overlap again."""
    day_clock.now = NOON
    tracker = day_app.tracker
    tracker.add("Planning", at_local(DAY, time(8, 45), ZONE), at_local(DAY, time(9, 30), ZONE))
    dialog = opened(qtbot, day_app)
    type_time(qtbot, dialog.start, "09:00")
    type_time(qtbot, dialog.end, "10:00")
    qtbot.mouseClick(dialog.trim_button, LEFT)
    qtbot.keyClicks(dialog.description, "Review")
    assert dialog.errors["form"].text() == "“Planning” will end at 09:00."
    assert dialog.save_button.isEnabled() and dialog.overlap_row.isHidden()
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert the_day(day_app) == [("Planning", "08:45", "09:00"), ("Review", "09:00", "10:00")]

    again = opened(qtbot, day_app)  # a change of times asks again
    type_time(qtbot, again.start, "08:30")
    type_time(qtbot, again.end, "08:50")
    qtbot.mouseClick(again.trim_button, LEFT)
    again.end.setText("08:55")
    assert not again.overlap_row.isHidden() and not again.save_button.isEnabled()


def places(dialog: ManualEntryDialog) -> list[QPoint]:
    """Where each field and button sits in the dialog."""
    QApplication.processEvents()
    widgets: list[QWidget] = [
        dialog.date,
        dialog.start,
        dialog.description,
        dialog.target,
        dialog.tags,
        dialog.save_button,
    ]
    return [widget.mapTo(dialog, QPoint(0, 0)) for widget in widgets]


def test_a_problem_put_right_moves_no_field(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The window stayed as tall as with the problem shown and the fields spread down over
    the room left: a click aimed at one landed on another."""
    day_clock.now = NOON
    dialog = opened(qtbot, day_app)
    type_time(qtbot, dialog.start, "09:00")
    assert not dialog.errors["end"].isHidden()  # "Give an end time or a duration"
    shown = places(dialog)
    type_time(qtbot, dialog.end, "10:00")
    assert dialog.errors["end"].isHidden()
    assert places(dialog) == shown
    dialog.end.setText("8")
    assert not dialog.errors["end"].isHidden()
    assert places(dialog) == shown
    dialog.end.setText("10:00")
    assert places(dialog) == shown


def test_add_time_asked_for_again_brings_the_open_dialog_forward(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The window's button twice, or the button and the tray's item, stacked dialogs."""
    day_clock.now = NOON
    dialog = opened(qtbot, day_app)
    type_time(qtbot, dialog.start, "09:00")
    qtbot.mouseClick(day_app.window.add_button, LEFT)
    assert day_app.add_manually() is dialog  # as the tray's Add time manually… asks
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ManualEntryDialog)]
    assert [w for w in shown if w.isVisible()] == [dialog]
    assert dialog.start.text() == "09:00"  # what was typed is still there
    dialog.reject()
    fresh = opened(qtbot, day_app)  # closed, the next one starts blank
    assert fresh is not dialog and fresh.start.text() == ""
