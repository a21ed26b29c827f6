"""The sync status says the design's sentences where people look — the window's toolbar and
the tray menu alike — with the last sync's time, and fits the narrowest window whole."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
from timo_desktop.ui.main_window import MINIMUM_WIDTH, MainWindow
from timo_desktop.ui.sync_status import summarize
from timo_desktop.ui.tray import Tray, TrayState

NOW = datetime(2026, 3, 3, 13, 10, tzinfo=UTC)  # 14:10 in Berlin
LAST = "2026-03-03T13:02:00Z"  # 14:02 in Berlin
ZONE = "Europe/Berlin"
ARCHIVED = "1 entry needs a new project: Website was archived"  # the worker's sentence


def status(
    state: WorkerState,
    *,
    waiting: int = 0,
    attention: int = 0,
    message: str = "",
    last: str | None = LAST,
) -> SyncStatus:
    # The worker's own sentence unless a test gives one (a reason only it knows).
    said = message or sentence(state, waiting, [(f"ref{i}", None, None) for i in range(attention)])
    return SyncStatus(state, waiting, waiting, attention, 0, 0, last, None, said)


@pytest.mark.parametrize(
    ("reading", "said"),
    [
        (status(WorkerState.IDLE), "All synced · 14:02"),
        (status(WorkerState.IDLE, last=None), "All synced"),
        (status(WorkerState.IDLE, last="2026-03-02T16:45:00Z"), "All synced · 2026-03-02 17:45"),
        (status(WorkerState.OFFLINE, waiting=1), "Offline — 1 entry will sync when you're back"),
        (status(WorkerState.OFFLINE, waiting=3), "Offline — 3 entries will sync when you're back"),
        (status(WorkerState.OFFLINE), "Offline — nothing waits to sync"),
        (status(WorkerState.SIGNED_OUT, waiting=12), "Signed out — sign in to sync 12 entries"),
        (status(WorkerState.SIGNED_OUT, waiting=1), "Signed out — sign in to sync 1 entry"),
        (status(WorkerState.SIGNED_OUT), "Signed out — sign in to sync"),
        (status(WorkerState.ATTENTION, attention=1, message=ARCHIVED), ARCHIVED),
        (status(WorkerState.SYNCING, attention=1, message=ARCHIVED), ARCHIVED),
        # Offline, the worker's sentence is about being offline; the count still shows.
        (
            status(WorkerState.OFFLINE, attention=2, message="Offline — 0 entries will sync…"),
            "2 entries need attention",
        ),
        (status(WorkerState.IDLE, waiting=1), "1 entry waiting to sync"),
    ],
)
def test_the_status_says_the_designs_sentence(reading: SyncStatus, said: str) -> None:
    assert summarize(reading, ZONE, NOW).text == said


def test_the_last_sync_follows_the_twelve_hour_clock(twelve_hour: None) -> None:
    assert summarize(status(WorkerState.IDLE), ZONE, NOW).text == "All synced · 2:02 PM"


def test_the_tray_menu_reads_the_same_words(qtbot: QtBot) -> None:
    summary = summarize(status(WorkerState.OFFLINE, waiting=3), ZONE, NOW)
    tray = Tray(lambda: TrayState(None, "0:00", [], summary))
    tray.menu.aboutToShow.emit()
    texts = [action.text() for action in tray.menu.actions()]
    assert "Offline — 3 entries will sync when you're back" in texts


@pytest.mark.parametrize(
    "reading",
    [
        status(WorkerState.OFFLINE, waiting=3),
        status(WorkerState.SIGNED_OUT, waiting=12),
        status(WorkerState.ATTENTION, attention=1, message=ARCHIVED),
        status(
            WorkerState.ATTENTION,
            attention=2,
            message="2 entries need a new project: Website relaunch for Acme Corporation "
            "was archived",
        ),
    ],
)
def test_at_the_narrowest_window_the_whole_sentence_shows(
    qtbot: QtBot, reading: SyncStatus
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_sync(summarize(reading, ZONE, NOW))
    window.show()
    qtbot.waitExposed(window)
    window.resize(300, 500)
    qtbot.waitUntil(lambda: window.width() == MINIMUM_WIDTH)  # the sentence does not widen it
    label = window.sync_label

    def laid_out() -> bool:
        return label.height() >= label.heightForWidth(label.width())

    qtbot.waitUntil(laid_out)  # every wrapped line has its height: nothing cut off
    assert label.text() == summarize(reading, ZONE, NOW).text
    right = label.mapTo(window, label.rect().topRight()).x()
    assert right < window.sync_button.mapTo(window, window.sync_button.rect().topLeft()).x()
    assert label.mapTo(window, label.rect().topLeft()).x() > window.attention_button.x()


def test_a_wide_window_keeps_the_sentence_on_one_line(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_sync(summarize(status(WorkerState.OFFLINE, waiting=3), ZONE, NOW))
    window.show()
    qtbot.waitExposed(window)
    window.resize(900, 600)
    label = window.sync_label
    line = label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: label.width() > label.fontMetrics().horizontalAdvance(label.text()))
    assert label.heightForWidth(label.width()) < 2 * line


def test_entries_the_server_changed_are_not_the_all_clear() -> None:
    """It said "All synced · 14:02" above "2 need your decision": the worker's sentence
    was cut to the all-clear."""
    said = sentence(WorkerState.IDLE, 0, conflicts=2)
    reading = SyncStatus(WorkerState.IDLE, 0, 0, 0, 2, 0, LAST, None, said)
    summary = summarize(reading, ZONE, NOW)
    assert summary.text == "All synced — 2 entries changed on the server"
    assert summary.needs_you  # the tray's line opens Needs attention


def test_a_timer_stopped_for_a_newer_one_is_read_in_needs_attention() -> None:
    """Counted as a stop, not as a change made on the server: the tray's line still opens
    Needs attention, where it is settled."""
    said = sentence(WorkerState.IDLE, 0, stopped=1)
    reading = SyncStatus(WorkerState.IDLE, 0, 0, 0, 0, 0, LAST, None, said, stopped=1)
    summary = summarize(reading, ZONE, NOW)
    assert summary.text == "1 timer was stopped for a newer one on another device"
    assert summary.needs_you
