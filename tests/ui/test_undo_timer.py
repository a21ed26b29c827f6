"""Start, Switch, Stop and Continue are each one step on the undo stack, said in the undo bar:
Ctrl+Z takes back that, never an older change, and Ctrl+Shift+Z makes it again."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.workday import CTRL, DAY, MORNING, SHIFT, back_to, press, the_day, type_text
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.timer_bar import TimerDraft


def undo(qtbot: QtBot, timo: TimoApp, *, redo: bool = False) -> str:
    """Ctrl+Z (or Ctrl+Shift+Z) in the list; what the undo bar says then."""
    timo.window.entries.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT if redo else CTRL)
    return timo.window.undo_bar.message.text()


def said(timo: TimoApp) -> str:
    return timo.window.undo_bar.message.text()


def test_start_switch_stop_and_continue_are_each_one_undo(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, tracker = day_app, day_app.tracker
    tracker.add("Email", at_local(DAY, time(7, 0), ZONE), at_local(DAY, time(8, 0), ZONE))
    timo.reload()
    # An older change, which no Undo below may reach: the entry renamed in place.
    view = timo.window.entries
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(view.is_editing)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Emails")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: the_day(timo) == [("Emails", "07:00", "08:00")])
    assert said(timo) == "Changed the description of “Email”."
    back_to(qtbot, timo.window)  # the suggestions shown while typing have closed

    # Start, undone and made again.
    press(qtbot, Qt.Key.Key_L, CTRL)
    type_text(qtbot, "Homepage layout")
    press(qtbot, Qt.Key.Key_Return)
    started = tracker.running()
    assert started is not None and said(timo) == "Started “Homepage layout”."
    assert undo(qtbot, timo) == "Undone: Start “Homepage layout”."
    assert tracker.running() is None
    assert the_day(timo) == [("Emails", "07:00", "08:00")]
    assert undo(qtbot, timo, redo=True) == "Redone: Start “Homepage layout”."
    assert tracker.running() == tracker.get(started.client_ref)

    # Switch at 10:00: Undo runs the first timer on as if never stopped.
    day_clock.now = MORNING + timedelta(hours=1)
    press(qtbot, Qt.Key.Key_L, CTRL)
    type_text(qtbot, "Call with Acme")
    press(qtbot, Qt.Key.Key_Return)
    assert said(timo) == "Switched from “Homepage layout” to “Call with Acme”."
    undo(qtbot, timo)
    assert the_day(timo) == [("Emails", "07:00", "08:00"), ("Homepage layout", "09:00", "")]
    undo(qtbot, timo, redo=True)
    switched = [
        ("Emails", "07:00", "08:00"),
        ("Homepage layout", "09:00", "10:00"),
        ("Call with Acme", "10:00", ""),
    ]
    assert the_day(timo) == switched

    # Stop at 10:30 (Enter on the empty line).
    day_clock.now = MORNING + timedelta(hours=1, minutes=30)
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    assert tracker.running() is None
    assert said(timo) == "Stopped “Call with Acme” at 10:30."
    undo(qtbot, timo)
    assert the_day(timo) == switched
    undo(qtbot, timo, redo=True)
    assert tracker.running() is None

    # Continue the latest entry from anywhere (Ctrl+Shift+Enter outside the list).
    day_clock.now = MORNING + timedelta(hours=2)
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)
    assert said(timo) == "Continued “Call with Acme”."
    assert undo(qtbot, timo) == "Undone: Continue “Call with Acme”."
    assert tracker.running() is None
    ended = [*switched[:2], ("Call with Acme", "10:00", "10:30")]
    assert the_day(timo) == ended

    # Back step by step: the stop, the switch, the start, and only then the rename.
    undo(qtbot, timo)
    undo(qtbot, timo)
    assert the_day(timo) == [("Emails", "07:00", "08:00"), ("Homepage layout", "09:00", "")]
    undo(qtbot, timo)
    assert the_day(timo) == [("Emails", "07:00", "08:00")]
    assert undo(qtbot, timo) == "Undone: Change the description of “Email”."
    assert the_day(timo) == [("Email", "07:00", "08:00")]
    assert undo(qtbot, timo) == "Nothing to undo."


def test_a_refused_undo_leaves_the_history_where_it_was(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The entry an undo would take back deleted since by `timo delete`: the refusal moved
    the history a step all the same, so the next Ctrl+Z took back an older change, and a
    redo then brought back the entry the command line had deleted."""
    from timo_desktop.services.tracker import Tracker

    timo, tracker = day_app, day_app.tracker
    day_clock.now = MORNING + timedelta(hours=2)
    timo.start_timer(TimerDraft("Email", None, True, ()))
    email = tracker.running()
    assert email is not None
    timo.stop_timer()
    steps = timo.undo.index()
    elsewhere = Tracker.open(tracker.store.path, zone=tracker.zone, clock=tracker.clock)
    try:
        elsewhere.delete(email.client_ref)  # as `timo delete` does, in another process
    finally:
        elsewhere.close()

    for _ in range(2):
        refused = undo(qtbot, timo)
        assert refused == (
            "Could not undo Stop “Email”: its entry was deleted or brought back meanwhile"
            " (from the command line or another device)."
        )
        assert timo.undo.index() == steps  # still at the stop, not a step further back
    assert tracker.get_deleted(email.client_ref).is_deleted
    assert undo(qtbot, timo, redo=True) == "Nothing to redo."


def test_ctrl_z_in_the_empty_timer_line_undoes_the_last_change(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The keyboard rests in the timer line; the line took Ctrl+Z for its own (empty) text
    undo, and a delete or an away answer given by mistake stayed."""
    timo, tracker = day_app, day_app.tracker
    day_clock.now = MORNING + timedelta(hours=2)
    gone = tracker.add("Email", at_local(DAY, time(7, 0), ZONE), at_local(DAY, time(8, 0), ZONE))
    timo.reload()
    timo.delete_entry(gone.client_ref)
    line = timo.window.timer_bar.description
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert line.hasFocus() and line.text() == ""

    press(qtbot, Qt.Key.Key_Z, CTRL)

    assert not tracker.get(gone.client_ref).is_deleted
    assert said(timo) == "Undone: Delete “Email”."
    # With something of its own typed, Ctrl+Z is the line's.
    type_text(qtbot, "Homepage")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert line.text() == "" and not tracker.get(gone.client_ref).is_deleted


def test_ctrl_z_right_after_a_start_from_the_line_undoes_the_start(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The line was emptied as a step of its own text's undo: Ctrl+Z put "Review" back in
    it (and Enter then started it twice over), while the switch stood."""
    timo, tracker = day_app, day_app.tracker
    bar = timo.window.timer_bar
    press(qtbot, Qt.Key.Key_L, CTRL)
    type_text(qtbot, "Homepage")
    press(qtbot, Qt.Key.Key_Return)
    day_clock.now += timedelta(minutes=30)
    type_text(qtbot, "Review")
    bar.tags.setFocus()
    type_text(qtbot, "design")
    bar.description.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # a switch, with tags typed for it
    running = tracker.running()
    assert running is not None and running.description == "Review"

    press(qtbot, Qt.Key.Key_Z, CTRL)

    running = tracker.running()
    assert running is not None and running.description == "Homepage"
    assert said(timo).startswith("Undone: ")
    assert bar.description.text() == ""
    # Nor do the tags typed for the timer just started come back in their line.
    assert not bar.tags.isUndoAvailable()
