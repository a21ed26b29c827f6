"""The window's Undo of a delete the sync worker already sent: back on Vmoox too, as a
new entry, which Redo and Undo again follow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import delete_on_server, server_entries
from tests.ui.signed_in import ROUND_MS, app, sync_round  # noqa: F401
from tests.ui.workday import list_cell
from timo_desktop.core.entry import Entry, SyncState, Target
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.target_picker import TargetChoice
from timo_desktop.ui.timer_bar import TimerDraft

PROJECT = Target(project_id="prj_1", task_id="tsk_2")
ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def test_undo_after_the_delete_was_sent_puts_the_entry_back_on_vmoox(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    entry = app.tracker.add(
        "Billable review",
        start,
        start + timedelta(minutes=30),
        target=PROJECT,
        billable=True,
    )
    sync_round(qtbot, app, app.sync_now)
    [before] = [e for e in server_entries(sandbox) if e["description"] == "Billable review"]

    app.delete_entry(entry.client_ref)
    sync_round(qtbot, app, app.sync_now)
    assert all(e["description"] != "Billable review" for e in server_entries(sandbox))
    app.undo_last()
    sync_round(qtbot, app, app.sync_now)

    [after] = [e for e in server_entries(sandbox) if e["description"] == "Billable review"]
    for field in ("start", "end", "target", "billable", "duration_seconds"):
        assert after[field] == before[field], field
    shown = app.tracker.get(after["client_ref"])
    assert shown.sync_state is SyncState.SYNCED and not shown.is_deleted


def _on_vmoox(sandbox: SandboxHandle, description: str) -> list[dict[str, Any]]:
    return [e for e in server_entries(sandbox) if e["description"] == description]


def _synced(
    qtbot: QtBot,
    timo: TimoApp,
    sandbox: SandboxHandle,
    description: str,
    copies: int,
) -> None:
    """A round, then Vmoox holds `copies` live entries described so."""
    sync_round(qtbot, timo, timo.sync_now)
    qtbot.waitUntil(lambda: len(_on_vmoox(sandbox, description)) == copies, timeout=ROUND_MS)


def _here(timo: TimoApp, description: str) -> list[Entry]:
    now = datetime.now(UTC)
    return [
        e
        for e in timo.tracker.between(now - timedelta(days=1), now)
        if e.description == description
    ]


def _said(timo: TimoApp) -> str:
    return timo.window.undo_bar.message.text()


def test_redo_and_undo_again_follow_the_entry_vmoox_got_back_as_a_new_one(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    entry = app.tracker.add("Billable review", start, start + timedelta(minutes=30), target=PROJECT)
    _synced(qtbot, app, sandbox, "Billable review", 1)
    app.delete_entry(entry.client_ref)
    _synced(qtbot, app, sandbox, "Billable review", 0)
    app.undo_last()  # back on Vmoox as a new entry: it keeps a deleted reference deleted
    _synced(qtbot, app, sandbox, "Billable review", 1)
    [back] = _here(app, "Billable review")
    assert back.client_ref != entry.client_ref

    app.redo_last()
    assert _said(app) == "Redone: Delete “Billable review”."  # was: No entry '…'
    assert _here(app, "Billable review") == []
    _synced(qtbot, app, sandbox, "Billable review", 0)
    app.undo_last()
    assert _said(app) == "Undone: Delete “Billable review”."
    _synced(qtbot, app, sandbox, "Billable review", 1)
    # Once more with no round between: the delete never sent is simply taken back.
    app.redo_last()
    app.undo_last()
    _synced(qtbot, app, sandbox, "Billable review", 1)
    [again] = _here(app, "Billable review")
    [remote] = _on_vmoox(sandbox, "Billable review")
    assert remote["client_ref"] == again.client_ref != back.client_ref
    assert (again.start, again.end, again.target) == (entry.start, entry.end, entry.target)


def test_undo_of_a_start_follows_the_timer_vmoox_got_back_as_a_new_one(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    demo = TargetChoice("Demo", project_id="prj_1", task_id="tsk_2")
    app.start_timer(TimerDraft("Standup", demo, False, ()))
    _synced(qtbot, app, sandbox, "Standup", 1)
    app.undo_last()  # the timer is discarded, on Vmoox too
    _synced(qtbot, app, sandbox, "Standup", 0)
    app.redo_last()  # running again: on Vmoox as a new entry
    _synced(qtbot, app, sandbox, "Standup", 1)
    running = app.tracker.running()
    assert running is not None and running.description == "Standup"

    app.undo_last()
    assert _said(app) == "Undone: Start “Standup”."  # was: No entry '…'
    assert app.tracker.running() is None
    _synced(qtbot, app, sandbox, "Standup", 0)


def test_undo_of_a_change_to_several_follows_one_restored_as_a_new_entry(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    for hours, description in ((3, "Review A"), (2, "Review B")):
        start = now - timedelta(hours=hours)
        app.tracker.add(description, start, start + timedelta(minutes=20), target=PROJECT)
    sync_round(qtbot, app, app.sync_now)
    [gone] = _here(app, "Review A")
    delete_on_server(sandbox, gone.client_ref)  # on the web, while it is tagged here
    app.reload()
    chosen = app.window.entries.selectionModel()
    for entry in (gone, *_here(app, "Review B")):
        chosen.select(list_cell(app, entry.client_ref, Column.DESCRIPTION), ROWS)
    app.tag_selected("review")
    assert _said(app) == "Tagged 2 entries “review”."
    sync_round(qtbot, app, app.sync_now)
    qtbot.waitUntil(lambda: app.tracker.sync_attention() != [], timeout=ROUND_MS)
    app.reload()  # Needs attention shows it
    assert app._attention_panel is not None
    app._attention_panel.row_for(gone.client_ref, "deleted").buttons["restore"].click()
    qtbot.waitUntil(
        lambda: _here(app, "Review A")[0].client_ref != gone.client_ref, timeout=ROUND_MS
    )

    app.undo_last()
    assert _said(app) == "Undone: Change the tags of 2 entries."
    assert [e.tags for e in _here(app, "Review A") + _here(app, "Review B")] == [(), ()]
    sync_round(qtbot, app, app.sync_now)
    qtbot.waitUntil(
        lambda: (
            [e["tags"] for e in server_entries(sandbox) if "Review" in e["description"]] == [[], []]
        ),
        timeout=ROUND_MS,
    )
