"""Sync health in the window for an entry that reads differently on Vmoox with nothing
queued to settle it: each field is shown both ways, and either version can be kept."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entry
from tests.ui.signed_in import ROUND_MS, app, sync_round  # noqa: F401
from tests.ui.test_sync_ui import _add
from timo_desktop.store import sync_state
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_health import WHAT


def test_keep_mine_from_the_health_page_puts_my_version_on_vmoox(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref = _add(app, "Homepage layout", 5)
    sync_round(qtbot, app, app.sync_now)
    # A change here that never reached the outbox (the kind of loss sync health is for):
    # no later round sends it or fetches over it.
    with app.tracker.store.write() as tx:
        entry = tx.get(ref)
        assert entry is not None
        sync_state.put_entry(tx.connection, replace(entry, description="Homepage"))
    page = app.open_sync_health()
    with qtbot.waitSignal(page.checked, timeout=ROUND_MS) as checked:
        pass
    [finding] = [f for f in checked.args[0].findings if ref in f.client_refs]
    assert finding.kind == "differs"
    [row] = [r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "Homepage"]
    what = page.table.item(row, WHAT).text()
    assert "Description: 'Homepage' here, 'Homepage layout' on Vmoox" in what
    page.button_for("take_server_copy", "Homepage")  # the other way out is offered too

    with qtbot.waitSignal(page.checked, timeout=ROUND_MS) as again:
        page.button_for("send_mine", "Homepage").click()
    assert not [f for f in again.args[0].findings if ref in f.client_refs]
    qtbot.waitUntil(
        lambda: server_entry(sandbox, ref)["description"] == "Homepage", timeout=ROUND_MS
    )
