"""Needs attention for a timer stopped when the same person started another on another
device (one running timer per person), against the real sandbox: it says so in plain
words, not as an edit conflict, and Restore my end first asks about the overlap with the
newer timer, as Add time does: Keep both where the workspace allows overlaps, refused,
naming the overlap, where it does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import OTHER_PROJECT, PROJECT, Timo, server_entry
from tests.ui.signed_in import (  # noqa: F401
    ROUND_MS,
    app,
    attention_row,
    desktop,
    sync_round,
)
from tests.ui.workday import wait_for_window
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.controller import TimoApp

NOW = datetime.now(UTC).replace(microsecond=0)
STOPPED_HERE = NOW - timedelta(minutes=2)


def _switched_on_the_other_computer(qtbot: QtBot, app: TimoApp, desktop: Timo) -> Any:  # noqa: F811
    """“Design K” runs here and there; “Meeting K” starts there; it is stopped here later.
    Its row in Needs attention once a sync has brought the stop."""
    started = app.tracker.start("Design K", target=PROJECT, at=NOW - timedelta(minutes=12))
    assert started.started is not None
    sync_round(qtbot, app, app.sync_now)
    desktop.engine.sync()
    desktop.tracker.start("Meeting K", target=OTHER_PROJECT, at=NOW - timedelta(minutes=8))
    desktop.engine.sync_until_done(timeout=60)
    app.tracker.stop(at=STOPPED_HERE)
    sync_round(qtbot, app, app.sync_now)
    ref = started.started.client_ref
    # The stop may show as an edit conflict for a moment: a round that sent it can end
    # before the round that brings "Meeting K", which tells it was stopped for that one.
    qtbot.waitUntil(lambda: attention_row(qtbot, app, ref).item.kind == "stopped", timeout=ROUND_MS)
    return attention_row(qtbot, app, ref)


def test_restore_my_end_asks_before_it_overlaps_the_newer_timer(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    desktop: Timo,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    row = _switched_on_the_other_computer(qtbot, app, desktop)
    ref = row.item.client_ref
    assert row.item.kind == "stopped"
    assert row.reason.text().startswith("“Design K” stopped at ")
    assert "when you started “Meeting K” on another device" in row.reason.text()
    assert [b.text() for b in row.buttons.values()] == ["Restore my end", "OK"]

    row.buttons["restore"].click()
    box = wait_for_window(qtbot, QMessageBox, active=False)
    assert box.text().startswith("With your end back, “Design K” ")
    assert " overlaps 'Meeting K' " in box.text()
    assert [b.accessibleName() for b in box.buttons()] == [
        "Keep the entries overlapping",
        "Cancel",
    ]
    [cancel] = [b for b in box.buttons() if b.accessibleName() == "Cancel"]
    cancel.click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert server_entry(sandbox, ref)["end"] != to_text(STOPPED_HERE)
    assert app._attention_panel is not None and app._attention_panel.rows[0].item.kind == "stopped"

    row.buttons["restore"].click()
    box = wait_for_window(qtbot, QMessageBox, active=False)
    [keep] = [b for b in box.buttons() if b.accessibleName() == "Keep the entries overlapping"]
    keep.click()
    qtbot.waitUntil(lambda: not app._attention_panel or not app._attention_panel.rows)
    sync_round(qtbot, app, app.sync_now)
    assert server_entry(sandbox, ref)["end"] == to_text(STOPPED_HERE)


def test_restore_my_end_is_refused_where_the_workspace_allows_no_overlaps(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    desktop: Timo,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(allow_overlap=False)
    row = _switched_on_the_other_computer(qtbot, app, desktop)
    ref = row.item.client_ref

    row.buttons["restore"].click()

    said = row.reason.text().splitlines()
    assert said[0] == row.item.message
    assert said[1].startswith("That did not work: With your end back, “Design K” ")
    assert said[1].endswith("–now, which Northwind Agency does not allow.")
    assert " overlaps 'Meeting K' " in said[1]
    assert not [w for w in app.window.findChildren(QMessageBox) if w.isVisible()]
    sync_round(qtbot, app, app.sync_now)
    assert server_entry(sandbox, ref)["end"] != to_text(STOPPED_HERE)
