"""Needs attention for entries Vmoox made read-only after sync asked about them (their
period locked), against the real sandbox: the fixes Vmoox would refuse (Restore my value,
Restore) are not offered, a line says why, and the fix that lets the question go stays;
once the lock is lifted, the others come back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import delete_on_server, edit_on_server, server_entries
from tests.ui.signed_in import ROUND_MS, app, attention_row, sync_round  # noqa: F401
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import to_text
from timo_desktop.ui.attention_panel import AttentionRow
from timo_desktop.ui.controller import TimoApp

PROJECT = Target(project_id="prj_1", task_id="tsk_2")
LOCKED = "Read-only because its period is locked; ask an admin to unlock it."


def _month_ago(timo: TimoApp, description: str, hours: float) -> tuple[str, datetime]:
    """A new entry of 20 minutes, a month back (`hours` more): its reference and start."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30, hours=hours)
    entry = timo.tracker.add(description, start, start + timedelta(minutes=20), target=PROJECT)
    return entry.client_ref, start


def _lock_a_week_back(sandbox: SandboxHandle) -> None:
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())


def _shown(row: AttentionRow) -> list[str]:
    return [b.text() for b in row.buttons.values()]


def test_a_conflict_on_a_locked_entry_offers_only_keep_servers_and_says_why(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref, start = _month_ago(app, "Planning", 3)
    sync_round(qtbot, app, app.sync_now)
    edit_on_server(sandbox, ref, {"end": to_text(start + timedelta(minutes=10))})
    app.tracker.edit(ref, end=start + timedelta(minutes=30))
    sync_round(qtbot, app, app.sync_now)  # the server's end wins; yours is kept to restore
    assert _shown(attention_row(qtbot, app, ref)) == ["Restore my value", "Keep server's"]
    _lock_a_week_back(sandbox)

    sync_round(qtbot, app, app.sync_now)

    row = attention_row(qtbot, app, ref, until=lambda row: row.item.read_only is not None)
    assert row.item.kind == "conflict"
    assert _shown(row) == ["Keep server's"]  # was Restore my value too, refused by Vmoox
    assert row.read_only.text() == LOCKED and not row.read_only.isHidden()

    sandbox.set_workspace(lock_date=None)
    sync_round(qtbot, app, app.sync_now)
    row = attention_row(qtbot, app, ref, until=lambda row: row.item.read_only is None)
    assert _shown(row) == ["Restore my value", "Keep server's"]
    assert row.read_only.isHidden()

    _lock_a_week_back(sandbox)
    sync_round(qtbot, app, app.sync_now)
    row = attention_row(qtbot, app, ref, until=lambda row: row.item.read_only is not None)
    row.buttons["keep"].click()
    qtbot.waitUntil(lambda: app.tracker.sync_attention() == [], timeout=ROUND_MS)
    assert app.tracker.get(ref).end == start + timedelta(minutes=10)


def test_an_entry_deleted_on_the_server_while_locked_can_be_discarded(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref, _start = _month_ago(app, "Workshop", 5)
    sync_round(qtbot, app, app.sync_now)
    delete_on_server(sandbox, ref)
    app.tracker.edit(ref, description="Workshop notes")
    _lock_a_week_back(sandbox)

    sync_round(qtbot, app, app.sync_now)

    row = attention_row(qtbot, app, ref)
    assert (row.item.kind, row.read_only.text()) == ("deleted", LOCKED)
    assert _shown(row) == ["Discard"]  # Restore would be a new entry in a locked period

    row.buttons["discard"].click()
    qtbot.waitUntil(lambda: app.tracker.sync_attention() == [], timeout=ROUND_MS)
    assert app.tracker.store.get(ref).is_deleted
    sync_round(qtbot, app, app.sync_now)
    assert app.tracker.sync_attention() == []
    assert ref not in {e["client_ref"] for e in server_entries(sandbox)}


def test_restore_clicked_before_the_panel_shows_a_lock_just_pulled_is_refused_saying_why(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref, start = _month_ago(app, "Review", 4)
    sync_round(qtbot, app, app.sync_now)
    edit_on_server(sandbox, ref, {"end": to_text(start + timedelta(minutes=10))})
    app.tracker.edit(ref, end=start + timedelta(minutes=30))
    sync_round(qtbot, app, app.sync_now)
    attention_row(qtbot, app, ref)
    shown = app.tracker.sync_attention()  # the panel's items before the lock
    _lock_a_week_back(sandbox)
    sync_round(qtbot, app, app.sync_now)  # the worker pulls the lock
    attention_row(qtbot, app, ref, until=lambda row: row.item.read_only is not None)
    panel = app._attention_panel
    assert panel is not None
    panel.show_items(shown)  # as it was until its next refresh
    queued = app.tracker.store.outbox(ref)

    attention_row(qtbot, app, ref).buttons["restore"].click()

    row = attention_row(qtbot, app, ref, until=lambda row: "That did not work" in row.reason.text())
    assert row.reason.text().endswith(
        "That did not work: this entry is read-only in Vmoox because its period is locked;"
        " ask an admin to unlock it"
    )
    assert (_shown(row), row.read_only.text()) == (["Keep server's"], LOCKED)
    assert app.tracker.store.outbox(ref) == queued  # nothing for Vmoox to refuse
    assert app.tracker.get(ref).end == start + timedelta(minutes=10)
