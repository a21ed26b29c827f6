"""Sync in the window against the real sandbox: Needs attention with its fixes, sync
health, the network coming back, and a slow server never holding up the window."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.support.https import HttpsSandbox
from tests.support.sandbox import SandboxHandle, closed_port
from tests.sync.support import (
    delete_on_server,
    edit_on_server,
    post_on_server,
    server_entries,
    server_entry,
)
from tests.ui.signed_in import ROUND_MS, app, sync_round  # noqa: F401
from timo_desktop.core.entry import Source, SyncState, Target
from timo_desktop.paths import resolve
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.sync.status import WorkerState
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.target_picker import TargetChoice

PROJECT = Target(project_id="prj_1", task_id="tsk_2")


def _ago(hours: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours)


def _add(timo: TimoApp, description: str, hours_ago: float, target: Target = PROJECT) -> str:
    start = _ago(hours_ago)
    entry = timo.tracker.add(description, start, start + timedelta(minutes=20), target=target)
    return entry.client_ref


def _sent_on(server: SandboxHandle, ref: str) -> str | None:
    """The project or record Vmoox has entry `ref` on; None while Vmoox has not the entry
    (the upload may come a moment after the panel clears)."""
    sent = [e for e in server_entries(server) if e["client_ref"] == ref]
    return sent[0]["target"]["id"] if sent and sent[0]["target"] else None


def _panel_row(qtbot: QtBot, timo: TimoApp, ref: str | None, kind: str | None = None) -> Any:
    found: list[Any] = []

    def shown() -> bool:
        panel = timo._attention_panel
        if panel is None or not panel.isVisible():
            return False
        try:
            found[:] = [panel.row_for(ref, kind)]
        except LookupError:
            return False
        return True

    qtbot.waitUntil(shown, timeout=ROUND_MS)
    return found[0]


def _gone(qtbot: QtBot, timo: TimoApp, ref: str | None, kind: str | None = None) -> None:
    def gone() -> bool:
        panel = timo._attention_panel
        if panel is None:
            return True
        try:
            panel.row_for(ref, kind)
        except LookupError:
            return True
        return False

    qtbot.waitUntil(gone, timeout=ROUND_MS)


def test_refused_entry_shows_the_servers_reason_and_retry_clears_it(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.add_fault("/v1/workspaces/*/time-entries*", "status", status=422, times=1)
    ref = _add(app, "Refused once", 3)
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, ref)
    assert row.item.kind == "refused"
    assert "Fault injected by the sandbox" in row.reason.text()
    assert list(row.buttons) == ["retry"]

    row.buttons["retry"].click()
    _gone(qtbot, app, ref)
    qtbot.waitUntil(lambda: app.sync is not None and app.sync.attention == 0, timeout=ROUND_MS)
    assert server_entry(sandbox, ref)["description"] == "Refused once"


def test_entry_without_the_target_a_workspace_requires_takes_one_from_the_picker(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(require_target=True)
    ref = _add(app, "No target yet", 3, Target())
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, ref, "target")
    assert row.reason.text() == (
        "Vmoox refused its project (This workspace requires a target): "
        "correct it here and it is sent again"
    )
    assert row.picker is not None

    row.picker.set_choice(TargetChoice("Another project", project_id="prj_2"))
    _gone(qtbot, app, ref)
    qtbot.waitUntil(lambda: _sent_on(sandbox, ref) == "prj_2", timeout=ROUND_MS)


def test_conflict_restore_my_value_puts_it_on_the_server(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref = _add(app, "Planning", 4)
    sync_round(qtbot, app, app.sync_now)
    edit_on_server(sandbox, ref, {"description": "The web's words"})
    app.tracker.edit(ref, description="My words")
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, ref, "conflict")
    assert "The web's words" in row.reason.text() and "My words" in row.reason.text()

    row.buttons["restore"].click()
    _gone(qtbot, app, ref, "conflict")
    qtbot.waitUntil(
        lambda: server_entry(sandbox, ref)["description"] == "My words", timeout=ROUND_MS
    )


def test_undo_of_the_edit_that_settled_a_conflict_asks_it_again(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    """The description changed again in the list settles its question; the window's Undo
    of that change asks it again, Redo settles it again, and after one more Undo Restore
    my value still puts the words typed first on the server."""
    ref = _add(app, "Planning", 4)
    sync_round(qtbot, app, app.sync_now)
    edit_on_server(sandbox, ref, {"description": "The web's words"})
    app.tracker.edit(ref, description="My words")
    sync_round(qtbot, app, app.sync_now)
    _panel_row(qtbot, app, ref, "conflict")

    app.edit_entry(ref, Column.DESCRIPTION, "Newer words")
    _gone(qtbot, app, ref, "conflict")
    app.undo_last()
    assert app.tracker.get(ref).description == "The web's words"
    row = _panel_row(qtbot, app, ref, "conflict")
    assert "My words" in row.reason.text()
    app.redo_last()
    _gone(qtbot, app, ref, "conflict")
    app.undo_last()
    _panel_row(qtbot, app, ref, "conflict").buttons["restore"].click()
    _gone(qtbot, app, ref, "conflict")
    qtbot.waitUntil(
        lambda: server_entry(sandbox, ref)["description"] == "My words", timeout=ROUND_MS
    )


def test_deleted_on_server_restore_and_discard(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    kept, dropped = _add(app, "Keep me", 5), _add(app, "Let it go", 6)
    sync_round(qtbot, app, app.sync_now)
    for ref in (kept, dropped):
        delete_on_server(sandbox, ref)
        app.tracker.edit(ref, tags=["edited-here"])
    sync_round(qtbot, app, app.sync_now)
    restore = _panel_row(qtbot, app, kept, "deleted")
    discard = _panel_row(qtbot, app, dropped, "deleted")
    assert "deleted on the server" in restore.reason.text()

    restore.buttons["restore"].click()
    _gone(qtbot, app, kept)
    discard.buttons["discard"].click()
    _gone(qtbot, app, dropped)

    def settled() -> bool:
        on_server = [e for e in server_entries(sandbox) if e["description"] == "Keep me"]
        return len(on_server) == 1 and on_server[0]["tags"] == ["edited-here"]

    qtbot.waitUntil(settled, timeout=ROUND_MS)
    assert all(e["description"] != "Let it go" for e in server_entries(sandbox))
    assert app.tracker.store.get(dropped).is_deleted


def test_target_unavailable_takes_a_new_target_from_the_picker(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref = _add(app, "Old project", 2)
    sandbox.set_project("prj_1", status="archived")
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, ref, "target")
    assert "needs a new project" in row.reason.text().lower()
    assert row.picker is not None

    row.picker.set_choice(TargetChoice("Another project", project_id="prj_2"))
    _gone(qtbot, app, ref)
    qtbot.waitUntil(lambda: _sent_on(sandbox, ref) == "prj_2", timeout=ROUND_MS)


def test_target_unavailable_goes_again_as_it_is_by_retry_now(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    # A task reopened on Vmoox: the projects kept here learn a task's status only at their
    # next whole read, so the person, who knows, sends it again as it is.
    ref = _add(app, "Layout", 2, Target(project_id="prj_1", task_id="tsk_2"))
    sandbox.set_task("tsk_2", status="archived")
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, ref, "target")
    sandbox.set_task("tsk_2", status="open")

    row.buttons["retry"].click()  # there was only the picker: a new project, or nothing
    _gone(qtbot, app, ref)
    qtbot.waitUntil(lambda: _sent_on(sandbox, ref) == "prj_1", timeout=ROUND_MS)


def test_revoked_membership_offers_an_export_of_the_held_entries(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
    tmp_path: Path,
) -> None:
    sandbox.set_membership(status="revoked")
    ref = _add(app, "Held back", 3)
    sync_round(qtbot, app, app.sync_now)
    row = _panel_row(qtbot, app, None, "frozen")
    assert "paused" in row.reason.text() and "removed" in row.reason.text()
    target = tmp_path / "held.json"
    assert app._attention_panel is not None
    app._attention_panel.ask_path = lambda _suggested: str(target)

    row.buttons["export"].click()
    qtbot.waitUntil(target.exists, timeout=ROUND_MS)
    assert [e["client_ref"] for e in json.loads(target.read_text())] == [ref]
    qtbot.waitUntil(lambda: "Saved to" in row.reason.text(), timeout=ROUND_MS)


def test_health_page_lists_a_server_only_entry_and_download_brings_it_in(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(allow_overlap=True)
    ref = post_on_server(sandbox, "Made on the web", _ago(7))
    page = app.open_sync_health()
    with qtbot.waitSignal(page.checked, timeout=ROUND_MS) as checked:
        pass
    [finding] = [f for f in checked.args[0].findings if ref in f.client_refs]
    assert finding.kind == "missing_here"
    button = page.button_for("download", "Made on the web")

    with qtbot.waitSignal(page.checked, timeout=ROUND_MS) as again:
        button.click()
    assert not [f for f in again.args[0].findings if ref in f.client_refs]
    assert app.tracker.store.get(ref) is not None
    qtbot.waitUntil(lambda: any(e.client_ref == ref for e in app._entries), timeout=ROUND_MS)


def test_network_regained_syncs_at_once(qtbot: QtBot, app: TimoApp) -> None:  # noqa: F811
    worker = app.sync_bridge.worker
    assert worker is not None
    before = worker.rounds
    app.sync_bridge.reachability_changed(False)
    app.sync_bridge.reachability_changed(True)
    qtbot.waitUntil(lambda: worker.rounds > before, timeout=ROUND_MS)


def test_online_rounds_leave_the_network_unwatched(qtbot: QtBot, app: TimoApp) -> None:  # noqa: F811
    # Watching costs memory (GIO's network monitor on Linux) and matters only once the
    # network has gone.
    sync_round(qtbot, app, app.sync_bridge.sync_now)
    assert not app.sync_bridge.watching_network


def test_the_network_is_watched_from_the_first_round_offline(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = closed_port()  # the connection is refused
    monkeypatch.setenv("VMOOX_TOKEN", "vmx_pat_unused")
    monkeypatch.setenv("VMOOX_SERVER", f"http://127.0.0.1:{port}")
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP)
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    states: list[WorkerState] = []
    timo.sync_bridge.status_changed.connect(lambda status: states.append(status.state))
    try:
        timo.start(background=True)
        qtbot.waitUntil(lambda: WorkerState.OFFLINE in states, timeout=ROUND_MS)
        assert timo.sync_bridge.watching_network
    finally:
        timo.shutdown()
        tracker.close()


def test_slow_server_never_blocks_the_window(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    sandbox.add_fault("/v1/me", "latency", latency_ms=2500, times=1)
    ticks: list[bool] = []
    timer = QTimer(interval=50)
    # Each tick notes whether a round was in progress then (the worker said "syncing").
    timer.timeout.connect(
        lambda: ticks.append(app.sync is not None and app.sync.state is WorkerState.SYNCING)
    )
    timer.start()
    ref = _add(app, "Typed while Vmoox is slow", 1)
    sync_round(qtbot, app, app.sync_now)
    timer.stop()
    assert sum(ticks) >= 10  # the window went on ticking through the 2.5 s wait
    assert server_entry(sandbox, ref)


def test_an_untrusted_server_is_spelled_out_in_the_window_until_it_is_trusted(
    qtbot: QtBot,
    https_sandbox: HttpsSandbox,
    untrusted: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = https_sandbox.server
    monkeypatch.setenv("VMOOX_TOKEN", server.token)
    monkeypatch.setenv("VMOOX_SERVER", server.base_url)
    paths = resolve().ensure()
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, zone="Europe/Berlin")
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    try:
        ref = _add(timo, "Workshop prep", hours_ago=2)
        sync_round(qtbot, timo, lambda: timo.start(background=False))
        assert timo.tracker.get(ref).sync_state is SyncState.PENDING
        window = timo.window
        assert window.sync_label.text() == "Server not trusted"
        assert not window.sync_problem.isHidden()
        assert window.sync_problem.text().startswith(
            "Not synced — this computer does not trust the certificate of 127.0.0.1 "
        )
        assert window.sync_button.isVisible()  # "Sync now" once the trust is fixed

        # The company's certificate is installed; the next round goes through.
        monkeypatch.setenv("SSL_CERT_FILE", str(https_sandbox.authority))
        sync_round(qtbot, timo, timo.sync_now)
        assert window.sync_label.text().startswith("All synced · ")  # and when
        assert window.sync_problem.isHidden()
        assert timo.tracker.get(ref).sync_state is SyncState.SYNCED  # kept, then pushed
    finally:
        timo.shutdown()
        tracker.close()
        timo.window.deleteLater()
        timo.deleteLater()
