"""A timer without a description is named alike everywhere the window names it: in its
title and on its row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column


def test_the_title_names_a_timer_without_a_description_as_its_row_does(
    qtbot: QtBot, timo: TimoApp
) -> None:
    bar = timo.window.timer_bar
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # Start, nothing typed
    qtbot.waitUntil(lambda: timo.tracker.running() is not None)
    model = timo.window.entries.model()
    row = model.index(0, Column.DESCRIPTION, model.index(0, 0))  # today's first: the timer
    assert row.data() == "(no description)"
    assert timo.window.windowTitle() == "0:00 · (no description) — Timo"
