"""The tray menu's sync line reads as text and opens what fixes it, its whole sentence on hover
when shortened; the Continue heading is a section's title, not a greyed-out item, where the
menu draws one."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
from timo_desktop.ui.sync_status import summarize
from timo_desktop.ui.tray import MENU_TEXT_WIDTH, RecentItem, Tray, TrayState

LAST = "2026-03-03T13:02:00Z"
SIDE = "Dana's Side Studio with a name long enough not to fit a narrow menu"
FROZEN = {"ws_2": {"name": SIDE, "reason": f"your access to {SIDE} was removed"}}


def held_status() -> SyncStatus:
    """Two entries held for a workspace whose access was removed, as the worker reads it."""
    said = sentence(WorkerState.IDLE, 0, frozen=FROZEN, held={"ws_2": 2})
    return SyncStatus(WorkerState.IDLE, 0, 0, 0, 0, 3, LAST, None, said)


def synced_status() -> SyncStatus:
    return SyncStatus(WorkerState.IDLE, 0, 0, 0, 0, 0, LAST, None, sentence(WorkerState.IDLE, 0))


def opened(status: SyncStatus) -> Tray:
    summary = summarize(status, "Europe/Berlin")
    tray = Tray(lambda: TrayState(None, "0:00", [], summary))
    tray.menu.aboutToShow.emit()  # as when it opens
    return tray


def test_held_entries_are_a_sync_line_that_opens_needs_attention(qtbot: QtBot) -> None:
    tray = opened(held_status())
    whole = f"2 entries held for {SIDE}: your access to {SIDE} was removed"
    [line] = [a for a in tray.menu.actions() if a.toolTip().startswith(whole)]
    assert line.isEnabled()  # drawn in the menu's text colour, not the disabled grey
    shown = line.text()
    assert shown.startswith("2 entries held for") and shown.endswith("…")  # shortened…
    assert tray.menu.fontMetrics().horizontalAdvance(shown) <= MENU_TEXT_WIDTH
    assert line.toolTip().splitlines()[1].startswith("Last synced ")  # …whole on hover
    with qtbot.waitSignal(tray.attention_requested):
        line.trigger()


def test_the_all_clear_is_a_sync_line_that_opens_the_window(qtbot: QtBot) -> None:
    tray = opened(synced_status())
    line = next(a for a in tray.menu.actions() if a.text().startswith("All synced · "))
    assert line.isEnabled()
    assert line.toolTip().splitlines()[0] == "All synced"  # the window's tooltip
    with qtbot.assertNotEmitted(tray.attention_requested), qtbot.waitSignal(tray.open_requested):
        line.trigger()


def test_a_shown_line_other_than_the_sentence_leads_its_tooltip(qtbot: QtBot) -> None:
    refused = "Not synced — this computer does not trust the server's certificate"
    status = SyncStatus(WorkerState.UNTRUSTED, 1, 1, 0, 0, 0, LAST, refused, refused)
    tray = opened(status)
    line = next(a for a in tray.menu.actions() if a.text() == "Server not trusted")
    assert line.isEnabled()
    assert line.toolTip().splitlines()[:2] == ["Server not trusted", refused]


def test_continue_is_a_section_title_not_a_disabled_item(qtbot: QtBot) -> None:
    recent = [RecentItem("ref-1", "Homepage layout — Website")]
    tray = Tray(lambda: TrayState(None, "0:00", recent, None))
    tray.menu.aboutToShow.emit()
    actions = tray.menu.actions()
    [heading] = [a for a in actions if a.text() == "Continue"]
    assert heading.isSeparator()  # a section: its title drawn as a heading, never selectable
    after = actions[actions.index(heading) + 1]
    assert after.toolTip() == "Homepage layout — Website" and after.isEnabled()
    assert all(a.isEnabled() for a in actions)  # nothing in the menu is greyed out


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_continue_is_a_greyed_heading_where_sections_are_bare_lines(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    """Windows' style and the macOS menu bar draw no section title: the word would be lost."""
    monkeypatch.setattr(sys, "platform", platform)
    recent = [RecentItem("ref-1", "Homepage layout — Website")]
    tray = Tray(lambda: TrayState(None, "0:00", recent, None))
    tray.menu.aboutToShow.emit()
    actions = tray.menu.actions()
    [heading] = [a for a in actions if a.text() == "Continue"]
    assert not heading.isSeparator() and not heading.isEnabled()
    assert actions[actions.index(heading) - 1].isSeparator()
    after = actions[actions.index(heading) + 1]
    assert after.toolTip() == "Homepage layout — Website" and after.isEnabled()
