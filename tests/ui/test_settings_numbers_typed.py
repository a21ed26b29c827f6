"""A number typed in Settings that its field cannot take is said beside it, as typed, and
what was saved before stays: "500" h in Capacity saved 50 h, "150" % in a target 15 %,
"1h" in Ask when away 1 minute, each without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_refusals import opened, replace_text
from tests.ui.workday import ALT, press
from timo_desktop.paths import Paths
from timo_desktop.settings import load


@pytest.mark.parametrize(
    ("key", "typed", "said"),
    [
        (
            Qt.Key.Key_C,
            "500",
            "Not saved: 500 h a week — this takes a number from 0.1 to 168.0 h a week",
        ),
        (
            Qt.Key.Key_C,
            "37.25",
            "Not saved: 37.25 h a week — this takes a number with 1 decimal at most",
        ),
    ],
)
def test_a_capacity_it_cannot_take_is_said_and_the_saved_one_stays(
    qtbot: QtBot, paths: Paths, key: Qt.Key, typed: str, said: str
) -> None:
    dialog = opened(qtbot, paths)
    before = load(paths.settings_file).capacity.hours_per_week
    press(qtbot, key, ALT)
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["capacity.hours_per_week"].text() == said
    assert not dialog.errors["capacity.hours_per_week"].isHidden()
    assert load(paths.settings_file).capacity.hours_per_week == before
    assert dialog.capacity.value() == before


def test_away_takes_hours_and_refuses_what_it_cannot_take(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
    replace_text(qtbot, "1h")
    press(qtbot, Qt.Key.Key_Tab)
    assert load(paths.settings_file).idle.threshold_seconds == 3600
    press(qtbot, Qt.Key.Key_A, ALT)
    replace_text(qtbot, "-5")
    press(qtbot, Qt.Key.Key_Tab)
    assert load(paths.settings_file).idle.threshold_seconds == 3600
    assert dialog.errors["idle.threshold_seconds"].text().startswith("Not saved: -5 — ")
