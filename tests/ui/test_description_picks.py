"""An earlier description picked from the suggestions (by keyboard, ↓ and Enter) where
something may already stand: the Add time manually dialog and the list's Description cell
fill only what is still unset — no target, no tags — from the newest entry with it; typing
alone fills nothing, and the list's edit stays one edit, undone in one step."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.seed import ACME, HOMEPAGE, INTERNAL, WEBSITE
from tests.ui.workday import focused, list_cell
from timo_desktop.core.entry import NO_TARGET, Entry, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.manual_entry import ManualEntryDialog
from timo_desktop.ui.target_picker import TargetChoice

HOMEPAGE_TARGET = Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)


def add_yesterday(
    tracker: Tracker,
    description: str,
    target: Target = NO_TARGET,
    *,
    at: time = time(22, 0),
    billable: bool | None = None,
    tags: tuple[str, ...] = (),
) -> Entry:
    """A finished half hour yesterday (22:00 is newer than the seeded entries of that day)."""
    start = at_local(tracker.today() - timedelta(days=1), at, tracker.zone)
    return tracker.add(
        description,
        start,
        start + timedelta(minutes=30),
        target=target,
        billable=billable,
        tags=tags,
    )


def focus(qtbot: QtBot, field: QLineEdit) -> None:
    """The keyboard in `field`, its window active (a completer serves the focused field)."""
    window = field.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def pick(qtbot: QtBot, field: QLineEdit, typed: str) -> None:
    """Type part of an earlier description, then take the first suggestion with ↓ and Enter."""
    qtbot.keyClicks(field, typed)
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()


def type_only(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type a whole earlier description by hand and close the list without picking."""
    qtbot.keyClicks(field, text)
    popup = field.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert field.text() == text


def newest_homepage(tracker: Tracker) -> None:
    """The newest "Homepage layout": not billable although its project bills by default (so
    a fill shows whose billable it took), tagged design and review."""
    add_yesterday(
        tracker, "Homepage layout", HOMEPAGE_TARGET, billable=False, tags=("design", "review")
    )


# Add time manually -----------------------------------------------------------------------------
def test_the_dialog_fills_target_billable_and_tags_from_a_picked_description(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    newest_homepage(tracker)
    timo.reload()
    dialog = timo.add_manually()
    focus(qtbot, dialog.description)
    pick(qtbot, dialog.description, "homepage")
    assert dialog.description.text() == "Homepage layout"
    assert dialog.target.text() == "Website relaunch › Homepage layout"
    assert not dialog.billable.isChecked()  # the entry's, not the project's default
    assert dialog.tags.text() == "design, review"
    dialog.reject()


def test_the_dialog_fills_nothing_for_a_description_typed_by_hand(
    qtbot: QtBot, timo: TimoApp
) -> None:
    dialog = timo.add_manually()
    focus(qtbot, dialog.description)
    type_only(qtbot, dialog.description, "Call with Acme")  # an earlier one, to the letter
    assert dialog.target.choice() is None
    assert not dialog.billable.isChecked()
    assert dialog.tags.text() == ""
    dialog.reject()


def test_the_dialog_keeps_a_target_the_user_picked_and_fills_only_the_empty_tags(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(tracker, "Homepage layout", HOMEPAGE_TARGET, billable=True, tags=("design",))
    timo.reload()
    dialog = timo.add_manually()
    dialog.target.click()
    qtbot.keyClicks(dialog.target.popup.search, "internal")
    qtbot.keyClick(dialog.target.popup.search, Qt.Key.Key_Return)
    assert dialog.target.choice() is not None
    focus(qtbot, dialog.description)
    pick(qtbot, dialog.description, "homepage")
    assert dialog.description.text() == "Homepage layout"
    assert dialog.target.choice().project_id == INTERNAL.id  # the user's pick stays
    assert not dialog.billable.isChecked()  # goes with the target: Internal's, kept
    assert dialog.tags.text() == "design"  # nothing there yet: filled
    dialog.reject()


def test_a_duplicate_keeps_its_target_and_tags_when_another_description_is_picked(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    newest_homepage(tracker)
    call = add_yesterday(tracker, "Call with Acme", Target(record_id=ACME.id), at=time(21, 0))
    timo.reload()
    dialog = timo.duplicate_entry(call.client_ref)
    assert isinstance(dialog, ManualEntryDialog)
    focus(qtbot, dialog.description)
    dialog.description.selectAll()
    pick(qtbot, dialog.description, "homepage")
    assert dialog.description.text() == "Homepage layout"
    assert dialog.target.choice() == TargetChoice(ACME.display_name, record_id=ACME.id)
    # The copied entry had no tags: that much is still unset, and filled.
    assert dialog.tags.text() == "design, review"
    dialog.reject()


def test_words_picked_by_mouse_hold_the_dialog_as_typed_words_do(
    qtbot: QtBot, timo: TimoApp
) -> None:
    """A pick sends no `textEdited`: a dialog holding only picks, for one day, is still left
    as it is by Add time on another day, which opens one of its own."""
    for field in ("description", "tags"):
        friday = timo.add_time_on(timo.tracker.today() - timedelta(days=4))
        line: QLineEdit = getattr(friday, field)
        focus(qtbot, line)
        popup = line.completer().popup()
        qtbot.keyClick(line, Qt.Key.Key_Down)  # every suggestion, nothing typed
        qtbot.waitUntil(popup.isVisible)
        first = popup.model().index(0, 0)
        qtbot.mouseClick(
            popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(first).center()
        )
        assert line.text().startswith(first.data())
        assert friday.holds_typing()
        other = timo.add_time_on(timo.tracker.today() - timedelta(days=1))
        assert other is not friday and line.text().startswith(first.data())
        other.reject()
        friday.reject()


# The list's Description cell -------------------------------------------------------------------
def edit_description(qtbot: QtBot, timo: TimoApp, ref: str) -> QLineEdit:
    """Open entry `ref`'s Description cell in place, its text selected to be typed over."""
    view = timo.window.entries
    cell = list_cell(timo, ref, Column.DESCRIPTION)
    view.setFocus()
    view.setCurrentIndex(cell)
    view.edit(cell)
    qtbot.waitUntil(view.is_editing)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    return editor


def save(qtbot: QtBot, timo: TimoApp, editor: QLineEdit) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not timo.window.entries.is_editing())


def everything(tracker: Tracker) -> dict[str, Entry]:
    today = tracker.today()
    return {e.client_ref: e for e in tracker.days(today - timedelta(days=5), today)}


def test_a_pick_in_the_list_fills_what_a_target_less_entry_lacks_in_one_undoable_edit(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    add_yesterday(
        tracker, "Homepage layout", HOMEPAGE_TARGET, billable=True, tags=("design", "review")
    )
    sketch = add_yesterday(tracker, "Sketches", at=time(23, 0), billable=False)
    timo.reload()
    before = everything(tracker)
    steps = timo.undo.count()
    editor = edit_description(qtbot, timo, sketch.client_ref)
    pick(qtbot, editor, "homepage")
    save(qtbot, timo, editor)
    edited = tracker.get(sketch.client_ref)
    assert (edited.description, edited.target, edited.billable, edited.tags) == (
        "Homepage layout",
        HOMEPAGE_TARGET,
        True,
        ("design", "review"),
    )
    after = everything(tracker)
    del before[sketch.client_ref], after[sketch.client_ref]
    assert after == before  # no other entry's cells moved
    assert timo.undo.count() == steps + 1
    timo.undo_last()  # one step takes back the description and all it brought
    undone = tracker.get(sketch.client_ref)
    assert (undone.description, undone.target, undone.billable, undone.tags) == (
        "Sketches",
        NO_TARGET,
        False,
        (),
    )
    assert timo.undo.index() == steps


def test_a_pick_in_the_list_changes_only_the_description_of_an_entry_with_a_target(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    newest_homepage(tracker)
    call = add_yesterday(tracker, "Acme notes", Target(record_id=ACME.id), at=time(23, 0))
    timo.reload()
    editor = edit_description(qtbot, timo, call.client_ref)
    pick(qtbot, editor, "homepage")
    save(qtbot, timo, editor)
    edited = tracker.get(call.client_ref)
    assert (edited.description, edited.target, edited.billable, edited.tags) == (
        "Homepage layout",
        Target(record_id=ACME.id),
        False,
        ("design", "review"),  # it had none
    )


def test_typing_an_earlier_description_in_the_list_changes_only_the_description(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    newest_homepage(tracker)
    sketch = add_yesterday(tracker, "Sketches", at=time(23, 0))
    timo.reload()
    editor = edit_description(qtbot, timo, sketch.client_ref)
    type_only(qtbot, editor, "Homepage layout")
    save(qtbot, timo, editor)
    edited = tracker.get(sketch.client_ref)
    assert (edited.description, edited.target, edited.tags) == ("Homepage layout", NO_TARGET, ())


def test_a_pick_in_the_list_leaves_an_open_dialog_alone(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker
) -> None:
    # The list's cell and the dialog share one suggestion list; a pick belongs to one field.
    newest_homepage(tracker)
    sketch = add_yesterday(tracker, "Sketches", at=time(23, 0))
    timo.reload()
    dialog = timo.add_manually()
    focus(qtbot, dialog.description)
    timo.window.activateWindow()
    qtbot.waitUntil(timo.window.isActiveWindow)
    editor = edit_description(qtbot, timo, sketch.client_ref)
    pick(qtbot, editor, "homepage")
    save(qtbot, timo, editor)
    assert tracker.get(sketch.client_ref).target == HOMEPAGE_TARGET
    assert (dialog.description.text(), dialog.target.choice(), dialog.tags.text()) == ("", None, "")
    dialog.reject()
