"""While a cell of the list is open in its editor, the window still follows what happens
elsewhere (the command line, another device): the timer line, the title and the list's
totals show what is true (an entry added counts in its day's total at once, a timer switched
counts once), and only rows that come or go wait for the editor to close.
A Start or Stop pressed on what the window showed a moment before does nothing else than
bring it up to date; a click past the project popup ends that cell's edit; and a click on a
row of a list that waited selects and makes current that row, which Delete then deletes.
A name changed in place widens its column as a refill would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.ui.clocked import ZONE, Clock
from tests.ui.test_click_past_suggestions import click
from tests.ui.test_list_keys import current, editing, entry, three_entries, to_row
from tests.ui.workday import CTRL, DAY, SHIFT, back_to, focused, list_cell, press, type_text
from tests.ui.workday import wait_for_window as wait_for
from timo_desktop.core.entry import NO_TARGET, Source
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import RUNNING_ROLE, Column
from timo_desktop.ui.target_picker import TargetPopup

LEFT = Qt.MouseButton.LeftButton


@contextmanager
def elsewhere(clock: Clock) -> Iterator[Tracker]:
    """The same database through a connection of its own, as the command line opens it."""
    opened = Tracker.open(resolve().ensure().database, source=Source.CLI, zone=ZONE, clock=clock)
    try:
        yield opened
    finally:
        opened.close()


def described(timo: TimoApp) -> list[str]:
    """The descriptions of DAY's entries, in order."""
    return [e.description for e in timo.tracker.days(DAY, DAY)]


def selected(timo: TimoApp) -> list[str]:
    return [e.description for e in timo.window.entries.selected_entries()]


def test_a_stop_from_the_command_line_shows_while_a_cell_is_edited(
    qtbot: QtBot, timo: TimoApp, timo_home: Path
) -> None:
    timo.window.activateWindow()
    qtbot.waitUntil(timo.window.isActiveWindow)
    bar, view = timo.window.timer_bar, timo.window.entries
    review = timo.tracker.start("Review").started
    assert review is not None
    timo.reload()
    assert bar.button.text() == "Stop"
    # A finished entry's description open in its editor, something typed there.
    earlier = next(e for e in timo.tracker.recent(10) if e.end is not None)
    view.setFocus()
    assert view.make_current(earlier.client_ref)
    press(qtbot, Qt.Key.Key_F2)
    editor = editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, " (draft)")

    stopped = run_timo(timo_home, "stop")
    assert stopped.returncode == 0, stopped.stderr

    # The window notices within its usual second: the line, title and list show it stopped.
    qtbot.waitUntil(lambda: bar.button.text() == "Start")
    assert not bar.strip.isVisible() and timo.window.windowTitle() == "Timo"
    assert not list_cell(timo, review.client_ref, Column.TIMES).data(RUNNING_ROLE)
    assert not timo.window.model.running_index().isValid()
    # ... and the edit goes on, nothing typed lost.
    assert view.is_editing() and editor.text() == f"{earlier.description} (draft)"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert timo.tracker.get(earlier.client_ref).description == f"{earlier.description} (draft)"
    assert timo.tracker.running() is None


def test_stop_pressed_as_the_window_catches_up_starts_no_blank_timer(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar, view = day_app, day_app.window.timer_bar, day_app.window.entries
    three_entries(timo, day_clock)
    timo.tracker.start("Review")
    timo.reload()
    with elsewhere(day_clock) as other:
        to_row(qtbot, timo, "Stand-up")
        press(qtbot, Qt.Key.Key_F2)
        editing(qtbot, timo)
        press(qtbot, Qt.Key.Key_End)
        type_text(qtbot, " notes")
        # Switched elsewhere while the cell is open: the line follows at once (the new row
        # waits for the editor).
        day_clock.now += timedelta(minutes=20)
        other.start("Call")
        qtbot.waitUntil(lambda: "Call" in bar.running_label.text())
        assert bar.button.text() == "Stop" and view.is_editing()
        # Stopped there too; before the window looks again, Stop is pressed. The press
        # closes the editor, and the window catches up under the pointer: Stop turns Start.
        day_clock.now += timedelta(minutes=10)
        other.stop()
        click(bar.button)

    assert timo.tracker.running() is None
    assert "" not in described(timo)  # no blank timer was started
    assert bar.button.text() == "Start"
    assert "Stand-up notes" in described(timo)  # the edit the press closed was saved


def test_start_on_a_line_behind_a_timer_started_elsewhere_starts_nothing(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    three_entries(timo, day_clock)
    bar.description.setFocus()
    assert bar.button.text() == "Start"
    with elsewhere(day_clock) as other:
        other.start("Call")
        # Ctrl+Enter before the window has looked: it showed nothing running.
        press(qtbot, Qt.Key.Key_Return, CTRL)

    running = timo.tracker.running()
    assert running is not None and running.description == "Call"
    assert "" not in described(timo)
    assert bar.button.text() == "Stop" and "Call" in bar.running_label.text()
    assert timo.window.undo_bar.message.text() == (
        "“Call” was started meanwhile, from the command line or another device. "
        "Nothing else was done."
    )


def test_stop_on_a_line_behind_a_switch_elsewhere_stops_nothing(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    three_entries(timo, day_clock)
    timo.tracker.start("Review")
    timo.reload()
    bar.description.setFocus()
    with elsewhere(day_clock) as other:
        day_clock.now += timedelta(minutes=20)
        other.start("Call")  # switched there; the line still shows "Review" running
        press(qtbot, Qt.Key.Key_Return, CTRL)

    running = timo.tracker.running()
    assert running is not None and running.description == "Call"
    assert "Call" in bar.running_label.text()
    assert timo.window.undo_bar.message.text() == (
        "“Call” was started meanwhile, from the command line or another device. "
        "Nothing else was done."
    )


def test_a_click_past_the_project_popup_ends_that_edit(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar, view = day_app, day_app.window.timer_bar, day_app.window.entries
    three_entries(timo, day_clock)
    at = view.visualRect(list_cell(timo, entry(timo, "Stand-up").client_ref, Column.TARGET))
    qtbot.mouseClick(view.viewport(), LEFT, pos=at.center())
    qtbot.mouseDClick(view.viewport(), LEFT, pos=at.center())
    wait_for(qtbot, TargetPopup, active=False)
    assert view.is_editing()

    click(bar.description)  # into the timer line: the popup closes, and so does the edit
    qtbot.waitUntil(lambda: not view.is_editing())
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, TargetPopup)]
    assert entry(timo, "Stand-up").target == NO_TARGET  # nothing was picked: nothing changed
    back_to(qtbot, timo.window)
    qtbot.waitUntil(bar.description.hasFocus)
    type_text(qtbot, "Design review")
    click(bar.button)

    # The list shows the new timer at once (no editor left open holds it back).
    running = timo.tracker.running()
    assert running is not None and running.description == "Design review"
    assert "Design review" in bar.running_label.text()
    cell = list_cell(timo, running.client_ref, Column.DESCRIPTION)
    assert cell.isValid() and cell.data(RUNNING_ROLE)


def test_a_click_on_a_row_of_a_list_that_waited_selects_that_row(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    with elsewhere(day_clock) as other:
        other.start("Review")  # a row comes on top: the list waits for the editor
        qtbot.waitUntil(lambda: "Review" in timo.window.timer_bar.running_label.text())
    assert view.is_editing()

    # A click on "Call with Acme" as the list shows it: the editor closes, the list takes
    # in the new row, and the row clicked is both current and highlighted.
    at = view.visualRect(list_cell(timo, entry(timo, "Call with Acme").client_ref, 0)).center()
    qtbot.mouseClick(view.viewport(), LEFT, pos=at)
    qtbot.waitUntil(lambda: list_cell(timo, entry(timo, "Review").client_ref, 0).isValid())
    assert not view.is_editing()
    assert current(timo) == ("Call with Acme", Column.DESCRIPTION)
    assert selected(timo) == ["Call with Acme"]

    press(qtbot, Qt.Key.Key_Delete)
    assert described(timo) == ["Stand-up", "Homepage layout", "Review"]


def test_delete_deletes_the_highlighted_rows_not_the_one_with_the_ring(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    to_row(qtbot, timo, "Homepage layout")
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert selected(timo) == ["Homepage layout", "Stand-up"]
    press(qtbot, Qt.Key.Key_Space, CTRL)  # the current row (the ring) let go of
    assert current(timo) == ("Stand-up", Column.DESCRIPTION)
    assert selected(timo) == ["Homepage layout"]
    assert focused() is view and not isinstance(focused(), QLineEdit)

    press(qtbot, Qt.Key.Key_Delete)
    assert described(timo) == ["Stand-up", "Call with Acme"]


def test_a_longer_project_picked_in_place_widens_its_column(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    timo.window.resize(1400, 700)  # room for every name whole
    three_entries(timo, day_clock)
    before = view.columnWidth(Column.TARGET)
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Return)
    wait_for(qtbot, TargetPopup, active=False)
    type_text(qtbot, "onboarding")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_editing())

    cell = list_cell(timo, entry(timo, "Stand-up").client_ref, Column.TARGET)
    assert cell.data() == "Mobile app › Onboarding screens"
    assert view.columnWidth(Column.TARGET) > before
    assert view.visualRect(cell).width() >= view.fontMetrics().horizontalAdvance(cell.data())


def test_going_to_the_tray_mid_edit_saves_it_and_lets_the_list_catch_up(
    qtbot: QtBot, timo: TimoApp, timo_home: Path
) -> None:
    """The window hidden (Ctrl+W, to the tray) with a cell open, its suggestions showing,
    left the list editing out of sight: entries made meanwhile did not show when it came
    back, until that forgotten editor was closed."""
    view = timo.window.entries
    earlier = timo.tracker.add(
        "Notes",
        timo.tracker.clock() - timedelta(hours=2),
        timo.tracker.clock() - timedelta(hours=1),
    )
    timo.reload()
    view.setFocus()
    assert view.make_current(earlier.client_ref)
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Note")
    popup = timo.descriptions.popup()
    qtbot.waitUntil(popup.isVisible)  # "Notes", as typed before
    timo.window.hide()  # what closing does with a tray (`TimoApp._on_close`)
    assert not view.is_editing()
    assert timo.tracker.get(earlier.client_ref).description == "Note"  # what was typed
    yesterday = (timo.tracker.today() - timedelta(days=1)).isoformat()
    added = run_timo(
        timo_home, "add", "Made meanwhile", "--date", yesterday, "--start", "05:00", "-d", "15m"
    )
    assert added.returncode == 0, added.stderr
    model = timo.window.model
    qtbot.waitUntil(
        lambda: any(e.description == "Made meanwhile" for g in model.days() for e in g.entries)
    )


def header(timo: TimoApp) -> str:
    """DAY's header as the list shows it."""
    [day] = [group for group in timo.window.model.days() if group.day == DAY]
    return timo.window.model.day_text(day)


def noticed(qtbot: QtBot, timo: TimoApp) -> None:
    """The window's look at the database (each second), and the reload that follows it."""
    timo._check_outside_changes()
    qtbot.waitUntil(lambda: not timo._reload_soon.isActive())


def test_an_entry_added_elsewhere_counts_in_its_day_while_a_cell_is_edited(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The day's total stayed as it was until the editor closed."""
    timo, view = day_app, day_app.window.entries
    three_entries(timo, day_clock)
    assert header(timo) == "Today — 2:15 total, 1:30 billable"
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_F2)
    editor = editing(qtbot, timo)
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, " notes")
    with elsewhere(day_clock) as other:
        other.add("Review", at_local(DAY, time(8), ZONE), at_local(DAY, time(8, 30), ZONE))
    noticed(qtbot, timo)

    assert header(timo) == "Today — 2:45 total, 1:30 billable"
    # The row waits for the editor, which goes on as it was.
    assert view.is_editing() and focused() is editor and editor.text() == "Stand-up notes"
    assert "Review" not in [e.description for e in timo.window.model.days()[0].entries]
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: list_cell(timo, entry(timo, "Review").client_ref, 0).isValid())
    assert header(timo) == "Today — 2:45 total, 1:30 billable"
    assert entry(timo, "Stand-up notes").end is not None


def test_a_timer_switched_elsewhere_while_a_cell_is_edited_counts_once(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The rows kept show the timer that ran before; the totals count the one that runs."""
    timo = day_app
    three_entries(timo, day_clock)
    timo.tracker.start("Review")
    timo.reload()
    to_row(qtbot, timo, "Stand-up")
    press(qtbot, Qt.Key.Key_F2)
    editing(qtbot, timo)
    day_clock.now += timedelta(minutes=20)
    with elsewhere(day_clock) as other:
        other.start("Call")  # Review stopped at 12:20, after 20 minutes
        other.add("Mail", at_local(DAY, time(8), ZONE), at_local(DAY, time(8, 30), ZONE))
    noticed(qtbot, timo)
    assert header(timo) == "Today — 3:05 total, 1:30 billable"

    day_clock.now += timedelta(minutes=10)
    timo.window.model.tick()  # the window's count, each second
    assert header(timo) == "Today — 3:15 total, 1:30 billable"  # Call's 10, Review's 20
    assert timo.window.entries.is_editing()
