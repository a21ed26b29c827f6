"""Entries waiting because the server has trouble say why, in the window as in `timo sync
status`: the server's words in the status line, the whole problem (its code and request id,
for support) on hover, against the real sandbox answering 503."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import app, sync_round  # noqa: F401
from timo_desktop.core.local_time import describe_instant, from_text
from timo_desktop.sync.engine import NOT_BEFORE
from timo_desktop.sync.status import SyncStatus, WorkerState, sentence
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_status import summarize

UNAVAILABLE = "Service unavailable. (service-unavailable, request req_7f3a)"
BATCH = "/v1/workspaces/*/time-entries:batch"


def test_a_server_in_trouble_is_why_entries_wait(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
    timo_home: Path,
) -> None:
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=503, times=100)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    app.tracker.add("Through the storm", start, start + timedelta(minutes=20))
    sync_round(qtbot, app, app.sync_now)
    # No round after it (the backoff tries again in seconds) between what the window says
    # and what the command line reads: its request id, or "Syncing…", would differ.
    app.sync_bridge.stop()

    label = app.window.sync_label
    assert label.text() == "1 entry waiting to sync: Fault injected by the sandbox."
    tip = label.toolTip().splitlines()
    assert tip[0] == label.text()
    assert tip[1].startswith("Last synced ")
    assert tip[2].startswith("Last problem: Fault injected by the sandbox. (service-unavailable")
    # The command line says it in the same words.
    said = run_timo(timo_home, "sync", "status").stdout.splitlines()
    assert said[0] == label.text()
    assert tip[2] in " ".join(said)  # wrapped at 80 columns between words


def test_the_time_of_the_next_try_is_in_the_windows_time_zone(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Said on this computer's clock, it was not the time the window's other times show
    when a zone is chosen (`day.time_zone`): the computer here is in Kathmandu."""
    monkeypatch.setenv("TZ", "Asia/Kathmandu")
    sandbox.add_fault(BATCH, "status", status=429, retry_after=40, times=1)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    app.tracker.add("Slowed down", start, start + timedelta(minutes=20))
    sync_round(qtbot, app, app.sync_now)
    app.sync_bridge.stop()
    until = from_text(app.tracker.store.meta(NOT_BEFORE) or "")
    at = describe_instant(until, app.tracker.zone, relative_to=until, seconds=True)
    assert app.tracker.zone == "Europe/Berlin"
    assert app.window.sync_label.text() == (
        f"1 entry waiting to sync: Vmoox asked Timo to slow down; trying again at {at}"
    )


def status(error: str | None, waiting: int = 2) -> SyncStatus:
    said = sentence(WorkerState.IDLE, waiting, error=error)
    return SyncStatus(WorkerState.IDLE, waiting, waiting, 0, 0, 0, None, error, said)


def test_the_status_line_gives_the_servers_words_and_the_tooltip_all_of_it() -> None:
    summary = summarize(status(UNAVAILABLE), "UTC")
    assert summary.text == "2 entries waiting to sync: Service unavailable."
    assert summary.detail == f"{summary.text}\nLast problem: {UNAVAILABLE}"
    # Words of Timo's own are kept whole.
    slowed = "Vmoox is having trouble; trying again at 14:30:05"
    assert summarize(status(slowed), "UTC").text == f"2 entries waiting to sync: {slowed}"


def test_no_problem_or_an_old_sign_in_problem_gives_no_reason() -> None:
    assert summarize(status(None), "UTC").text == "2 entries waiting to sync"
    # Signed in again since: the refused sign-in no longer holds anything back.
    old = summarize(status("Signed out — the token was revoked (invalid-token)"), "UTC")
    assert old.text == "2 entries waiting to sync"
    assert old.detail.endswith("\nLast problem: Signed out — the token was revoked (invalid-token)")
