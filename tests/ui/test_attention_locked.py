"""Needs attention for the lock date, against the real sandbox: a new entry Vmoox would
not take offers what fixes it (Delete here, Change the date, Retry now); a refused
edit of an entry Vmoox holds says which values it kept, and OK lets them go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.sync.support import server_entries, server_entry
from tests.ui.signed_in import ROUND_MS, app, attention_row, sync_round  # noqa: F401
from timo_desktop.core.entry import Target
from timo_desktop.core.local_time import at_local, local
from timo_desktop.ui.controller import TimoApp

PROJECT = Target(project_id="prj_1", task_id="tsk_2")


def _ago(hours: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours)


def _add(timo: TimoApp, description: str, hours_ago: float) -> str:
    start = _ago(hours_ago)
    entry = timo.tracker.add(description, start, start + timedelta(minutes=20), target=PROJECT)
    return entry.client_ref


def _lock_a_week_back(sandbox: SandboxHandle) -> None:
    sandbox.set_workspace(lock_date=(datetime.now(UTC) - timedelta(days=7)).date().isoformat())


def _no_row(qtbot: QtBot, timo: TimoApp, ref: str) -> None:
    panel = timo._attention_panel
    assert panel is not None
    qtbot.waitUntil(lambda: all(r.item.client_ref != ref for r in panel.rows), timeout=ROUND_MS)


def test_a_new_entry_refused_for_the_lock_moves_to_another_day_or_goes(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    _lock_a_week_back(sandbox)
    moved = _add(app, "Forgot on Monday", 24 * 30 + 3)
    dropped = _add(app, "Typed twice", 24 * 30 + 5)
    sync_round(qtbot, app, app.sync_now)
    row = attention_row(qtbot, app, moved)
    assert row.item.kind == "locked-new"
    assert row.reason.text().startswith("Not sent: this workspace takes no entries before ")
    assert [b.text() for b in row.buttons.values()] == [
        "Delete here",
        "Change the date…",
        "Retry now",
    ]  # was OK alone, which did nothing

    row.buttons["date"].click()
    assert row.day is not None and not row.day.isHidden()
    zone = app.tracker.zone
    day = local(_ago(3), zone).date()  # three hours back: no other entry there
    row.day.setDate(day)
    row.buttons["move"].click()
    _no_row(qtbot, app, moved)
    start = at_local(day, local(app.tracker.get(moved).start, zone).time(), zone)
    qtbot.waitUntil(
        lambda: (
            [e["start"] for e in server_entries(sandbox) if e["client_ref"] == moved]
            == [start.strftime("%Y-%m-%dT%H:%M:%SZ")]
        ),
        timeout=ROUND_MS,
    )

    gone = attention_row(qtbot, app, dropped)
    gone.buttons["delete"].click()
    _no_row(qtbot, app, dropped)
    assert app.tracker.store.get(dropped).is_deleted
    assert dropped not in {e["client_ref"] for e in server_entries(sandbox)}


def test_a_day_still_locked_is_refused_beside_the_reason(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    _lock_a_week_back(sandbox)
    ref = _add(app, "Forgot on Monday", 24 * 30 + 3)
    sync_round(qtbot, app, app.sync_now)
    row = attention_row(qtbot, app, ref)
    row.buttons["date"].click()
    row.day.setDate(local(_ago(24 * 20), app.tracker.zone).date())
    row.buttons["move"].click()
    assert row.reason.text().endswith("are locked in Northwind Agency")
    assert "That did not work: entries before " in row.reason.text()


def test_a_refused_edit_says_what_vmoox_kept_and_keep_theirs_lets_it_go(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    ref = _add(app, "Planning", 24 * 30 + 3)
    sync_round(qtbot, app, app.sync_now)
    app.tracker.edit(ref, description="Planning, edited")  # the lock not known here yet
    _lock_a_week_back(sandbox)
    sync_round(qtbot, app, app.sync_now)
    row = attention_row(qtbot, app, ref)
    assert row.item.kind == "locked"
    # Waiting does no harm, and the button says it drops what waits (it said "OK").
    assert row.reason.text().endswith(
        "Vmoox keeps description “Planning” (yours: “Planning, edited”)."
        " Once an admin unlocks that period, yours go by themselves."
    )
    assert list(row.buttons) == ["acknowledge"]
    assert row.buttons["acknowledge"].text() == "Keep server's"

    row.buttons["acknowledge"].click()
    _no_row(qtbot, app, ref)
    # Not back as "Changed on the server while you edited it": the server changed nothing.
    assert app.tracker.sync_attention() == []
    assert server_entry(sandbox, ref)["description"] == "Planning"


def test_delete_here_is_one_undo_step_like_the_lists_delete(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    _lock_a_week_back(sandbox)
    ref = _add(app, "Typed twice", 24 * 30 + 5)
    sync_round(qtbot, app, app.sync_now)
    attention_row(qtbot, app, ref).buttons["delete"].click()
    _no_row(qtbot, app, ref)
    assert app.tracker.store.get(ref).is_deleted
    assert app.window.undo_bar.message.text() == "Deleted “Typed twice”."
    sync_round(qtbot, app, app.sync_now)  # nothing goes: Vmoox never had it

    app.undo_last()  # was: Nothing to undo
    assert app.window.undo_bar.message.text() == "Undone: Delete “Typed twice”."
    assert app.tracker.get(ref).description == "Typed twice"
    sync_round(qtbot, app, app.sync_now)
    back = attention_row(qtbot, app, ref)  # waiting for the lock again, with the same fixes
    assert back.item.kind == "locked-new"
    assert list(back.buttons) == ["delete", "date", "retry"]

    app.redo_last()
    _no_row(qtbot, app, ref)
    assert app.tracker.store.get(ref).is_deleted
    sync_round(qtbot, app, app.sync_now)
    assert ref not in {e["client_ref"] for e in server_entries(sandbox)}
    assert app.tracker.sync_attention() == []
