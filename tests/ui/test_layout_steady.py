"""What the pointer is over stays where it is: a problem shown and put right in Add time
manually, a description typed over a running timer's line, a timer started and stopped move
no control (a click aimed at one would find another there)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QEvent, QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.seed import WEBSITE
from tests.ui.typed import type_time
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import local, utc_now
from timo_desktop.core.validation import DEFAULT_RULES
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog


def where(widgets: list[QWidget]) -> list[tuple[int, int, int, int]]:
    """Each widget's place and size within its window."""
    return [(*w.mapTo(w.window(), QPoint(0, 0)).toTuple(), w.width(), w.height()) for w in widgets]


def settle() -> None:
    """Lay out what changed now (nested layouts each post their own request)."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def test_a_problem_with_the_times_moves_no_field_below_them(qtbot: QtBot) -> None:
    dialog = ManualEntryDialog(
        zone="UTC",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda _s, _e: [],
    )
    qtbot.addWidget(dialog)
    yesterday = local(utc_now(), "UTC").date() - timedelta(days=1)
    dialog.date.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    dialog.show()
    qtbot.waitExposed(dialog)
    below = [dialog.description, dialog.target, dialog.billable, dialog.tags, dialog.save_button]
    before = where(below)

    type_time(qtbot, dialog.start, "10:00")
    type_time(qtbot, dialog.end, "09:00")
    assert not dialog.errors["end"].isHidden()  # "End 09:00 is before start 10:00"
    settle()
    assert where(below) == before

    dialog.duration.setText("abc")  # the longest the times' problems get
    dialog.end.clear()
    assert not dialog.errors["duration"].isHidden()
    settle()
    assert where(below) == before

    dialog.duration.setText("1h")  # put right: no gap is left where the problem was
    assert all(dialog.errors[name].isHidden() for name in ("start", "end", "duration"))
    settle()
    assert where(below) == before


def test_a_description_typed_over_the_running_timer_keeps_the_project_button_size(
    qtbot: QtBot, timo: TimoApp
) -> None:
    bar = timo.window.timer_bar
    timo.tracker.start("Homepage layout", target=Target(project_id=WEBSITE.id))
    timo.reload()
    assert bar.target.text() == WEBSITE.name
    settle()
    line = [bar.target, bar.billable, bar.tags, bar.button]
    before = where(line)

    qtbot.keyClicks(bar.description, "Something else")
    assert bar.target.text() == "No project"  # the next timer's line, blank
    settle()
    assert where(line) == before


def test_starting_and_stopping_a_timer_moves_no_toolbar_button(qtbot: QtBot, timo: TimoApp) -> None:
    window = timo.window
    toolbar = [
        window.add_button,
        window.attention_button,
        window.search,
        window.more_button,
        window.entries,
    ]
    settle()
    before = where(toolbar)

    timo.tracker.start("Homepage layout")
    timo.reload()
    assert window.timer_bar.strip.isVisible()
    settle()
    assert where(toolbar)[:-1] == before[:-1]
    assert where(toolbar)[-1][1] == before[-1][1]  # the list's top too

    timo.tracker.stop()
    timo.reload()
    assert not window.timer_bar.strip.isVisible()
    settle()
    assert where(toolbar) == before
