"""Add time manually with start, end and a duration all typed: they must agree, and when
they do not the dialog says so beside the duration instead of dropping one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_manual_entry import dialog
from tests.ui.typed import type_time
from timo_desktop.ui.manual_entry import ManualEntry


def test_a_duration_that_disagrees_with_start_and_end_is_named_not_dropped(
    qtbot: QtBot,
) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.end, "10:00")
    qtbot.keyClicks(window.description, "Backfill")
    type_time(qtbot, window.duration, "2h")
    said = window.errors["duration"]
    assert said.text() == (
        "Duration 2h 00m does not match 09:00–10:00 (1h 00m);"
        " clear the duration, the start or the end"
    )
    assert not said.isHidden() and not window.save_button.isEnabled()
    with qtbot.assertNotEmitted(window.submitted):
        window.submit()  # Enter does the same: nothing is added
    assert (window.start.text(), window.end.text(), window.duration.text()) == (
        "09:00",
        "10:00",
        "2h",
    )

    window.end.clear()  # the user keeps the duration: start + 2h
    assert said.isHidden() and window.save_button.isEnabled()
    with qtbot.waitSignal(window.submitted) as sent:
        window.save_button.click()
    entry: ManualEntry = sent.args[0]
    assert entry.end - entry.start == timedelta(hours=2)


@pytest.mark.parametrize("typed", ["1h", "60m", "1:00", "1.0"])
def test_a_duration_that_agrees_is_fine(qtbot: QtBot, typed: str) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.end, "10:00")
    type_time(qtbot, window.duration, typed)
    assert window.errors["duration"].isHidden()
    entry = window.check()
    assert entry is not None and entry.end - entry.start == timedelta(hours=1)


def test_end_before_start_is_still_the_end_s_problem(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "10:00")
    type_time(qtbot, window.end, "09:00")
    type_time(qtbot, window.duration, "2h")
    assert window.errors["end"].text() == "End 09:00 is before start 10:00"
    assert window.errors["duration"].isHidden()


@pytest.mark.usefixtures("twelve_hour")
def test_the_mismatch_reads_on_a_twelve_hour_clock(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    type_time(qtbot, window.start, "9:00 am")
    type_time(qtbot, window.end, "10:30 am")
    type_time(qtbot, window.duration, "45m")
    assert window.errors["duration"].text() == (
        "Duration 45m does not match 9:00 AM–10:30 AM (1h 30m);"
        " clear the duration, the start or the end"
    )


def test_the_mismatch_is_read_whole_across_the_times_row(qtbot: QtBot) -> None:
    """Before, it wrapped to six lines in the duration's narrow column and was cut off."""
    window = dialog(qtbot)
    window.show()
    qtbot.waitExposed(window)
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.end, "10:00")
    type_time(qtbot, window.duration, "2h")
    said = window.errors["duration"]
    qtbot.waitUntil(lambda: said.height() >= said.heightForWidth(said.width()))
    lines = said.height() / said.fontMetrics().lineSpacing()
    assert lines < 3.5, f"{lines:.1f} lines"
    assert said.width() > window.duration.width() * 2


def test_a_bare_number_too_long_in_hours_asks_whether_minutes_were_meant(qtbot: QtBot) -> None:
    """ "90" is 90 hours: the dialog said "End 2026-12-01 03:00 is in the future", which
    named neither the duration nor the minutes meant."""
    window = dialog(qtbot)
    type_time(qtbot, window.start, "09:00")
    type_time(qtbot, window.duration, "90")
    said = window.errors["duration"]
    assert not said.isHidden() and not window.save_button.isEnabled()
    assert said.text() == (
        "'90' is read as 90 hours, longer than the longest entry allowed (24h 00m);"
        " did you mean 90m?"
    )
