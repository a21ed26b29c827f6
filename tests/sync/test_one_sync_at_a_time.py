"""Two programs syncing one database (the app's worker and `timo sync`) take turns.

Run together, both sent the same change; one marked pending again what the other had
finished, and the answer Vmoox replayed for it (an older version) was taken over the
newer one: an entry deleted meanwhile came back here as synced, while Vmoox had it
deleted, and "All synced" said nothing of it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from tests.support.sandbox import SandboxHandle
from tests.sync.support import FakeTime, Timo, add, make_timo, server_entries
from timo_desktop.sync.turns import lock_file


class HeldPatch(httpx.BaseTransport):
    """Holds the first PATCH until told to let it through."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.holding = threading.Event()
        self.release = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH" and not self.holding.is_set():
            self.holding.set()
            self.release.wait(10)
        return self.inner.handle_request(request)


def test_a_second_sync_waits_for_the_first_and_a_delete_meanwhile_stays(
    timo: Timo, sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    cli = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time, turn_wait=0.3)
    try:
        entry = add(timo, 1, "job")
        timo.engine.sync()
        timo.tracker.edit(entry.client_ref, description="job2")
        held = HeldPatch(timo.recorder.inner)
        timo.recorder.inner = held  # type: ignore[assignment]
        app_round = threading.Thread(target=timo.engine.sync)
        app_round.start()
        assert held.holding.wait(10)  # the app's round is sending the edit

        waited: list[bool] = []
        cli.engine.waiting_for_turn = lambda: waited.append(True)
        busy = cli.engine.sync()
        assert waited == [True]  # said at once, not after the wait
        assert busy.state == "busy"
        assert busy.errors == ["another Timo program is syncing this computer's entries"]
        assert cli.recorder.sent == []  # nothing sent beside the other round
        assert busy.pending == 1 and busy.wait is not None

        timo.tracker.delete(entry.client_ref)
        held.release.set()
        app_round.join(10)
        assert not app_round.is_alive()

        report = cli.engine.sync()
        assert report.errors == [] and report.pending == 0
        assert timo.tracker.store.get(entry.client_ref).is_deleted  # type: ignore[union-attr]
        assert entry.client_ref not in {e["client_ref"] for e in server_entries(sandbox)}
    finally:
        cli.close()
    assert lock_file(tmp_path / "timo.sqlite3").parent == tmp_path  # beside the database
