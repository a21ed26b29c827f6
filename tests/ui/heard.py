"""What a screen reader is told as things happen: Qt's accessibility events, caught where Qt
hands them to the platform's bridge (AT-SPI, UI Automation, NSAccessibility).

Qt offers one hook there, `QAccessible::installUpdateHandler` (its own tests listen through
it), which PySide does not bind: it is called from QtGui's library by its C++ name. While a
test listens, accessibility is on, as when a screen reader runs, so Qt's widgets send their
own events too (focus moving to a list's item, say). Where the library's names are not
Itanium C++ ones (Windows), the tests that listen are skipped.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import PySide6
import pytest
import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

_INSTALL = "_ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE"
_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


@dataclass(frozen=True)
class Heard:
    """One event: its kind, the name of what it is about (an item, for an item view's),
    and an announcement's words and politeness."""

    kind: QAccessible.Event
    name: str
    message: str = ""
    politeness: QAccessible.AnnouncementPoliteness | None = None


def _qt_gui() -> ctypes.CDLL:
    qt = Path(PySide6.__file__).parent / "Qt" / "lib"
    found = [*qt.glob("libQt6Gui.so*"), *qt.glob("QtGui.framework/QtGui")]
    if sys.platform == "win32" or not found:
        pytest.skip("QAccessible::installUpdateHandler is called by its Itanium C++ name")
    return ctypes.CDLL(str(found[0]))


@contextmanager
def listening() -> Iterator[list[Heard]]:
    """Accessibility on, and every event Qt sends to the platform while inside, in order."""
    install = getattr(_qt_gui(), _INSTALL)
    install.restype = ctypes.c_void_p
    install.argtypes = [ctypes.c_void_p]
    heard: list[Heard] = []

    def on_event(address: int) -> None:
        # The event lives on Qt's stack for this call only: read it now, then drop the
        # wrapper, lest a later event at the same address be taken for this one.
        event = shiboken6.wrapInstance(address, QAccessibleEvent)
        kind = event.type()
        about = event.accessibleInterface()
        name = about.text(QAccessible.Text.Name) if about is not None else ""
        shiboken6.invalidate(event)
        if kind == QAccessible.Event.Announcement:
            said = shiboken6.wrapInstance(address, QAccessibleAnnouncementEvent)
            heard.append(Heard(kind, name, said.message(), said.politeness()))
            shiboken6.invalidate(said)
        else:
            heard.append(Heard(kind, name))

    handler = _HANDLER(on_event)  # kept alive here for as long as Qt may call it
    before = install(ctypes.cast(handler, ctypes.c_void_p))
    QAccessible.setActive(True)
    try:
        yield heard
    finally:
        QAccessible.setActive(False)
        install(before)


def announced(heard: list[Heard]) -> list[tuple[str, QAccessible.AnnouncementPoliteness | None]]:
    """The announcements heard: (words, politeness)."""
    return [(h.message, h.politeness) for h in heard if h.kind == QAccessible.Event.Announcement]
