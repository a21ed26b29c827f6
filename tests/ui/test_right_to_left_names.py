"""Names in Hebrew (or Arabic) do not scramble Timo's own sentences around them.

Laid out by the Unicode bidi algorithm, a right-to-left name drew the numbers and
punctuation beside it to its side: the tray's elapsed time stood left of the timer's name,
a window title starting with the time read right to left with the time at its end, an
overlap's time range read backwards, and quotes pointed the wrong way. Each name is now
isolated (`core.bidi`), as the desktop app turns on at start. The text is laid out here
by Qt, as on screen, and the places of its parts compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import WEBSITE
from tests.ui.test_edit_in_place_overlaps import retype_times
from tests.ui.workday import DAY, MORNING
from tests.ui.workday import wait_for_window as wait_for
from timo_desktop.core.bidi import FSI, PDI, use_isolates
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local, to_text
from timo_desktop.services.tracker import Tracker
from timo_desktop.store.sync_state import Conflict
from timo_desktop.sync.attention import restore_overlap
from timo_desktop.ui.charts import Bar, bar_words
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.tray import Tray

DESIGN = "עיצוב דף הבית"  # "homepage design"
LTR = Qt.LayoutDirection.LeftToRight


@pytest.fixture(autouse=True)
def isolates() -> Iterator[None]:
    """Names isolated, as `ui.app.run_app` has them; as the command line has them after."""
    use_isolates(True)
    yield
    use_isolates(False)


def spans(text: str, font: QFont, direction: Qt.LayoutDirection) -> list[tuple[float, float]]:
    """Where each character of `text` is drawn on one line: its left and right edge."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(direction)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    edges = []
    for index in range(len(text)):
        leading = line.cursorToX(index, QTextLine.Edge.Leading)[0]
        trailing = line.cursorToX(index, QTextLine.Edge.Trailing)[0]
        edges.append((min(leading, trailing), max(leading, trailing)))
    return edges


class Laid:
    """`text` as Qt lays it out in `font`, its paragraph's direction `direction` (Auto: from
    its first letter, as window lists and taskbars take a title's)."""

    def __init__(self, text: str, font: QFont, direction: Qt.LayoutDirection = LTR) -> None:
        self.text = text
        self.edges = spans(text, font, direction)

    def before(self, first: str, then: str) -> bool:
        """Whether all of `first` is drawn left of all of `then` (each where it first is)."""
        return max(self._edges(first)) <= min(self._edges(then))

    def _edges(self, part: str) -> list[float]:
        at = self.text.index(part)
        return [edge for left_right in self.edges[at : at + len(part)] for edge in left_right]


def start(qtbot: QtBot, timo: TimoApp, description: str) -> None:
    bar = timo.window.timer_bar
    bar.description.setText(description)  # as an input method types it (QTest types Latin-1)
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: timo.tracker.running() is not None)


def test_the_trays_elapsed_time_stays_after_a_hebrew_timer(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """It stood left of the name, as if read first; a name long enough to be shortened too."""
    day_clock.now = MORNING
    start(qtbot, day_app, DESIGN)
    running = day_app.tracker.running()
    assert running is not None
    for description in (DESIGN, f"{DESIGN} " * 12):
        day_app.tracker.edit(running.client_ref, description=description)
        day_app.reload()
        tray = Tray(day_app.tray_state)
        tray.menu.aboutToShow.emit()  # as when it opens
        item = tray.menu.actions()[0].text()
        assert item.startswith("● ") and item.endswith("  0:00")
        name = item[2:-6]
        assert ("…" in name) == (description != DESIGN)  # the long one shortened
        laid = Laid(item, tray.menu.font())
        assert laid.before("●", name) and laid.before(name, "0:00")
        tray.deleteLater()


def test_a_window_title_naming_a_hebrew_timer_reads_as_timos(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Taskbars lay a title out in the direction of its first letter: the name's made it
    read right to left, the time at its far end and "Timo" at its start."""
    day_clock.now = MORNING
    start(qtbot, day_app, DESIGN)
    title = day_app.window.windowTitle()
    laid = Laid(title, day_app.window.font(), Qt.LayoutDirection.LayoutDirectionAuto)
    assert title.startswith("0:00 · ") and title.endswith(" — Timo")
    assert laid.before("0:00", "עיצוב")
    assert laid.before("עיצוב", "Timo")


def test_a_left_to_right_name_is_shown_to_the_system_as_typed(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The title and the tray's tooltip are read by more than Qt: with isolates around every
    name, `xdotool search --name "Homepage layout — Timo"` found no window, and a taskbar
    whose font lacks the marks drew boxes. A name they change nothing for goes without."""
    day_clock.now = MORNING
    start(qtbot, day_app, "Homepage layout")
    assert day_app.window.windowTitle() == "0:00 · Homepage layout — Timo"
    running = day_app.tracker.running()
    assert running is not None
    day_app.tracker.edit(running.client_ref, target=Target(project_id=WEBSITE.id))
    day_app.reload()
    tray = Tray(day_app.tray_state)
    tray.refresh()
    assert tray.icon.toolTip() == "Homepage layout — Website relaunch\n0:00"
    # A Hebrew name beside it is set apart, and only that one.
    day_app.tracker.edit(running.client_ref, description=DESIGN)
    day_app.reload()
    tray.refresh()
    assert tray.icon.toolTip() == f"{FSI}{DESIGN}{PDI} — Website relaunch\n0:00"
    assert day_app.window.windowTitle() == f"0:00 · {FSI}{DESIGN}{PDI} — Timo"
    tray.deleteLater()


@pytest.mark.parametrize(("edited", "other"), [("Client call", DESIGN), (DESIGN, "Client call")])
def test_an_overlap_with_a_hebrew_entry_reads_in_order(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock, edited: str, other: str
) -> None:
    """Times typed over another entry ask first, naming both: a Hebrew one took the time
    range after it to its left, the range reading `20:40–20:20` (and quotes pointed the
    wrong way)."""
    timo = day_app
    day_clock.now = MORNING.replace(hour=21)
    for description, begin, end in ((other, "20:20", "20:40"), (edited, "20:58", "20:59")):
        timo.tracker.add(
            description,
            at_local(DAY, time.fromisoformat(begin), ZONE),
            at_local(DAY, time.fromisoformat(end), ZONE),
        )
    timo.reload()
    retype_times(qtbot, timo, edited, "20:30-20:58")
    box = wait_for(qtbot, QMessageBox, active=False)
    laid = Laid(box.text(), box.font())
    assert laid.before("“", edited) and laid.before(edited, "”")
    assert laid.before("”", "20:30") and laid.before("20:30", "20:58")
    assert laid.before("20:58", "overlaps") and laid.before("overlaps", other)
    assert laid.before(other, "20:20") and laid.before("20:20", "20:40")
    box.reject()


def test_putting_back_times_over_another_entry_reads_in_order(
    qapp: QApplication, tracker: Tracker
) -> None:
    """Needs attention, a conflict over times: keeping one's own would overlap another
    entry, and says so naming the entry with its times. A Hebrew name took the times after
    it to its left, the range reading backwards."""
    at = partial(at_local, DAY, zone_name=ZONE)
    tracker.add("Call", at(clock=time(9, 0)), at(clock=time(10, 0)))
    entry = tracker.add(DESIGN, at(clock=time(10, 0)), at(clock=time(11, 0)))
    mine = to_text(at(clock=time(9, 30)))
    conflict = Conflict(1, entry.client_ref, "start", mine, to_text(entry.start), mine)
    overlap = restore_overlap(tracker.store, entry, [conflict], ZONE, at(clock=time(12, 0)))
    assert overlap is not None
    laid = Laid(overlap.what, QFont())
    assert laid.before("back", DESIGN) and laid.before(DESIGN, "09:30")
    assert laid.before("09:30", "11:00")


def test_a_hebrew_projects_bar_reads_its_hours_after_its_name(qapp: QApplication) -> None:
    """The chart's tooltip and what a screen reader reads for a bar: the hours stood on the
    name's far side, the line laid out right to left."""
    words = bar_words(Bar(DESIGN, 5400, 5400))
    laid = Laid(words, QFont(), Qt.LayoutDirection.LayoutDirectionAuto)
    assert laid.before(DESIGN, "1h 30m") and laid.before("1h 30m", "billable")
