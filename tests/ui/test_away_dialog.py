"""The away dialog on a real Tracker: each answer's entries, one at a time, no stale question."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.heard import announced, listening
from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from tests.ui.test_settings_refusals import replace_text
from tests.ui.workday import ALT, press
from timo_desktop.core.entry import Entry, Source, SyncState, Target, new_entry
from timo_desktop.core.presence import Away, AwayCause, AwayChoice
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.store.sync_state import put_entry
from timo_desktop.ui.away_dialog import TITLE, AwayDialog, away_text
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.presence import AwayFlow, Presence

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


def test_the_question_is_said_aloud_at_once(qtbot: QtBot, flow: AwayFlow) -> None:
    """Shown without taking the keyboard (a D typed elsewhere must not answer it), it was
    never read out: a person with a screen reader did not learn it was there."""
    with listening() as heard:
        dialog = asked(qtbot, flow)
    assert QApplication.focusWidget() is None or QApplication.focusWidget().window() is not dialog
    said = dialog.message.text()
    assert said.startswith("You were away from 10:32 to 10:58 (26m).")
    assert announced(heard) == [(said, QAccessible.AnnouncementPoliteness.Assertive)]


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
    assert away_text([weekend], "“Homepage layout”", "Europe/Berlin") == (
        "You were away from Fri 20 Nov 18:02 to Mon 23 Nov 09:14 (63h 12m). "
        "Timer: “Homepage layout”."
    )


def test_time_away_across_the_autumn_clock_change_names_the_offsets() -> None:
    """02:40 summer time to 02:10 winter time is half an hour, not backwards."""
    night = Away(
        datetime(2026, 10, 25, 0, 40, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 10, tzinfo=UTC),
        AwayCause.IDLE,
    )
    assert away_text([night], "“x”", "Europe/Berlin") == (
        "You were away from 02:40 UTC+2 to 02:10 UTC+1 (30m). Timer: “x”."
    )
    assert away_text([night], "“x”", "Asia/Kolkata") == (
        "You were away from 06:10 to 06:40 (30m). Timer: “x”."
    )


def test_several_away_periods_are_each_listed() -> None:
    third = Away(LATER.end + timedelta(minutes=5), LATER.end + timedelta(hours=1), AwayCause.IDLE)
    assert away_text([AWAY, LATER, third], "“x”", "Europe/Berlin") == (
        "You were away from 10:32 to 10:58 (26m), from 11:08 to 11:38 (30m) "
        "and from 11:43 to 12:38 (55m). Timer: “x”."
    )


def test_the_buttons_say_the_timer_goes_on_from_the_return(qtbot: QtBot, flow: AwayFlow) -> None:
    """Answered an hour later, Discard and continue keeps the hour worked since the return."""
    dialog = asked(qtbot, flow)
    name = dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].accessibleName()
    assert name == "Discard the time away and keep the timer going from your return"
    assert dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].toolTip() == f"{name} (C)"
    assert all("now" not in button.toolTip() for button in dialog.buttons.values())


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


LATER = Away(AWAY.end + timedelta(minutes=10), AWAY.end + timedelta(minutes=40), AwayCause.LOCK)


@pytest.mark.parametrize(
    ("choice", "after_the_last"),
    [(AwayChoice.DISCARD, []), (AwayChoice.DISCARD_AND_CONTINUE, [(LATER.end, None)])],
    ids=["discard", "discard-and-continue"],
)
def test_a_second_away_joins_the_open_question_and_the_time_worked_between_stays(
    qtbot: QtBot,
    flow: AwayFlow,
    tracker: Tracker,
    clock: Clock,
    choice: AwayChoice,
    after_the_last: list[tuple[datetime, datetime | None]],
) -> None:
    """Back at 10:58, ten minutes' work without answering, away again 11:08 to 11:38."""
    first = asked(qtbot, flow)
    clock.now = LATER.end
    second = asked(qtbot, flow, LATER)
    assert second is first and open_dialogs() == [first]
    assert first.message.text().startswith(
        "You were away from 10:32 to 10:58 (26m) and from 11:08 to 11:38 (30m). Timer: "
    )
    first.buttons[choice].click()
    assert [row[:2] for row in entries(tracker)] == [
        (START, AWAY.start),
        (AWAY.end, LATER.start),
        *after_the_last,
    ]


def test_assign_books_each_away_period_and_not_the_time_worked_between(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    asked(qtbot, flow)
    clock.now = LATER.end
    dialog = asked(qtbot, flow, LATER)
    dialog.buttons[AwayChoice.ASSIGN].click()
    qtbot.waitUntil(dialog.picker.isVisible)
    qtbot.keyClicks(dialog.picker.search, "acme")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.book.isVisible)
    dialog.what.setText("Workshop")
    dialog.book.click()
    acme = Target(record_id=ACME.id)
    assert entries(tracker) == [
        (START, AWAY.start, "Homepage layout", LAYOUT),
        (AWAY.start, AWAY.end, "Workshop", acme),
        (AWAY.end, LATER.start, "Homepage layout", LAYOUT),
        (LATER.start, LATER.end, "Workshop", acme),
        (LATER.end, None, "Homepage layout", LAYOUT),
    ]


def test_time_away_on_another_timer_is_asked_once_the_open_question_is_answered(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    first = asked(qtbot, flow)
    clock.now = LATER.end
    tracker.start("Call", at=AWAY.end + timedelta(minutes=2))  # in the CLI, not answering
    flow.on_away(LATER)
    assert flow.dialog is first and "Timer: “Homepage layout”" in first.message.text()
    first.buttons[AwayChoice.KEEP].click()
    dialog = flow.dialog
    assert dialog is not None and open_dialogs() == [dialog]
    assert dialog.message.text() == "You were away from 11:08 to 11:38 (30m). Timer: “Call”."
    dialog.buttons[AwayChoice.DISCARD].click()
    assert flow.dialog is None
    assert [row[:3] for row in entries(tracker)] == [
        (START, AWAY.end + timedelta(minutes=2), "Homepage layout"),
        (AWAY.end + timedelta(minutes=2), LATER.start, "Call"),
    ]


def test_no_question_when_the_timer_stopped_while_away_before_it_is_shown(
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


def test_the_question_goes_away_when_the_timer_was_stopped_elsewhere_while_away(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = asked(qtbot, flow)
    tracker.stop(at=AWAY.start + timedelta(minutes=5))  # `timo stop --at`; the app reloads
    flow.parent().reload()  # type: ignore[attr-defined]
    assert not dialog.isVisible() and flow.dialog is None
    assert entries(tracker)[0][1] == AWAY.start + timedelta(minutes=5)


@pytest.mark.parametrize(
    "choice",
    [AwayChoice.DISCARD, AwayChoice.DISCARD_AND_CONTINUE],
    ids=["discard", "discard-and-continue"],
)
def test_the_question_stays_for_a_timer_stopped_in_the_window_after_the_return(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock, choice: AwayChoice
) -> None:
    dialog = asked(qtbot, flow)
    clock.now = AWAY.end + timedelta(minutes=2)
    flow.parent().stop_timer()  # type: ignore[attr-defined]
    assert flow.dialog is dialog and dialog.isVisible()
    assert dialog.message.text().endswith("Homepage layout, stopped at 11:00.")
    assert "entry" in dialog.buttons[choice].accessibleName()
    dialog.buttons[choice].click()
    assert flow.dialog is None and tracker.running() is None
    kept = [(START, AWAY.start)]
    if choice is AwayChoice.DISCARD_AND_CONTINUE:
        kept.append((AWAY.end, AWAY.end + timedelta(minutes=2)))  # worked after the return
    assert [row[:2] for row in entries(tracker)] == kept


@pytest.mark.parametrize(
    "choice",
    [AwayChoice.DISCARD, AwayChoice.DISCARD_AND_CONTINUE],
    ids=["discard", "discard-and-continue"],
)
def test_a_timer_stopped_before_the_return_is_noticed_is_still_asked_about(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock, choice: AwayChoice
) -> None:
    """Back at 10:58:00, stopped from the tray at 10:58:03; the 5 s poll notices the
    return at 10:58:04: the 26 minutes away stayed billed on the entry, never asked."""
    clock.now = AWAY.end + timedelta(seconds=3)
    tracker.stop()
    clock.now = AWAY.end + timedelta(seconds=4)
    dialog = asked(qtbot, flow)
    assert dialog.message.text().endswith("Homepage layout, stopped at 10:58.")
    dialog.buttons[choice].click()
    assert flow.dialog is None and tracker.running() is None
    kept = [(START, AWAY.start)]
    if choice is AwayChoice.DISCARD_AND_CONTINUE:
        kept.append((AWAY.end, AWAY.end + timedelta(seconds=3)))
    assert [row[:2] for row in entries(tracker)] == kept


def test_a_timer_switched_before_the_return_is_noticed_is_asked_about_not_the_new_one(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    """Switched to "Email" 3 s after the return, before the poll noticed it: the question is
    about the timer that ran over the time away, and its answer leaves "Email" alone."""
    switched = AWAY.end + timedelta(seconds=3)
    clock.now = switched
    tracker.start("Email")
    clock.now = AWAY.end + timedelta(seconds=4)
    dialog = asked(qtbot, flow)
    assert dialog.message.text().endswith("Homepage layout, stopped at 10:58.")
    dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].click()
    assert [row[:3] for row in entries(tracker)] == [
        (START, AWAY.start, "Homepage layout"),
        (AWAY.end, switched, "Homepage layout"),
        (switched, None, "Email"),
    ]


def allow_overlaps(tracker: Tracker) -> None:
    """The workspace's rules as sync brings them (another connection, as the worker's)."""
    with Store.open(tracker.store.path) as store, store.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))


def from_another_device(tracker: Tracker, description: str, start: datetime, end: datetime) -> None:
    """An entry synced in from Vmoox (made on the phone)."""
    made = new_entry(start=start, end=end, zone="Europe/Berlin", now=end, description=description)
    with tracker.store.write() as tx:
        put_entry(tx.connection, replace(made, source=Source.SERVER, sync_state=SyncState.SYNCED))


CALL = (AWAY.start - timedelta(seconds=2), AWAY.end + timedelta(seconds=20))  # over the away


def test_an_entry_overlapping_the_time_away_does_not_take_the_running_timers_question(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """Overlaps allowed, a "Client call" 10:31:58–10:58:20 beside the timer: the question
    was about the call, Discard cut it to 2 seconds, and the timer kept the 26 minutes."""
    allow_overlaps(tracker)
    tracker.add("Client call", *CALL)
    dialog = asked(qtbot, flow)
    assert "Homepage layout" in dialog.message.text()
    dialog.buttons[AwayChoice.DISCARD].click()
    assert [row[:3] for row in entries(tracker)] == [
        (START, AWAY.start, "Homepage layout"),
        (*CALL, "Client call"),
    ]


def test_quitting_unasked_leaves_an_entry_overlapping_the_time_away_whole(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """Told to stop with the question open, the time away was taken off the call (as
    Discard and continue), never asked; it is the running timer's for the next start."""
    allow_overlaps(tracker)
    tracker.add("Client call", *CALL)
    asked(qtbot, flow)
    flow.discard_unanswered_on_stopped()
    assert [row[:3] for row in entries(tracker)] == [
        (START, None, "Homepage layout"),
        (*CALL, "Client call"),
    ]
    assert flow.unanswered_since() == AWAY.start


def test_an_entry_from_another_device_over_the_time_away_is_not_asked_about(
    flow: AwayFlow, tracker: Tracker
) -> None:
    """The timer here stopped while away; a call logged on the phone spans the time away:
    it was the person at work away from the keyboard, not a timer left running here."""
    tracker.stop(at=AWAY.start + timedelta(minutes=5))
    from_another_device(tracker, "Client call", *CALL)
    flow.on_away(AWAY)
    assert flow.dialog is None
    flow.discard_unanswered_on_stopped()
    assert entries(tracker)[1][:3] == (*CALL, "Client call")


def test_the_question_follows_a_start_edited_into_the_time_away(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """Moved to 10:45: the whole question was dropped, the 13 minutes away still on the
    timer billed unasked."""
    dialog = asked(qtbot, flow)
    running = tracker.running()
    assert running is not None
    moved = START + timedelta(minutes=105)  # 10:45, in the list
    tracker.edit(running.client_ref, start=moved)
    flow.parent().reload()  # type: ignore[attr-defined]
    assert flow.dialog is dialog and dialog.isVisible()
    assert dialog.message.text().startswith("You were away from 10:45 to 10:58 (13m).")
    dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].click()
    assert entries(tracker) == [(AWAY.end, None, "Homepage layout", LAYOUT)]


def test_the_question_is_dropped_once_the_start_is_edited_past_the_time_away(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = asked(qtbot, flow)
    running = tracker.running()
    assert running is not None
    tracker.edit(running.client_ref, start=AWAY.end + timedelta(seconds=10))  # in the list
    flow.parent().reload()  # type: ignore[attr-defined]
    assert not dialog.isVisible() and flow.dialog is None


def test_the_question_goes_away_when_the_timer_is_deleted(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    dialog = asked(qtbot, flow)
    running = tracker.running()
    assert running is not None
    tracker.delete(running.client_ref)
    flow.parent().reload()  # type: ignore[attr-defined]
    assert not dialog.isVisible() and flow.dialog is None


def test_an_answer_after_the_timer_changed_unnoticed_is_asked_again(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """The answer holds for what was read: a stop not yet noticed updates the question."""
    dialog = asked(qtbot, flow)
    stopped: Entry = tracker.stop()  # no reload: the app has not noticed yet
    dialog.buttons[AwayChoice.DISCARD].click()
    assert entries(tracker) == [(START, stopped.end, "Homepage layout", LAYOUT)]
    assert flow.dialog is dialog and dialog.problem.text() == (
        "The timer changed meanwhile: read the question again."
    )
    assert dialog.message.text().endswith(", stopped at 10:58.")
    dialog.buttons[AwayChoice.DISCARD].click()
    assert entries(tracker) == [(START, AWAY.start, "Homepage layout", LAYOUT)]


def test_away_detection_turned_off_in_settings_leaves_the_open_question(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 0 typed in "Ask when away for" (on the way to 05, or a key hit by mistake) closed
    the question, and the time away stayed on the timer unasked: only time away to come
    follows the new setting."""
    monkeypatch.setattr("timo_desktop.platform.presence_monitor.start_sources", lambda on_event: [])
    app = flow.parent()
    assert isinstance(app, TimoApp)
    app.presence = Presence(app, Settings(), idle=_AtTheKeyboard())
    try:
        question = asked(qtbot, app.presence.flow)
        settings = app.open_settings()
        qtbot.waitUntil(settings.isActiveWindow)
        press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
        replace_text(qtbot, "0")
        press(qtbot, Qt.Key.Key_Tab)
        assert app.settings is not None and app.settings.idle.threshold_seconds == 0
        assert question.isVisible() and app.presence.flow.dialog is question
        question.buttons[AwayChoice.DISCARD].click()
        assert entries(tracker) == [(START, AWAY.start, "Homepage layout", LAYOUT)]
        settings.close()
    finally:
        app.presence.stop()


class _AtTheKeyboard:
    """An idle counter that has just seen input."""

    name = "fake"

    def seconds_since_input(self) -> float:
        return 0.0


def test_the_same_time_away_reported_twice_is_asked_and_booked_once(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker
) -> None:
    """Reported at the unlock, then again by the first mouse move before the answer."""
    unlocked = Away(AWAY.start, AWAY.end, AwayCause.LOCK)
    moved = Away(AWAY.start, AWAY.end + timedelta(seconds=7), AwayCause.IDLE)
    dialog = asked(qtbot, flow, unlocked)
    assert asked(qtbot, flow, moved) is dialog
    assert dialog.message.text().startswith("You were away from 10:32 to 10:58 (26m). Timer: ")
    dialog.buttons[AwayChoice.ASSIGN].click()
    qtbot.waitUntil(dialog.picker.isVisible)
    qtbot.keyClicks(dialog.picker.search, "acme")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.book.isVisible)
    dialog.book.click()
    assert entries(tracker) == [
        (START, AWAY.start, "Homepage layout", LAYOUT),
        (AWAY.start, moved.end, "", Target(record_id=ACME.id)),
        (moved.end, None, "Homepage layout", LAYOUT),
    ]


def test_the_length_shown_agrees_with_the_times_shown() -> None:
    """09:17:50 to 09:19:41 is 1 min 51 s, but reads 09:17 to 09:19: two minutes."""
    away = Away(
        START + timedelta(minutes=17, seconds=50),
        START + timedelta(minutes=19, seconds=41),
        AwayCause.IDLE,
    )
    assert away_text([away], "“x”", "Europe/Berlin") == (
        "You were away from 09:17 to 09:19 (2m). Timer: “x”."
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_D, []),
        (Qt.Key.Key_C, [(AWAY.end, None, "Homepage layout", LAYOUT)]),
    ],
    ids=["discard", "discard-and-continue"],
)
def test_a_timer_started_just_before_leaving_leaves_no_empty_entry(
    qtbot: QtBot,
    flow: AwayFlow,
    tracker: Tracker,
    key: Qt.Key,
    expected: list[tuple[datetime, datetime | None, str, Target]],
) -> None:
    """`timo start` at 09:00:00, the last key press at 08:59:59.6: away from then to 10:58."""
    before = entries(tracker)
    dialog = asked(qtbot, flow, Away(START - timedelta(seconds=0.4), AWAY.end, AwayCause.IDLE))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, key)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(tracker) == expected
    said = flow.parent().window.undo_bar.message.text()  # type: ignore[attr-defined]
    if not expected:  # nothing of the timer is left to have stopped
        assert (
            said == "Discarded the time away; the entry began as you left, so none of it was kept."
        )
    else:
        assert said == "Discarded the time away; the timer goes on from your return."
    flow.parent().window.undo_bar.button.click()  # type: ignore[attr-defined]
    assert entries(tracker) == before  # one step takes it all back


def test_an_answer_redone_brings_back_the_same_entries_later_steps_name(
    qtbot: QtBot, flow: AwayFlow, tracker: Tracker, clock: Clock
) -> None:
    """Discard and continue, Stop, then the continuation deleted; all undone, all redone:
    the redone answer made a new continuation, the redone delete found nothing to delete,
    and the 40 deleted minutes were back (the history a step off from then on)."""
    app = flow.parent()
    dialog = asked(qtbot, flow)
    dialog.buttons[AwayChoice.DISCARD_AND_CONTINUE].click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    clock.now += timedelta(minutes=40)
    app.stop_timer()  # type: ignore[attr-defined]
    [going_on] = [e for e in tracker.between(AWAY.end, clock.now) if e.start == AWAY.end]
    app.delete_entry(going_on.client_ref)  # type: ignore[attr-defined]
    kept = entries(tracker)
    assert [(start, end) for start, end, *_ in kept] == [(START, AWAY.start)]

    for _ in range(3):
        app.undo_last()  # type: ignore[attr-defined]
    assert [(start, end) for start, end, *_ in entries(tracker)] == [(START, None)]
    for _ in range(3):
        app.redo_last()  # type: ignore[attr-defined]

    assert entries(tracker) == kept
    assert tracker.get_deleted(going_on.client_ref).is_deleted
    assert app.window.undo_bar.message.text() == "Redone: Delete “Homepage layout”."  # type: ignore[attr-defined]
