"""The window's Undo of a delete the sync worker already sent: back on Vmoox too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle, sandbox, sandbox_server  # noqa: F401
from tests.sync.support import server_entries
from tests.ui.signed_in import app, sync_round  # noqa: F401
from timo_desktop.core.entry import SyncState, Target
from timo_desktop.ui.controller import TimoApp


def test_undo_after_the_delete_was_sent_puts_the_entry_back_on_vmoox(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,  # noqa: F811
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    entry = app.tracker.add(
        "Billable review",
        start,
        start + timedelta(minutes=30),
        target=Target(project_id="prj_1", task_id="tsk_2"),
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
