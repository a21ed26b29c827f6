""" "Sync needs your decision" in the window at its narrowest: a long entry name wraps, and
the reason and its buttons stay in sight instead of scrolling off to the side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from timo_desktop.core.entry import Entry
from timo_desktop.sync.attention import Attention
from timo_desktop.ui.attention_panel import AttentionPanel
from timo_desktop.ui.main_window import MINIMUM_WIDTH

START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
LONG = (
    "Quarterly planning workshop with the whole steering committee of Müller-Lüdenscheidt"
    " and their external consultants"
)


def test_a_long_entry_name_wraps_at_the_windows_narrowest(qtbot: QtBot) -> None:
    entry = Entry("r1", START, START + timedelta(hours=1), "Europe/Berlin", START, START, LONG)
    panel = AttentionPanel(lambda _job, _done: None, lambda e: f"{e.description} · Today")
    qtbot.addWidget(panel)
    panel.show_items([Attention("refused", "The entry overlaps another one on Vmoox.", entry)])
    panel.resize(MINIMUM_WIDTH, 200)
    qtbot.waitExposed(panel)
    for _ in range(3):
        QApplication.processEvents()
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None
    assert not scroll.horizontalScrollBar().isVisible()
    row = panel.row_for("r1")
    assert row.width() <= scroll.viewport().width()
    assert row.title.text().startswith(LONG)
    retry = row.buttons["retry"]
    assert (
        scroll.viewport().rect().contains(retry.mapTo(scroll.viewport(), retry.rect().topRight()))
    )
