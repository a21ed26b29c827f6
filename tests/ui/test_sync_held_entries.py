"""Time held for a workspace whose access was removed is never "All synced": the window and
the tray say what is held and why, in the words `timo sync status` prints, not in green, and
the tray's sync line opens Needs attention with its fix under the keyboard — against the real
sandbox revoking a membership."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import ROUND_MS, app, sync_round  # noqa: F401
from timo_desktop.core.entry import Target
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.sync_status import Tone
from timo_desktop.ui.tray import Tray

SIDE = "Dana's Side Studio"
HELD = f"1 entry held for {SIDE}: your access to {SIDE} was removed"


def test_entries_held_for_a_lost_workspace_are_said_and_one_click_from_their_fix(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
    timo_home: Path,
) -> None:
    sandbox.set_membership(workspace_id="ws_2", status="revoked")
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    portfolio = Target(project_id="prj_9")  # a project of the side studio
    app.tracker.add(
        "Portfolio review", start, start + timedelta(minutes=45), target=portfolio, billable=True
    )
    sync_round(qtbot, app, app.sync_now)

    label = app.window.sync_label
    assert label.text() == HELD
    assert label.property("tone") == Tone.BAD.value  # red, not the all-clear's green
    # The command line says it in the same words (wrapped to 80 columns).
    said = " ".join(run_timo(timo_home, "sync", "status").stdout.split())
    assert said.startswith(f"{HELD} ")
    # Needs attention counts it in good grammar (shown once the window has read it again).
    qtbot.waitUntil(lambda: app._attention_panel is not None, timeout=ROUND_MS)
    assert app._attention_panel is not None
    row = app._attention_panel.row_for(None, "frozen")
    assert row.title.text() == "1 entry held"

    # The tray says the same, as an item that opens Needs attention, the fix focused.
    tray = Tray(app.tray_state)
    tray.attention_requested.connect(app.open_needs_attention)
    tray.menu.aboutToShow.emit()  # as when it opens
    [line] = [action for action in tray.menu.actions() if action.toolTip().startswith(HELD)]
    assert line.isEnabled()  # drawn in the menu's text colour, not the disabled grey
    line.trigger()
    assert app.window.isVisible()
    assert app.window.focusWidget() is row.buttons["export"]
