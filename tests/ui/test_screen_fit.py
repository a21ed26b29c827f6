"""Windows fit a small screen: Settings scrolls its sections with Close always in view, and
the timer window opens no larger than the screen. A 1080p laptop at 150 % has 720 px; an
800 px screen at 150 % has 533 (Settings needs some 700, and its Close was off screen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_refusals import opened
from tests.ui.workday import ALT, focused, press
from timo_desktop.paths import Paths
from timo_desktop.ui.fit import frame_room
from timo_desktop.ui.main_window import MainWindow
from timo_desktop.ui.settings_dialog import SettingsDialog

LAPTOP = QRect(0, 0, 1280, 720)
SMALL = QRect(0, 0, 1200, 533)


def in_view(dialog: SettingsDialog, widget: QWidget) -> bool:
    """Whether all of `widget` shows in the dialog's scrolled part."""
    viewport = dialog.sections.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def close_button(dialog: SettingsDialog) -> QWidget:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)


@pytest.mark.parametrize("area", [LAPTOP, SMALL], ids=["720 px", "533 px"])
def test_settings_fit_the_screen_with_close_in_view(
    qtbot: QtBot, paths: Paths, area: QRect
) -> None:
    dialog = opened(qtbot, paths)
    dialog.fit_to(area)
    qtbot.waitUntil(lambda: dialog.height() + frame_room(dialog).height() <= area.height())
    close = close_button(dialog)
    assert QRect(QPoint(0, 0), dialog.size()).contains(
        QRect(close.mapTo(dialog, QPoint(0, 0)), close.size())
    )


def test_every_setting_is_reached_by_keyboard_on_a_short_screen(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    dialog.fit_to(SMALL)
    qtbot.waitUntil(lambda: dialog.height() + frame_room(dialog).height() <= SMALL.height())
    assert dialog.sections.verticalScrollBar().maximum() > 0  # it does not all fit: it scrolls
    assert not in_view(dialog, dialog.start_at_login)
    press(qtbot, Qt.Key.Key_N, ALT)  # the section Account, at the bottom
    qtbot.waitUntil(lambda: in_view(dialog, dialog.server))
    press(qtbot, Qt.Key.Key_W, ALT)  # back up to Working time
    qtbot.waitUntil(lambda: in_view(dialog, dialog.days["Mon"]))
    seen = set()
    while focused() is not close_button(dialog):  # Tab through all of it, each field shown
        field = focused()
        qtbot.waitUntil(lambda field=field: in_view(dialog, field))
        seen.add(field.accessibleName())
        press(qtbot, Qt.Key.Key_Tab)
        assert len(seen) < 60, "Tab went round without reaching Close"
    assert {"Work on Sun", "Time zone", "Server address", "Sign in…"} <= seen
    assert "Start Timo when I log in" in seen or not dialog.start_at_login.isEnabled()


def test_the_timer_window_opens_no_larger_than_the_screen(qtbot: QtBot) -> None:
    """It opened at 860 × 600 whatever the screen; this one is 800 px wide."""
    window = MainWindow()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert area.width() < 860  # the test screen, narrower than the usual size
    assert window.width() + frame_room(window).width() <= area.width()
    assert window.height() == 600  # where there is room, the usual size
    window.show()
    qtbot.waitExposed(window)
    assert area.contains(window.frameGeometry())
