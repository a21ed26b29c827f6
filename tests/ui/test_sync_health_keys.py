"""Sync health by keyboard: Tab reaches every finding's fixes (it went round the table's
cells for ever), a fix run by Space hands the keyboard to the next finding, and Esc or
Ctrl+W closes the window as they close Reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_sync_health_layout import FINDINGS
from tests.ui.workday import CTRL, SHIFT, focused, press
from timo_desktop.sync.health import HealthReport
from timo_desktop.ui.sync_health import SyncHealthPage


class Engine:
    """The engine as the page's jobs see it: each fix settles its finding."""

    def __init__(self) -> None:
        self.findings = list(FINDINGS)

    def health(self) -> HealthReport:
        return HealthReport("2026-02-17T00:00:00Z", 14, 40, 39, list(self.findings))

    def _settle(self, ref: str) -> None:
        self.findings = [f for f in self.findings if ref not in f.client_refs]

    def resend(self, ref: str) -> None:
        self._settle(ref)

    def download(self, ref: str) -> None:
        self._settle(ref)

    def delete_copies(self, refs: tuple[str, ...]) -> None:
        self._settle(refs[0])


@pytest.fixture
def page(qtbot: QtBot) -> SyncHealthPage:
    """The page, shown, holding the keyboard, having compared with Vmoox."""
    engine = Engine()

    def run(
        job: Callable[[Engine], Any], done: Callable[[Any, BaseException | None], None]
    ) -> None:
        done(job(engine), None)

    shown = SyncHealthPage(run, "Europe/Berlin")
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    shown.check()
    shown.check_button.setFocus()
    return shown


def test_tab_reaches_every_fix_and_comes_round_to_check_again(
    qtbot: QtBot, page: SyncHealthPage
) -> None:
    visited = []
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focused().accessibleName())
    assert visited == [
        "Entries that do not match",  # one stop: the arrows move between its cells
        f"Send again: {FINDINGS[0].description}",
        "Download: Call",
        "Delete duplicate: Stand-up",
        "Compare with Vmoox again",
    ]
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused().accessibleName() == "Delete duplicate: Stand-up"


def test_space_on_a_fix_runs_it_and_the_keyboard_goes_to_the_next_finding(
    qtbot: QtBot, page: SyncHealthPage
) -> None:
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Send again
    assert page.table.rowCount() == 2
    assert focused().accessibleName() == "Download: Call"
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Space)  # Delete duplicate: all settled
    assert page.summary.text().startswith("All entries of the last 14 days match Vmoox.")
    assert focused() is page.check_button


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_W, CTRL)],
    ids=["esc", "ctrl-w"],
)
def test_esc_or_ctrl_w_closes_the_window(
    qtbot: QtBot, page: SyncHealthPage, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    press(qtbot, Qt.Key.Key_Tab)  # from within the table too
    press(qtbot, key, modifiers)
    assert not page.isVisible()
