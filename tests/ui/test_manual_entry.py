"""Add time manually: live checks beside the field at fault, overlap choices, nothing lost."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.ui.entries import finished
from tests.ui.typed import type_time
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import at_local, local, utc_now
from timo_desktop.core.validation import DEFAULT_RULES, EntryRules
from timo_desktop.ui.manual_entry import ManualEntry, ManualEntryDialog

ZONE = "UTC"


def dialog(
    qtbot: QtBot, existing: Sequence[Entry] = (), rules: EntryRules = DEFAULT_RULES
) -> ManualEntryDialog:
    def neighbours(start: datetime, end: datetime) -> list[Entry]:
        return [e for e in existing if e.end is not None and e.start < end and start < e.end]

    window = ManualEntryDialog(
        zone=ZONE,
        rules=lambda _target: rules,
        refused=lambda _target, others: [] if rules.allow_overlap else others,
        neighbours=neighbours,
    )
    qtbot.addWidget(window)
    yesterday = local(utc_now(), ZONE).date() - timedelta(days=1)
    window.date.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    return window


def test_end_before_start_is_shown_beside_the_end(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "10:00")
    type_time(qtbot, window.end, "09:00")
    assert window.errors["end"].text() == "End 09:00 is before start 10:00"
    assert not window.errors["end"].isHidden()
    assert not window.save_button.isEnabled()
    type_time(qtbot, window.end, "x")
    assert "is not a time of day" in window.errors["end"].text()
    assert window.start.text() == "10:00"  # nothing typed is lost


def test_bad_duration_and_start_plus_duration(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.duration, "abc")
    assert "is not a duration" in window.errors["duration"].text()
    window.duration.setText("1h30")
    qtbot.keyClicks(window.description, "Backfill")
    with qtbot.waitSignal(window.submitted) as sent:
        window.save_button.click()
    entry: ManualEntry = sent.args[0]
    assert entry.end - entry.start == timedelta(hours=1, minutes=30)
    assert entry.description == "Backfill"


def test_overlap_offers_trim_and_keep_both_only_where_allowed(qtbot: QtBot) -> None:
    yesterday = local(utc_now(), ZONE).date() - timedelta(days=1)
    review = finished(yesterday, "09:00", 60, "Design review")
    window = dialog(qtbot, [review])
    type_time(qtbot, window.start, "09:30")
    type_time(qtbot, window.end, "11:00")
    assert window.errors["form"].text() == "Overlaps 'Design review' 09:00–10:00"
    assert not window.save_button.isEnabled()
    assert not window.trim_button.isHidden()
    assert window.keep_button.isHidden()  # the workspace does not allow overlaps
    window.trim_button.click()
    with qtbot.waitSignal(window.submitted) as sent:
        window.save_button.click()
    assert sent.args[0].trim == (review,)

    allowing = dialog(qtbot, [review], EntryRules(allow_overlap=True))
    type_time(qtbot, allowing.start, "09:30")
    type_time(qtbot, allowing.end, "11:00")
    assert not allowing.keep_button.isHidden()
    allowing.keep_button.click()
    assert allowing.check() is not None and allowing.check().keep_both  # type: ignore[union-attr]


def test_future_time_is_refused(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    today = local(utc_now(), ZONE).date()
    window.date.setDate(QDate(today.year, today.month, today.day).addDays(1))
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.end, "10:00")
    assert window.errors["date"].text().startswith("That day is still to come")


def test_a_time_the_clocks_skip_is_named_beside_its_field(qtbot: QtBot) -> None:
    """Once moved silently an hour on (02:30 became 03:30), as the list's times were too."""
    window = ManualEntryDialog(
        zone="Europe/Berlin",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
    )
    qtbot.addWidget(window)
    window.date.setDate(QDate(2026, 3, 29))  # clocks go from 02:00 to 03:00
    type_time(qtbot, window.start, "02:30")
    type_time(qtbot, window.end, "04:00")
    assert window.errors["start"].text() == (
        "02:30 does not exist on Sun 2026-03-29 in Europe/Berlin: the clocks go forward then"
    )
    assert not window.save_button.isEnabled() and window.start.text() == "02:30"


def test_a_time_shown_twice_is_taken_with_the_offset_it_asks_for(qtbot: QtBot) -> None:
    """The refusal's advice could not be typed: the field read only plain clock times."""
    window = ManualEntryDialog(
        zone="Europe/Berlin",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
    )
    qtbot.addWidget(window)
    window.date.setDate(QDate(2025, 10, 26))  # clocks go from 03:00 back to 02:00
    qtbot.keyClicks(window.description, "Backup")
    type_time(qtbot, window.start, "02:30")
    type_time(qtbot, window.end, "04:00")
    assert "02:30+02:00 or 02:30+01:00" in window.errors["start"].text()
    window.start.clear()
    type_time(qtbot, window.start, "02:30+01:00")  # the second time the clocks show 02:30
    checked = window.check()
    assert checked is not None
    assert checked.start == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert checked.end - checked.start == timedelta(hours=1, minutes=30)


def test_the_trim_button_names_a_long_description_shortened(qtbot: QtBot) -> None:
    """A 200-character description made the Trim button wider than the screen, its label
    cut off at both ends with "Trim" nowhere to be seen."""
    yesterday = local(utc_now(), ZONE).date() - timedelta(days=1)
    long = "Drafted the hero headline alternatives " * 5
    window = dialog(qtbot, [finished(yesterday, "09:00", 60, long)])
    type_time(qtbot, window.start, "09:30")
    type_time(qtbot, window.end, "11:00")
    label = window.trim_button.text()
    assert label.startswith("T&rim “Drafted the hero") and label.endswith("…”")
    assert len(label) < 45


def test_times_worked_out_the_night_the_clocks_go_back_name_their_offsets(
    qtbot: QtBot,
) -> None:
    """01:00 + 2h showed an end of 02:00 beside the 2h, which read as a contradiction."""
    window = ManualEntryDialog(
        zone="Europe/Berlin",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
    )
    qtbot.addWidget(window)
    window.date.setDate(QDate(2025, 10, 26))  # clocks go from 03:00 back to 02:00
    qtbot.keyClicks(window.description, "Backup")
    type_time(qtbot, window.start, "01:00")
    type_time(qtbot, window.duration, "2h")
    assert window.check() is not None
    assert window.end.placeholderText() == "02:00 UTC+1"
    assert window.start.placeholderText() == "01:00 UTC+2"


def test_with_a_later_start_of_day_an_end_in_its_night_follows_any_start(
    qtbot: QtBot,
) -> None:
    """With days starting at 04:00, an end before 04:00 is in the working day's night, as a
    start is: 14:00–02:00 was refused as an end before its start, though 02:00 and 12h
    alone made 14:00–02:00 the next morning."""
    tuesday = date(2026, 3, 10)
    later = at_local(date(2026, 3, 12), time(12), "Europe/Berlin")
    window = ManualEntryDialog(
        zone="Europe/Berlin",
        rules=lambda _target: DEFAULT_RULES,
        refused=lambda _target, others: others,
        neighbours=lambda *_: [],
        clock=lambda: later,
        start_of_day=time(4),
    )
    qtbot.addWidget(window)
    window.date.setDate(QDate(tuesday.year, tuesday.month, tuesday.day))
    qtbot.keyClicks(window.description, "Release night")
    night = at_local(tuesday + timedelta(days=1), time(2), "Europe/Berlin")
    for start, end, duration in [
        ("14:00", "02:00", ""),
        ("", "02:00", "12h"),
        ("14:00", "02:00", "12h"),
    ]:
        for field, text in ((window.start, start), (window.end, end), (window.duration, duration)):
            field.clear()
            type_time(qtbot, field, text)
        checked = window.check()
        assert checked is not None, window.errors["end"].text()
        assert (checked.start, checked.end) == (night - timedelta(hours=12), night)
    assert window.day_note.text() == "Ends the next day, 02:00"


def test_bare_hours_in_start_and_end_are_on_the_hour(qtbot: QtBot) -> None:
    """Start and End take nothing but times of day (Duration has its own field): `9` there
    is 09:00, as `9-10` is in the list."""
    window = dialog(qtbot)
    type_time(qtbot, window.start, "9")
    type_time(qtbot, window.end, "17")
    qtbot.keyClicks(window.description, "Workshop")
    checked = window.check()
    assert checked is not None
    day = window.date.date().toPython()
    assert (checked.start, checked.end) == (
        at_local(day, time(9), ZONE),
        at_local(day, time(17), ZONE),
    )


@pytest.mark.usefixtures("twelve_hour")
def test_a_bare_hour_on_a_twelve_hour_clock_asks_am_or_pm(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "9")
    assert window.errors["start"].text() == "'9' could be 9:00 AM or 9:00 PM; add AM or PM"
    assert window.start.text() == "9"
