"""The away dialog on a real Tracker: each answer's entries, one at a time, no stale question."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.presence import Away, AwayCause, AwayChoice
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.away_dialog import TITLE, AwayDialog, away_text
from timo_desktop.ui.presence import AwayFlow

START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
AWAY = Away(START + timedelta(minutes=92), START + timedelta(minutes=118), AwayCause.IDLE)
LAYOUT = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def tracker(clock: Clock) -> Iterator[Tracker]:
    with clocked_tracker(clock) as opened:
        opened.start("Homepage layout", target=LAYOUT)
        clock.now = AWAY.end + timedelta(seconds=30)
        yield opened


@pytest.fixture
def flow(qtbot: QtBot, tracker: Tracker) -> Iterator[AwayFlow]:
    with app_on(tracker) as app:
        made = AwayFlow(app)
        yield made
        if made.dialog is not None:
            made.dialog.dismiss()


def entries(tracker: Tracker) -> list[tuple[datetime, datetime | None, str, Target]]:
    found = tracker.between(START - timedelta(days=1), START + timedelta(days=1))
    return [(e.start, e.end, e.description, e.target) for e in found]


def open_dialogs() -> list[AwayDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AwayDialog) and w.isVisible()
    ]


def asked(qtbot: QtBot, flow: AwayFlow, away: Away = AWAY) -> AwayDialog:
    flow.on_away(away)
    dialog = flow.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def assigning_to(qtbot: QtBot, flow: AwayFlow, search: str) -> AwayDialog:
    """Asked, then Assign to… and the first target matching `search` picked."""
    dialog = asked(qtbot, flow)
    dialog.buttons[AwayChoice.ASSIGN].click()
    qtbot.waitUntil(dialog.picker.isVisible)
    qtbot.keyClicks(dialog.picker.search, search)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    return dialog


def test_the_question_names_the_time_away_and_the_timer(qtbot: QtBot, flow: AwayFlow) -> None:
    dialog = asked(qtbot, flow)
    assert dialog.windowTitle() == TITLE == "You were away — Timo"
    assert dialog.message.text() == (
        "You were away from 10:32 to 10:58 (26m). "
        "Timer: “Homepage layout” — Website relaunch › Homepage layout."
    )
    names = {button.accessibleName() for button in dialog.buttons.values()}
    assert len(names) == 4 and all(names)


def test_time_away_across_a_weekend_names_its_days() -> None:
    friday_evening = datetime(2026, 11, 20, 17, 2, tzinfo=UTC)  # 18:02 in Berlin
    weekend = Away(
        friday_evening, friday_evening + timedelta(hours=63, minutes=12), AwayCause.SUSPEND
    )
    assert away_text(weekend, "“Homepage layout”", "Europe/Berlin") == (
        "You were away from Fri 20 Nov 18:02 to Mon 23 Nov 09:14 (63h 12m). "
        "Timer: “Homepage layout”."
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_K, [(START, None, "Homepage layout", LAYOUT)]),
        (Qt.Key.Key_D, [(START, AWAY.start, "Homepage layout", LAYOUT)]),
        (
            Qt.Key.Key_C,
            [
                (START, AWAY.start, "Homepage layout", LAYOUT),
                (AWAY.end, None, "Homepage layout", LAYOUT),
            ],
        ),
    ],
    ids=["keep", "discard", "discard-and-continue"],
)
def test_each_shortcut_makes_its_entries(
    qtbot: QtBot,
    flow: AwayFlow,
    tracker: Tracker,
    key: Qt.Key,
    expected: list[tuple[datetime, datetime | None, str, Target]],
) -> None:
    dialog = asked(qtbot, flow)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, key)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(tracker) == expected
    assert flow.dialog is None


def test_assign_books_the_time_away_on_the_picked_target(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = assigning_to(qtbot, flow, "acme")
    # Then what the time was; the answer keys (K, D, C, A) are just letters while typing.
    qtbot.waitUntil(dialog.booking.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(dialog.what.hasFocus)
    assert dialog.booking_target.text() == f"On {ACME.name}:"
    qtbot.keyClicks(dialog.what, "Kick-off call")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.what, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(tracker) == [
        (START, AWAY.start, "Homepage layout", LAYOUT),
        (AWAY.start, AWAY.end, "Kick-off call", Target(record_id=ACME.id)),
        (AWAY.end, None, "Homepage layout", LAYOUT),
    ]


def test_what_the_time_away_was_may_stay_blank(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = assigning_to(qtbot, flow, "acme")
    qtbot.waitUntil(dialog.book.isVisible)
    dialog.book.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(tracker)[1] == (AWAY.start, AWAY.end, "", Target(record_id=ACME.id))


@pytest.mark.parametrize("key", [Qt.Key.Key_D, Qt.Key.Key_C], ids=["discard", "and-continue"])
def test_an_answer_by_mistake_is_undone_from_the_bar(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, key: Qt.Key
) -> None:
    before = entries(tracker)
    dialog = asked(qtbot, flow)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, key)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    answered = entries(tracker)
    assert answered != before
    bar = flow.parent().window.undo_bar  # type: ignore[attr-defined]
    assert bar.button.isVisibleTo(bar) and bar.message.text().startswith("Discarded")
    bar.button.click()
    assert entries(tracker) == before  # the timer runs again from 09:00, nothing else left
    flow.parent().redo_last()  # type: ignore[attr-defined]
    assert [e[:2] for e in entries(tracker)] == [e[:2] for e in answered]


def test_closing_the_dialog_keeps_the_time(qtbot: QtBot, flow: AwayFlow, tracker: Tracker) -> None:
    dialog = asked(qtbot, flow)
    dialog.close()
    assert entries(tracker) == [(START, None, "Homepage layout", LAYOUT)]
    assert flow.dialog is None


def test_a_second_away_extends_the_open_question_instead_of_stacking(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    first = asked(qtbot, flow)
    later = Away(AWAY.end + timedelta(minutes=10), AWAY.end + timedelta(minutes=40), AwayCause.LOCK)
    clock.now = later.end
    second = asked(qtbot, flow, later)
    assert second is first and open_dialogs() == [first]
    assert "from 10:32 to 11:38 (1h 06m)" in first.message.text()
    first.buttons[AwayChoice.DISCARD].click()
    assert entries(tracker) == [(START, AWAY.start, "Homepage layout", LAYOUT)]


def test_no_question_when_the_timer_stopped_before_it_is_shown(
    flow: AwayFlow, tracker: Tracker
) -> None:
    tracker.stop(at=AWAY.start + timedelta(minutes=5))
    flow.on_away(AWAY)
    assert flow.dialog is None and open_dialogs() == []


def test_no_question_for_a_timer_started_during_the_time_away(
    flow: AwayFlow, tracker: Tracker
) -> None:
    tracker.start("Call", at=AWAY.start + timedelta(minutes=1))
    flow.on_away(AWAY)
    assert flow.dialog is None


def test_the_question_goes_away_when_the_timer_is_stopped_elsewhere(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = asked(qtbot, flow)
    tracker.stop()  # as `timo stop` would; the app notices and reloads
    flow.parent().reload()  # type: ignore[attr-defined]
    assert not dialog.isVisible() and flow.dialog is None
    assert entries(tracker)[0][1] == tracker.clock()


def test_an_answer_after_the_timer_stopped_unnoticed_changes_nothing(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    dialog = asked(qtbot, flow)
    stopped: Entry = tracker.stop()  # no reload: the app has not noticed yet
    dialog.buttons[AwayChoice.DISCARD].click()
    assert entries(tracker) == [(START, stopped.end, "Homepage layout", LAYOUT)]
