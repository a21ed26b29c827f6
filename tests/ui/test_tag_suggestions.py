"""Tag suggestions wherever tags are typed: the word after the last comma is completed from
the tags used so far, by keyboard (↓ and Enter), in their known spelling, leaving out tags
already in the field; the timer line, the Add time manually dialog and the list's Tags cell."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.workday import focused, list_cell
from timo_desktop.core.entry import parse_tags
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column
from timo_desktop.ui.timer_bar import TimerBar

KNOWN = ["design", "review", "Research", "call"]  # most used first, as the Tracker gives them


def focus(qtbot: QtBot, field: QLineEdit) -> None:
    """The keyboard in `field`, its window active (a field's picks land only while it has it)."""
    window = field.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def offered(field: QLineEdit) -> list[str]:
    model = field.completer().completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def type_and_pick(qtbot: QtBot, field: QLineEdit, typed: str) -> list[str]:
    """Type into `field`, take the first suggestion with ↓ and Enter; what was offered."""
    qtbot.keyClicks(field, typed)
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    suggestions = offered(field)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    return suggestions


def timer_bar(qtbot: QtBot) -> TimerBar:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.set_suggestions([], KNOWN)
    bar.show()
    focus(qtbot, bar.tags)
    return bar


# The completer on its own, in the timer line ---------------------------------------------------
def test_the_word_after_the_last_comma_is_completed_and_the_next_tag_can_follow(
    qtbot: QtBot,
) -> None:
    bar = timer_bar(qtbot)
    started: list[object] = []
    bar.start_requested.connect(started.append)
    assert type_and_pick(qtbot, bar.tags, "design, re") == ["review", "Research"]
    assert bar.tags.text() == "design, review, "  # only the last word replaced
    assert started == []  # Enter took the suggestion; it did not start a timer
    assert not bar.tags.completer().popup().isVisible()  # nothing offered for an empty word
    assert type_and_pick(qtbot, bar.tags, "R") == ["Research"]  # review is in the field
    assert bar.tags.text() == "design, review, Research, "
    assert bar.draft().tags == ("design", "review", "Research")


def test_tags_in_the_field_are_not_offered_whatever_their_case(qtbot: QtBot) -> None:
    bar = timer_bar(qtbot)
    qtbot.keyClicks(bar.tags, "REVIEW, Design,d")
    assert bar.tags.completer().completionCount() == 0
    assert not bar.tags.completer().popup().isVisible()
    qtbot.keyClick(bar.tags, Qt.Key.Key_Backspace)
    assert type_and_pick(qtbot, bar.tags, "r") == ["Research"]
    assert bar.tags.text() == "REVIEW, Design, Research, "  # what was typed before stays


def test_a_pick_brings_the_known_spelling_and_typing_alone_changes_nothing(
    qtbot: QtBot,
) -> None:
    bar = timer_bar(qtbot)
    assert type_and_pick(qtbot, bar.tags, "rE") == ["review", "Research"]
    assert bar.tags.text() == "review, "
    bar.tags.clear()
    qtbot.keyClicks(bar.tags, "research")
    popup = bar.tags.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert offered(bar.tags) == ["Research"]
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # not picked: left as typed
    assert not popup.isVisible()
    assert bar.tags.text() == "research"
    assert bar.draft().tags == ("research",)


# In the app: the tags used so far, in all three places ------------------------------------------
def test_the_timer_line_offers_the_tags_used_so_far_after_a_reload(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    start = at_local(tracker.today() - timedelta(days=1), time(22, 0), tracker.zone)
    tracker.add("Reading", start, start + timedelta(minutes=30), tags=("research", "call"))
    timo.reload()
    bar = timo.window.timer_bar
    # The seeded days tag each of meeting, design and call once a day: call now most used.
    assert bar.known_tags.stringList() == ["call", "design", "meeting", "research"]
    qtbot.keyClicks(bar.description, "Planning")
    focus(qtbot, bar.tags)
    assert type_and_pick(qtbot, bar.tags, "RES") == ["research"]
    assert type_and_pick(qtbot, bar.tags, "c") == ["call"]
    assert tracker.running() is None  # the picks started nothing
    qtbot.keyClick(bar.tags, Qt.Key.Key_Return)
    running = tracker.running()
    assert running is not None and running.tags == ("research", "call")


def test_the_add_time_dialog_completes_tags(qtbot: QtBot, timo: TimoApp) -> None:
    dialog = timo.add_manually()
    focus(qtbot, dialog.tags)
    assert type_and_pick(qtbot, dialog.tags, "meeting, DE") == ["design"]
    assert dialog.tags.text() == "meeting, design, "
    assert dialog.isVisible()  # Enter took the suggestion, not the dialog's Add
    assert parse_tags(dialog.tags.text()) == ("meeting", "design")  # as the dialog reads it
    dialog.reject()


def test_the_tags_cell_completes_tags_when_edited_in_place(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    view = timo.window.entries
    newest = timo.tracker.latest_described("Homepage layout")
    assert newest is not None
    cell = list_cell(timo, newest.client_ref, Column.TAGS)
    ref = cell.data(ENTRY_ROLE).client_ref
    assert cell.data() == "design"
    view.setFocus()
    view.setCurrentIndex(cell)
    view.edit(cell)
    qtbot.waitUntil(view.is_editing)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    assert type_and_pick(qtbot, editor, ", ca") == ["call"]
    assert editor.text() == "design, call, "
    assert view.is_editing()  # Enter took the suggestion; a second one saves
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tracker.get(ref).tags == ("design", "call"))
