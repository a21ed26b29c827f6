"""The day-grouped entry model: days, totals, attention reasons, edits sent out."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from timo_desktop.core.entry import SyncState, Target
from timo_desktop.ui.entry_model import (
    ATTENTION_ROLE,
    AttentionFilter,
    Column,
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


def test_attention_reasons_and_filter() -> None:
    model = EntryListModel()
    refused = finished(TUE, "08:00", 30, "Refused", target=WEB, sync_state=SyncState.ATTENTION)
    fine = finished(TUE, "09:00", 30, "Fine", target=WEB)
    no_target = finished(TUE, "10:00", 30, "Loose")
    overlapping = finished(TUE, "10:15", 30, "Overlap", target=WEB)
    model.set_entries(
        [refused, fine, no_target, overlapping],
        context(attention_reason=lambda e: "Website was archived"),
    )
    day = model.index(0, 0)
    reasons = {
        model.data(model.index(r, 0, day)): model.data(model.index(r, 0, day), ATTENTION_ROLE)
        for r in range(model.rowCount(day))
    }
    assert reasons == {
        "Refused": "Website was archived",
        "Fine": "",
        "Loose": "No project or record",
        "Overlap": "Overlaps 'Loose' 10:00–10:30",
    }
    attention = AttentionFilter()
    attention.setSourceModel(model)
    assert attention.rowCount(attention.index(0, 0)) == 4
    attention.set_enabled(True)
    shown = attention.index(0, 0)
    names = {attention.data(attention.index(r, 0, shown)) for r in range(attention.rowCount(shown))}
    assert names == {"Refused", "Loose", "Overlap"}


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
