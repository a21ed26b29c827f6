"""The running timer in the entry list: its row on top of its day, counted in the day's
totals and ticking; corrected in place; its row actions. And the list by keyboard and
screen reader: the billable mark, the action cells, the sync badge's shapes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.entries import finished
from tests.ui.seed import ACME, WEBSITE
from tests.ui.workday import DAY, MORNING, focused, press
from timo_desktop.core.entry import Entry, SyncState, Target
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui import style
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_list import paint_badge
from timo_desktop.ui.entry_model import (
    ENTRY_ROLE,
    RUNNING_ROLE,
    Column,
    EntryListModel,
    ListContext,
    group_by_day,
    running_start,
)

LEFT = Qt.MouseButton.LeftButton
ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


def context(clock: Clock) -> ListContext:
    return ListContext(
        zone="UTC",
        start_of_day=time(0, 0),
        today=clock.now.date(),
        target_label=lambda _target: "Website",
        clock=clock,
    )


def running_from(start: datetime, description: str = "Running", *, billable: bool) -> Entry:
    entry = finished(start.date(), start.strftime("%H:%M"), 1, description, billable=billable)
    return replace(entry, end=None)


# The model alone ---------------------------------------------------------------------------
def test_the_running_timer_is_on_top_of_its_day_and_in_its_totals() -> None:
    """1 h done and a timer running for 2 h: the day reads 3:00, not 1:00."""
    day = MORNING.date()
    clock = Clock(datetime.combine(day, time(12, 0), tzinfo=MORNING.tzinfo))
    done = finished(day, "08:00", 60, "Done", billable=True)
    running = running_from(clock.now - timedelta(hours=2), billable=False)
    [group] = group_by_day([running, done], context(clock))
    assert [e.description for e in group.entries] == ["Running", "Done"]
    assert (group.total, group.billable) == (timedelta(hours=3), timedelta(hours=1))

    model = EntryListModel()
    model.set_entries([done, running], context(clock))
    header = model.index(0, 0)
    assert model.data(header) == "Today — 3:00 total, 1:00 billable"
    row = model.running_index()
    assert row.row() == 0 and row.parent() == header
    assert model.data(model.index(0, Column.TIMES, header)) == "10:00–now"
    assert model.data(model.index(0, Column.DURATION, header)) == "2:00"
    assert model.data(row, RUNNING_ROLE) is True
    assert model.data(row, ACCESSIBLE_DESCRIPTION) == "running"
    assert model.data(model.index(1, 0, header), ACCESSIBLE_DESCRIPTION) is None


def test_the_running_row_ticks_its_own_cells_once_a_minute(qtbot: QtBot) -> None:
    day = MORNING.date()
    clock = Clock(datetime.combine(day, time(12, 0), tzinfo=MORNING.tzinfo))
    done = finished(day, "08:00", 60, "Done")
    running = running_from(clock.now - timedelta(hours=2), billable=True)
    model = EntryListModel()
    model.set_entries([done, running], context(clock))
    changed: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda first, last, _roles=(): changed.append((first, last)))

    clock.now += timedelta(seconds=30)  # the same minute: nothing to repaint
    with qtbot.assertNotEmitted(model.modelReset):
        model.tick()
    assert changed == []

    clock.now += timedelta(seconds=30)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.layoutChanged):
        model.tick()
    header = model.index(0, 0)
    assert model.data(header) == "Today — 3:01 total, 2:01 billable"
    assert model.data(model.index(0, Column.DURATION, header)) == "2:01"
    cells = {
        (first.parent().row(), first.row(), first.column(), last.column())
        for first, last in changed
    }
    assert cells == {(-1, 0, 0, len(Column) - 1), (0, 0, Column.DURATION, Column.DURATION)}
    assert model.data(model.index(1, Column.DURATION, header)) == "1:00"  # the finished one


def test_only_the_start_of_a_running_timer_is_edited_in_place() -> None:
    day = MORNING.date()
    clock = Clock(datetime.combine(day, time(12, 0), tzinfo=MORNING.tzinfo))
    running = running_from(clock.now - timedelta(hours=2), billable=False)
    model = EntryListModel()
    model.set_entries([running], context(clock))
    header = model.index(0, 0)
    for column in (Column.DESCRIPTION, Column.TARGET, Column.TAGS, Column.TIMES):
        assert model.flags(model.index(0, column, header)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, Column.DURATION, header)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(model.index(0, Column.TIMES, header), Qt.ItemDataRole.EditRole) == "10:00"
    assert not model.setData(model.index(0, Column.TIMES, header), "10:00–now")  # unchanged


def test_a_typed_start_lands_on_the_right_day() -> None:
    started = at_local(DAY, time(23, 30), ZONE)
    entry = running_from(started, billable=False)
    after_midnight = started + timedelta(hours=1)  # 00:30 the next day
    assert running_start("23:15", entry, ZONE, after_midnight) == at_local(DAY, time(23, 15), ZONE)
    next_day = DAY + timedelta(days=1)
    assert running_start("00:05–now", entry, ZONE, after_midnight) == at_local(
        next_day, time(0, 5), ZONE
    )
    with pytest.raises(InvalidEntry, match="stop it to set its end"):
        running_start("23:15–00:20", entry, ZONE, after_midnight)


# In the window, on a real Tracker ------------------------------------------------------------
def day_header(timo: TimoApp) -> str:
    return str(timo.window.model.data(timo.window.model.index(0, 0)))


def running_cell(timo: TimoApp, column: Column) -> QModelIndex:
    """The running row's cell in the view's model (fetched afresh: each change refills)."""
    return timo.window.entries.listed(timo.window.model.running_index(column))


def an_hour_done_and_a_timer_running(timo: TimoApp, clock: Clock) -> Entry:
    """07:00–08:00 done (billable), then a timer from 09:00 (not billable)."""
    tracker = timo.tracker
    tracker.add(
        "Email",
        at_local(DAY, time(7, 0), ZONE),
        at_local(DAY, time(8, 0), ZONE),
        target=Target(project_id=WEBSITE.id),
    )
    clock.now = MORNING
    tracker.start("Homepage layout", target=Target(record_id=ACME.id), billable=False)
    timo.reload()
    running = tracker.running()
    assert running is not None
    return running


def test_the_day_counts_the_running_timer_and_ticks_while_shown(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, clock = day_app, day_clock
    running = an_hour_done_and_a_timer_running(timo, clock)
    clock.now = MORNING + timedelta(hours=2)
    timo._on_tick()  # what the window's one-second timer calls
    assert day_header(timo) == "Today — 3:00 total, 1:00 billable"
    assert running_cell(timo, Column.DESCRIPTION).data(ENTRY_ROLE).client_ref == running.client_ref
    assert running_cell(timo, Column.TIMES).data() == "09:00–now"
    assert running_cell(timo, Column.DURATION).data() == "2:00"

    # Hidden, the window's clock stands still; shown again, the row catches up at once.
    timo.window.hide()
    clock.now += timedelta(minutes=30)
    timo._on_tick()
    assert not timo._tick.isActive()
    assert day_header(timo) == "Today — 3:00 total, 1:00 billable"
    timo.window.bring_forward()
    assert day_header(timo) == "Today — 3:30 total, 1:00 billable"
    assert running_cell(timo, Column.DURATION).data() == "2:30"


def test_the_running_row_wears_the_running_green(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    an_hour_done_and_a_timer_running(day_app, day_clock)
    view = day_app.window.entries
    image = view.viewport().grab().toImage()
    running = view.visualRect(running_cell(day_app, Column.DESCRIPTION))
    done = view.visualRect(running_cell(day_app, Column.DESCRIPTION).siblingAtRow(1))
    green = QColor(style.GREEN)
    assert image.pixelColor(running.left() + 1, running.center().y()) == green
    assert image.pixelColor(done.left() + 1, done.center().y()) != green


def test_the_running_timer_is_corrected_in_place(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, clock = day_app, day_clock
    running = an_hour_done_and_a_timer_running(timo, clock)
    clock.now = MORNING + timedelta(hours=1)
    model = timo.window.entries.model()
    ref = running.client_ref

    assert model.setData(running_cell(timo, Column.DESCRIPTION), "Homepage layout v2")
    assert model.setData(running_cell(timo, Column.TAGS), "design, review")
    model.setData(running_cell(timo, Column.BILLABLE), None, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(running_cell(timo, Column.TIMES), "08:30")
    now = timo.tracker.get(ref)
    assert now.is_running
    assert (now.description, now.tags, now.billable) == (
        "Homepage layout v2",
        ("design", "review"),
        True,
    )
    assert now.start == at_local(DAY, time(8, 30), ZONE)
    assert running_cell(timo, Column.TIMES).data() == "08:30–now"
    assert day_header(timo) == "Today — 2:30 total, 2:30 billable"

    # Its end waits for Stop: the cell says so in plain words and nothing changes.
    model.setData(running_cell(timo, Column.TIMES), "08:30–09:30")
    assert timo.window.undo_bar.message.text() == "The timer is running; stop it to set its end"
    assert timo.tracker.get(ref).is_running
    assert not model.flags(running_cell(timo, Column.DURATION)) & Qt.ItemFlag.ItemIsEditable

    timo.undo_last()  # the start, as any edit in the list
    assert timo.tracker.get(ref).start == MORNING


def test_the_running_start_is_typed_with_the_keyboard(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, clock = day_app, day_clock
    running = an_hour_done_and_a_timer_running(timo, clock)
    clock.now = MORNING + timedelta(hours=1)
    view = timo.window.entries
    view.setFocus()
    view.setCurrentIndex(running_cell(timo, Column.TIMES))
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(view.is_editing)
    editor = focused()
    assert editor.accessibleName().startswith("Start of the running timer")
    assert editor.text() == "09:00"  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "08:45")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: timo.tracker.get(running.client_ref).start != MORNING)
    assert timo.tracker.get(running.client_ref).start == at_local(DAY, time(8, 45), ZONE)


def click_action(qtbot: QtBot, timo: TimoApp, slot: int) -> None:
    view = timo.window.entries
    rect = view.visualRect(running_cell(timo, Column.ACTIONS))
    at = QPoint(rect.left() + slot * 26 + 13, rect.center().y())
    qtbot.mouseClick(view.viewport(), LEFT, pos=at)


def test_the_running_row_offers_delete_with_undo_only(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, clock = day_app, day_clock
    running = an_hour_done_and_a_timer_running(timo, clock)
    tracker = timo.tracker
    cell = running_cell(timo, Column.ACTIONS)
    assert cell.data(ACCESSIBLE_TEXT) == "Delete"
    assert cell.siblingAtRow(1).data(ACCESSIBLE_TEXT) == "Continue, Duplicate, Delete"

    clock.now = MORNING + timedelta(minutes=20)
    entries = len(tracker.days(DAY, DAY))
    click_action(qtbot, timo, 0)  # where Continue is on other rows
    click_action(qtbot, timo, 1)  # and Duplicate
    assert len(tracker.days(DAY, DAY)) == entries
    assert tracker.running() == running
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not timo.window]

    click_action(qtbot, timo, 2)
    assert tracker.running() is None
    assert not timo.window.model.running_index().isValid()
    assert day_header(timo) == "Today — 1:00 total, 1:00 billable"
    assert timo.window.undo_bar.message.text() == "Deleted “Homepage layout”."
    qtbot.mouseClick(timo.window.undo_bar.button, LEFT)
    back = tracker.running()
    assert back is not None and back.client_ref == running.client_ref
    assert running_cell(timo, Column.TIMES).data() == "09:00–now"


def test_a_timer_started_and_stopped_from_the_cli_comes_and_goes(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    other = Tracker.open(resolve().database, zone=ZONE, clock=day_clock)  # the CLI's connection
    try:
        other.start("From the command line")
        qtbot.waitUntil(lambda: running_cell(timo, Column.DESCRIPTION).isValid(), timeout=10_000)
        assert running_cell(timo, Column.DESCRIPTION).data() == "From the command line"
        assert running_cell(timo, Column.TIMES).data() == "09:00–now"
        day_clock.now = MORNING + timedelta(minutes=45)
        other.stop()
        qtbot.waitUntil(
            lambda: not running_cell(timo, Column.DESCRIPTION).isValid(), timeout=10_000
        )
        model = timo.window.entries.model()
        row = model.index(0, Column.TIMES, model.index(0, 0))
        assert (row.data(), row.data(RUNNING_ROLE)) == ("09:00–09:45", False)
        assert day_header(timo) == "Today — 0:45 total, 0:00 billable"
    finally:
        other.close()


# The list by keyboard and screen reader ------------------------------------------------------
def a_finished_entry(timo: TimoApp) -> QModelIndex:
    timo.tracker.add("Email", at_local(DAY, time(7, 0), ZONE), at_local(DAY, time(8, 0), ZONE))
    timo.reload()
    model = timo.window.entries.model()
    return model.index(0, Column.BILLABLE, model.index(0, 0))


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Space, Qt.Key.Key_F2, Qt.Key.Key_Return], ids=["Space", "F2", "Enter"]
)
def test_the_billable_mark_flips_from_the_keyboard(
    qtbot: QtBot, day_app: TimoApp, key: Qt.Key
) -> None:
    timo, view = day_app, day_app.window.entries
    cell = a_finished_entry(timo)
    ref = cell.data(ENTRY_ROLE).client_ref
    assert cell.data(ACCESSIBLE_TEXT) == "not billable"
    view.setFocus()
    view.setCurrentIndex(cell)
    press(qtbot, key)
    assert timo.tracker.get(ref).billable
    assert view.current_ref() == ref and view.currentIndex().column() == Column.BILLABLE
    assert view.currentIndex().data(ACCESSIBLE_TEXT) == "billable"
    assert not view.is_editing()
    press(qtbot, key)
    assert not timo.tracker.get(ref).billable


def test_marks_and_actions_have_words_for_screen_readers(day_app: TimoApp) -> None:
    cell = a_finished_entry(day_app)
    actions = cell.siblingAtColumn(Column.ACTIONS)
    assert actions.data(ACCESSIBLE_TEXT) == "Continue, Duplicate, Delete"
    # The badge's state in words, and why the entry needs a look when it does.
    sync = cell.siblingAtColumn(Column.SYNC).data(ACCESSIBLE_TEXT)
    assert sync == (
        "Waiting to sync: No project or record — pick a project: double-click its project cell"
    )


def test_sync_badges_tell_their_states_apart_by_words() -> None:
    clock = Clock(datetime.combine(DAY, time(12, 0), tzinfo=MORNING.tzinfo))
    states = (SyncState.SYNCED, SyncState.PENDING, SyncState.ATTENTION)
    entries = [
        finished(DAY, f"0{hour}:00", 30, state.value, sync_state=state)
        for hour, state in enumerate(states, start=7)
    ]
    model = EntryListModel()
    model.set_entries(entries, context(clock))
    day = model.index(0, 0)
    spoken = {
        model.data(model.index(row, 0, day)): model.data(
            model.index(row, Column.SYNC, day), ACCESSIBLE_TEXT
        )
        for row in range(3)
    }
    assert spoken == {
        "synced": "Synced",
        "pending": "Waiting to sync",
        "attention": "Needs attention",
    }


def badge_shape(state: SyncState) -> frozenset[tuple[int, int]]:
    """Where the badge for `state` covers its cell, whatever its colour."""
    image = QImage(22, 30, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_badge(painter, QRect(0, 0, 22, 30), state)
    painter.end()
    return frozenset(
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128 and image.pixelColor(x, y).lightness() < 230
    )


def test_sync_badges_differ_in_shape_not_only_colour() -> None:
    shapes = {state: badge_shape(state) for state in SyncState}
    assert all(shapes.values())
    assert len(set(shapes.values())) == len(shapes)


def test_a_synced_entry_with_a_problem_keeps_its_synced_badge(qtbot: QtBot) -> None:
    """Before, an entry Vmoox already holds, but with no project, wore the "waiting" badge and
    was read as "Waiting to sync"; its problem has the warning mark beside its description."""
    from timo_desktop.ui.entry_list import EntryListView

    clock = Clock(datetime.combine(DAY, time(12, 0), tzinfo=MORNING.tzinfo))
    entry = finished(DAY, "09:00", 30, "No project yet", sync_state=SyncState.SYNCED)
    problem = "No project or record"
    model = EntryListModel()
    model.set_entries(
        [entry],
        replace(
            context(clock),
            reasons={entry.client_ref: problem},
            warned=frozenset({entry.client_ref}),
        ),
    )
    badge = model.index(0, Column.SYNC, model.index(0, 0))
    assert model.data(badge, ACCESSIBLE_TEXT) == f"Synced: {problem}"

    view = EntryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 200)
    view.show()
    qtbot.waitExposed(view)
    badge = view.model().index(0, Column.SYNC, view.model().index(0, 0))
    cell = view.visualRect(badge)
    image = view.viewport().grab(cell).toImage()
    drawn = frozenset(
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 230
    )
    expected = QImage(cell.width(), cell.height(), QImage.Format.Format_ARGB32)
    expected.fill(Qt.GlobalColor.white)
    painter = QPainter(expected)
    paint_badge(painter, QRect(0, 0, cell.width(), cell.height()), SyncState.SYNCED)
    painter.end()
    assert drawn == frozenset(
        (x, y)
        for x in range(expected.width())
        for y in range(expected.height())
        if expected.pixelColor(x, y).lightness() < 230
    )
