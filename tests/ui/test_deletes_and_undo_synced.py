"""In the window: Undo of a delete never sent shows the entry synced again, not waiting to
sync for good; and a delete of a version changed on another computer since asks, in Needs
attention, whether to delete it anyway or keep their version (against the real sandbox)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import edit_on_server, server_entries
from tests.ui.signed_in import ROUND_MS, app, attention_row, sync_round  # noqa: F401
from timo_desktop.core.entry import SyncState, Target
from timo_desktop.store import sync_state
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column


def _sync_cell(timo: TimoApp, ref: str) -> QModelIndex:
    """The sync badge of entry `ref`'s row in the window's list."""
    model = timo.window.entries.model()
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            entry = index.data(ENTRY_ROLE)
            if entry is not None and entry.client_ref == ref:
                return index.siblingAtColumn(Column.SYNC)
    raise AssertionError(f"no row for {ref}")


def test_undo_of_a_delete_never_sent_shows_the_entry_synced(qtbot: QtBot, timo: TimoApp) -> None:
    entry = timo.tracker.days(timo.tracker.today() - timedelta(days=1), timo.tracker.today())[0]
    ref = entry.client_ref
    with timo.tracker.store.write() as tx:  # what a round accepting its create leaves
        sync_state.done(tx.connection, [op.id for op in tx.outbox(ref)])
        sync_state.link(
            tx.connection, ref, workspace_id="ws_1", remote_id="te_1", remote_version=1, base={}
        )
        sync_state.mark_synced(tx.connection, [ref])
    timo.reload()
    assert _sync_cell(timo, ref).data() == "Synced"

    timo.delete_entry(ref)
    timo.window.undo_bar.button.click()

    qtbot.waitUntil(lambda: _sync_cell(timo, ref).data() == "Synced")
    stored = timo.tracker.store.get(ref)
    assert stored is not None and stored.sync_state is SyncState.SYNCED


@pytest.mark.parametrize("button", ["anyway", "keep"])
def test_a_delete_of_a_version_changed_elsewhere_asks_in_needs_attention(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
    button: str,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    entry = app.tracker.add(
        "Stand-up", start, start + timedelta(minutes=30), target=Target("prj_1", "tsk_2")
    )
    sync_round(qtbot, app, app.sync_now)
    edit_on_server(sandbox, entry.client_ref, {"description": "Edited again"})  # the other one
    app.delete_entry(entry.client_ref)  # the older version, here
    sync_round(qtbot, app, app.sync_now)

    row = attention_row(qtbot, app, entry.client_ref)
    assert row.item.kind == "changed-since-deleted"
    assert row.reason.text() == (
        "This entry was changed on another computer since you deleted it; delete it anyway or"
        " keep their version."
    )
    assert [b.text() for b in row.buttons.values()] == ["Delete anyway", "Keep their version"]

    row.buttons[button].click()
    qtbot.waitUntil(lambda: not app._attention_panel.isVisible(), timeout=ROUND_MS)
    sync_round(qtbot, app, app.sync_now)

    left = [
        e["description"] for e in server_entries(sandbox) if e["client_ref"] == entry.client_ref
    ]
    if button == "anyway":
        assert left == []
    else:
        assert left == ["Edited again"]
        assert app.tracker.get(entry.client_ref).description == "Edited again"
