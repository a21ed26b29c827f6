"""Messages by the tray icon, as tests see them: offscreen Qt draws none, so `Balloons`
stands in for `showMessage` and keeps what was shown (the `tray_app` fixture)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate

from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.manual_entry import ManualEntryDialog


class Balloons:
    """The tray messages shown, standing in for `showMessage`."""

    def __init__(self) -> None:
        self.shown: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any) -> None:
        self.shown.append(args)


def add_from_the_tray(
    app: TimoApp, tracker: Tracker, description: str, days_ago: int = 1
) -> ManualEntryDialog:
    """Add `description` 23:00–23:30 `days_ago` (yesterday) through the tray's Add time."""
    assert app.tray is not None
    app.tray.add_manually_requested.emit()
    dialog = app._adding
    assert dialog is not None
    day = tracker.today() - timedelta(days=days_ago)
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    dialog.description.setText(description)
    dialog.start.setText("23:00")
    dialog.end.setText("23:30")
    dialog.duration.clear()
    dialog.submit()
    assert not dialog.isVisible()
    return dialog
