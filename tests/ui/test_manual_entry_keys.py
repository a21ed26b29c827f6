"""Add time manually by keyboard alone: the reading order, the date field, Alt jumps, an
overlap answered without losing the form, times past midnight, a time half typed, and every
refusal's next step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QToolButton
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.entries import finished
from tests.ui.workday import ALT, SHIFT, focused, press, type_text
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import at_local
from timo_desktop.core.validation import DEFAULT_RULES, EntryRules
from timo_desktop.ui.manual_entry import ManualEntry, ManualEntryDialog

ZONE = "UTC"
TODAY = date(2026, 3, 10)
YESTERDAY = TODAY - timedelta(days=1)


def opened(
    qtbot: QtBot, existing: Sequence[Entry] = (), rules: EntryRules = DEFAULT_RULES
) -> ManualEntryDialog:
    """The dialog at 15:00 on TODAY, shown and holding the keyboard, as Ctrl+N opens it."""

    def neighbours(start: datetime, end: datetime) -> list[Entry]:
        return [
            e
            for e in existing
            if e.start < end and (e.end is None or start < e.end)  # a running timer runs on
        ]

    clock = Clock(at_local(TODAY, time(15, 0), ZONE))
    window = ManualEntryDialog(
        zone=ZONE,
        rules=lambda _target: rules,
        refused=lambda _target, others: [] if rules.allow_overlap else others,
        neighbours=neighbours,
        clock=clock,
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def on_yesterday(qtbot: QtBot, window: ManualEntryDialog) -> None:
    """Down on the day of the month: the day before."""
    assert focused() is window.date
    press(qtbot, Qt.Key.Key_Down)
    assert window.date.date() == QDate(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day)


def at_the_end(qtbot: QtBot) -> ManualEntryDialog:
    """The dialog on yesterday, 09:00 typed as the start, the keyboard in the end's field."""
    window = opened(qtbot)
    on_yesterday(qtbot, window)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "09:00")
    press(qtbot, Qt.Key.Key_Tab)
    return window


def test_it_opens_on_the_date_and_tab_follows_the_form_top_down(qtbot: QtBot) -> None:
    window = opened(qtbot)
    visited = [focused().accessibleName()]
    for _ in range(7):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focused().accessibleName())
    assert visited == [
        "Date",
        "Start time",
        "End time",
        "Duration",
        "Description",
        "Project, task or record",
        "Billable",
        "Tags",
    ]
    for _ in range(7):  # and back again, one press a field: the date's parts are no stops
        press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is window.date


@pytest.mark.parametrize("back", [False, True], ids=["tab", "shift-tab"])
def test_arriving_at_the_date_selects_it_to_be_typed_over(qtbot: QtBot, back: bool) -> None:
    window = opened(qtbot)
    neighbour = window.start if back else window.buttons.buttons()[-1]
    neighbour.setFocus()
    press(qtbot, Qt.Key.Key_Tab, SHIFT if back else Qt.KeyboardModifier.NoModifier)
    assert focused() is window.date
    assert window.date.selectedText() == window.date.text() == "Tue 10 Mar 2026"
    on_yesterday(qtbot, window)
    assert window.date.text() == "Mon 9 Mar 2026" and window.date.selectedText()


def test_y_and_t_type_yesterday_and_today(qtbot: QtBot) -> None:
    window = opened(qtbot)
    type_text(qtbot, "y")
    assert window.date.date() == QDate(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day)
    window.date.selectAll()
    type_text(qtbot, "today")
    assert window.date.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    press(qtbot, Qt.Key.Key_Tab)
    assert window.date.text() == "Tue 10 Mar 2026"  # shown in the field's own form


@pytest.mark.parametrize(
    "typed",
    ["2026-02-25", "25.2.2026", "25/02/2026", "25 Feb 2026", "Feb 25", "25 feb", "Wed 25 Feb 2026"],
)
def test_a_date_typed_whole_is_read_whole(qtbot: QtBot, typed: str) -> None:
    """Typed into a date spin box, "2026-10-25" kept the day of the month and dropped the
    rest without a word: the time was added on 20 Nov."""
    window = opened(qtbot)
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert window.date.date() == QDate(2026, 2, 25)
    assert window.date.text() == "Wed 25 Feb 2026"
    for key in "09:00", "Tab", "10:00", "Tab":
        press(qtbot, Qt.Key.Key_Tab) if key == "Tab" else type_text(qtbot, key)
    entry = window.check()
    assert entry is not None and entry.start == at_local(date(2026, 2, 25), time(9), ZONE)


def test_words_that_are_no_date_are_said_beside_it_and_kept(qtbot: QtBot) -> None:
    window = opened(qtbot)
    type_text(qtbot, "25 Febr 2026x")
    press(qtbot, Qt.Key.Key_Tab)
    said = window.errors["date"]
    assert not said.isHidden() and said.text().startswith("'25 Febr 2026x' is not a date;")
    assert window.date.text() == "25 Febr 2026x"  # kept, to be put right
    assert not window.save_button.isEnabled()
    window.date.setFocus()
    window.date.selectAll()
    type_text(qtbot, "25 Feb 2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert said.isHidden() and window.date.date() == QDate(2026, 2, 25)


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Down, ALT), (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)],
    ids=["alt-down", "f4"],
)
def test_alt_down_or_f4_opens_the_calendar_and_enter_takes_its_day(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    window = opened(qtbot)
    press(qtbot, key, modifiers)
    calendar = QApplication.activePopupWidget()
    assert calendar is not None and calendar.findChild(QCalendarWidget).isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_Left)  # the day before, in the calendar
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert window.date.date() == QDate(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day)


@pytest.mark.parametrize(
    ("letter", "field"),
    [
        (Qt.Key.Key_D, "Date"),
        (Qt.Key.Key_S, "Start time"),
        (Qt.Key.Key_E, "End time"),
        (Qt.Key.Key_U, "Duration"),
        (Qt.Key.Key_W, "Description"),
        (Qt.Key.Key_F, "Project, task or record"),
        (Qt.Key.Key_B, "Billable"),
        (Qt.Key.Key_T, "Tags"),
    ],
)
def test_alt_and_a_label_s_letter_jumps_to_its_field(
    qtbot: QtBot, letter: Qt.Key, field: str
) -> None:
    window = opened(qtbot)
    (window.start if field == "Tags" else window.tags).setFocus()  # somewhere else first
    press(qtbot, letter, ALT)
    assert focused().accessibleName() == field
    assert window.isVisible()


def test_after_trim_enter_adds_and_never_cancels(qtbot: QtBot) -> None:
    """Trim vanished with the question and the keyboard fell to Cancel: the next Enter
    closed the dialog and everything typed was gone."""
    review = finished(YESTERDAY, "09:00", 60, "Design review")
    window = opened(qtbot, [review])
    on_yesterday(qtbot, window)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "09:30")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "11:00")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Backfill")
    assert window.errors["form"].text() == "Overlaps 'Design review' 09:00–10:00"
    assert window.trim_button.text() == "T&rim “Design review”"
    press(qtbot, Qt.Key.Key_R, ALT)  # Trim (a button's letter clicks it as a click looks)
    qtbot.waitUntil(lambda: focused() is window.save_button)
    assert window.save_button.isDefault()
    with qtbot.waitSignal(window.submitted) as sent:
        press(qtbot, Qt.Key.Key_Return)
    entry: ManualEntry = sent.args[0]
    assert entry.trim == (review,) and entry.description == "Backfill"
    assert window.isVisible()  # not cancelled: the caller closes it once saved


def test_enter_on_cancel_adds_rather_than_throws_the_form_away(qtbot: QtBot) -> None:
    window = at_the_end(qtbot)
    type_text(qtbot, "10:00")
    window.buttons.button(window.buttons.StandardButton.Cancel).setFocus()
    with qtbot.waitSignal(window.submitted):
        press(qtbot, Qt.Key.Key_Return)
    assert window.isVisible()  # the caller closes it once the entry is saved


def test_keep_both_has_its_letter_too(qtbot: QtBot) -> None:
    review = finished(YESTERDAY, "09:00", 60, "Design review")
    window = opened(qtbot, [review], EntryRules(allow_overlap=True))
    on_yesterday(qtbot, window)
    window.start.setText("09:30")
    window.end.setText("11:00")
    window.description.setFocus()
    press(qtbot, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(lambda: focused() is window.save_button)
    entry = window.check()
    assert entry is not None and entry.keep_both


def test_a_day_still_to_come_is_said_beside_the_date_not_clamped(qtbot: QtBot) -> None:
    window = opened(qtbot)
    window.start.setText("09:00")
    window.end.setText("10:00")
    press(qtbot, Qt.Key.Key_Up)  # tomorrow, on the day of the month
    assert window.date.date() == QDate(2026, 3, 11)  # shown as typed
    said = window.errors["date"]
    assert not said.isHidden()
    assert said.text() == "That day is still to come; time can be added up to today"
    assert not window.save_button.isEnabled()
    press(qtbot, Qt.Key.Key_Down)
    assert said.isHidden() and window.save_button.isEnabled()


def test_an_end_before_the_start_runs_past_midnight_and_says_so(qtbot: QtBot) -> None:
    """23:00–01:00 could not be entered: both landed on the same day."""
    window = opened(qtbot)
    on_yesterday(qtbot, window)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "23:00")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "01:00")
    assert window.errors["end"].isHidden()
    assert window.day_note.text() == "Ends the next day, 01:00"
    assert not window.day_note.isHidden()
    assert window.duration.placeholderText() == "2h 00m"
    with qtbot.waitSignal(window.submitted) as sent:
        press(qtbot, Qt.Key.Key_Return)
    entry: ManualEntry = sent.args[0]
    assert (entry.start, entry.end) == (
        at_local(YESTERDAY, time(23, 0), ZONE),
        at_local(TODAY, time(1, 0), ZONE),
    )

    window.end.setText("11:00")  # twelve hours back is no night: still the end's problem
    assert window.errors["end"].text() == "End 11:00 is before start 23:00"
    assert window.day_note.isHidden()


@pytest.mark.parametrize(
    ("other", "start", "end", "advice"),
    [
        (
            finished(YESTERDAY, "10:00", 30, "Call"),
            "09:00",
            "11:00",
            "Overlaps 'Call' 10:00–10:30, which lies within this time, so trimming would leave"
            " nothing of it: add the time before and after it as separate entries, or change"
            " that entry first",
        ),
        (
            finished(YESTERDAY, "09:00", 180, "Workshop"),
            "10:00",
            "11:00",
            "Overlaps 'Workshop' 09:00–12:00, which covers all of this time, so trimming would"
            " cut it in two: change that entry first, or pick other times",
        ),
    ],
    ids=["within", "covering"],
)
def test_an_overlap_that_can_be_neither_trimmed_nor_kept_says_what_to_do(
    qtbot: QtBot, other: Entry, start: str, end: str, advice: str
) -> None:
    window = opened(qtbot, [other])
    on_yesterday(qtbot, window)
    window.start.setText(start)
    window.end.setText(end)
    assert window.errors["form"].text() == advice
    assert window.overlap_row.isHidden() and not window.save_button.isEnabled()


def test_an_overlap_with_a_running_timer_says_until_when(qtbot: QtBot) -> None:
    running = finished(TODAY, "13:00", 60, "Homepage layout")
    window = opened(qtbot, [replace(running, end=None)])
    window.start.setText("12:00")
    window.end.setText("14:00")
    assert window.errors["form"].text() == (
        "Overlaps 'Homepage layout' 13:00–now, a timer still running: end this time by"
        " 13:00 or stop that timer first"
    )


def test_the_day_note_moves_no_field(qtbot: QtBot) -> None:
    """ "Ends the next day, 01:00" took a line of its own the first time it showed: What,
    For and Tags moved down under a click aimed at What."""
    window = opened(qtbot)
    on_yesterday(qtbot, window)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "23:00")
    press(qtbot, Qt.Key.Key_Tab)

    def where() -> QPoint:
        QApplication.processEvents()  # the layout as it is drawn
        return window.description.mapTo(window, QPoint(0, 0))

    before = where()
    type_text(qtbot, "01:")  # a problem on the way, said once the typing pauses
    qtbot.waitUntil(lambda: not window.errors["end"].isHidden())
    assert where() == before
    type_text(qtbot, "00")
    assert not window.day_note.isHidden() and window.errors["end"].isHidden()
    assert where() == before


def test_a_time_half_typed_is_not_called_wrong_until_the_typing_stops(qtbot: QtBot) -> None:
    """Every keystroke was judged: "1" made a range, "10:" was "'10:' is not a time of
    day" until the next key. What is wrong now waits while a time is typed."""
    window = at_the_end(qtbot)
    type_text(qtbot, "10:")
    assert all(window.errors[name].isHidden() for name in ("start", "end", "form"))
    assert not window.save_button.isEnabled()  # nothing to add yet, even so
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field says it at once
    assert window.errors["end"].text().startswith("'10:' is not a time of day")
    assert not window.errors["end"].isHidden()

    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    press(qtbot, Qt.Key.Key_End)  # after the "10:" that arriving selected
    type_text(qtbot, "3")  # "10:3": being put right, the problem goes
    assert window.errors["end"].isHidden()
    type_text(qtbot, "0")
    assert window.errors["end"].isHidden() and window.save_button.isEnabled()
    assert window.check() is not None


def test_enter_mid_time_says_what_is_wrong_and_keeps_it(qtbot: QtBot) -> None:
    window = at_the_end(qtbot)
    type_text(qtbot, "1030")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "45")
    with qtbot.assertNotEmitted(window.submitted):
        press(qtbot, Qt.Key.Key_Return)
    assert not window.errors["duration"].isHidden()
    assert (window.start.text(), window.end.text(), window.duration.text()) == (
        "09:00",
        "1030",
        "45",
    )


def test_a_tag_refused_is_said_beside_tags_and_its_fix_is_taken_at_once(qtbot: QtBot) -> None:
    """A 70-character tag was said under the form; shortened, the words stayed and Add
    stayed off until another field was touched."""
    window = opened(qtbot)
    on_yesterday(qtbot, window)
    window.start.setText("09:00")
    window.end.setText("10:00")
    window.tags.setText("x" * 70)
    said = window.errors["tags"]
    assert not said.isHidden() and said.text().startswith("The tag 'xxxxxxxxxxxxxxxxxxxx…'")
    assert not window.save_button.isEnabled()
    window.tags.setText("x" * 60)
    assert said.isHidden() and window.save_button.isEnabled()
    assert window.check() is not None


def test_a_day_locked_in_the_workspace_is_said_as_it_is_chosen(qtbot: QtBot) -> None:
    window = opened(qtbot, rules=EntryRules(lock_date=TODAY, lock_zone=ZONE))
    window.start.setText("09:00")
    window.end.setText("10:00")
    on_yesterday(qtbot, window)
    said = window.errors["date"]
    assert said.text() == "Entries before 2026-03-10 are locked in this workspace"
    assert not said.isHidden() and not window.save_button.isEnabled()


def test_the_date_stays_within_the_years_timo_keeps(qtbot: QtBot) -> None:
    """Up from 31 Dec 9999, picked in the calendar, crashed Timo; 1900 could be added."""
    window = opened(qtbot)
    window.date.setDate(QDate(2999, 12, 31))
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_PageUp)
    assert window.date.date() == QDate(2999, 12, 31)
    window.date.setDate(QDate(1970, 1, 1))
    press(qtbot, Qt.Key.Key_Down)
    assert window.date.date() == QDate(1970, 1, 1)
    calendar = window.date.calendarWidget()
    assert calendar.minimumDate() == QDate(1970, 1, 1)
    assert calendar.maximumDate() == QDate(2999, 12, 31)


def test_the_calendar_opens_with_the_mouse_too(qtbot: QtBot) -> None:
    """Only F4 and Alt+Down opened it: someone working with the mouse had to type the day."""
    window = opened(qtbot)
    [opener] = window.date.findChildren(QToolButton)
    assert opener.isVisible() and opener.accessibleName() == "Open the calendar"
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    calendar = window.date.calendarWidget()
    qtbot.waitUntil(calendar.window().isVisible)
    calendar.clicked.emit(QDate(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day))  # a day picked
    assert not calendar.window().isVisible()
    assert window.date.date() == QDate(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day)
