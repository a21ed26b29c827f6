"""The Reports window on a small or scaled screen: it opens no larger than the screen, its
controls wrap into rows instead of widening it, and a window too short for the charts and
rows scrolls rather than squeezing them. Found on 1024×600 and at 150 % scaling, where the
exports and half of the filters lay beyond the screen's edge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_reports_view import review_tracker, shown_view
from tests.ui.test_reports_window_keys import focus_on
from tests.ui.test_reports_workspaces import BOTH, known
from tests.ui.workday import focused, press
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.reports_view import CHARTS_MIN_HEIGHT, ReportsView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ReportsView]:
    tracker = review_tracker()
    known(tracker, BOTH)  # the workspace picker shows too
    yield shown_view(qtbot, tracker)
    tracker.close()


def controls(view: ReportsView) -> list[QWidget]:
    return [
        view.back_button,
        view.range_picker,
        view.forward_button,
        view.first_date,
        view.last_date,
        view.workspace_picker,
        view.group_picker,
        view.rounding,
        view.csv_button,
        view.pdf_button,
        view.client_picker,
        view.project_picker,
        view.tag_picker,
        view.billable_picker,
        view.clear_button,
    ]


def across(widget: QWidget, window: QWidget) -> tuple[int, int]:
    """Where `widget` begins and ends, left to right, in `window`."""
    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left, left + widget.width()


@pytest.mark.parametrize("width", [1040, 720, 560])
def test_every_control_is_within_the_width(qtbot: QtBot, view: ReportsView, width: int) -> None:
    view.resize(width, 520)
    QApplication.processEvents()
    assert view.width() == width  # the window could be made this narrow
    for control in controls(view):
        left, right = across(control, view)
        assert left >= 0 and right <= width, control.accessibleName()
    assert view.charts.height() >= CHARTS_MIN_HEIGHT  # scrolled to, not squeezed


def test_wrapped_rows_overlap_nothing(qtbot: QtBot, view: ReportsView) -> None:
    view.resize(560, 900)
    QApplication.processEvents()
    shown = [*controls(view), view.title, view.summary, view.charts]
    boxes = [QRect(c.mapTo(view, QPoint(0, 0)), c.size()) for c in shown]
    for number, box in enumerate(boxes):
        for other in boxes[number + 1 :]:
            assert not box.intersects(other)


def test_the_window_opens_within_the_screen(qtbot: QtBot, day_app: TimoApp) -> None:
    view = day_app.open_reports()
    screen = view.screen().availableGeometry()  # 800×600 on the offscreen platform
    assert view.width() < screen.width() and view.height() < screen.height()
    scroll = view.findChild(QScrollArea)
    assert scroll is not None and scroll.horizontalScrollBar().maximum() == 0


def test_tab_reaches_the_workspace_where_it_is_read(qtbot: QtBot, view: ReportsView) -> None:
    """Tab went from the range to the grouping and reached the workspace last of all."""
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    focus_on(qtbot, view.forward_button)  # the dates after it wait for a custom range
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is view.workspace_picker
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is view.group_picker
