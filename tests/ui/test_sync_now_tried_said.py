"""Sync now while Vmoox keeps answering with an error says that it tried: the sync line
showed "Syncing 1 entry…" for a moment and then the same words as before, as if the click
had done nothing. The real app against the sandbox, every request answered 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import app, sync_round  # noqa: F401
from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_status import tried_again


def test_sync_now_that_changes_nothing_says_it_tried(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.add_fault("/v1/*", "status", status=500)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    sync_round(
        qtbot,
        app,
        lambda: app.tracker.add("Through the fault", start, start + timedelta(minutes=20)),
    )
    window = app.window
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("1 entry waiting to sync:"))
    before = window.sync_label.text()

    sync_round(qtbot, app, lambda: qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton))
    assert window.sync_label.text() == before
    assert window.undo_bar.message.text() == (
        "Tried again: Vmoox still answers with an error; Timo keeps trying by itself"
    )


def test_what_was_tried_is_said_for_each_lasting_problem() -> None:
    def said(state: WorkerState, error: str) -> str:
        return tried_again(SyncStatus(state, 1, 1, 0, 0, 0, None, error, sentence(state, 1)))

    refused = "Vmoox can't be reached — cannot reach 127.0.0.1: nothing answers"
    assert said(WorkerState.OFFLINE, refused) == (
        "Tried again: Vmoox still can't be reached; Timo keeps trying by itself"
    )
    assert said(WorkerState.OFFLINE, "Offline — cannot reach vmoox.example.com") == (
        "Tried again: still offline; Timo syncs by itself once the network is back"
    )
