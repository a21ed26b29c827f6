"""The Undo bar goes after a while, but its room stays: gone, it let the list grow
under the pointer, and a click aimed at Undo a moment too late duplicated or deleted the
row that was now there."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp


def test_the_list_does_not_grow_into_where_undo_was(qtbot: QtBot, timo: TimoApp) -> None:
    window = timo.window
    window.resize(860, 600)
    before = window.entries.geometry()
    bar = window.undo_bar
    bar.offer("Added “Planning”.")
    qtbot.waitUntil(lambda: window.entries.geometry().height() < before.height())
    shown = window.entries.geometry()
    bar._timer.timeout.emit()  # its time is up
    assert bar.isHidden()
    qtbot.wait(50)  # a layout pass
    assert window.entries.geometry() == shown
    bar.offer("Deleted “Planning”.")  # and back in the same place
    assert bar.isVisible() and window.entries.geometry() == shown
    bar.say("Undone: Delete “Planning”.")  # words alone, without the button: no smaller
    qtbot.wait(50)
    assert window.entries.geometry() == shown


def test_it_waits_while_the_pointer_is_on_it(qtbot: QtBot, timo: TimoApp) -> None:
    bar = timo.window.undo_bar
    bar.offer("Added “Planning”.")
    qtbot.waitExposed(bar)
    qtbot.mouseMove(bar.button)
    qtbot.waitUntil(bar.underMouse)
    bar._timer.timeout.emit()
    assert bar.isVisible() and bar._timer.isActive()
