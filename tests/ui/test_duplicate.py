"""Duplicate from a row: the Add time manually dialog, filled in like the entry on the
latest free time today; the user adjusts and adds it, with Undo, as any manual entry."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import HOMEPAGE, WEBSITE
from tests.ui.workday import DAY, the_day, wait_for_window
from timo_desktop.core.entry import Entry, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog


def at(clock: str) -> datetime:
    return at_local(DAY, time.fromisoformat(clock), ZONE)


def back_to_back(app: TimoApp, clock: Clock) -> Entry:
    """At 12:30, Design review 09:00–10:00 (not billed, though its project bills) and a
    call right after it; a copy placed right after the review once overlapped the call."""
    clock.now = at("12:30")
    review = app.tracker.add(
        "Design review",
        at("09:00"),
        at("10:00"),
        target=Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id),
        billable=False,
        tags=["design", "review"],
    )
    app.tracker.add("Client call", at("10:00"), at("11:00"))
    app.reload()
    return review


def duplicate_from_the_row(qtbot: QtBot, app: TimoApp, entry: Entry) -> ManualEntryDialog:
    app.window.entries.action_requested.emit("duplicate", entry.client_ref)
    return wait_for_window(qtbot, ManualEntryDialog, active=False)


def test_duplicate_opens_the_dialog_filled_in_on_free_time_and_adds_with_undo(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    review = back_to_back(day_app, day_clock)
    dialog = duplicate_from_the_row(qtbot, day_app, review)
    assert the_day(day_app) == [  # nothing is added until the user says so
        ("Design review", "09:00", "10:00"),
        ("Client call", "10:00", "11:00"),
    ]
    assert (dialog.start.text(), dialog.end.text(), dialog.duration.text()) == (
        "11:30",
        "12:30",
        "",
    )
    assert dialog.date.date().toPython() == DAY
    assert dialog.description.text() == "Design review"
    assert dialog.target.text() == "Website relaunch › Homepage layout"
    assert not dialog.billable.isChecked()  # the original's, not the project's default
    assert dialog.tags.text() == "design, review"
    assert dialog.hint.text() == (
        "A copy of “Design review” on the latest free time today; change the times if you like."
    )
    assert dialog.save_button.isEnabled()

    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    copy = ("Design review", "11:30", "12:30")
    assert the_day(day_app)[-1] == copy
    added = day_app.tracker.days(DAY, DAY)[-1]
    assert (added.target, added.billable, added.tags) == (
        review.target,
        False,
        ("design", "review"),
    )
    assert day_app.window.undo_bar.message.text() == "Added “Design review”."
    day_app.undo_last()
    assert copy not in the_day(day_app)


def test_moving_the_copy_onto_a_neighbour_offers_to_trim_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    review = back_to_back(day_app, day_clock)
    dialog = duplicate_from_the_row(qtbot, day_app, review)
    dialog.start.setText("10:30")  # the user wants it right after half the call
    assert dialog.errors["form"].text() == "Overlaps 'Client call' 10:00–11:00"
    assert not dialog.save_button.isEnabled()
    dialog.trim_button.click()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert the_day(day_app) == [
        ("Design review", "09:00", "10:00"),
        ("Client call", "10:00", "10:30"),
        ("Design review", "10:30", "12:30"),
    ]


def test_with_no_room_today_the_times_are_left_to_type(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    yesterday = day_app.tracker.add(
        "Workshop", at("09:00") - timedelta(days=1), at("10:00") - timedelta(days=1)
    )
    day_app.reload()
    day_clock.now = at("00:40")  # only 40 minutes of today so far
    dialog = duplicate_from_the_row(qtbot, day_app, yesterday)
    assert dialog.hint.text() == (
        "A copy of “Workshop”: there is no free 1h 00m left today,"
        " so type the times (or pick another day)."
    )
    assert (dialog.start.text(), dialog.end.text()) == ("", "")
    assert dialog.description.text() == "Workshop"
    assert dialog.date.date().toPython() == DAY
    assert all(said.isHidden() for said in dialog.errors.values())  # the hint says it all
    dialog.start.setText("00:05")
    dialog.end.setText("00:35")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert the_day(day_app) == [("Workshop", "00:05", "00:35")]


@pytest.mark.usefixtures("twelve_hour")
def test_duplicate_fills_times_on_a_twelve_hour_clock(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    review = back_to_back(day_app, day_clock)
    dialog = duplicate_from_the_row(qtbot, day_app, review)
    assert (dialog.start.text(), dialog.end.text()) == ("11:30 AM", "12:30 PM")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert the_day(day_app)[-1] == ("Design review", "11:30 AM", "12:30 PM")


def test_a_running_timer_is_continued_not_duplicated(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    running = day_app.tracker.start("Running").started
    assert running is not None
    assert day_app.duplicate_entry(running.client_ref) is None
    assert day_app.window.undo_bar.message.text() == (
        "The timer is running; use continue to start another like it"
    )


def test_an_entry_of_seconds_is_not_duplicated_as_timo_duplicate_refuses_it(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """A timer stopped a second after it started: its copy filled in was a whole minute,
    time never tracked."""
    day_clock.now = at("12:30")
    glance = day_app.tracker.add("Glance", at("09:00"), at("09:00") + timedelta(seconds=1))
    assert day_app.duplicate_entry(glance.client_ref) is None
    assert day_app.window.undo_bar.message.text() == (
        "This entry lasted only 0m 01s, and a copy lasts at least a minute, so it would count"
        " time you never tracked; add the time you did with its own start and end"
    )
