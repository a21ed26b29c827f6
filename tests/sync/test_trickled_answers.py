"""A server or proxy that sends its answer a few bytes at a time trips no read timeout:
the round ends at the request's deadline with the words of an answer that never came,
and the next round settles what was sent, without a duplicate (the real sandbox's
trickle fault, finite at ~10 s, against a 1 s deadline)."""

from __future__ import annotations

from pathlib import Path

from tests.support.sandbox import SandboxHandle
from tests.sync.support import (
    FakeTime,
    add,
    assert_in_agreement,
    make_timo,
    server_entry,
    sync_past_backoff,
)
from timo_desktop.sync.status import read_status

BATCH = "/v1/workspaces/*/time-entries:batch"
# The connection was made, so Vmoox is there, only slow.
NO_ANSWER = "Vmoox is slow to answer — no answer from 127.0.0.1: it did not answer in time"


def test_a_trickled_batch_ends_the_round_and_the_next_round_settles_it(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    timo = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time, deadline=1.0)
    try:
        entry = add(timo, 1)
        # Trickled as often as a round may try (three times).
        sandbox.add_fault(BATCH, "trickle", method="POST", times=3, piece_bytes=32, pause_ms=500)
        first = timo.engine.sync()
        sandbox.clear_faults()
        assert (first.pushed, first.pending, set(first.errors)) == (0, 1, {NO_ANSWER})
        # What the window's sync status and `timo sync status` say meanwhile.
        assert read_status(timo.store).message == (
            "Vmoox is slow to answer — 1 entry will sync when it answers"
        )

        settled = timo.engine.sync_until_done(timeout=60)
        assert (settled.pushed, settled.pending, settled.errors) == (1, 0, [])
        batches = timo.recorder.writes(":batch")
        assert len({b.headers["idempotency-key"] for b in batches}) == 1 < len(batches)
        assert len({b.body for b in batches}) == 1
        assert server_entry(sandbox, entry.client_ref)["description"] == "work 1"  # only one
        assert_in_agreement(timo.store, sandbox)
        assert read_status(timo.store).message == "All synced"
    finally:
        timo.close()


def test_a_batch_whose_head_is_trickled_ends_at_the_deadline_and_is_taken_once(
    sandbox: SandboxHandle, tmp_path: Path, fake_time: FakeTime
) -> None:
    """Vmoox took the batch, then sent its answer's status line and headers two bytes at a
    time: the request ends at its deadline, before the status line is through (before, the
    head had no deadline), and the round sends the batch again under its key."""
    timo = make_timo(sandbox, tmp_path / "timo.sqlite3", fake_time, deadline=1.0)
    try:
        entry = add(timo, 1)
        trickled = {"head": True, "piece_bytes": 2, "pause_ms": 400, "times": 1}
        sandbox.add_fault(BATCH, "trickle", method="POST", **trickled)
        reports = sync_past_backoff(timo)
        assert sum(r.pushed for r in reports) == 1 and reports[-1].pending == 0
        assert reports[0].errors == [NO_ANSWER] and reports[1].errors == []
        [fault] = sandbox.faults()
        assert fault["pieces_sent"] * 2 < len(b"HTTP/1.1 200 OK\r\n")
        batches = timo.recorder.writes(":batch")
        assert len(batches) == 2
        assert len({b.headers["idempotency-key"] for b in batches}) == 1
        assert len({b.body for b in batches}) == 1
        assert server_entry(sandbox, entry.client_ref)["description"] == "work 1"  # only one
        assert_in_agreement(timo.store, sandbox)
    finally:
        timo.close()
