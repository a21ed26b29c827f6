"""One working day for the keyboard and mouse walkthroughs (the `day_app` and `day_clock`
fixtures): the day's entries as people read them, and waiting for a window to open."""

from __future__ import annotations

from datetime import date, time
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE
from timo_desktop.core.local_time import at_local, hhmm
from timo_desktop.ui.controller import TimoApp

W = TypeVar("W", bound=QWidget)
DAY = date(2026, 3, 10)  # a Tuesday
MORNING = at_local(DAY, time(9, 0), ZONE)


def the_day(timo: TimoApp) -> list[tuple[str, str, str]]:
    """DAY's entries as (description, start, end) in local time, in order."""
    return [
        (e.description, hhmm(e.start, ZONE), "" if e.end is None else hhmm(e.end, ZONE))
        for e in timo.tracker.days(DAY, DAY)
    ]


def wait_for_window(qtbot: QtBot, kind: type[W], *, active: bool = True) -> W:
    """The one window of `kind` on screen, once it has opened (and, if `active`, has the
    keyboard; a popup list is shown without taking it)."""
    found: list[W] = []

    def opened() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
        ]
        return len(found) == 1 and (found[0].isActiveWindow() or not active)

    qtbot.waitUntil(opened)
    return found[0]
