"""A tray that appears after Timo started (a panel starting late at login): the "No system
tray" notice goes, and closing the window hides it to the tray instead of quitting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui import controller
from timo_desktop.ui.controller import NO_TRAY_NOTICE, TimoApp
from timo_desktop.ui.tray import Tray


class Desktop:
    """Whether the desktop has a tray; the test turns one on."""

    def __init__(self) -> None:
        self.tray = False
        self.looked = 0

    def available(self) -> bool:
        self.looked += 1
        return self.tray


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Desktop:
    found = Desktop()
    monkeypatch.setattr(Tray, "available", staticmethod(found.available))
    monkeypatch.setattr(controller, "TRAY_WATCH_MS", 20, raising=False)  # not every 10 s
    monkeypatch.setattr(controller, "TRAY_RECHECK_MS", 0)  # the look start() has done anyway
    return found


@pytest.fixture
def tray_app(qtbot: QtBot, tracker: Tracker, paths: Paths, desktop: Desktop) -> Iterator[TimoApp]:
    app = TimoApp(tracker, paths, Settings(), use_tray=True)
    app.start(background=True)  # no tray: the window shows all the same
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()
    app.deleteLater()


def test_a_tray_appearing_later_takes_the_notice_away(
    qtbot: QtBot, tray_app: TimoApp, desktop: Desktop
) -> None:
    window = tray_app.window
    assert window.notice.isVisible() and window.notice.text() == NO_TRAY_NOTICE
    quits: list[bool] = []
    tray_app.quit_requested.connect(lambda: quits.append(True))
    qtbot.waitUntil(lambda: desktop.looked >= 3)  # made, started, and a while after

    desktop.tray = True  # minutes after Timo started, say
    qtbot.waitUntil(lambda: not window.notice.isVisible())

    window.close()  # hides to the tray now, as with a tray from the start
    assert not window.isVisible() and quits == []
    looked = desktop.looked
    qtbot.wait(100)  # five of the watch's intervals: it has stopped looking
    assert desktop.looked == looked


def test_without_an_icon_nothing_is_watched(
    qtbot: QtBot, tracker: Tracker, paths: Paths, desktop: Desktop
) -> None:
    """The tests' apps (and any made without a tray icon) never show one: no watch."""
    app = TimoApp(tracker, paths, Settings(), use_tray=False)
    try:
        looked = desktop.looked
        qtbot.wait(100)
        assert desktop.looked == looked
        assert app.window.notice.text() == NO_TRAY_NOTICE
    finally:
        app.shutdown()
        app.deleteLater()
