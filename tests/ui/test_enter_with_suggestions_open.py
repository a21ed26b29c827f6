"""Enter with the suggestions open but none chosen does what Enter does in the field: the
timer line starts, the Add time dialog adds. A real key goes to the open list, and Qt
only closed it: the first Enter started nothing, and a call went untracked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.test_description_picks import focus
from timo_desktop.ui.controller import TimoApp


def typed_with_suggestions(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """`text` typed into `field`, its suggestions open with none chosen."""
    qtbot.keyClicks(field, text)
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert not popup.currentIndex().isValid()


def enter_in_the_list(qtbot: QtBot, field: QLineEdit) -> None:
    """Enter as a real key is delivered while the list is open: to the list."""
    popup = field.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()


def test_enter_starts_the_timer_line_with_its_suggestions_open(qtbot: QtBot, timo: TimoApp) -> None:
    bar = timo.window.timer_bar
    focus(qtbot, bar.description)
    typed_with_suggestions(qtbot, bar.description, "Call")  # "Call with Acme" is offered
    enter_in_the_list(qtbot, bar.description)
    running = timo.tracker.running()
    assert running is not None and running.description == "Call"


def test_enter_starts_from_the_tags_with_their_suggestions_open(
    qtbot: QtBot, timo: TimoApp
) -> None:
    bar = timo.window.timer_bar
    focus(qtbot, bar.description)
    qtbot.keyClicks(bar.description, "Review")
    if bar.description.completer().popup().isVisible():
        qtbot.keyClick(bar.description.completer().popup(), Qt.Key.Key_Escape)
    focus(qtbot, bar.tags)
    typed_with_suggestions(qtbot, bar.tags, "de")  # "design" is offered
    enter_in_the_list(qtbot, bar.tags)
    running = timo.tracker.running()
    assert running is not None and (running.description, running.tags) == ("Review", ("de",))


def test_enter_adds_from_the_dialog_with_suggestions_open(qtbot: QtBot, timo: TimoApp) -> None:
    dialog = timo.add_manually()
    dialog.duration.setText("30m")
    focus(qtbot, dialog.description)
    typed_with_suggestions(qtbot, dialog.description, "Call")
    enter_in_the_list(qtbot, dialog.description)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    today = timo.tracker.days(timo.tracker.today(), timo.tracker.today())
    assert "Call" in [entry.description for entry in today]
