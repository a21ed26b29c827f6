"""A Timo app on a real Tracker whose clock the test sets (for reminders and the away dialog)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from tests.ui.seed import seed_catalog
from timo_desktop.core.entry import Source
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp

ZONE = "Europe/Berlin"


class Clock:
    """The time the Tracker sees; tests move it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def clocked_tracker(clock: Clock) -> Iterator[Tracker]:
    """A Tracker on the test's TIMO_HOME database, in Berlin, with the seed catalog."""
    opened = Tracker.open(
        resolve().ensure().database, source=Source.DESKTOP, zone=ZONE, clock=clock
    )
    seed_catalog(opened)
    try:
        yield opened
    finally:
        opened.close()


@contextmanager
def app_on(
    tracker: Tracker, settings: Settings | None = None, *, use_tray: bool = False
) -> Iterator[TimoApp]:
    """The desktop app on `tracker`, not started (no deferred loading; no tray unless
    `use_tray`)."""
    app = TimoApp(tracker, resolve(), settings or Settings(), use_tray=use_tray)
    try:
        yield app
    finally:
        app.shutdown()
        app.deleteLater()
