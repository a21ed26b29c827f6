"""The away question when the Tracker refuses an answer: it stays, says why beside what was
typed, keeps the pick and the text, and closes once an answer succeeds. Assign may book the
time without a project."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock, app_on
from tests.ui.seed import ACME, seed_catalog
from tests.ui.test_away_dialog import AWAY, LAYOUT, START, asked, entries
from tests.ui.workday import ALT, focused, press, type_text
from timo_desktop.core.entry import NO_TARGET, Source, Target
from timo_desktop.core.validation import EntryRules
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.away_dialog import AwayDialog
from timo_desktop.ui.presence import AwayFlow

SHORT = EntryRules(max_description=20)  # a workspace that keeps descriptions short


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    """The timer on "Homepage layout" since 09:00, back from AWAY, in a strict workspace."""
    clock = Clock(START)
    opened = Tracker.open(
        resolve().ensure().database, source=Source.DESKTOP, zone=ZONE, clock=clock, rules=SHORT
    )
    seed_catalog(opened)
    opened.start("Homepage layout", target=LAYOUT)
    clock.now = AWAY.end + timedelta(seconds=30)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def flow(tracker: Tracker) -> Iterator[AwayFlow]:
    with app_on(tracker) as app:
        made = AwayFlow(app)
        yield made
        if made.dialog is not None:
            made.dialog.dismiss()


def assigning(qtbot: QtBot, flow: AwayFlow, search: str | None) -> AwayDialog:
    """Asked and holding the keyboard; A, then the first target matching `search` (None:
    "No project") picked by keyboard."""
    dialog = asked(qtbot, flow)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(dialog.picker.isVisible)
    if search is None:
        press(qtbot, Qt.Key.Key_Tab)  # to "No project" (the list is driven from the search)
        assert focused().accessibleName() == "Book without a project"
        press(qtbot, Qt.Key.Key_Space)
    else:
        type_text(qtbot, search)
        press(qtbot, Qt.Key.Key_Return)
    dialog.activateWindow()  # the window manager's part once the popup closed
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.what.hasFocus())
    return dialog


def test_a_refused_booking_keeps_the_question_the_pick_and_the_text(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """It closed before the answer was carried out: one line in the undo bar, the pick
    and the text gone, and the question never asked again."""
    dialog = assigning(qtbot, flow, "acme")
    type_text(qtbot, "Kick-off call with the whole Acme team")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and flow.dialog is dialog
    assert not dialog.problem.isHidden()
    assert dialog.problem.text() == "The description has 38 characters; at most 20 are allowed"
    assert dialog.booking_target.text() == f"On {ACME.name}:"
    assert dialog.what.text() == "Kick-off call with the whole Acme team"
    assert focused() is dialog.what
    assert entries(tracker) == [(START, None, "Homepage layout", LAYOUT)]  # nothing changed

    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Kick-off call")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert flow.dialog is None
    assert entries(tracker) == [
        (START, AWAY.start, "Homepage layout", LAYOUT),
        (AWAY.start, AWAY.end, "Kick-off call", Target(record_id=ACME.id)),
        (AWAY.end, None, "Homepage layout", LAYOUT),
    ]


def test_after_a_refusal_another_answer_may_be_chosen(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = assigning(qtbot, flow, "acme")
    type_text(qtbot, "Kick-off call with the whole Acme team")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    press(qtbot, Qt.Key.Key_D, ALT)  # Discard, from the field being typed in
    qtbot.waitUntil(lambda: flow.dialog is None)  # answered, closed and gone
    assert entries(tracker) == [(START, AWAY.start, "Homepage layout", LAYOUT)]


def test_assign_books_the_time_without_a_project_when_none_is_picked(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """Picking "No project" did nothing, and said nothing."""
    dialog = assigning(qtbot, flow, None)
    assert dialog.booking_target.text() == "Without a project:"
    type_text(qtbot, "Phone call")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(tracker) == [
        (START, AWAY.start, "Homepage layout", LAYOUT),
        (AWAY.start, AWAY.end, "Phone call", NO_TARGET),
        (AWAY.end, None, "Homepage layout", LAYOUT),
    ]
