"""The end-of-day popup: its figures match the entries, and each button fixes what it says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from timo_desktop.core.attention import AttentionItem, Concern, Flag
from timo_desktop.core.entry import Target
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, with_value
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.end_of_day import TITLE, DaySummary, EndOfDayPopup
from timo_desktop.ui.reminders import TIMER_GONE, Reminders

MORNING = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # Tuesday 09:00 in Berlin
END_OF_WORK = MORNING + timedelta(hours=8, minutes=30)  # 17:30
LAYOUT = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)


@pytest.fixture
def clock() -> Clock:
    return Clock(MORNING)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        yield opened


@pytest.fixture
def app(qtbot: QtBot, tracker: Tracker, clock: Clock) -> Iterator[TimoApp]:
    clock.now = END_OF_WORK + timedelta(minutes=5)
    tracker.add("Homepage layout", MORNING, MORNING + timedelta(hours=2), target=LAYOUT)
    tracker.add("Something", MORNING + timedelta(hours=2), MORNING + timedelta(hours=3))
    tracker.start("Call", target=Target(record_id=ACME.id), at=MORNING + timedelta(hours=5))
    with app_on(tracker) as made:
        yield made


@pytest.fixture
def popup(app: TimoApp, qtbot: QtBot) -> Iterator[EndOfDayPopup]:
    # Entries over 1.5 h need a look: the 2 h homepage layout one.
    settings = with_value(Settings(), "entries.long_entry_hours", "1.5")
    app.apply_settings(settings)
    shown = Reminders(app, settings)
    due = shown.check()
    assert due is not None
    assert isinstance(shown.on_screen, EndOfDayPopup)
    yield shown.on_screen
    shown.stop()


def test_the_popup_shows_todays_figures_from_the_entries(
    popup: EndOfDayPopup, tracker: Tracker
) -> None:
    assert popup.windowTitle() == TITLE == "End of day — Timo"
    day = tracker.between(MORNING - timedelta(hours=9), tracker.clock())
    total = sum(e.duration(tracker.clock()).total_seconds() for e in day)
    billable = sum(e.duration(tracker.clock()).total_seconds() for e in day if e.billable)
    assert billable > 0 and total > billable
    assert (total, billable) == (6 * 3600 + 35 * 60, 2 * 3600)
    # In words, as the concerns listed below it ("longer than 1h 30m").
    assert popup.figures.text() == "Today: 6h 35m tracked, 2h 00m billable"
    assert set(popup.timer_buttons) == {"Stop now", "Stop at 17:30", "Keep running"}


def test_stop_at_the_configured_end(popup: EndOfDayPopup, tracker: Tracker) -> None:
    popup.timer_buttons["Stop at 17:30"].click()
    assert tracker.running() is None
    assert tracker.between(END_OF_WORK - timedelta(minutes=1), END_OF_WORK)[-1].end == END_OF_WORK
    assert popup.timer_buttons == {}  # refreshed: nothing runs any more


def test_a_stop_from_the_popup_can_be_undone(
    popup: EndOfDayPopup, app: TimoApp, tracker: Tracker
) -> None:
    call = tracker.running()
    popup.timer_buttons["Stop at 17:30"].click()
    assert app.window.undo_bar.message.text() == "Stopped “Call” at 17:30."
    app.window.undo_bar.button.click()
    running = tracker.running()
    assert call is not None and running is not None
    assert (running.client_ref, running.start) == (call.client_ref, call.start)


def test_stop_now(popup: EndOfDayPopup, tracker: Tracker) -> None:
    popup.timer_buttons["Stop now"].click()
    assert tracker.running() is None
    assert tracker.between(END_OF_WORK, tracker.clock())[-1].end == tracker.clock()


def test_stop_now_after_a_switch_elsewhere_stops_nothing(
    popup: EndOfDayPopup, app: TimoApp, tracker: Tracker
) -> None:
    """The popup was shown for "Call"; a click after a switch must not stop the new timer."""
    other = tracker.start("Other").started  # `timo start`, before the popup refreshed
    popup.timer_buttons["Stop now"].click()
    running = tracker.running()
    assert other is not None and running is not None and running.client_ref == other.client_ref
    assert app.window.undo_bar.message.text() == TIMER_GONE


def test_pick_a_project_for_an_entry_without_one(
    popup: EndOfDayPopup, tracker: Tracker, qtbot: QtBot
) -> None:
    loose = next(e for e in tracker.between(MORNING, tracker.clock()) if e.target.is_empty)
    popup.fix_buttons[(loose.client_ref, Concern.NO_TARGET)].click()
    qtbot.waitUntil(popup.picker.isVisible)
    qtbot.keyClicks(popup.picker.search, "homepage")
    qtbot.keyClick(popup.picker.search, Qt.Key.Key_Return)
    assert tracker.get(loose.client_ref).target == LAYOUT
    assert (loose.client_ref, Concern.NO_TARGET) not in popup.fix_buttons


def test_edit_opens_the_long_entry_in_the_window(
    popup: EndOfDayPopup, app: TimoApp, tracker: Tracker, qtbot: QtBot
) -> None:
    long = tracker.between(MORNING, tracker.clock())[0]
    assert long.description == "Homepage layout"
    popup.fix_buttons[(long.client_ref, Concern.LONG)].click()
    qtbot.waitUntil(app.window.isVisible)
    assert app.window.entries.current_ref() == long.client_ref
    assert app.window.entries.state() == QAbstractItemView.State.EditingState


def test_each_fix_button_is_as_wide_as_its_words(popup: EndOfDayPopup, qtbot: QtBot) -> None:
    popup.show()
    qtbot.waitExposed(popup)
    rows = {ref for ref, _concern in popup.fix_buttons}
    assert len(rows) > 1  # a row with one button beside rows with two
    for button in popup.fix_buttons.values():
        assert button.width() == button.sizeHint().width(), button.text()


def test_sync_now_wakes_sync(
    popup: EndOfDayPopup, app: TimoApp, tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    woken: list[bool] = []
    monkeypatch.setattr(app.sync_bridge, "sync_now", lambda: woken.append(True))
    entry = tracker.between(MORNING, tracker.clock())[0]
    item = AttentionItem(entry, (Flag(Concern.NOT_SYNCED, "Not synced yet"),))
    popup.show_summary(DaySummary(0, 0, None, None, [item]))
    popup.fix_buttons[(entry.client_ref, Concern.NOT_SYNCED)].click()
    assert woken == [True]


def test_a_refused_entry_gets_fix_which_opens_its_fixes_in_the_window(
    popup: EndOfDayPopup,
    app: TimoApp,
    tracker: Tracker,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Retrying does not mend a refusal (an archived project, a locked period): the button
    leads to the window's Needs attention, with the entry picked out."""
    woken: list[bool] = []
    monkeypatch.setattr(app.sync_bridge, "sync_now", lambda: woken.append(True))
    refused = next(e for e in tracker.between(MORNING, tracker.clock()) if e.target.is_empty)
    item = AttentionItem(refused, (Flag(Concern.REFUSED, "Not synced: Website was archived"),))
    popup.show_summary(DaySummary(0, 0, None, None, [item]))
    button = popup.fix_buttons[(refused.client_ref, Concern.REFUSED)]
    assert button.text() == "Fix…"
    button.click()
    qtbot.waitUntil(app.window.isVisible)
    assert app.window.attention_button.isChecked() and app.window.attention.is_enabled()
    assert app.window.entries.current_ref() == refused.client_ref
    assert woken == []  # not a retry
