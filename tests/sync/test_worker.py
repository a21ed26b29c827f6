"""The background worker: debounced wake-ups, a slow server (case 16), state and words."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.store.test_upgrade_troubles import HOLD
from tests.support.https import HttpsSandbox
from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    FakeTime,
    Timo,
    add,
    assert_in_agreement,
    make_timo,
    server_entries,
    server_entry,
)
from timo_desktop.core.local_time import to_text
from timo_desktop.sync.status import SyncStatus, WorkerState
from timo_desktop.sync.worker import SignedOut, SyncWorker

SETTLE = 30.0  # only guards against a hang; nothing here depends on how fast it is


class Watch:
    """Collects what the worker publishes and lets the test wait for a condition."""

    def __init__(self) -> None:
        self.seen: list[SyncStatus] = []
        self._changed = threading.Condition()

    def __call__(self, status: SyncStatus) -> None:
        with self._changed:
            self.seen.append(status)
            self._changed.notify_all()

    def mark(self) -> int:
        """Where the log stands now; pass it to `wait_for` to look only at what follows."""
        with self._changed:
            return len(self.seen)

    def wait_for(self, test: Callable[[SyncStatus], bool], after: int = 0) -> SyncStatus:
        with self._changed:
            assert self._changed.wait_for(
                lambda: any(test(s) for s in self.seen[after:]), SETTLE
            ), self.seen
            return next(s for s in self.seen[after:] if test(s))


@pytest.fixture
def watch() -> Watch:
    return Watch()


def _worker(timo: Timo, watch: Watch, **options: object) -> SyncWorker:
    return SyncWorker(lambda: timo.engine, watch, **options)  # type: ignore[arg-type]


@pytest.fixture
def running(timo: Timo, watch: Watch) -> Iterator[SyncWorker]:
    worker = _worker(timo, watch, debounce=0.2, interval=3600)
    timo.tracker.on_change(worker.local_change)
    worker.start()
    watch.wait_for(lambda s: s.state is WorkerState.IDLE)
    try:
        yield worker
    finally:
        worker.stop()


def test_a_burst_of_local_changes_is_one_debounced_round(
    running: SyncWorker, timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    rounds, mark = running.rounds, watch.mark()
    for i in range(5):
        add(timo, i)
    watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending == 0, mark)
    assert running.rounds == rounds + 1
    assert_in_agreement(timo.store, sandbox)


def test_case16_slow_server_never_blocks_the_caller(
    running: SyncWorker, timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "latency", latency_ms=1500)
    mark = watch.mark()
    add(timo, 1)
    running.sync_now()
    syncing = watch.wait_for(lambda s: s.state is WorkerState.SYNCING and s.pending == 1, mark)
    # While the request is on the wire the UI thread reads the status at once.
    assert running.status() is not None
    assert syncing.message == "Syncing 1 entry…"
    watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending == 0, mark)
    assert_in_agreement(timo.store, sandbox)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_offline_state_and_words(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime, watch: Watch
) -> None:
    away = make_timo(
        sandbox, tmp_path / "t.sqlite3", fake_time, server_url=f"http://127.0.0.1:{_closed_port()}"
    )
    add(away, 1)
    add(away, 2)
    add(away, 3)
    worker = _worker(away, watch, interval=3600)
    worker.start()
    try:
        status = watch.wait_for(lambda s: s.state is WorkerState.OFFLINE)
        # The connection refused: the network works, Vmoox does not answer.
        assert status.message == "Vmoox can't be reached — 3 entries will sync when it answers"
        assert status.pending == 3
    finally:
        worker.stop()
        away.tracker.close()


def test_an_untrusted_server_is_not_called_offline(
    sandbox: SandboxHandle,
    https_sandbox: HttpsSandbox,
    untrusted: None,
    tmp_path: Path,
    watch: Watch,
) -> None:
    from timo_desktop.services import Tracker
    from timo_desktop.store.database import Store
    from timo_desktop.sync.engine import SyncEngine
    from timo_desktop.vmoox.client import VmooxClient
    from timo_desktop.vmoox.tokens import StaticToken

    server = https_sandbox.server
    database = tmp_path / "t.sqlite3"
    tracker = Tracker.open(database, zone="Europe/Berlin")
    tracker.start("Homepage layout")
    client = VmooxClient(server.base_url, StaticToken(server.token))
    engine = SyncEngine(Store.open(database), client, default_workspace=sandbox.workspace_id)
    worker = SyncWorker(lambda: engine, watch, interval=3600)
    worker.start()
    try:
        status = watch.wait_for(lambda s: s.state is WorkerState.UNTRUSTED)
        assert status.message.startswith(
            "Not synced — this computer does not trust the certificate of 127.0.0.1 "
        )
        assert status.pending == 1  # kept until the server can be trusted
    finally:
        worker.stop()
        engine.close()
        tracker.close()


def test_signed_out_state_and_words(tmp_path: Path, fake_time: FakeTime, watch: Watch) -> None:
    from timo_desktop.services import Tracker

    database = tmp_path / "t.sqlite3"
    tracker = Tracker.open(database, zone="Europe/Berlin")
    from tests.sync.support import slot

    for i in range(12):
        tracker.add(f"work {i}", *slot(i))

    def no_sign_in() -> object:
        raise SignedOut("sign in to sync")

    worker = SyncWorker(no_sign_in, watch, database=database)  # type: ignore[arg-type]
    worker.start()
    try:
        status = watch.wait_for(lambda s: s.state is WorkerState.SIGNED_OUT)
        assert status.message == "Signed out — sign in to sync 12 entries"
    finally:
        worker.stop()
        tracker.close()


def test_entry_needing_a_new_project_is_named(
    running: SyncWorker, timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    sandbox.set_project("prj_1", status="archived")
    add(timo, 1)
    status = watch.wait_for(lambda s: s.state is WorkerState.ATTENTION)
    assert status.message == "1 entry needs a new project: Acme website relaunch was archived"
    assert status.pending == 0 and status.attention == 1


def test_quitting_sends_a_change_the_debounce_still_holds_back(
    timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    """A timer stopped at Quit ("Stop now") stayed running on Vmoox, and on the person's
    other devices, until Timo started again: the worker ended before its debounced round."""
    worker = _worker(timo, watch, debounce=3600, interval=3600)
    timo.tracker.on_change(worker.local_change)
    started = timo.tracker.start("Until quitting")
    assert started.started is not None
    worker.start()  # the first round sends the start
    watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending_entries == 0)
    ref = started.started.client_ref
    assert server_entry(sandbox, ref)["end"] is None
    stopped = timo.tracker.stop()  # its round an hour away
    rounds = worker.rounds
    worker.stop(send_changes=True)
    assert worker.rounds == rounds  # one last send, not a whole round
    assert server_entry(sandbox, ref)["end"] == to_text(stopped.end)


def test_stopping_for_another_sign_in_sends_nothing_more(
    timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    worker = _worker(timo, watch, debounce=3600, interval=3600)
    timo.tracker.on_change(worker.local_change)
    worker.start()
    watch.wait_for(lambda s: s.state is WorkerState.IDLE)
    added = add(timo, 1, "Not yet")
    worker.stop()
    assert all(e["client_ref"] != added.client_ref for e in server_entries(sandbox))


def test_a_round_the_database_was_held_for_is_tried_again_soon(
    timo: Timo, watch: Watch, sandbox: SandboxHandle
) -> None:
    """Another program held the database through a round: "…is busy" stayed on screen and
    the entry unsent for the whole interval (five minutes) after it let go."""
    add(timo, 1)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(timo.tracker.store.path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    worker = _worker(timo, watch, interval=3600)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        worker.start()
        watch.wait_for(lambda s: "is busy" in (s.last_error or ""))
        holder.kill()
        holder.wait()
        watch.wait_for(lambda s: s.state is WorkerState.IDLE and s.pending == 0)
    finally:
        holder.kill()
        worker.stop()
    assert_in_agreement(timo.tracker.store, sandbox)


def test_a_round_that_finds_another_program_syncing_is_no_problem_to_show(
    timo: Timo, watch: Watch
) -> None:
    """While `timo sync` held the turn, the window showed the wait as a problem in three
    orange lines that pushed the list down."""
    from filelock import FileLock

    from timo_desktop.sync.turns import lock_file

    timo.engine.turn_wait = 0.2
    add(timo, 1)
    with FileLock(lock_file(timo.store.path)):
        worker = _worker(timo, watch, interval=3600)
        worker.start()
        try:
            status = watch.wait_for(lambda s: s.state is WorkerState.IDLE)
        finally:
            worker.stop()
    assert status.last_error in (None, "") and status.pending == 1
    assert "another Timo program" not in status.message


def _damage(database: Path) -> None:
    """Overwrite the first bytes of every table's and index's root page: the file still
    opens, reading any of them says "database disk image is malformed"."""
    with closing(sqlite3.connect(database)) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = connection.execute("SELECT rootpage FROM sqlite_master WHERE rootpage").fetchall()
    with database.open("r+b") as file:
        for (root,) in roots:
            file.seek((root - 1) * size)
            file.write(b"\xff" * 16)


@pytest.mark.parametrize("trouble", ["damaged", "deleted"])
def test_a_round_whose_status_cannot_be_read_leaves_the_worker_running(
    tmp_path: Path, fake_time: FakeTime, watch: Watch, trouble: str
) -> None:
    """Reading the status for a signed-out round failed on a damaged or deleted file: the
    thread ended ("Exception in thread timo-sync"), no round ran again and the window said
    nothing."""
    from timo_desktop.services import Tracker

    database = tmp_path / "t.sqlite3"
    Tracker.open(database, zone="Europe/Berlin").close()
    if trouble == "damaged":
        _damage(database)
    else:
        database.unlink()

    def no_sign_in() -> object:
        raise SignedOut("sign in to sync")

    worker = SyncWorker(no_sign_in, watch, database=database)  # type: ignore[arg-type]
    worker.start()
    try:
        status = watch.wait_for(lambda s: s.last_error is not None)
        words = "is damaged" if trouble == "damaged" else "is not there any more"
        assert words in status.message and status.message.startswith("Not synced: ")
        assert status.state is WorkerState.IDLE
        mark = watch.mark()
        worker.sync_now()  # another round runs: the thread lives on
        watch.wait_for(lambda s: s.last_error == status.last_error, after=mark)
        assert worker.running and worker.rounds == 2
    finally:
        worker.stop()
