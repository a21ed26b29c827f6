"""The window and the tray's sync line after a round that stopped before its end with
nothing to send (Vmoox could not be asked: a 503 on `/v1/me`): "Not synced: …", not a
green "All synced", while an entry made on the server is still missing here; the round
that brings it says "All synced". The app signed in to the real sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import post_on_server
from tests.ui.signed_in import app, sync_round  # noqa: F401
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_status import Tone
from timo_desktop.ui.tray import Tray

CUT_SHORT = "Not synced: Fault injected by the sandbox."


def test_a_round_cut_short_is_not_the_all_clear(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    ref = post_on_server(sandbox, "Made on the web", start)
    sandbox.add_fault("/v1/me", "status", status=503)  # every try of the round
    sync_round(qtbot, app, app.sync_now)

    assert app.tracker.store.get(ref) is None  # not here yet
    label = app.window.sync_label
    assert label.text() == CUT_SHORT  # was "All synced · 14:02", in green
    tip = label.toolTip().splitlines()
    assert tip[0] == CUT_SHORT
    assert tip[-1].startswith("Last problem: Fault injected by the sandbox. (service-unavailable")
    summary = app.tray_state().sync
    assert summary is not None and summary.tone is not Tone.GOOD
    tray = Tray(app.tray_state)
    tray.menu.aboutToShow.emit()  # as when it opens
    assert any(action.text() == CUT_SHORT for action in tray.menu.actions())

    sandbox.clear_faults()
    sync_round(qtbot, app, app.sync_now)
    assert app.tracker.store.get(ref) is not None
    assert label.text().startswith("All synced · ")
