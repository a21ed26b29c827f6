"""The timer window on a real Tracker: start, switch, stop, edit in place, undo, outside changes."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.seed import ACME, HOMEPAGE, WEBSITE
from tests.ui.workday import wait_for_window
from timo_desktop.core.entry import Source, Target
from timo_desktop.core.local_time import at_local, local
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.manual_entry import ManualEntryDialog


def type_and_start(qtbot: QtBot, timo: TimoApp, text: str) -> None:
    bar = timo.window.timer_bar
    qtbot.keyClicks(bar.description, text)
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)


def test_enter_starts_and_the_title_shows_the_timer(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    assert timo.window.windowTitle() == "Timo"
    bar = timo.window.timer_bar
    qtbot.keyClicks(bar.description, "Homepage layout")
    bar.target.click()
    qtbot.keyClicks(bar.target.popup.search, "relaunch homepage")
    qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
    assert bar.billable.isChecked()  # Website relaunch bills by default
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None
    assert running.description == "Homepage layout"
    assert running.target == Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)
    assert running.billable
    assert running.source == Source.DESKTOP
    assert timo.window.windowTitle() == "0:00 · Homepage layout — Timo"
    assert bar.description.text() == ""  # ready for the next thing
    assert bar.button.text() == "Stop"


def test_starting_while_running_switches_at_the_same_instant(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    type_and_start(qtbot, timo, "First")
    first = tracker.running()
    type_and_start(qtbot, timo, "Second")
    second = tracker.running()
    assert first is not None and second is not None
    assert second.description == "Second"
    stopped = tracker.get(first.client_ref)
    assert stopped.end == second.start


def test_stop_button_stops(qtbot: QtBot, timo: TimoApp, tracker: Tracker) -> None:
    type_and_start(qtbot, timo, "Short task")
    qtbot.mouseClick(timo.window.timer_bar.button, Qt.MouseButton.LeftButton)
    assert tracker.running() is None
    assert timo.window.windowTitle() == "Timo"


def test_edit_in_place_and_undo(qtbot: QtBot, timo: TimoApp, tracker: Tracker) -> None:
    view = timo.window.entries
    model = view.model()
    day = model.index(0, 0)
    index = model.index(0, Column.DESCRIPTION, day)
    entry = index.data(Qt.ItemDataRole.UserRole + 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in place")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: tracker.get(entry.client_ref).description == "Renamed in place")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tracker.get(entry.client_ref).description == entry.description


def test_duration_edit_and_a_refusal_in_plain_words(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    model = timo.window.entries.model()
    index = model.index(0, Column.DURATION, model.index(0, 0))
    entry = index.data(Qt.ItemDataRole.UserRole + 1)
    assert model.setData(index, "25m")
    assert tracker.get(entry.client_ref).end == entry.start + timedelta(minutes=25)
    times = model.index(0, Column.TIMES, model.index(0, 0))
    model.setData(times, "11:00–10:00")
    assert "is before start" in timo.window.undo_bar.message.text()
    assert tracker.get(entry.client_ref).end == entry.start + timedelta(minutes=25)


def test_delete_then_undo_from_the_bar(qtbot: QtBot, timo: TimoApp, tracker: Tracker) -> None:
    model = timo.window.entries.model()
    entry = model.index(0, 0, model.index(0, 0)).data(Qt.ItemDataRole.UserRole + 1)
    count = model.rowCount(model.index(0, 0))
    timo.window.entries.action_requested.emit("delete", entry.client_ref)
    assert model.rowCount(model.index(0, 0)) == count - 1
    assert timo.window.undo_bar.isVisible()
    assert timo.window.undo_bar.message.text() == f"Deleted “{entry.description}”."
    qtbot.mouseClick(timo.window.undo_bar.button, Qt.MouseButton.LeftButton)
    assert tracker.get(entry.client_ref).description == entry.description
    assert model.rowCount(model.index(0, 0)) == count


def test_time_added_over_a_neighbour_is_undone_whole(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    day = tracker.today() - timedelta(days=5)
    review = tracker.add(
        "Design review",
        at_local(day, time(6, 0), tracker.zone),
        at_local(day, time(7, 0), tracker.zone),
    )

    def that_morning() -> list[tuple[str, time, time | None]]:
        found = tracker.days(day, day)
        return [
            (
                e.description,
                local(e.start, tracker.zone).time(),
                None if e.end is None else local(e.end, tracker.zone).time(),
            )
            for e in found
        ]

    dialog = timo.add_manually()
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    qtbot.keyClicks(dialog.start, "06:30")
    qtbot.keyClicks(dialog.end, "08:00")
    qtbot.keyClicks(dialog.description, "Client call")
    dialog.trim_button.click()
    dialog.save_button.click()
    added = [("Design review", time(6, 0), time(6, 30)), ("Client call", time(6, 30), time(8, 0))]
    assert that_morning() == added
    bar = timo.window.undo_bar
    assert bar.message.text() == "Added “Client call” and trimmed “Design review”."

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert that_morning() == [("Design review", time(6, 0), time(7, 0))]
    assert tracker.get(review.client_ref).end == review.end
    timo.redo_last()
    assert that_morning() == added


def test_continue_and_duplicate_from_a_row(qtbot: QtBot, timo: TimoApp, tracker: Tracker) -> None:
    model = timo.window.entries.model()
    entry = model.index(0, 0, model.index(0, 0)).data(Qt.ItemDataRole.UserRole + 1)
    timo.window.entries.action_requested.emit("continue", entry.client_ref)
    running = tracker.running()
    assert running is not None and running.description == entry.description
    assert running.target == entry.target
    timo.stop_timer()
    # Duplicate opens Add time manually filled in like the row (tests/ui/test_duplicate.py).
    timo.window.entries.action_requested.emit("duplicate", entry.client_ref)
    dialog = wait_for_window(qtbot, ManualEntryDialog, active=False)
    assert dialog.description.text() == entry.description
    dialog.reject()


def test_billable_click_toggles(qtbot: QtBot, timo: TimoApp, tracker: Tracker) -> None:
    model = timo.window.entries.model()
    index = model.index(0, Column.BILLABLE, model.index(0, 0))
    entry = index.data(Qt.ItemDataRole.UserRole + 1)
    model.setData(index, None, Qt.ItemDataRole.CheckStateRole)
    assert tracker.get(entry.client_ref).billable is not entry.billable


def test_changes_from_the_cli_appear(qtbot: QtBot, timo: TimoApp, paths: Paths) -> None:
    other = Tracker.open(paths.database)  # another process's connection, as the CLI has
    try:
        other.start("Started from the command line", target=Target(record_id=ACME.id))
        qtbot.waitUntil(
            lambda: timo.window.windowTitle() == "0:00 · Started from the command line — Timo",
            timeout=10_000,
        )
        other.stop()
        qtbot.waitUntil(lambda: timo.window.windowTitle() == "Timo", timeout=10_000)
    finally:
        other.close()


def descriptions_shown(timo: TimoApp) -> set[str]:
    model = timo.window.entries.model()
    days = [model.index(day, 0) for day in range(model.rowCount())]
    return {
        model.index(row, Column.DESCRIPTION, day).data()
        for day in days
        for row in range(model.rowCount(day))
    }


def test_a_cell_being_edited_survives_changes_from_elsewhere(
    qtbot: QtBot, timo: TimoApp, paths: Paths
) -> None:
    view, model = timo.window.entries, timo.window.entries.model()
    cell = model.index(0, Column.DESCRIPTION, model.index(0, 0))
    ref = view.model().index(0, 0, model.index(0, 0)).data(Qt.ItemDataRole.UserRole + 1).client_ref
    view.setCurrentIndex(cell)
    view.edit(cell)
    qtbot.waitUntil(view.is_editing)
    [editor] = view.viewport().findChildren(QLineEdit)
    editor.setText("Half-typed correction")
    other = Tracker.open(paths.database)  # the CLI, the sync worker or a heartbeat meanwhile
    try:
        now = other.clock()
        other.add("From elsewhere", now - timedelta(minutes=30), now - timedelta(minutes=20))
    finally:
        other.close()
    timo.reload()  # what each of them leads to
    assert view.is_editing() and editor.text() == "Half-typed correction"
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits once back in the event loop
    qtbot.waitUntil(lambda: not view.is_editing())
    assert timo.tracker.get(ref).description == "Half-typed correction"
    # The refill that waited for the editor has happened since, and the row is still current.
    qtbot.waitUntil(lambda: "From elsewhere" in descriptions_shown(timo))
    assert view.current_ref() == ref


def test_the_first_screen_lists_two_weeks_and_the_rest_follows(
    qtbot: QtBot, tracker: Tracker, paths: Paths
) -> None:
    """A year of entries took ~90 ms before the window showed; now it loads after. So do
    the descriptions and tags offered while typing, a pass over the whole history (~35 ms
    for 29,000 entries)."""
    day = tracker.today() - timedelta(days=60)
    start = at_local(day, time(9, 0), tracker.zone)
    tracker.add("Two months ago", start, start + timedelta(hours=1), tags=["old"])
    app = TimoApp(tracker, paths, use_tray=False)  # settings from the file, after the paint
    offered = app.window.timer_bar
    try:
        assert "Two months ago" not in descriptions_shown(app)
        assert descriptions_shown(app)  # this week's seeded entries are there at once
        assert offered.descriptions.stringList() == offered.known_tags.stringList() == []
        app.start(background=False)
        qtbot.waitUntil(lambda: "Two months ago" in descriptions_shown(app))
        assert "Two months ago" in offered.descriptions.stringList()
        assert "old" in offered.known_tags.stringList()
    finally:
        app.shutdown()
        app.window.deleteLater()
        app.deleteLater()


def test_a_hidden_window_does_not_tick(qtbot: QtBot, timo: TimoApp) -> None:
    type_and_start(qtbot, timo, "Ticking")
    assert timo._tick.isActive()
    timo.window.hide()
    assert not timo._tick.isActive()
    timo.window.bring_forward()
    assert timo._tick.isActive()


def test_tray_state_lists_recent_entries_and_the_running_timer(qtbot: QtBot, timo: TimoApp) -> None:
    type_and_start(qtbot, timo, "Homepage layout")
    state = timo.tray_state()
    assert state.running == "Homepage layout"
    assert state.elapsed == "0:00"
    assert 0 < len(state.recent) <= 5
    assert all(item.label for item in state.recent)


def test_needs_attention_filter_uses_the_shared_rules(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    yesterday = tracker.today() - timedelta(days=1)
    loose = tracker.days(yesterday, yesterday)[0]
    tracker.edit(loose.client_ref, target=Target())
    timo.reload()
    window = timo.window
    qtbot.mouseClick(window.attention_button, Qt.MouseButton.LeftButton)
    model = window.entries.model()
    rows = [
        model.index(r, 0, model.index(d, 0))
        for d in range(model.rowCount())
        for r in range(model.rowCount(model.index(d, 0)))
    ]
    assert [row.data(Qt.ItemDataRole.UserRole + 1).client_ref for row in rows] == [loose.client_ref]
    assert rows[0].data(Qt.ItemDataRole.UserRole + 2) == (
        "No project or record — pick a project: double-click its project cell"
    )


def test_reports_open_from_the_window(qtbot: QtBot, timo: TimoApp) -> None:
    view = timo.open_reports()
    assert view.isVisible()
    assert view.windowTitle() == "Timo · Reports"
    assert timo.open_reports() is view  # one Reports window, brought forward
