"""Text typed in a cell of the list that cannot be saved (times that end before they start, a
duration that is none) is not thrown away: the cell opens again holding it, the reason said
beside it and in the message bar, to be put right (as "Go back to editing" after an
overlap keeps it) or, with the bar's Discard my change, let go."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.test_edit_in_place_overlaps import retype_times
from tests.ui.test_list_keys import current, editing, entry, saved, three_entries, to_row
from tests.ui.workday import CTRL, DAY, focused, list_cell, press, type_text
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column


def test_times_that_end_before_they_start_open_again_as_typed(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    before = entry(timo, "Homepage layout")
    retype_times(qtbot, timo, "Homepage layout", "00:10-00:05")  # then a click elsewhere

    editor = editing(qtbot, timo)
    assert editor.text() == "00:10-00:05"
    assert current(timo) == ("Homepage layout", Column.TIMES)
    said = timo.window.undo_bar.message.text()
    assert said and editor.accessibleDescription() == said == editor.toolTip()
    assert (entry(timo, "Homepage layout").start, entry(timo, "Homepage layout").end) == (
        before.start,
        before.end,
    )

    # Put right, it saves as any edit does.
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "09:30-10:00")
    saved(qtbot, timo)
    assert entry(timo, "Homepage layout").end == at_local(DAY, time(10, 0), ZONE)


def test_times_refused_are_discarded_with_the_mouse_from_the_message_bar(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """A click elsewhere only opened the cell again, and only Esc let the typing go: the
    bar that says why offers to discard it, leaving the entry as it was."""
    timo = day_app
    three_entries(timo, day_clock)
    before = entry(timo, "Homepage layout")
    retype_times(qtbot, timo, "Homepage layout", "00:10-00:05")
    editing(qtbot, timo)
    view, bar = timo.window.entries, timo.window.undo_bar
    elsewhere = view.visualRect(list_cell(timo, before.client_ref, Column.DESCRIPTION)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=elsewhere)
    assert editing(qtbot, timo).text() == "00:10-00:05"  # still as typed, not let go

    discard = bar.discard
    qtbot.waitUntil(discard.isVisible)
    assert discard.accessibleName() == "Discard my change"
    assert discard.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert focused() is view
    assert current(timo)[0] == "Homepage layout"
    after = entry(timo, "Homepage layout")
    assert (after.start, after.end) == (before.start, before.end)
    assert timo.undo.count() == 0  # nothing changed, nothing to undo


def test_esc_in_a_cell_refused_lets_the_bar_forget_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Let go with Esc, the bar's reason stays a while, without a Discard for a cell shut."""
    timo = day_app
    three_entries(timo, day_clock)
    retype_times(qtbot, timo, "Homepage layout", "00:10-00:05")
    editing(qtbot, timo)
    bar = timo.window.undo_bar
    qtbot.waitUntil(bar.discard.isVisible)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())
    qtbot.waitUntil(bar.discard.isHidden)
    assert bar.isVisible() and "00:05" in bar.message.text()


def retype_stand_up_length(qtbot: QtBot, timo: TimoApp, typed: str) -> None:
    """`typed` over Stand-up's length in the list, by the keyboard, and Enter."""
    to_row(qtbot, timo, "Stand-up")
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Right)
    assert current(timo) == ("Stand-up", Column.DURATION)
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)


def test_a_duration_that_is_none_opens_again_as_typed(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_entries(timo, day_clock)
    retype_stand_up_length(qtbot, timo, "a while")

    qtbot.waitUntil(lambda: "a while" in timo.window.undo_bar.message.text())
    editor = editing(qtbot, timo)
    assert editor.text() == "a while"
    assert current(timo) == ("Stand-up", Column.DURATION)
    assert editor.accessibleDescription() == timo.window.undo_bar.message.text()
    assert entry(timo, "Stand-up").end == at_local(DAY, time(9, 15), ZONE)


def test_a_bare_number_too_long_for_an_entry_is_said_as_read_hours(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """`45` typed as a length is 45 hours, as in Add time and `timo add`: refused as that,
    with the minutes perhaps meant, not as an end that lies days ahead."""
    timo = day_app
    three_entries(timo, day_clock)
    retype_stand_up_length(qtbot, timo, "45")

    qtbot.waitUntil(lambda: "45" in timo.window.undo_bar.message.text())
    assert timo.window.undo_bar.message.text() == (
        "'45' is read as 45 hours, longer than the longest entry allowed (24h 00m);"
        " did you mean 45m?"
    )
    assert editing(qtbot, timo).text() == "45"
    assert entry(timo, "Stand-up").end == at_local(DAY, time(9, 15), ZONE)


def test_an_entry_into_the_next_morning_keeps_its_end_there(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """10:00 to 09:00 the next morning, its start moved to 10:30: the end typed (09:00,
    before the start on its own day, too far from it to be that night's) stays the next
    morning's, where it was, rather than refused as an end before the start."""
    timo = day_app
    three_entries(timo, day_clock)
    eve = DAY - timedelta(days=1)
    timo.tracker.add("Overnight build", at_local(eve, time(10), ZONE), at_local(DAY, time(9), ZONE))
    timo.reload()

    retype_times(qtbot, timo, "Overnight build", "10:30-09:00")

    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())
    moved = entry(timo, "Overnight build")
    assert (moved.start, moved.end) == (
        at_local(eve, time(10, 30), ZONE),
        at_local(DAY, time(9), ZONE),
    )
