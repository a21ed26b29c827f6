"""Several entries selected in the list (Shift/Ctrl+click, Shift+arrows, Ctrl+A) and changed at
once from the selection bar: project, billable, tags, delete — each one transaction and one
Undo, all or nothing, the running timer included, by mouse or keyboard, a year at a time."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import INTERNAL, WEBSITE
from tests.ui.workday import CTRL, DAY, MORNING, SHIFT, focused, press, type_text
from timo_desktop.core.entry import NO_TARGET, Entry, Target, new_entry
from timo_desktop.core.local_time import at_local
from timo_desktop.store.outbox import Op
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import DAY_ROLE, Column
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import TargetPopup

LEFT = Qt.MouseButton.LeftButton
EVENING = MORNING + timedelta(hours=9)  # 18:00 on DAY
WEB = Target(project_id=WEBSITE.id)


def three_days(timo: TimoApp, clock: Clock) -> None:
    """Each of the last three days: a Standup 09:00–09:15 (no project, tagged `meeting`)
    and Homepage layout 09:30–11:00 (Website, billable). It is 18:00 on DAY."""
    clock.now = EVENING
    for back in (2, 1, 0):
        day = DAY - timedelta(days=back)
        start = at_local(day, time(9, 0), ZONE)
        timo.tracker.add("Standup", start, start + timedelta(minutes=15), tags=("meeting",))
        later = start + timedelta(minutes=30)
        timo.tracker.add("Homepage layout", later, later + timedelta(minutes=90), target=WEB)
    timo.reload()


def cell(timo: TimoApp, day: int, row: int, column: Column = Column.DESCRIPTION) -> QModelIndex:
    """The list's cell (fetched afresh: every change refills the list)."""
    model = timo.window.entries.model()
    return model.index(row, column, model.index(day, 0))


def click(
    qtbot: QtBot,
    timo: TimoApp,
    index: QModelIndex,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    view = timo.window.entries
    qtbot.mouseClick(view.viewport(), LEFT, modifier, view.visualRect(index).center())


def selected(timo: TimoApp) -> list[tuple[str, date]]:
    return [(e.description, timo.tracker.day_of(e)) for e in timo.window.entries.selected_entries()]


def standups(timo: TimoApp) -> list[Entry]:
    return [
        e for e in timo.tracker.days(DAY - timedelta(days=2), DAY) if e.description == "Standup"
    ]


def search(qtbot: QtBot, words: str) -> None:
    """Ctrl+F, the words, Enter: the list shows what matches and has the keyboard."""
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, words)
    press(qtbot, Qt.Key.Key_Return)


def select_standups(qtbot: QtBot, timo: TimoApp) -> None:
    search(qtbot, "standup")
    assert focused() is timo.window.entries
    press(qtbot, Qt.Key.Key_A, CTRL)


def select_all(qtbot: QtBot, timo: TimoApp) -> None:
    """Ctrl+A in the list: every entry shown."""
    timo.window.entries.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL)


def bar_text(timo: TimoApp) -> str:
    bar = timo.window.selection_bar
    return bar.summary.text() if bar.isVisible() else ""


# Selecting ----------------------------------------------------------------------------------
def test_shift_and_ctrl_click_select_entries_never_day_headers(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_days(timo, day_clock)
    click(qtbot, timo, cell(timo, 0, 0))  # today's Homepage layout
    assert bar_text(timo) == ""  # one entry: the row is simply the current one
    click(qtbot, timo, cell(timo, 1, 1), SHIFT)  # to yesterday's Standup, over its header
    yesterday = DAY - timedelta(days=1)
    assert selected(timo) == [
        ("Homepage layout", DAY),
        ("Standup", DAY),
        ("Homepage layout", yesterday),
        ("Standup", yesterday),
    ]
    assert not [i for i in view.selectionModel().selectedIndexes() if i.data(DAY_ROLE)]
    assert bar_text(timo) == "4 entries selected (3:30)"

    click(qtbot, timo, cell(timo, 2, 1), CTRL)  # and the Standup the day before
    assert bar_text(timo) == "5 entries selected (3:45)"
    # Ctrl+click on the billable mark selects the row; the mark stays as it was.
    click(qtbot, timo, cell(timo, 2, 0, Column.BILLABLE), CTRL)
    assert bar_text(timo) == "6 entries selected (5:15)"
    assert all(e.billable for e in timo.tracker.days(DAY, DAY) if e.target == WEB)
    assert all(e.billable == (e.target == WEB) for e in view.selected_entries())


def test_ctrl_a_under_a_search_selects_only_the_entries_shown(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_standups(qtbot, timo)
    assert [name for name, _day in selected(timo)] == ["Standup"] * 3
    assert bar_text(timo) == "3 entries selected (0:45)"
    bar = timo.window.selection_bar
    for control in (bar.project, bar.billable, bar.not_billable, bar.add_tag, bar.delete):
        assert control.isVisible() and control.accessibleName()


# Acting on the selection --------------------------------------------------------------------
def test_set_project_for_the_selection_is_one_transaction_and_one_undo(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_standups(qtbot, timo)
    heard: list[tuple[str, ...]] = []
    timo.tracker.on_change(heard.append)

    qtbot.mouseClick(timo.window.selection_bar.project, LEFT)
    picker = timo.window.selection_bar.findChild(TargetPopup)
    assert picker is not None
    qtbot.waitUntil(picker.isVisible)
    type_text(qtbot, "internal")
    press(qtbot, Qt.Key.Key_Return)
    internal = Target(project_id=INTERNAL.id)
    assert [e.target for e in standups(timo)] == [internal] * 3
    assert len(heard) == 1 and len(heard[0]) == 3  # one commit: sync sees the set whole
    assert timo.window.undo_bar.message.text() == "Set 3 entries to “Internal”."
    # The same entries stay selected after the list refilled.
    assert [name for name, _day in selected(timo)] == ["Standup"] * 3
    assert bar_text(timo) == "3 entries selected (0:45)"

    timo.window.activateWindow()
    qtbot.waitUntil(timo.window.isActiveWindow)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [e.target for e in standups(timo)] == [NO_TARGET] * 3
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [e.target for e in standups(timo)] == [internal] * 3


def test_billable_and_not_billable_for_the_selection(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    assert bar_text(timo) == "6 entries selected (5:15)"
    qtbot.mouseClick(timo.window.selection_bar.billable, LEFT)
    every = timo.tracker.days(DAY - timedelta(days=2), DAY)
    assert all(e.billable for e in every)
    # Homepage layout was billable already: only the stand-ups changed, and only they undo.
    assert timo.window.undo_bar.message.text() == "Marked 3 entries billable."
    timo.undo_last()
    assert [e.billable for e in standups(timo)] == [False] * 3
    assert all(e.billable for e in timo.tracker.days(DAY, DAY) if e.target == WEB)

    qtbot.mouseClick(timo.window.selection_bar.not_billable, LEFT)
    assert not any(e.billable for e in timo.tracker.days(DAY - timedelta(days=2), DAY))
    timo.undo_last()
    assert [e.billable for e in timo.tracker.days(DAY, DAY)] == [False, True]


def test_add_a_tag_to_the_selection_with_known_tags_offered(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    bar = timo.window.selection_bar
    qtbot.mouseClick(bar.add_tag, LEFT)
    assert focused() is bar.tag_field
    assert bar.tag_field.accessibleName() == "Tag to add to the selected entries"
    completer = bar.tag_field.completer()
    assert isinstance(completer, TagCompleter)
    assert completer.model().index(0, 0).data() == "meeting"  # the window's known tags
    type_text(qtbot, "sprint 12")
    press(qtbot, Qt.Key.Key_Return)
    tags = [e.tags for e in timo.tracker.days(DAY - timedelta(days=2), DAY)]
    assert tags == [("meeting", "sprint 12"), ("sprint 12",)] * 3
    assert timo.window.undo_bar.message.text() == "Tagged 6 entries “sprint 12”."
    assert not bar.tag_field.isVisible() and bar.add_tag.isVisible()
    timo.undo_last()
    tags = [e.tags for e in timo.tracker.days(DAY - timedelta(days=2), DAY)]
    assert tags == [("meeting",), ()] * 3


def test_delete_the_selection_with_the_delete_key_and_undo_it_whole(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_standups(qtbot, timo)
    press(qtbot, Qt.Key.Key_Delete)
    assert standups(timo) == []
    assert len(timo.tracker.days(DAY - timedelta(days=2), DAY)) == 3
    assert timo.window.undo_bar.message.text() == "Deleted 3 entries."
    assert not timo.window.selection_bar.isVisible()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(standups(timo)) == 3


def test_an_entry_that_overlaps_since_takes_billable_with_the_others(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Before, one stand-up overlapping another (logged on the phone and synced in as the
    server took it) refused the whole change: only what changes is checked now."""
    timo = day_app
    three_days(timo, day_clock)
    yesterday = DAY - timedelta(days=1)
    begin = at_local(yesterday, time(9, 10), ZONE)
    phone = new_entry(
        start=begin, end=begin + timedelta(minutes=10), zone=ZONE, now=begin, description="Sync"
    )
    with timo.tracker.store.write() as tx:
        tx.save(phone, Op.CREATE, begin)
    timo.reload()

    select_all(qtbot, timo)
    qtbot.mouseClick(timo.window.selection_bar.billable, LEFT)
    assert all(e.billable for e in timo.tracker.days(DAY - timedelta(days=2), DAY))
    assert not timo.window.selection_bar.problem.isVisible()
    assert timo.undo.count() == 1


def test_an_entry_deleted_meanwhile_changes_nothing_and_the_bar_says_so(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    gone = timo.window.entries.selected_entries()[0]
    before = timo.tracker.days(DAY - timedelta(days=2), DAY)
    # The command line deletes one before the list has caught up.
    with timo.tracker.store.write() as tx:
        tx.save(gone.changed(day_clock.now, deleted_at=day_clock.now), Op.DELETE, day_clock.now)
    qtbot.mouseClick(timo.window.selection_bar.billable, LEFT)
    left = [e for e in before if e.client_ref != gone.client_ref]
    assert timo.tracker.days(DAY - timedelta(days=2), DAY) == left  # nothing changed
    problem = timo.window.selection_bar.problem
    assert problem.isVisible() and problem.text().startswith(
        "Nothing changed: an entry in the selection was deleted meanwhile"
    )
    assert bar_text(timo).startswith(f"{len(left)} entries selected")  # the rest, to retry
    assert timo.undo.count() == 0


def test_the_running_timer_goes_with_the_selection(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    day_clock.now = EVENING - timedelta(minutes=30)
    timo.tracker.start("Standup notes")
    day_clock.now = EVENING
    timo.reload()
    running = timo.tracker.running()
    assert running is not None

    select_all(qtbot, timo)
    assert bar_text(timo) == "7 entries selected (5:45)"  # the timer counts to now
    day_clock.now += timedelta(minutes=2)
    timo._on_tick()  # what the window's one-second timer calls
    assert bar_text(timo) == "7 entries selected (5:47)"  # and ticks on, as its row does
    press(qtbot, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: timo.tracker.get(running.client_ref).billable)
    assert timo.tracker.running() == timo.tracker.get(running.client_ref)

    press(qtbot, Qt.Key.Key_Delete)
    assert timo.tracker.running() is None
    assert timo.tracker.days(DAY - timedelta(days=2), DAY) == []
    assert timo.window.undo_bar.message.text() == "Deleted 7 entries."
    press(qtbot, Qt.Key.Key_Z, CTRL)
    back = timo.tracker.running()
    assert back is not None and back.client_ref == running.client_ref
    assert len(timo.tracker.days(DAY - timedelta(days=2), DAY)) == 7


# By keyboard alone ----------------------------------------------------------------------
def test_select_and_act_with_the_keyboard_alone(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    three_days(timo, day_clock)
    bar = timo.window.selection_bar
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)  # today's heading
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_Down, SHIFT)  # yesterday's heading: passed over, not selected
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert bar_text(timo) == "3 entries selected (3:15)"

    # Ctrl+Shift+T opens the tag field; Enter adds the tag to the three.
    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(bar.tag_field.hasFocus)
    type_text(qtbot, "review")
    press(qtbot, Qt.Key.Key_Return)
    assert [e.tags for e in timo.tracker.days(DAY - timedelta(days=1), DAY)] == [
        ("meeting",),
        ("review",),
        ("meeting", "review"),
        ("review",),
    ]

    # From the list, Tab reaches the bar's actions; Esc there lets the selection go.
    view.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.project
    assert focused().accessibleName() == "Set the project of the selected entries"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.billable
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is view
    assert len(view.selected_entries()) == 1 and not bar.isVisible()

    # Esc in the list does the same; in-place keys act on the current row only.
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert bar_text(timo) == "2 entries selected (1:45)"
    current = view.current_ref()
    billable_cell = view.currentIndex().siblingAtColumn(Column.BILLABLE)
    view.selectionModel().setCurrentIndex(
        billable_cell, view.selectionModel().SelectionFlag.NoUpdate
    )
    press(qtbot, Qt.Key.Key_Space)  # flips the current row's billable mark, as ever
    flipped = [e for e in timo.tracker.days(DAY - timedelta(days=1), DAY) if e.billable]
    assert [e.client_ref for e in flipped if e.target != WEB] == [current]
    assert bar_text(timo) == "2 entries selected (1:45)"
    press(qtbot, Qt.Key.Key_Escape)
    assert len(view.selected_entries()) == 1 and not bar.isVisible()


def test_after_esc_shift_and_an_arrow_select_from_the_current_row(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """Esc let the other rows go, but Qt kept where the selection had started: Shift+Down
    then selected from there again, four entries instead of two."""
    timo, view = day_app, day_app.window.entries
    three_days(timo, day_clock)
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)  # today's heading
    press(qtbot, Qt.Key.Key_Down)
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert bar_text(timo) == "3 entries selected (3:15)"
    press(qtbot, Qt.Key.Key_Escape)
    assert len(view.selected_entries()) == 1
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert bar_text(timo) == "2 entries selected (1:45)"


# A year at once -------------------------------------------------------------------------
def test_a_year_selected_and_changed_at_once_keeps_the_list_still(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo, view = day_app, day_app.window.entries
    day_clock.now = EVENING
    with timo.tracker.batch():
        for back in range(1, 376):
            day = DAY - timedelta(days=back)
            for hour in range(9, 17):
                start = at_local(day, time(hour, 0), ZONE)
                timo.tracker.add("Work", start, start + timedelta(minutes=50))
    timo.reload()
    view.setFocus()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    scrolled = view.verticalScrollBar().value()

    press(qtbot, Qt.Key.Key_A, CTRL)
    assert bar_text(timo) == "3000 entries selected (2500:00)"
    qtbot.mouseClick(timo.window.selection_bar.billable, LEFT)
    assert all(e.billable for e in timo.tracker.days(DAY - timedelta(days=400), DAY))
    assert len(view.selected_entries()) == 3000
    assert view.verticalScrollBar().value() == scrolled
    QApplication.processEvents()


def test_right_click_within_a_selection_offers_what_the_bar_does(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    timo = day_app
    three_days(timo, day_clock)
    select_all(qtbot, timo)
    view = timo.window.entries
    entry = view.selected_entries()[1]
    # The right button pressed on a selected row keeps the selection the menu acts on.
    target = view.visualRect(cell(timo, 0, 1)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, pos=target)
    assert len(view.selected_entries()) == 6
    menu = view.context_menu(entry)
    assert [a.text() for a in menu.actions()] == [
        "Set project…",
        "Billable",
        "Not billable",
        "Add tag…",
        "Delete",
    ]
    [billable] = [a for a in menu.actions() if a.text() == "Billable"]
    assert billable.shortcut().toString() == "Ctrl+Shift+B"
    billable.trigger()
    assert all(e.billable for e in timo.tracker.days(DAY - timedelta(days=2), DAY))
    assert timo.undo.count() == 1

    # On one entry alone, its own actions as before.
    view.setCurrentIndex(cell(timo, 0, 0))
    view.clearSelection()
    alone = view.context_menu(timo.tracker.days(DAY, DAY)[0])
    assert [a.text() for a in alone.actions()] == ["Continue", "Duplicate", "Delete"]
