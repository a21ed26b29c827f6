"""Times edited in the list that would overlap other entries: the choice Add time gives
(trim them, keep both where allowed, or go back to editing what was typed), or discard
what was typed, and "Needs
attention" flags both sides of an overlap, the row just changed too."""

from __future__ import annotations

import json
from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.workday import (
    CTRL,
    DAY,
    MORNING,
    back_to,
    focused,
    list_cell,
    press,
    the_day,
    type_text,
)
from tests.ui.workday import wait_for_window as wait_for
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker
from timo_desktop.store import sync_state
from timo_desktop.store.database import WORKSPACE_RULES_KEY, Store
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ATTENTION_ROLE, WARN_ROLE, Column

EVENING = MORNING + timedelta(hours=12)  # 21:00


def entries(timo: TimoApp, clock: Clock, *added: tuple[str, str, str]) -> None:
    """21:00 on DAY, with `added` (description, start, end)."""
    clock.now = EVENING
    for description, start, end in added:
        timo.tracker.add(
            description,
            at_local(DAY, time.fromisoformat(start), ZONE),
            at_local(DAY, time.fromisoformat(end), ZONE),
        )
    timo.reload()


def entry(timo: TimoApp, description: str) -> Entry:
    [found] = [e for e in timo.tracker.days(DAY, DAY) if e.description == description]
    return found


def allow_overlaps(tracker: Tracker) -> None:
    with Store.open(tracker.store.path) as synced, synced.write() as tx:  # as sync keeps it
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"allow_overlap": True}))


def retype_times(qtbot: QtBot, timo: TimoApp, description: str, typed: str) -> None:
    """Double-click the row's start–end, type over it, click another row (which saves)."""
    view = timo.window.entries
    cell = list_cell(timo, entry(timo, description).client_ref, Column.TIMES)
    at = view.visualRect(cell).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: view.is_editing() and isinstance(focused(), QLineEdit))
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, typed)
    other = next(e for e in timo.tracker.days(DAY, DAY) if e.description != description)
    elsewhere = view.visualRect(list_cell(timo, other.client_ref, Column.DESCRIPTION)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=elsewhere)


def button(box: QMessageBox, name: str) -> QPushButton:
    [found] = [b for b in box.buttons() if b.accessibleName() == name]
    assert isinstance(found, QPushButton)
    return found


def names(box: QMessageBox) -> list[str]:
    return [b.accessibleName() for b in box.buttons()]


def test_times_over_other_entries_ask_first_and_going_back_keeps_what_was_typed(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """It saved at once, with no word of the overlap (overlaps allowed), or was refused
    with the typed times gone (not allowed)."""
    timo = day_app
    entries(
        timo,
        day_clock,
        ("Review", "20:35", "20:40"),
        ("Email", "20:41", "20:50"),
        ("Notes", "20:50", "20:57"),
        ("Client call", "20:58", "20:59"),
    )
    before = the_day(timo)
    retype_times(qtbot, timo, "Client call", "20:30-20:58")
    box = wait_for(qtbot, QMessageBox, active=False)
    assert the_day(timo) == before  # nothing saved yet
    assert box.text() == (
        "“Client call” 20:30–20:58 overlaps 'Review' 20:35–20:40, 'Email' 20:41–20:50 and"
        " 'Notes' 20:50–20:57; 'Review' lies within this time, so trimming would leave nothing"
        " of it: add the time before and after it as separate entries, or change that entry"
        " first."
    )
    # Nothing to trim, no overlaps allowed.
    assert names(box) == ["Go back to editing", "Discard my change"]

    qtbot.mouseClick(button(box, "Go back to editing"), Qt.MouseButton.LeftButton)
    back_to(qtbot, timo.window)
    view = timo.window.entries
    qtbot.waitUntil(lambda: view.is_editing() and isinstance(focused(), QLineEdit))
    assert focused().text() == "20:30-20:58"  # type: ignore[attr-defined]
    assert view.currentIndex().column() == Column.TIMES
    assert view.currentIndex().siblingAtColumn(Column.DESCRIPTION).data() == "Client call"
    press(qtbot, Qt.Key.Key_Escape)  # the edit let go: the row is as it was
    qtbot.waitUntil(lambda: not view.is_editing())
    assert the_day(timo) == before


def test_times_over_others_are_discarded_with_the_mouse(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Offered only Trim, which changed an entry never meant to change, or Go back, which
    kept the typing open: the mouse could not give up without retyping the old times."""
    timo = day_app
    entries(timo, day_clock, ("Design", "09:00", "10:30"), ("Call", "10:30", "11:00"))
    before = the_day(timo)
    retype_times(qtbot, timo, "Design", "09:00-10:45")
    box = wait_for(qtbot, QMessageBox, active=False)
    assert names(box)[0] == "Trim the overlapping entries"
    discard = button(box, "Discard my change")
    assert discard.text() == "&Discard my change"
    assert box.defaultButton() is not discard  # Enter and Esc let nothing go
    assert box.escapeButton() is not discard
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)

    back_to(qtbot, timo.window)
    assert not timo.window.entries.is_editing()  # Go back opens it again as it answers
    assert the_day(timo) == before
    assert timo.undo.count() == 0


def test_keep_both_where_allowed_and_both_sides_need_attention(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """The three rows the call now covers were flagged, the call itself was not."""
    timo = day_app
    allow_overlaps(timo.tracker)
    entries(
        timo,
        day_clock,
        ("Review", "20:35", "20:40"),
        ("Email", "20:41", "20:50"),
        ("Client call", "20:58", "20:59"),
    )
    retype_times(qtbot, timo, "Client call", "20:30-20:58")
    box = wait_for(qtbot, QMessageBox, active=False)
    assert names(box) == ["Keep the entries overlapping", "Go back to editing", "Discard my change"]
    keep = button(box, "Keep the entries overlapping")
    assert keep.text() == "&Keep all"  # the call and the two it covers
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("Client call", "20:30", "20:58") in the_day(timo))

    call = entry(timo, "Client call").client_ref
    cell = list_cell(timo, call, Column.DESCRIPTION)
    assert cell.data(WARN_ROLE)
    said = "Overlaps 'Review' 20:35–20:40 and 'Email' 20:41–20:50"
    assert said in cell.data(ATTENTION_ROLE)
    review = list_cell(timo, entry(timo, "Review").client_ref, Column.DESCRIPTION)
    assert "Overlaps 'Client call' 20:30–20:58" in review.data(ATTENTION_ROLE)
    assert timo.window.undo_bar.message.text() == "Changed the times of “Client call”."


def test_trim_trims_the_neighbours_with_the_edit_in_one_undo(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    entries(
        timo,
        day_clock,
        ("Planning", "08:45", "09:30"),
        ("Implementation", "10:00", "11:30"),
        ("Review", "12:00", "12:30"),
    )
    before = the_day(timo)
    commits: list[tuple[str, ...]] = []
    timo.tracker.on_change(commits.append)
    retype_times(qtbot, timo, "Review", "09:00-10:15")
    box = wait_for(qtbot, QMessageBox, active=False)
    assert box.text() == (
        "“Review” 09:00–10:15 overlaps 'Planning' 08:45–09:30 and 'Implementation' 10:00–11:30."
    )
    assert box.informativeText() == (
        "Trim: “Planning” will end at 09:00 and “Implementation” will start at 10:15."
    )
    assert names(box) == [
        "Trim the overlapping entries",
        "Go back to editing",
        "Discard my change",
    ]
    qtbot.mouseClick(button(box, "Trim the overlapping entries"), Qt.MouseButton.LeftButton)

    changed = [
        ("Planning", "08:45", "09:00"),
        ("Review", "09:00", "10:15"),
        ("Implementation", "10:15", "11:30"),
    ]
    qtbot.waitUntil(lambda: the_day(timo) == changed)
    assert len(commits) == 1 and len(commits[0]) == 3
    bar = timo.window.undo_bar
    assert bar.message.text() == (
        "Changed the times of “Review” and trimmed “Planning” and “Implementation”."
    )
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert the_day(timo) == before
    assert len(commits) == 2
    timo.redo_last()
    assert the_day(timo) == changed


def test_times_from_the_minute_a_timer_stopped_in_start_where_it_stopped(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """A timer stopped at 09:34:56 is listed 09:00–09:34: an entry's times retyped from
    09:34 asked about an overlap of 56 seconds nobody could see, and offered a Trim."""
    timo = day_app
    timo.tracker.start("Planning")
    day_clock.now = MORNING + timedelta(minutes=34, seconds=56)
    timo.tracker.stop()
    entries(timo, day_clock, ("Call", "10:00", "10:30"))
    retype_times(qtbot, timo, "Call", "09:34-10:30")
    qtbot.waitUntil(lambda: entry(timo, "Call").start == MORNING + timedelta(seconds=34 * 60 + 56))
    assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in timo.window.children())
    assert timo.window.undo_bar.message.text() == (
        "Changed the times of “Call”; it starts at 09:34:56, when the entry before it ends."
    )


def test_an_end_retyped_beside_an_overlap_kept_leaves_the_start_and_undo_puts_all_back(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Overlaps allowed, a call from 20:34:20 kept beside planning to 20:34:56: retyping the
    call's end moved its start to 20:34:56 as well, and Undo left it there."""
    timo = day_app
    allow_overlaps(timo.tracker)
    day_clock.now = EVENING
    planned = MORNING + timedelta(hours=11)
    timo.tracker.add("Planning", planned, planned + timedelta(minutes=34, seconds=56))
    entries(timo, day_clock, ("Call", "20:40", "20:50"))
    call = entry(timo, "Call")
    kept = MORNING + timedelta(hours=11, minutes=34, seconds=20)
    call = timo.tracker.edit(call.client_ref, start=kept)  # as another device's edit lands
    timo.reload()
    retype_times(qtbot, timo, "Call", "20:34-20:55")
    box = wait_for(qtbot, QMessageBox, active=False)  # the overlap kept is asked about again
    qtbot.mouseClick(button(box, "Keep the entries overlapping"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: entry(timo, "Call").end == MORNING + timedelta(hours=11, minutes=55))
    assert entry(timo, "Call").start == kept
    qtbot.mouseClick(timo.window.undo_bar.button, Qt.MouseButton.LeftButton)
    assert (entry(timo, "Call").start, entry(timo, "Call").end) == (call.start, call.end)


def test_trim_is_not_offered_for_an_entry_invoiced_in_vmoox(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Times retyped over an entry Vmoox keeps read-only were offered a Trim of it, which
    then failed; the question says why not, and Keep both stays where overlaps are allowed."""
    timo = day_app
    allow_overlaps(timo.tracker)
    entries(timo, day_clock, ("Design review", "20:00", "20:30"), ("Call", "20:40", "20:50"))
    with Store.open(timo.tracker.store.path) as synced, synced.write() as tx:
        ref = entry(timo, "Design review").client_ref
        invoiced = {"locked": True}
        sync_state.link(
            tx.connection, ref, workspace_id="w", remote_id="t", remote_version=1, base=invoiced
        )
    timo.reload()
    retype_times(qtbot, timo, "Call", "20:15-20:50")
    box = wait_for(qtbot, QMessageBox, active=False)
    assert box.text() == (
        "“Call” 20:15–20:50 overlaps 'Design review' 20:00–20:30, which cannot be trimmed:"
        " it is read-only in Vmoox (it has been invoiced); keep both or pick other times."
    )
    assert names(box) == ["Keep the entries overlapping", "Go back to editing", "Discard my change"]
