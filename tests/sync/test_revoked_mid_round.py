"""Case 20 found while pushing: access removed after the round's "who am I" pauses that
workspace (its entries kept, the round finished), as when the round starts with it."""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, assert_in_agreement, server_entry
from timo_desktop.sync.attention import needs_attention


def _revoke_after_me(timo: Timo, sandbox: SandboxHandle) -> None:
    """Access goes once the round has read the memberships, before its push."""
    done: list[bool] = []

    def hook(request: httpx.Request, response: httpx.Response | None) -> Any:
        if request.url.path == "/v1/me" and not done:
            done.append(True)
            sandbox.set_membership(status="revoked")

    timo.recorder.after.append(hook)


def test_access_removed_during_a_push_pauses_the_workspace(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    timo.engine.sync()
    sent = add(timo, 1)
    timo.engine.sync()
    timo.tracker.edit(sent.client_ref, description="edited before access went")
    new = add(timo, 2)
    _revoke_after_me(timo, sandbox)

    report = timo.engine.sync()  # stopped with "cannot start a transaction within a transaction"

    assert report.frozen == 2 and report.pending == 0, report
    [held] = needs_attention(timo.store)
    assert held.kind == "frozen" and held.count == 2
    assert held.message.startswith("Sync to ")
    assert timo.store.get(new.client_ref) == new

    sandbox.set_membership(status="active")
    report = timo.engine.sync_until_done(timeout=60)
    assert report.frozen == 0 and report.pending == 0
    assert server_entry(sandbox, sent.client_ref)["description"] == "edited before access went"
    assert_in_agreement(timo.store, sandbox)
