"""Locks as each OS says them, with input going on while locked: a mouse jiggler, a
video player, or the person back at a locker that never says the unlock."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from tests.platform.test_presence_resume import ON, AwakeIdle, Clocks
from timo_desktop.core.presence import Away, AwayCause
from timo_desktop.platform.power import PowerEvent, PowerEventKind
from timo_desktop.platform.power.logind import PROPERTIES, SESSION, translate
from timo_desktop.platform.presence_monitor import PresenceMonitor

POLL_SECONDS = 5


class Watched:
    """A monitor on fake clocks and idle counter, fed power events as the OS would."""

    def __init__(self) -> None:
        self.clocks = Clocks()
        self.idle = AwakeIdle(self.clocks)
        self.monitor = PresenceMonitor(self.idle, ON, clocks=self.clocks)
        self.received: list[Away] = []
        self.monitor.away.connect(self.received.append)
        self.monitor.poll()

    @property
    def now(self) -> datetime:
        return self.clocks.wall

    def said(self, event: PowerEvent | None) -> None:
        assert event is not None
        self.monitor.report_power(event)
        QCoreApplication.sendPostedEvents(self.monitor)  # handled now, in order

    def run(self, minutes: int, input_every: int | None = None) -> None:
        """Poll every 5 s for `minutes`, with input every `input_every` seconds."""
        for step in range(1, minutes * 60 // POLL_SECONDS + 1):
            self.clocks.run(POLL_SECONDS)
            if input_every and step * POLL_SECONDS % input_every == 0:
                self.idle.input_at = self.clocks.awake
            self.monitor.poll()


def locked_hint(value: bool, at: datetime) -> PowerEvent | None:
    return translate(PROPERTIES, "PropertiesChanged", (SESSION, {"LockedHint": ("b", value)}), at)


def test_a_jiggler_on_a_locked_screen_leaves_the_hour_away_asked(qtbot: QtBot) -> None:
    """Windows or macOS lock, a jiggler nudging the mouse every 20 s through lunch: the
    lock ended at the first nudge, too short to ask, and the real unlock found nothing
    left, so the hour stayed billed unasked."""
    watched = Watched()
    locked = watched.now
    watched.said(PowerEvent(PowerEventKind.LOCK, locked))
    watched.run(60, input_every=20)
    assert watched.received == []
    watched.said(PowerEvent(PowerEventKind.UNLOCK, watched.now))
    assert watched.received == [Away(locked, watched.now, AwayCause.LOCK)]


def test_gnome_keeps_the_lock_while_its_locked_hint_is_set(qtbot: QtBot) -> None:
    """GNOME locks on logind's Lock and sets LockedHint until the unlock: a video playing
    on the locked screen is not the person back."""
    watched = Watched()
    locked = watched.now
    watched.said(translate(SESSION, "Lock", (), locked))
    watched.said(locked_hint(True, locked))
    watched.run(30, input_every=10)
    assert watched.received == [] and watched.monitor.machine.away_since == locked
    watched.said(locked_hint(False, watched.now))
    assert watched.received == [Away(locked, watched.now, AwayCause.LOCK)]


def test_i3lock_on_loginds_lock_ends_after_two_minutes_at_work(qtbot: QtBot) -> None:
    """i3lock run by xss-lock exits on the password with no Unlock and no LockedHint."""
    watched = Watched()
    locked = watched.now
    watched.said(translate(SESSION, "Lock", (), locked))
    watched.run(30)
    back = watched.now + timedelta(seconds=POLL_SECONDS)
    watched.run(3, input_every=POLL_SECONDS)
    assert watched.received == [Away(locked, back, AwayCause.LOCK)]
