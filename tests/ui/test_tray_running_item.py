"""The running timer's name in the tray menu reads as text, not as a greyed-out item, and
choosing it opens the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timo_desktop.ui.tray import Tray, TrayState


def test_the_running_timer_reads_plainly_and_opens_the_window(qtbot: QtBot) -> None:
    tray = Tray(lambda: TrayState("Homepage layout — Website", "1:05", [], None))
    tray.menu.aboutToShow.emit()  # as when it opens
    running, stop, *_rest = tray.menu.actions()
    assert running.text() == "● Homepage layout — Website  1:05"  # what a screen reader says
    assert running.isEnabled()  # drawn in the menu's text colour, not the disabled grey
    assert stop.text() == "Stop"
    with qtbot.waitSignal(tray.open_requested):
        running.trigger()
