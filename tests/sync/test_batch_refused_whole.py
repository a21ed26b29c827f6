"""A batch the server refuses as a whole blames only the entry that broke it."""

from __future__ import annotations

from dataclasses import replace

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, assert_in_agreement, server_entry
from timo_desktop.store import sync_state
from timo_desktop.store.outbox import Op

TAGS = tuple(f"tag{i}" for i in range(25))  # the API keeps at most 20


def test_one_entry_with_too_many_tags_waits_alone_and_the_rest_sync(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    before = [add(timo, i) for i in range(3)]
    # Kept by an older Timo, before it checked tags (the Tracker refuses them now).
    tagged = replace(add(timo, 4), tags=TAGS)
    now = timo.time.now()
    with timo.store.write() as tx:
        tx.save(tagged.changed(now), Op.UPDATE, now)
    after = [add(timo, i) for i in range(6, 8)]
    report = timo.engine.sync_until_done(timeout=60)
    first = timo.recorder.writes(":batch")[0]
    assert first.status == 422 and first.body.count(b'"client_ref"') == 6  # refused whole
    assert report.pending == 0 and report.attention == 1
    [(ref, code, message)] = sync_state.attention(timo.store.connection)
    assert (ref, code) == (tagged.client_ref, "validation-failed")
    assert message == (
        "Vmoox refused its tags (List should have at most 20 items after validation, not 25): "
        "correct it here and it is sent again"
    )
    for entry in before + after:
        assert server_entry(sandbox, entry.client_ref)
        stored = timo.store.get(entry.client_ref)
        assert stored is not None and stored.sync_state.value == "synced"
    assert_in_agreement(timo.store, sandbox, waiting={tagged.client_ref})

    timo.tracker.edit(tagged.client_ref, tags=TAGS[:20])  # the fix, sent at once
    report = timo.engine.sync_until_done(timeout=60)
    assert report.attention == 0
    assert server_entry(sandbox, tagged.client_ref)["tags"] == list(TAGS[:20])
    assert_in_agreement(timo.store, sandbox)
