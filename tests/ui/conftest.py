"""A Timo app on a real Tracker and a real SQLite file in the test's TIMO_HOME."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock, app_on, clocked_tracker
from tests.ui.seed import seed_catalog, seed_entries
from tests.ui.tray_messages import Balloons
from tests.ui.workday import MORNING
from timo_desktop.core.entry import Source
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import Paths, resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui import style
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.tray import Tray


@pytest.fixture(scope="session", autouse=True)
def imports_left_out_of_collections() -> None:
    """What the tests' process holds before they start (modules, Qt's wrappers of the
    application) left out of every later collection: the collection at each test's end
    then reads only what tests made, not the whole heap (a third of a second a test)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def delete_at_teardown(qapp: QApplication) -> Iterator[None]:
    """Carry out the test's `deleteLater()` calls when it ends, not at a random moment of
    a later test (left pending, they crashed PySide once enough apps had piled up)."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Wrappers caught in reference cycles go now, while their test's objects are consistent,
    # not whenever the collector next runs in some later test (a crash at a random place).
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's desktop out: its notification server would take the not-tracking
    reminder as a real notification (and its Do Not Disturb would hold reminders). Tests
    that want a session bus start a private one."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


@pytest.fixture
def paths() -> Paths:
    return resolve().ensure()


@pytest.fixture
def tracker(paths: Paths) -> Iterator[Tracker]:
    opened = Tracker.open(paths.database, source=Source.DESKTOP)
    seed_catalog(opened)
    # Whole past days only: today's share would depend on the hour the tests run (with one
    # entry so far, deleting it removes the day itself), and they must not.
    seed_entries(opened, at_local(opened.today(), time(0, 0), opened.zone), days=2)
    yield opened
    opened.close()


@pytest.fixture
def timo(qtbot: QtBot, tracker: Tracker, paths: Paths) -> Iterator[TimoApp]:
    app = TimoApp(tracker, paths, Settings(), use_tray=False)
    app.start(background=False)
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()
    app.window.deleteLater()
    app.deleteLater()


@pytest.fixture
def day_clock() -> Clock:
    """The time on the walkthrough day; the test moves it (09:00 to start)."""
    return Clock(MORNING)


@pytest.fixture
def day_app(qtbot: QtBot, day_clock: Clock) -> Iterator[TimoApp]:
    """The desktop app on the walkthrough day, its window shown and active, no entries yet."""
    with clocked_tracker(day_clock) as tracker, app_on(tracker) as app:
        app.start(background=False)
        qtbot.waitExposed(app.window)
        app.window.activateWindow()
        qtbot.waitUntil(app.window.isActiveWindow)
        yield app


@pytest.fixture
def root_logging() -> Iterator[None]:
    """Leave the root logger as it was: the crash guard's tests add handlers to it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    """The app in the dark palette for one test, then back to light for those that follow."""
    light = QPalette(qapp.palette())
    palette = style.dark_palette()
    style.use_palette(qapp, palette)
    yield palette
    style.use_palette(qapp, light)


@pytest.fixture
def tray_app(
    qtbot: QtBot, tracker: Tracker, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TimoApp, Balloons]]:
    """The app with a tray icon in a tray (offscreen Qt has none) and its window closed; the
    messages it shows are kept."""
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    app = TimoApp(tracker, paths, Settings(), use_tray=True)
    assert app.tray is not None
    balloons = Balloons()
    setattr(app.tray.icon, "showMessage", balloons)  # noqa: B010 - typed as a method
    yield app, balloons
    app.shutdown()
    app.deleteLater()
