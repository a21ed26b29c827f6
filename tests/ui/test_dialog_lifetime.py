"""Dialogs opened again and again over a day go when closed, rather than piling up."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp


def test_a_closed_add_time_dialog_is_deleted(qtbot: QtBot, timo: TimoApp) -> None:
    dialogs = [timo.add_manually() for _ in range(3)]
    for dialog in dialogs:
        dialog.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(dialog) for dialog in dialogs)


def test_settings_come_forward_once_and_go_when_closed(qtbot: QtBot, timo: TimoApp) -> None:
    first = timo.open_settings()
    assert timo.open_settings() is first  # not a second window on the same settings
    first.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)
    again = timo.open_settings()
    assert shiboken6.isValid(again) and again.isVisible()
    again.close()
