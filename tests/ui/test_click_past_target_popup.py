"""A click outside the open target popup closes it and does what it clicked, in one click, as
the suggestion lists do: Start with the popup open starts the timer with the target as it was
(Qt closed the popup and dropped the click). A click in the popup still picks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.test_click_past_suggestions import click
from timo_desktop.ui.target_picker import CatalogProject, TargetChoice, build_catalog_model
from timo_desktop.ui.timer_bar import TimerBar, TimerDraft

WEBSITE = TargetChoice("Website", project_id="p1", billable_default=True)
INTERNAL = TargetChoice("Internal", project_id="p2", billable_default=False)


def opened(qtbot: QtBot) -> tuple[TimerBar, list[TimerDraft]]:
    """The timer line with "Homepage layout" typed and the target popup open."""
    bar = TimerBar()
    qtbot.addWidget(bar)
    bar.target.set_catalog(
        build_catalog_model([CatalogProject(WEBSITE), CatalogProject(INTERNAL)], [])
    )
    bar.show()
    bar.activateWindow()
    qtbot.waitUntil(bar.isActiveWindow)
    qtbot.keyClicks(bar.description, "Homepage layout")
    started: list[TimerDraft] = []
    bar.start_requested.connect(started.append)
    bar.target.click()
    popup = bar.target.popup
    # Open as a hand would find it: the popup is the window with the keyboard.
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is popup.windowHandle())
    return bar, started


def test_start_clicked_with_the_target_popup_open_starts_at_once(qtbot: QtBot) -> None:
    bar, started = opened(qtbot)
    click(bar.button)
    assert not bar.target.popup.isVisible()
    assert [(d.description, d.target) for d in started] == [("Homepage layout", None)]


def test_a_click_in_a_field_closes_the_popup_and_goes_there(qtbot: QtBot) -> None:
    bar, started = opened(qtbot)
    click(bar.tags)
    assert not bar.target.popup.isVisible()
    qtbot.waitUntil(bar.tags.hasFocus)
    assert started == []


def test_a_click_in_the_popup_still_picks(qtbot: QtBot) -> None:
    bar, started = opened(qtbot)
    tree = bar.target.popup.tree
    second = tree.visualRect(tree.model().index(1, 0)).center()
    click(tree.viewport(), second)
    assert not bar.target.popup.isVisible()
    assert bar.target.choice() == INTERNAL and started == []


def test_a_release_queued_for_the_popup_before_it_closed_still_clicks(qtbot: QtBot) -> None:
    bar, started = opened(qtbot)
    popup = bar.target.popup
    on_start = bar.button.mapToGlobal(bar.button.rect().center())
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(bar.windowHandle(), button, none, bar.mapFromGlobal(on_start))
    assert not popup.isVisible()
    QTest.mouseRelease(popup.windowHandle(), button, none, popup.mapFromGlobal(on_start))
    assert len(started) == 1 and not bar.button.isDown()
