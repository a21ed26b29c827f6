"""What a screen reader is told, as AT-SPI showed it (an audit with pyatspi).

A label given an accessible name ("Problem with end", "Elapsed time", "Time away") had
that name in place of its words: the refusal, the time and the question on screen never
reached a screen reader. The entry list's columns were "1" to "8"; the sign-in button read
"Sync now"; Tab in the long-timer question skipped "Stop at…" until last.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.typed import type_time
from timo_desktop.core.validation import DEFAULT_RULES
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.manual_entry import ManualEntryDialog
from timo_desktop.ui.plain import PlainLabel
from timo_desktop.ui.reminders import LongTimerQuestion
from timo_desktop.ui.sync_status import SyncSummary, Tone

# Add time's clock: after the times typed, which before ten in the morning are still to come.
NOON = datetime(2026, 11, 24, 12, tzinfo=UTC)


def test_a_label_with_a_message_gives_its_words_after_what_they_are_about() -> None:
    label = PlainLabel()
    label.set_about("Last change")
    assert label.accessibleName() == "Last change"
    label.setText("Deleted “Untargeted call”.")
    assert label.accessibleName() == "Last change: Deleted “Untargeted call”."
    buddy = PlainLabel("&Date")  # named by Qt from its words, mnemonic taken out
    assert buddy.accessibleName() == ""
    figure = PlainLabel("27:15")  # a name that says it all is left as given
    figure.setAccessibleName("Hours: 27h 15m")
    assert figure.accessibleName() == "Hours: 27h 15m"


def test_a_refusal_in_add_time_reaches_screen_readers(qtbot: QtBot) -> None:
    window = ManualEntryDialog(
        zone="UTC",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
        clock=lambda: NOON,
    )
    qtbot.addWidget(window)
    type_time(qtbot, window.start, "10:00")
    type_time(qtbot, window.end, "09:00")
    said = window.errors["end"]
    assert not said.isHidden()
    assert said.accessibleName() == f"Problem with end: {said.text()}"
    assert "09:00" in said.accessibleName()


def test_a_field_refused_in_add_time_says_why_when_reached(qtbot: QtBot) -> None:
    """The refusal was shown beside the field only: moving to the field, a screen reader
    said nothing of what was wrong with it. (A field with no problem is described by Qt
    as its grey example.)"""
    window = ManualEntryDialog(
        zone="UTC",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
        clock=lambda: NOON,
    )
    qtbot.addWidget(window)
    fields = (window.start, window.end, window.description)

    def described() -> list[str]:
        read = [QAccessible.queryAccessibleInterface(field) for field in fields]
        return [field.text(QAccessible.Text.Description) for field in read]

    type_time(qtbot, window.start, "10:00")
    type_time(qtbot, window.end, "09:00")
    said = window.errors["end"].text()
    assert "09:00" in said
    assert described() == [window.start.placeholderText(), said, "What did you work on?"]
    window.end.clear()
    type_time(qtbot, window.end, "11:00")  # put right
    assert described() == [field.placeholderText() for field in fields]


def test_the_running_timer_and_its_time_are_read_out(timo: TimoApp) -> None:
    timo.tracker.start("Homepage layout")
    timo.reload()
    bar = timo.window.timer_bar
    assert bar.running_label.accessibleName().startswith("Running timer: ")
    assert "Homepage layout" in bar.running_label.accessibleName()
    assert bar.elapsed.accessibleName() == f"Elapsed time: {bar.elapsed.text()}"


def test_the_sign_in_button_is_named_sign_in(timo: TimoApp) -> None:
    button = timo.window.sync_button
    timo.window.show_sync(SyncSummary("Signed out", "", Tone.BAD, False, needs_sign_in=True))
    assert (button.text(), button.accessibleName()) == ("Sign in…", "Sign in")
    timo.window.show_sync(SyncSummary("All synced", "", Tone.GOOD, True))
    assert (button.text(), button.accessibleName()) == ("Sync now", "Sync now")


def test_the_entry_lists_columns_have_names() -> None:
    from timo_desktop.ui.entry_model import EntryListModel

    model = EntryListModel()
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert names == ["Description", "Project", "Tags", "Billable", "Time", "Duration", "Sync",
                     "Actions"]  # fmt: skip


def first_row_read(view: EntryListView) -> list[str]:
    """What a screen reader reads in each cell of the list's first row, column by column."""
    listed = QAccessible.queryAccessibleInterface(view)
    cells = {}
    for i in range(listed.childCount()):
        child = listed.child(i)
        cell = child.tableCellInterface()
        if cell is not None and cell.rowIndex() == 0:
            cells[cell.columnIndex()] = child.text(QAccessible.Text.Name)
    return [cells[column] for column in sorted(cells)]


@pytest.fixture
def screen_reader() -> Iterator[None]:
    """As with a screen reader running: only then does Qt tell a list's accessible cells
    that it shows another model (the window's list takes its filter on at a search)."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


@pytest.mark.usefixtures("screen_reader")
def test_each_cell_of_a_day_header_reads_the_day(qtbot: QtBot, timo: TimoApp) -> None:
    """A day header is drawn as one cell across the row; a screen reader reading along the
    row found every cell after the first blank."""
    view = timo.window.entries
    model = view.model()
    heading = model.index(0, Column.DESCRIPTION).data()
    assert heading.startswith("Yesterday — ")
    assert first_row_read(view) == [heading] * len(Column)
    # Drawn as before: the words are in the first cell alone.
    assert [model.index(0, column).data() for column in Column][1:] == [None] * (len(Column) - 1)
    # Under a search, the day's share, as its header shows.
    timo.window.search.setText("a")
    qtbot.waitUntil(lambda: timo.window.attention.words() == ("a",))
    share = view.model().index(0, Column.DESCRIPTION).data()  # listed through the search
    assert " of " in share
    qtbot.waitUntil(lambda: first_row_read(view) == [share] * len(Column))


def test_tab_in_the_long_timer_question_goes_as_the_buttons_read(qtbot: QtBot) -> None:
    question = LongTimerQuestion(
        "Homepage layout has run for 10 hours.",
        [
            ("Stop now", lambda: None),
            ("Keep running", lambda: None),
            ("Snooze 1 hour", lambda: None),
        ],
        "18:00",
        lambda _text: None,
    )
    qtbot.addWidget(question)
    order = [question.buttons[name] for name in ("Stop now", "Stop at…", "Keep running")]
    for before, after in pairwise(order):
        following = before.nextInFocusChain()
        while not isinstance(following, QPushButton):
            following = following.nextInFocusChain()
        assert following is after
