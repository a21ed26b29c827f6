"""The end-of-day popup shows every line of its wrapped text, as shown and when refreshed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, clocked_tracker
from timo_desktop.core.attention import AttentionItem, Concern, Flag
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.end_of_day import DaySummary, EndOfDayPopup

MORNING = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
LONG_WORDS = (
    "Reviewing the brand guidelines with the whole design team, then writing up every "
    "change the client asked for in the last round of feedback"
)


def _item(tracker: Tracker, hours: int) -> AttentionItem:
    entry = tracker.add(
        LONG_WORDS, MORNING + timedelta(hours=hours), MORNING + timedelta(hours=hours + 2)
    )
    return AttentionItem(entry, (Flag(Concern.LONG, "Longer than 1h 30m: is the end right?"),))


def _cut_off(popup: EndOfDayPopup) -> list[str]:
    """The wrapped labels given less height than their lines need at their width."""
    return [
        label.text()
        for label in popup.findChildren(QLabel)
        if label.wordWrap()
        and label.isVisible()
        and label.heightForWidth(label.width()) > label.height()
    ]


def test_the_popup_with_no_timer_running_shows_all_its_lines(qtbot: QtBot) -> None:
    with clocked_tracker(Clock(MORNING + timedelta(hours=9))) as tracker:
        items = (_item(tracker, 0), _item(tracker, 3))
    summary = DaySummary(4 * 3600, 0, None, None, items)
    popup = EndOfDayPopup("Europe/Berlin", QStandardItemModel(), lambda e: e.description)
    qtbot.addWidget(popup)
    popup.show_summary(summary)
    popup.show()
    qtbot.waitExposed(popup)
    assert _cut_off(popup) == []
    # A refresh (`timo start` meanwhile) lays the lines out again, fewer or more of them.
    popup.show_summary(replace(summary, items=items[:1]))
    qtbot.wait(1)
    assert _cut_off(popup) == []
    popup.show_summary(summary)
    qtbot.wait(1)
    assert _cut_off(popup) == []
