"""End of day against the real sandbox: a refused entry's "Fix…" lands on its fixes in the
window's Needs attention panel (a new project, here), not on another retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import ROUND_MS, app, sync_round  # noqa: F401
from timo_desktop.core.attention import Concern
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Span
from timo_desktop.settings import Settings
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.end_of_day import DaySummary
from timo_desktop.ui.reminders import Reminders


def test_fix_opens_the_new_project_picker_of_an_entry_whose_project_was_archived(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    entry = app.tracker.add(
        "Old project", start, start + timedelta(minutes=20), target=Target(project_id="prj_1")
    )
    sandbox.set_project("prj_1", status="archived")
    sync_round(qtbot, app, app.sync_now)

    def panel_shown() -> bool:
        return app._attention_panel is not None and app._attention_panel.isVisible()

    qtbot.waitUntil(panel_shown, timeout=ROUND_MS)
    panel = app._attention_panel
    assert panel is not None
    row = panel.row_for(entry.client_ref)
    assert row.item.kind == "target" and row.picker is not None

    reminders = Reminders(app, Settings())
    app.destroyed.connect(reminders.stop)
    popup = reminders.end_of_day()
    day = app.tracker.day_of(entry)  # the entry's own day: the test may run near midnight
    items = app.reports().attention(Span(day, day))
    popup.show_summary(DaySummary(0, 0, None, None, items))
    button = popup.fix_buttons[(entry.client_ref, Concern.REFUSED)]
    assert button.text() == "Fix…"
    button.click()

    window = app.window
    assert window.isVisible() and window.attention_button.isChecked()
    assert window.entries.current_ref() == entry.client_ref
    assert window.focusWidget() is row.picker  # the fix itself, one key press away
