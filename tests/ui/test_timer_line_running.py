"""The timer line while a timer runs: with no new description typed it is that timer (its
project, billable mark and tags show there and change it, one Undo each); with one typed it
is the next timer's. Enter on the project button or the `$` does their own thing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.seed import INTERNAL, WEBSITE
from tests.ui.workday import CTRL, MORNING, SHIFT, back_to, focused, press, type_text
from timo_desktop.core.entry import NO_TARGET, Entry, Target
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.target_picker import TargetPopup


def running(timo: TimoApp) -> Entry:
    entry = timo.tracker.running()
    assert entry is not None
    return entry


def pick(qtbot: QtBot, timo: TimoApp, search: str) -> None:
    """Ctrl+P, the first target matching `search`, Enter; back in the window."""
    press(qtbot, Qt.Key.Key_P, CTRL)
    popup = timo.window.timer_bar.target.popup
    qtbot.waitUntil(popup.isVisible)
    type_text(qtbot, search)
    press(qtbot, Qt.Key.Key_Return)
    assert not popup.isVisible()
    back_to(qtbot, timo.window)


def test_with_nothing_typed_the_line_changes_the_running_timer(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    type_text(qtbot, "Homepage layout")
    press(qtbot, Qt.Key.Key_Return)
    ref = running(timo).client_ref
    steps = timo.undo.count()
    day_clock.now = MORNING + timedelta(minutes=20)

    pick(qtbot, timo, "website")  # Ctrl+P … Enter
    assert running(timo).target == Target(project_id=WEBSITE.id)
    assert not running(timo).billable  # as a project changed in the list: the mark stays
    assert bar.target.text() == "Website relaunch" and not bar.billable.isChecked()
    press(qtbot, Qt.Key.Key_B, CTRL)
    assert running(timo).billable and bar.billable.isChecked()
    press(qtbot, Qt.Key.Key_T, CTRL)
    type_text(qtbot, "design, review")
    press(qtbot, Qt.Key.Key_Return)  # sets the tags; the timer runs on
    after = running(timo)
    assert (after.client_ref, after.tags, after.start) == (ref, ("design", "review"), MORNING)
    assert timo.undo.count() == steps + 3  # one step each
    assert timo.window.undo_bar.message.text() == "Changed the tags of “Homepage layout”."

    # The bar's Undo (Ctrl+Z in a text field undoes its typing): Shift+Tab from the top.
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is timo.window.undo_bar.button
    press(qtbot, Qt.Key.Key_Space)
    assert running(timo).tags == () and bar.tags.text() == ""
    assert running(timo).billable  # only the last change went

    # Enter on the empty line stops it, as the button says; the line is blank again.
    assert bar.button.text() == "Stop"
    press(qtbot, Qt.Key.Key_Return)
    assert timo.tracker.running() is None
    assert (bar.target.choice(), bar.billable.isChecked(), bar.tags.text()) == (None, False, "")


def test_a_description_typed_makes_the_line_the_next_timers(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    timo.tracker.start("Homepage layout", target=Target(project_id=WEBSITE.id), tags=("design",))
    timo.reload()
    # A timer started elsewhere (the tray, the command line) shows in the line.
    assert (bar.target.text(), bar.billable.isChecked(), bar.tags.text()) == (
        "Website relaunch",
        True,
        "design",
    )
    day_clock.now = MORNING + timedelta(minutes=30)
    type_text(qtbot, "Team lunch")
    # The next timer starts blank: carried over unseen, "design" would tag the lunch.
    assert (bar.target.choice(), bar.billable.isChecked(), bar.tags.text()) == (None, False, "")
    pick(qtbot, timo, "internal")
    assert running(timo).target == Target(project_id=WEBSITE.id)  # the running one keeps it
    assert not bar.billable.isChecked()  # the next one follows Internal's default
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return)  # Switch
    after = running(timo)
    assert (after.description, after.target, after.billable, after.tags) == (
        "Team lunch",
        Target(project_id=INTERNAL.id),
        False,
        (),
    )
    # Emptying the description again shows the running timer; Esc does so too.
    timo.edit_running(Column.TAGS, "food")
    type_text(qtbot, "Something else")
    bar.tags.setText("other")
    press(qtbot, Qt.Key.Key_Escape)
    assert (bar.description.text(), bar.tags.text()) == ("", "food")
    assert bar.target.choice() is not None and bar.target.choice().project_id == INTERNAL.id


def test_enter_on_the_project_button_and_the_billable_mark_does_their_own_thing(
    qtbot: QtBot, day_app: TimoApp
) -> None:
    timo, bar = day_app, day_app.window.timer_bar
    bar.target.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    popup = timo.window.timer_bar.target.popup
    qtbot.waitUntil(popup.isVisible)
    assert isinstance(focused().window(), TargetPopup)
    assert timo.tracker.running() is None  # nothing started
    press(qtbot, Qt.Key.Key_Escape)
    back_to(qtbot, timo.window)
    bar.billable.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert bar.billable.isChecked()
    assert timo.tracker.running() is None

    # With a timer running: Enter flips its mark, and it runs on.
    bar.button.click()
    assert running(timo).billable
    bar.billable.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert not running(timo).billable
    assert running(timo).target == NO_TARGET
