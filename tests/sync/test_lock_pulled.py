"""Case 21 from the other side: entries this computer first pulls while their period is
locked (a new computer's first sync, a sync token expired) come marked read-only, as
invoiced ones do. Once the period is unlocked they are editable again; an invoiced one
stays read-only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.sandbox import SandboxHandle
from tests.sync.support import Timo, post_on_server, server_entry
from timo_desktop.core.errors import InvalidEntry
from timo_desktop.sync.attention import needs_attention


def _a_month_ago(sandbox: SandboxHandle, description: str) -> str:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
    return post_on_server(sandbox, description, start)


def test_an_entry_first_pulled_while_its_period_is_locked_is_editable_once_unlocked(
    timo: Timo, sandbox: SandboxHandle
) -> None:
    plain = _a_month_ago(sandbox, "Workshop")
    invoiced = _a_month_ago(sandbox, "Retainer")
    sandbox.set_invoiced(server_entry(sandbox, invoiced)["id"])
    lock_date = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    sandbox.set_workspace(lock_date=lock_date)
    timo.engine.sync()  # the first this computer sees of either
    with pytest.raises(InvalidEntry, match=f"^entries before {lock_date} are locked"):
        timo.tracker.edit(plain, description="Workshop, with notes")

    sandbox.set_workspace(lock_date=None)
    timo.engine.sync()

    # Not "read-only in Vmoox (it has been invoiced)": only its period was locked.
    timo.tracker.edit(plain, description="Workshop, with notes")
    timo.engine.sync()
    assert server_entry(sandbox, plain)["description"] == "Workshop, with notes"
    # Vmoox marks an invoiced entry as it marks a locked period's, so this one was taken for
    # the period's too: its edit is refused by Vmoox, said, and what was typed kept beside.
    timo.tracker.edit(invoiced, description="Retainer, changed")
    timo.engine.sync()
    [item] = needs_attention(timo.store)
    assert (item.kind, item.entry.description if item.entry else None) == ("locked", "Retainer")
    assert [c.local_value for c in item.conflicts] == ["Retainer, changed"]
    with pytest.raises(InvalidEntry, match="invoiced"):  # known for good from now on
        timo.tracker.edit(invoiced, description="Retainer, changed again")
