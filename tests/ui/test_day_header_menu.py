"""A day header's own menu, by right-click or by the Menu key or Shift+F10 on the header row:
Add time on that day (the Add time dialog on its date), Select the day's entries (for the
window's bar) and Copy the day's summary (the day as listed, in `timo log`'s way)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE, Clock
from tests.ui.seed import ACME, WEBSITE
from tests.ui.typed import type_time
from tests.ui.workday import DAY, MORNING, SHIFT, back_to, press, wait_for_window
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import DAY_ROLE, ENTRY_ROLE
from timo_desktop.ui.manual_entry import ManualEntryDialog

NOON = MORNING + timedelta(hours=3)
TODAYS = ["Add time today…", "Select the day's entries", "Copy the day's summary"]


def some_days(timo: TimoApp, clock: Clock) -> None:
    """Noon on DAY (Tue 10 Mar): three entries that day, one the day before and one on
    Sunday."""
    clock.now = NOON
    tracker = timo.tracker
    at = lambda day, hours, minutes: at_local(day, time(hours, minutes), ZONE)  # noqa: E731
    tracker.add("Stand-up", at(DAY, 9, 0), at(DAY, 9, 15))
    tracker.add(
        "Homepage layout",
        at(DAY, 9, 30),
        at(DAY, 11, 0),
        target=Target(project_id=WEBSITE.id),
        billable=True,
        tags=("design", "review"),
    )
    tracker.add("Call with Acme", at(DAY, 11, 0), at(DAY, 11, 30), target=Target(record_id=ACME.id))
    monday, sunday = DAY - timedelta(days=1), DAY - timedelta(days=2)
    tracker.add("Planning", at(monday, 14, 0), at(monday, 15, 0))
    tracker.add("Reading", at(sunday, 10, 0), at(sunday, 10, 20))
    timo.reload()


def header(timo: TimoApp, day: date) -> QModelIndex:
    model = timo.window.entries.model()
    [found] = [
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.index(row, 0).data(DAY_ROLE).day == day
    ]
    return found


def right_click(timo: TimoApp, day: date, choose: str | None = None) -> list[str]:
    """Right-click `day`'s header: the menu's items; `choose` one of them, else close it."""
    view = timo.window.entries
    shown: list[str] = []

    def look() -> None:  # inside the menu's own event loop
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend(action.text() for action in menu.actions())
        chosen = [action for action in menu.actions() if action.text() == choose]
        menu.close()
        for action in chosen:
            action.trigger()

    where = view.visualRect(header(timo, day)).center()
    click = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)
    )
    QTimer.singleShot(0, look)
    QApplication.sendEvent(view.viewport(), click)
    return shown


def test_a_right_click_on_a_day_offers_what_applies_to_that_day(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    some_days(day_app, day_clock)
    assert right_click(day_app, DAY) == TODAYS
    assert right_click(day_app, DAY - timedelta(days=1))[0] == "Add time yesterday…"
    assert right_click(day_app, DAY - timedelta(days=2))[0] == "Add time on Sun 08 Mar…"


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F10, SHIFT)],
)
def test_the_menu_key_or_shift_f10_on_a_day_header_opens_its_menu(
    qtbot: QtBot,
    day_app: TimoApp,
    day_clock: Clock,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    some_days(day_app, day_clock)
    view = day_app.window.entries
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    assert view.currentIndex().data(ENTRY_ROLE) is None  # on today's header
    assert keyed_menu(qtbot, key, modifiers) == TODAYS
    back_to(qtbot, day_app.window)

    # Under a search, Down from the day's last entry listed, in its tags: Sunday's header,
    # in the tags' column (Monday has nothing with an "e").
    search(qtbot, day_app, "e")
    view.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    for step in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, *[Qt.Key.Key_Down] * 2):
        press(qtbot, step)
    assert view.currentIndex().data(ENTRY_ROLE) is None and view.currentIndex().column() > 0
    assert keyed_menu(qtbot, key, modifiers)[0] == "Add time on Sun 08 Mar…"


def search(qtbot: QtBot, timo: TimoApp, words: str) -> None:
    """Search the list for `words`, at once."""
    window = timo.window
    window.focus_search()
    qtbot.keyClicks(window.search, words)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)


def keyed_menu(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> list[str]:
    """The menu `key` opens where the keyboard is: its items."""
    shown: list[str] = []

    def look() -> None:  # inside the menu's own event loop
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend(action.text() for action in menu.actions())
        menu.close()

    QTimer.singleShot(0, look)
    press(qtbot, key, modifiers)
    return shown


def test_add_time_on_a_day_opens_the_dialog_on_that_date(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    some_days(day_app, day_clock)
    sunday = DAY - timedelta(days=2)
    right_click(day_app, sunday, "Add time on Sun 08 Mar…")
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    assert dialog.date.date() == QDate(2026, 3, 8)
    # The day is chosen: the keyboard is on the start ("1h" typed on the date changed it).
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start)


def test_add_time_on_another_day_leaves_a_form_typed_for_one_day_as_it_is(
    qtbot: QtBot, day_app: TimoApp
) -> None:
    """Typed for Friday and left open, the form was moved to Tuesday by Tuesday's Add
    time, without a word; it now opens a second one."""
    friday = day_app.add_time_on(DAY - timedelta(days=4))
    friday.start.setText("10:00")
    friday.end.setText("11:00")
    tuesday = day_app.add_time_on(DAY - timedelta(days=1))
    assert tuesday is not friday
    assert friday.date.date().toPython() == DAY - timedelta(days=4)
    assert friday.start.text() == "10:00"
    assert tuesday.date.date().toPython() == DAY - timedelta(days=1)
    again = day_app.add_time_on(DAY - timedelta(days=4))  # the same day: the one open
    assert again is friday


def test_select_the_days_entries_selects_those_listed_for_the_bar(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    some_days(day_app, day_clock)
    window = day_app.window
    right_click(day_app, DAY, "Select the day's entries")
    assert sorted(e.description for e in window.entries.selected_entries()) == [
        "Call with Acme",
        "Homepage layout",
        "Stand-up",
    ]
    assert window.selection_bar.summary.text() == "3 entries selected (2:15)"

    search(qtbot, day_app, "e")  # Stand-up is left out of the day listed
    right_click(day_app, DAY, "Select the day's entries")
    assert window.selection_bar.summary.text() == "2 entries selected (2:00)"


def test_a_choice_made_after_the_list_changed_under_the_menu_acts_on_its_day(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """A search taken on while the menu was open (its words typed just before) lists the
    days through another model: the header the menu was opened on was another model's."""
    some_days(day_app, day_clock)
    window = day_app.window
    menu = window.entries.day_menu(header(day_app, DAY - timedelta(days=2)))  # Sunday
    search(qtbot, day_app, "n")  # Planning and Reading: Monday and Sunday
    [pick] = [a for a in menu.actions() if a.text() == "Select the day's entries"]
    pick.trigger()
    assert [e.description for e in window.entries.selected_entries()] == ["Reading"]
    [copy] = [a for a in menu.actions() if a.text() == "Copy the day's summary"]
    copy.trigger()
    assert QApplication.clipboard().text().splitlines()[1:] == ["10:00–10:20  0:20  Reading"]


def test_copy_the_days_summary_puts_the_day_as_listed_on_the_clipboard(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    some_days(day_app, day_clock)
    right_click(day_app, DAY, "Copy the day's summary")
    assert QApplication.clipboard().text().splitlines() == [
        "Tue 10 Mar 2026 — 2:15 total, 1:30 billable",
        "09:00–09:15  0:15  Stand-up",
        "09:30–11:00  1:30  Homepage layout  [Website relaunch]  #design  #review  $",
        "11:00–11:30  0:30  Call with Acme  [Acme GmbH]",
    ]


def test_add_time_on_a_working_day_puts_its_night_after_midnight(
    qtbot: QtBot, day_app: TimoApp, day_clock: Clock
) -> None:
    """With days starting at 04:00, Monday's 01:00–02:00 is Tuesday's by the calendar and
    listed under Monday, as the dialog says; it was Monday's date, Sunday's working day."""
    some_days(day_app, day_clock)
    day_app.tracker.start_of_day = time(4)
    monday = DAY - timedelta(days=1)
    right_click(day_app, monday, "Add time yesterday…")
    dialog = wait_for_window(qtbot, ManualEntryDialog)
    qtbot.keyClicks(dialog.description, "Release")
    type_time(qtbot, dialog.start, "01:00")
    type_time(qtbot, dialog.end, "02:00")
    checked = dialog.check()
    assert checked is not None
    assert checked.start == at_local(DAY, time(1), ZONE)
    assert dialog.day_note.text() == "After midnight, on Tue 10 Mar"
    assert not dialog.day_note.isHidden()
    type_time(qtbot, dialog.start, "\b\b\b\b\b23:00")
    checked = dialog.check()
    assert checked is not None and checked.start == at_local(monday, time(23), ZONE)
    assert checked.end == at_local(DAY, time(2), ZONE)
