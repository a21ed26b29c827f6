"""The day-grouped entry model: days, totals, attention reasons, edits sent out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QModelIndex, Qt
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


def test_what_each_cell_lets_be_done_with_it() -> None:
    """Day headers are not selected or edited; an entry's fields are edited in place but for
    its billable mark (a click flips it), sync badge and actions; the running timer's
    duration waits until it is stopped. The first entry of an earlier day is no timer."""
    running = replace(finished(TUE, "11:00", 30, "Running"), end=None)
    model = EntryListModel()
    model.set_entries(
        [running, finished(TUE, "09:00", 30), finished(MON, "16:00", 30)],
        context(clock=lambda: running.start.replace(hour=12)),
    )
    enabled, selectable = Qt.ItemFlag.ItemIsEnabled, Qt.ItemFlag.ItemIsSelectable
    edited = enabled | selectable | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsEditable
    fixed = enabled | selectable | Qt.ItemFlag.ItemNeverHasChildren
    in_place = {Column.DESCRIPTION, Column.TARGET, Column.TAGS, Column.TIMES, Column.DURATION}

    def flags(day: int, row: int) -> dict[Column, Qt.ItemFlag]:
        header = model.index(day, 0)
        return {column: model.flags(model.index(row, column, header)) for column in Column}

    for day in (0, 1):
        assert model.flags(model.index(day, 0)) == enabled
    finished_row = {c: edited if c in in_place else fixed for c in Column}
    assert flags(0, 0) == {**finished_row, Column.DURATION: fixed}  # the running timer
    assert flags(0, 1) == finished_row
    assert flags(1, 0) == finished_row
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_the_texts_a_view_sizes_the_target_and_tags_to_are_every_entrys() -> None:
    other = Target(project_id="p2")
    model = EntryListModel()
    model.set_entries(
        [
            finished(TUE, "09:00", 30, "Same", target=WEB),
            finished(TUE, "10:00", 30, "Same", target=other),
            finished(MON, "09:00", 30, "Same"),
        ],
        context(target_label={WEB: "Website", other: "Intranet"}.get),
    )
    assert model.shown_texts(Column.TARGET) == {"Website", "Intranet", ""}
    tagged = [
        replace(finished(TUE, "09:00", 30, target=WEB), tags=tags)
        for tags in [("design",), ("design", "urgent"), ("design",), ()]
    ]
    model.set_entries(tagged, context())
    assert model.shown_texts(Column.TAGS) == {"design", "design, urgent", ""}


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
