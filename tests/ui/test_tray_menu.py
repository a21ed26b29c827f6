"""The tray menu: long descriptions are shortened so the menu stays narrow, whole on hover."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timo_desktop.ui.tray import MENU_TEXT_WIDTH, RecentItem, Tray, TrayState

LONG = (
    "Workshop with the Acme marketing team about the spring campaign landing pages "
    "& their tracking plan, including the follow-up notes for R&D"
)


def test_a_long_description_is_shortened_and_told_in_full(qtbot: QtBot) -> None:
    state = TrayState(f"{LONG} — Website", "1:05", [RecentItem("ref-1", f"{LONG} — Acme")], None)
    tray = Tray(lambda: state)
    tray.menu.aboutToShow.emit()  # as when it opens
    running, *_rest = tray.menu.actions()
    shown = running.text()
    assert shown.startswith("● Workshop with the Acme") and shown.endswith("…  1:05")
    assert tray.menu.fontMetrics().horizontalAdvance(shown) <= MENU_TEXT_WIDTH
    assert running.toolTip() == f"● {LONG} — Website  1:05"
    recent = next(a for a in tray.menu.actions() if a.toolTip() == f"{LONG} — Acme")
    assert recent.text().endswith("…")
    assert tray.menu.toolTipsVisible()
    assert tray.menu.sizeHint().width() < 2 * MENU_TEXT_WIDTH  # not across the screen


def test_short_texts_stay_whole_and_ampersands_stay_literal(qtbot: QtBot) -> None:
    state = TrayState(None, "0:00", [RecentItem("ref-1", "R&D sync — Internal")], None)
    tray = Tray(lambda: state)
    tray.menu.aboutToShow.emit()
    recent = next(a for a in tray.menu.actions() if a.toolTip() == "R&D sync — Internal")
    assert recent.text() == "R&&D sync — Internal"  # shown as typed, no mnemonic
