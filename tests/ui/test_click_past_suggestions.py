"""A click outside an open suggestion list closes it and does what it clicked, in one click:
Start with the tags' or the description's list open starts the timer (Qt had closed the list
and dropped the click, so Start took a second one). A click in the list still picks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from timo_desktop.ui.timer_bar import TimerBar, TimerDraft


def click(widget: QWidget, at: QPoint | None = None) -> None:
    """A left click as the window system gives it, through the window: an open list, which
    has the mouse, sees it first (a click sent to the widget itself would pass it by). The
    events queued between press and release run in between, as they would for a hand."""
    window = widget.window().windowHandle()
    where = widget.mapTo(widget.window(), widget.rect().center() if at is None else at)
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(window, button, none, where)
    QApplication.processEvents()
    QTest.mouseRelease(window, button, none, where)


def open_list(qtbot: QtBot, field: QLineEdit, typed: str) -> None:
    window = field.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.keyClicks(field, typed)
    qtbot.waitUntil(field.completer().popup().isVisible)


def timer_bar(qtbot: QtBot) -> tuple[TimerBar, list[TimerDraft]]:
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.set_suggestions(["Homepage layout", "Weekly call"], ["design", "review", "Research"])
    bar.show()
    started: list[TimerDraft] = []
    bar.start_requested.connect(started.append)
    return bar, started


def test_start_clicked_with_the_tags_list_open_starts_at_once(qtbot: QtBot) -> None:
    bar, started = timer_bar(qtbot)
    open_list(qtbot, bar.tags, "design, r")
    click(bar.button)
    assert not bar.tags.completer().popup().isVisible()
    assert [draft.tags for draft in started] == [("design", "r")]  # as typed, nothing picked


def test_start_clicked_with_the_description_list_open_starts_at_once(qtbot: QtBot) -> None:
    bar, started = timer_bar(qtbot)
    open_list(qtbot, bar.description, "call")
    click(bar.button)
    assert not bar.description.completer().popup().isVisible()
    assert [draft.description for draft in started] == ["call"]


def test_a_click_in_another_field_closes_the_list_and_goes_there(qtbot: QtBot) -> None:
    bar, started = timer_bar(qtbot)
    open_list(qtbot, bar.tags, "r")
    click(bar.description)
    assert not bar.tags.completer().popup().isVisible()
    qtbot.waitUntil(bar.description.hasFocus)
    assert started == []


def test_a_click_in_the_list_still_picks(qtbot: QtBot) -> None:
    bar, started = timer_bar(qtbot)
    open_list(qtbot, bar.tags, "design, r")
    popup = bar.tags.completer().popup()
    second = popup.visualRect(popup.model().index(1, 0)).center()
    click(popup.viewport(), second)
    assert bar.tags.text() == "design, Research, "
    assert not popup.isVisible()
    assert started == []


def test_a_release_queued_for_the_list_before_it_closed_still_clicks(qtbot: QtBot) -> None:
    """A quick click: X had queued the release for the list, which had the mouse, before the
    press closed it; the release comes to the closed list and goes on to Start."""
    bar, started = timer_bar(qtbot)
    open_list(qtbot, bar.tags, "r")
    popup = bar.tags.completer().popup()
    on_start = bar.button.mapToGlobal(bar.button.rect().center())
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(bar.windowHandle(), button, none, bar.mapFromGlobal(on_start))
    assert not popup.isVisible()
    QTest.mouseRelease(popup.windowHandle(), button, none, popup.mapFromGlobal(on_start))
    assert len(started) == 1
    assert not bar.button.isDown()
