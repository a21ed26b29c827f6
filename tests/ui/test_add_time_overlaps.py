"""Add time over several entries: the offer names every one, Trim trims each (one
transaction, one Undo), and Trim is never offered where trimming cannot remove the overlap."""

from __future__ import annotations

import json
from datetime import time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.typed import type_time
from tests.ui.workday import DAY, MORNING, the_day, wait_for_window
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import sync_state
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog

NOON = MORNING + timedelta(hours=3)


def at(clock: str) -> time:
    return time.fromisoformat(clock)


def a_morning(timo: TimoApp, clock: Clock, *entries: tuple[str, str, str]) -> None:
    """Noon on DAY, with `entries` (description, start, end) added."""
    clock.now = NOON
    for description, start, end in entries:
        timo.tracker.add(description, at_local(DAY, at(start), ZONE), at_local(DAY, at(end), ZONE))
    timo.reload()


def allow_overlaps(tracker: Tracker) -> None:
    """The workspace allows overlapping entries, as sync keeps its rules."""
    with Store.open(tracker.store.path) as synced, synced.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))


def add_time(qtbot: QtBot, timo: TimoApp, start: str, end: str, what: str) -> ManualEntryDialog:
    """The window's Add time…, the times and what typed (the date is today, DAY)."""
    qtbot.mouseClick(timo.window.add_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    type_time(qtbot, dialog.start, start)
    type_time(qtbot, dialog.end, end)
    qtbot.keyClicks(dialog.description, what)
    return dialog


def test_trim_trims_every_entry_overlapped_in_one_step(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Trim named and trimmed only the first: the 15 minutes over Implementation were saved
    silently (overlaps allowed), counted twice."""
    timo = day_app
    allow_overlaps(timo.tracker)
    a_morning(timo, day_clock, ("Planning", "08:45", "09:30"), ("Implementation", "10:00", "11:30"))
    before = the_day(timo)
    commits: list[tuple[str, ...]] = []
    timo.tracker.on_change(commits.append)

    dialog = add_time(qtbot, timo, "09:00", "10:15", "Review")
    said = dialog.errors["form"]
    assert said.text() == "Overlaps 'Planning' 08:45–09:30 and 'Implementation' 10:00–11:30"
    assert dialog.trim_button.text() == "T&rim “Planning” and “Implementation”"
    assert not dialog.keep_button.isHidden()  # the workspace allows overlaps
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.trim_button, Qt.MouseButton.LeftButton)
    assert said.text() == "“Planning” will end at 09:00 and “Implementation” will start at 10:15."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    added = [
        ("Planning", "08:45", "09:00"),
        ("Review", "09:00", "10:15"),
        ("Implementation", "10:15", "11:30"),
    ]
    assert the_day(timo) == added
    day = timo.tracker.days(DAY, DAY)
    assert sum((e.end - e.start for e in day if e.end), timedelta()) == timedelta(
        hours=2, minutes=45
    )
    assert len(commits) == 1 and len(commits[0]) == 3  # the entry and both trims, together
    bar = timo.window.undo_bar
    assert bar.message.text() == "Added “Review” and trimmed “Planning” and “Implementation”."

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # one Undo takes back all three
    assert the_day(timo) == before
    assert len(commits) == 2
    timo.redo_last()
    assert the_day(timo) == added
    assert len(commits) == 3


def test_trim_is_not_offered_where_it_cannot_remove_the_overlap(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Trim was offered for the first entry overlapped, though the second lay within the new
    time: trimmed, the overlap with it stayed (or Add was refused after all)."""
    timo = day_app
    a_morning(timo, day_clock, ("Planning", "08:45", "09:30"), ("Call", "10:00", "10:30"))
    dialog = add_time(qtbot, timo, "09:00", "11:00", "Review")
    assert dialog.errors["form"].text() == (
        "Overlaps 'Planning' 08:45–09:30 and 'Call' 10:00–10:30; 'Call' lies within this"
        " time, so trimming would leave nothing of it: add the time before and after it as"
        " separate entries, or change that entry first"
    )
    assert dialog.overlap_row.isHidden()  # nothing to choose: no overlaps in this workspace
    assert not dialog.save_button.isEnabled()
    dialog.reject()

    allow_overlaps(timo.tracker)
    dialog = add_time(qtbot, timo, "09:00", "11:00", "Review")
    assert (
        dialog.errors["form"]
        .text()
        .endswith(
            "so trimming would leave nothing of it: keep all, add the time before and after it"
            " as separate entries, or change that entry first"
        )
    )
    assert dialog.trim_button.isHidden() and not dialog.keep_button.isHidden()


def test_an_entry_within_another_is_not_offered_a_trim_that_cuts_it_in_two(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    allow_overlaps(timo.tracker)
    a_morning(timo, day_clock, ("Workshop", "09:00", "11:00"))
    dialog = add_time(qtbot, timo, "09:30", "10:00", "Call")
    assert dialog.errors["form"].text() == (
        "Overlaps 'Workshop' 09:00–11:00, which covers all of this time, so trimming would cut"
        " it in two: keep both, change that entry first, or pick other times"
    )
    assert dialog.trim_button.isHidden() and not dialog.keep_button.isHidden()


def test_time_from_the_minute_a_timer_stopped_in_starts_where_it_stopped(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """A timer stopped at 09:34:56 is listed 09:00–09:34: time added from 09:34 was said to
    overlap "'Planning' 09:00–09:34", with Trim offered, for 56 seconds nobody could see."""
    timo = day_app
    timo.tracker.start("Planning")
    day_clock.now = MORNING + timedelta(minutes=34, seconds=56)
    timo.tracker.stop()
    day_clock.now = NOON
    timo.reload()
    dialog = add_time(qtbot, timo, "09:34", "10:00", "Call")
    assert dialog.errors["form"].isHidden() and dialog.overlap_row.isHidden()
    assert dialog.day_note.text() == "Starts at 09:34:56, when the entry before it ends"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [planning, call] = timo.tracker.days(DAY, DAY)
    assert planning.end == call.start == MORNING + timedelta(minutes=34, seconds=56)
    assert call.end == at_local(DAY, at("10:00"), ZONE)


def held_by_vmoox(tracker: Tracker, entry: Entry, **base: object) -> None:
    """As a sync round leaves an entry Vmoox took (`locked`: invoiced there)."""
    with Store.open(tracker.store.path) as synced, synced.write() as tx:
        sync_state.link(
            tx.connection,
            entry.client_ref,
            workspace_id="ws_1",
            remote_id=f"te_{entry.client_ref}",
            remote_version=1,
            base=base,
        )


def test_trim_is_not_offered_for_an_entry_invoiced_in_vmoox(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Trim was offered ("“Design review” will end at 09:30."), and Add then refused: the
    entry is read-only in Vmoox. Everything typed stays; Keep both where overlaps are
    allowed."""
    timo = day_app
    a_morning(timo, day_clock, ("Design review", "09:00", "10:00"))
    [review] = timo.tracker.days(DAY, DAY)
    held_by_vmoox(timo.tracker, review, locked=True)
    dialog = add_time(qtbot, timo, "09:30", "11:00", "Call")
    assert dialog.errors["form"].text() == (
        "Overlaps 'Design review' 09:00–10:00, which cannot be trimmed: it is"
        " read-only in Vmoox (it has been invoiced); pick other times"
    )
    assert dialog.trim_button.isHidden() and dialog.overlap_row.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert the_day(timo) == [("Design review", "09:00", "10:00")]
    assert (dialog.start.text(), dialog.end.text(), dialog.description.text()) == (
        "09:30",
        "11:00",
        "Call",
    )
    dialog.reject()

    allow_overlaps(timo.tracker)
    timo.reload()
    dialog = add_time(qtbot, timo, "09:30", "11:00", "Call")
    assert dialog.errors["form"].text().endswith("; keep both or pick other times")
    assert dialog.trim_button.isHidden() and not dialog.keep_button.isHidden()


def test_trim_is_not_offered_for_an_entry_before_the_lock_date(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """An entry from the evening before the workspace's lock date into its first hour is
    read-only in Vmoox: time added after midnight over it was offered a Trim of it."""
    timo = day_app
    day_clock.now = NOON
    evening = at_local(DAY - timedelta(days=1), at("23:00"), ZONE)
    late = timo.tracker.add("Release", evening, evening + timedelta(hours=2))
    held_by_vmoox(timo.tracker, late)
    with Store.open(timo.tracker.store.path) as synced, synced.write() as tx:
        rules = {"lock_date": DAY.isoformat(), "timezone": ZONE}
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps(rules))
    timo.reload()
    dialog = add_time(qtbot, timo, "00:30", "02:00", "Hotfix")
    assert dialog.errors["form"].text() == (
        f"Overlaps 'Release' {(DAY - timedelta(days=1)).isoformat()} 23:00–{DAY.isoformat()}"
        f" 01:00, which cannot be trimmed: entries before {DAY.isoformat()} are locked in this"
        " workspace; pick other times"
    )
    assert dialog.trim_button.isHidden()
