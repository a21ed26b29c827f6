"""Sync health's fixes on the engine: download, resend and delete the duplicate copies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import PROJECT, Timo, assert_in_agreement, post_on_server, server_entries
from timo_desktop.store import sync_state


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def test_download_brings_a_server_only_entry_in(timo: Timo, sandbox: SandboxHandle) -> None:
    timo.engine.sync()
    ref = post_on_server(sandbox, "Made on the web", _now() - timedelta(hours=3))
    [finding] = timo.engine.health().findings
    assert (finding.kind, finding.action) == ("missing_here", "download")

    assert timo.engine.download(ref) is True
    here = timo.store.get(ref)
    assert here is not None and here.description == "Made on the web"
    assert timo.engine.health().healthy
    assert_in_agreement(timo.store, sandbox)


def test_download_of_an_entry_the_server_lacks_changes_nothing(timo: Timo) -> None:
    timo.engine.sync()
    missing = str(uuid.uuid4())
    assert timo.engine.download(missing) is False
    assert timo.store.get(missing) is None


def test_resend_puts_a_lost_entry_back_once(timo: Timo, sandbox: SandboxHandle) -> None:
    start = _now() - timedelta(hours=2)
    entry = timo.tracker.add(
        "Lost on the way", start, start + timedelta(minutes=20), target=PROJECT
    )
    timo.engine.sync()
    sandbox.reset()  # the server loses it without telling Timo (an older backup restored)
    mine = [f for f in timo.engine.health().findings if entry.client_ref in f.client_refs]
    assert [(f.kind, f.action) for f in mine] == [("missing_on_server", "resend")]

    timo.engine.resend(entry.client_ref)
    timo.engine.sync_until_done(timeout=60)
    assert [e["client_ref"] for e in server_entries(sandbox)].count(entry.client_ref) == 1
    after = timo.engine.health().findings
    assert not [f for f in after if entry.client_ref in f.client_refs]


def test_delete_copies_keeps_the_local_one_and_removes_the_twin(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    start = _now() - timedelta(hours=4)
    mine = timo.tracker.add("Twice", start, start + timedelta(minutes=30), target=PROJECT)
    timo.engine.sync()
    sandbox.set_workspace(allow_overlap=True)
    twin = post_on_server(sandbox, "Twice", start)
    [finding] = [f for f in timo.engine.health().findings if f.action == "delete_copy"]

    kept = timo.engine.delete_copies(finding.client_refs)
    timo.engine.sync_until_done(timeout=60)
    assert kept == mine.client_ref
    refs = {e["client_ref"] for e in server_entries(sandbox)}
    assert mine.client_ref in refs and twin not in refs
    assert sync_state.open_refs(timo.store.connection) == set()
    assert timo.engine.health().healthy
