"""Vmoox's database put back from an older copy (or started afresh) at the same address:
entries it had taken, and no longer holds, not even deleted, are sent again at the next
whole snapshot, so no billable minute stays only here while "All synced" is said. The
sandbox's reset keeps the sign-in, as a database put back would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, assert_in_agreement, server_entries
from timo_desktop.core.local_time import to_text
from timo_desktop.sync.pull import TOMBSTONES_KEPT
from timo_desktop.sync.status import LAST_SUCCESS


def test_entries_the_server_lost_are_sent_again(timo: Timo, sandbox: SandboxHandle) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    kept = timo.tracker.add("Design", now - timedelta(hours=3), now - timedelta(hours=1))
    timo.tracker.add("Call", now - timedelta(minutes=50), now - timedelta(minutes=20))
    assert timo.engine.sync().pushed == 2
    sandbox.reset()
    assert kept.client_ref not in {e["client_ref"] for e in server_entries(sandbox)}

    sandbox.expire_sync_tokens()  # the server no longer knows where Timo had read to
    timo.engine.sync_until_done(timeout=60)

    on_server = {e["client_ref"]: e["description"] for e in server_entries(sandbox)}
    assert on_server[kept.client_ref] == "Design"
    assert sorted(d for d in on_server.values() if d in ("Design", "Call")) == ["Call", "Design"]
    assert_in_agreement(timo.store, sandbox)


def test_an_entry_deleted_on_the_server_is_not_sent_again(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Its tombstone is in the snapshot: deleted there, it goes here too."""
    now = datetime.now(UTC).replace(microsecond=0)
    gone = timo.tracker.add("Scrapped", now - timedelta(hours=2), now - timedelta(hours=1))
    timo.engine.sync()
    [remote] = [e for e in server_entries(sandbox) if e["client_ref"] == gone.client_ref]
    response = sandbox.client.delete(
        f"{sandbox.entries_path()}/{remote['id']}", headers={"If-Match": str(remote["version"])}
    )
    assert response.status_code == 204, response.text
    sandbox.expire_sync_tokens()
    timo.engine.sync_until_done(timeout=60)
    assert gone.client_ref not in {e["client_ref"] for e in server_entries(sandbox)}
    assert timo.store.get(gone.client_ref).is_deleted  # type: ignore[union-attr]


def test_after_longer_away_than_vmoox_keeps_deletes_nothing_is_sent_again(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    """Last in touch longer ago than Vmoox keeps deletes: an entry it no longer holds may
    have been deleted there, so it is not brought back unasked (`timo sync health` lists
    it as only here, with Send again)."""
    now = datetime.now(UTC).replace(microsecond=0)
    kept = timo.tracker.add("Old work", now - timedelta(hours=3), now - timedelta(hours=1))
    timo.engine.sync()
    sandbox.reset()
    with timo.store.write() as tx:
        tx.set_meta(LAST_SUCCESS, to_text(now - TOMBSTONES_KEPT - timedelta(days=1)))
    sandbox.expire_sync_tokens()
    timo.engine.sync()
    assert kept.client_ref not in {e["client_ref"] for e in server_entries(sandbox)}
