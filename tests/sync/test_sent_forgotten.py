"""Operations done long ago are dropped from the outbox with their frozen requests (each
change left ~0.5 kB for good); recent ones, and any still open, stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, slot
from timo_desktop.core.local_time import to_text
from timo_desktop.store.outbox import OpState


def test_what_was_sent_a_month_ago_is_forgotten(timo: Timo, sandbox: SandboxHandle) -> None:
    old = timo.tracker.add("Long ago", *slot(1))
    timo.engine.sync()
    connection = timo.store.connection
    with timo.store.write() as tx:  # as if it had been queued and sent 40 days ago
        tx.connection.execute(
            "UPDATE outbox SET created_at = ? WHERE client_ref = ?",
            (to_text(datetime.now(UTC) - timedelta(days=40)), old.client_ref),
        )
    recent = timo.tracker.add("Lately", *slot(2))
    sandbox.add_fault("/v1/workspaces/*/time-entries:batch", "status", status=503, times=50)
    assert timo.engine.sync().pending  # cut short: nothing is forgotten until one goes through

    assert [op.client_ref for op in timo.store.outbox()][:1] == [old.client_ref]
    sandbox.clear_faults()
    timo.engine.sync_until_done(timeout=60)

    kept = timo.store.outbox()
    assert [(op.client_ref, op.state) for op in kept] == [(recent.client_ref, OpState.DONE)]
    requests = connection.execute("SELECT count(*) FROM sync_requests").fetchone()[0]
    assert requests <= len(kept)
