"""An entry refused for a field (`422`) with a value the server replaced before: both
questions are listed, as the sync status counts them, and either can be settled."""

from __future__ import annotations

from datetime import timedelta

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, add, edit_on_server, server_entry
from timo_desktop.sync.attention import needs_attention
from timo_desktop.sync.status import read_status


def test_a_refused_entry_still_lists_the_value_the_server_replaced(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    entry = add(timo, 1)
    ref = entry.client_ref
    timo.engine.sync()
    edit_on_server(sandbox, ref, {"description": "named on the laptop"})
    timo.tracker.edit(ref, description="named here")
    timo.engine.sync()  # the server's description wins; yours is kept to put back
    assert [i.kind for i in needs_attention(timo.store)] == ["conflict"]

    sandbox.set_workspace(max_entry_seconds=1800)
    assert entry.end is not None
    timo.tracker.edit(ref, end=entry.end + timedelta(minutes=30))  # 45 min: refused there
    timo.engine.sync()
    items = needs_attention(timo.store)
    assert [(i.kind, i.client_ref) for i in items] == [("refused", ref), ("conflict", ref)]
    assert "Vmoox refused its end" in items[0].message
    assert items[0].conflicts == ()
    assert "description “named on the laptop” (yours: “named here”)" in items[1].message
    assert read_status(timo.store).conflicts == len([i for i in items if i.kind == "conflict"])

    timo.engine.restore_local_value(ref)  # keep mine: sent again with the end fixed below
    timo.tracker.edit(ref, end=entry.end)
    timo.engine.sync()
    assert needs_attention(timo.store) == []
    assert server_entry(sandbox, ref)["description"] == "named here"
