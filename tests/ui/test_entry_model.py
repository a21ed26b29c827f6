"""The day-grouped entry model: days, totals, attention reasons, edits sent out."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from timo_desktop.core.entry import SyncState, Target
from timo_desktop.ui.entry_model import (
    ATTENTION_ROLE,
    Column,
    EntryFilter,
    EntryListModel,
    ListContext,
)

MON, TUE = date(2026, 11, 23), date(2026, 11, 24)
WEB = Target(project_id="p1")


def context(**overrides: object) -> ListContext:
    values: dict[str, object] = {
        "zone": "UTC",
        "start_of_day": time(0, 0),
        "today": TUE,
        "target_label": lambda target: "Website" if target == WEB else "?",
    }
    values.update(overrides)
    return ListContext(**values)  # type: ignore[arg-type]


def test_days_newest_first_with_totals_and_billable_totals() -> None:
    model = EntryListModel()
    model.set_entries(
        [
            finished(MON, "09:00", 60, target=WEB, billable=True),
            finished(TUE, "09:00", 30, target=WEB, billable=True),
            finished(TUE, "10:00", 90, target=WEB),
        ],
        context(),
    )
    assert model.rowCount() == 2
    today = model.index(0, 0)
    assert model.data(today) == "Today — 2:00 total, 0:30 billable"
    assert model.data(model.index(1, 0)) == "Yesterday — 1:00 total, 1:00 billable"
    assert model.rowCount(today) == 2
    newest = model.index(0, Column.TIMES, today)
    assert model.data(newest) == "10:00–11:30"
    assert model.data(model.index(0, Column.TARGET, today)) == "Website"
    assert model.data(model.index(0, Column.DURATION, today)) == "1:30"


def test_start_of_day_moves_late_work_to_the_previous_day() -> None:
    model = EntryListModel()
    model.set_entries([finished(TUE, "02:00", 30, target=WEB)], context(start_of_day=time(4, 0)))
    assert model.data(model.index(0, 0)).startswith("Yesterday")


def test_attention_reasons_are_shown_and_filtered() -> None:
    model = EntryListModel()
    refused = finished(TUE, "08:00", 30, "Refused", target=WEB, sync_state=SyncState.ATTENTION)
    fine = finished(TUE, "09:00", 30, "Fine", target=WEB)
    loose = finished(TUE, "10:00", 30, "Loose")
    reasons = {
        refused.client_ref: "Not synced: Website was archived",
        loose.client_ref: "No project",
    }
    model.set_entries([refused, fine, loose], context(reasons=reasons))
    day = model.index(0, 0)
    shown = {
        model.data(model.index(r, 0, day)): model.data(model.index(r, 0, day), ATTENTION_ROLE)
        for r in range(model.rowCount(day))
    }
    assert shown == {
        "Refused": "Not synced: Website was archived",
        "Fine": "",
        "Loose": "No project",
    }
    sync_tip = model.data(model.index(0, Column.SYNC, day), Qt.ItemDataRole.ToolTipRole)
    assert sync_tip == "No project"  # newest first: Loose
    attention = EntryFilter(model)
    assert attention.rowCount(attention.index(0, 0)) == 3
    attention.set_enabled(True)
    kept = attention.index(0, 0)
    names = {attention.data(attention.index(r, 0, kept)) for r in range(attention.rowCount(kept))}
    assert names == {"Refused", "Loose"}


def test_edits_and_billable_clicks_become_requests(qtbot: QtBot) -> None:
    model = EntryListModel()
    entry = finished(TUE, "09:00", 30, "Old", target=WEB)
    model.set_entries([entry], context())
    day = model.index(0, 0)
    with qtbot.waitSignal(model.edit_requested) as edited:
        assert model.setData(model.index(0, Column.DESCRIPTION, day), "New")
    assert edited.args == [entry.client_ref, Column.DESCRIPTION, "New"]
    with qtbot.waitSignal(model.edit_requested) as toggled:
        model.setData(model.index(0, Column.BILLABLE, day), None, Qt.ItemDataRole.CheckStateRole)
    assert toggled.args == [entry.client_ref, Column.BILLABLE, True]
    with qtbot.assertNotEmitted(model.edit_requested):
        assert not model.setData(model.index(0, Column.DESCRIPTION, day), "Old")  # unchanged
    assert not model.flags(day) & Qt.ItemFlag.ItemIsEditable
