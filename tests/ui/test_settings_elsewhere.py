"""A setting changed elsewhere while Settings is open (`timo config set`, an editor) shows
there, and a change made in the dialog saves only its own setting: the other one is not
written back over with what the dialog showed when it opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.cli import run_timo
from tests.ui.test_settings_refusals import opened, replace_text
from tests.ui.workday import ALT, CTRL, focused, press, type_text
from timo_desktop.paths import Paths
from timo_desktop.settings import Settings, load, save, with_value
from timo_desktop.ui.controller import TimoApp

SETTLE_MS = 30_000  # only guards against a hang


def saved_elsewhere(paths: Paths, **values: str) -> Settings:
    """The settings file as another program leaves it: what is there, and `values`."""
    settings = load(paths.settings_file)
    for key, text in values.items():
        settings = with_value(settings, key.replace("__", "."), text)
    save(settings, paths.settings_file)
    return settings


def test_a_value_saved_elsewhere_survives_a_change_to_another_field(
    qtbot: QtBot, paths: Paths
) -> None:
    """The dialog wrote its own copy back: `threshold_seconds: 300` over the 600 just set."""
    dialog = opened(qtbot, paths)
    saved_elsewhere(paths, idle__threshold_seconds="600")
    press(qtbot, Qt.Key.Key_H, ALT)  # the start of the working hours
    press(qtbot, Qt.Key.Key_Up)
    saved = load(paths.settings_file)
    assert (saved.schedule.start, saved.idle.threshold_seconds) == ("10:00", 600)
    assert dialog.idle.text() == "10 min"  # read back with the change


def test_the_open_dialog_shows_a_change_made_with_timo_config_set(
    qtbot: QtBot, timo: TimoApp, timo_home: Path
) -> None:
    qtbot.waitUntil(lambda: timo.presence is not None, timeout=SETTLE_MS)  # the watch too
    dialog = timo.open_settings()
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.idle.text() == "5 min"
    done = run_timo(timo_home, "config", "set", "idle.threshold_seconds", "600")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: dialog.idle.text() == "10 min", timeout=SETTLE_MS)
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Up)
    saved = load(timo.paths.settings_file)
    assert (saved.schedule.start, saved.idle.threshold_seconds) == ("10:00", 600)
    assert timo.settings is not None and timo.settings.idle.threshold_seconds == 600


def test_a_field_being_typed_in_keeps_what_is_typed(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_V, ALT)  # Server, typed in and not finished yet
    type_text(qtbot, "https://mine.example")
    elsewhere = saved_elsewhere(
        paths,
        account__server_url="https://other.example",
        idle__threshold_seconds=str(300 * 60),  # above the field's usual top, 240 min
        reminders__end_of_day__enabled="false",
    )
    dialog.show_settings(elsewhere)
    assert dialog.server.text() == "https://mine.example"
    assert dialog.idle.text() == "300 min"  # not cut down to the usual top
    assert not dialog.remind_end.isChecked()
    press(qtbot, Qt.Key.Key_Tab)  # finished: what was typed is saved, the rest kept
    saved = load(paths.settings_file)
    assert saved.account.server_url == "https://mine.example"
    assert saved.idle.threshold_seconds == 300 * 60
    assert not saved.reminders.end_of_day.enabled


def test_a_field_left_shows_what_was_saved_elsewhere_meanwhile(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
    type_text(qtbot, "1")
    dialog.show_settings(saved_elsewhere(paths, idle__threshold_seconds="900"))
    assert dialog.idle.text() == "1"  # as typed, while the keyboard is there
    press(qtbot, Qt.Key.Key_Backspace)  # nothing typed after all: nothing to save
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not dialog.idle
    assert dialog.idle.text() == ""  # refused, and kept to fix
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Return)  # put back the saved values and close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.idle.text() == "15 min"
    assert load(paths.settings_file).idle.threshold_seconds == 900


def test_a_field_holding_the_keyboard_shows_a_value_saved_elsewhere_at_once(
    qtbot: QtBot, paths: Paths
) -> None:
    """Nothing typed in it yet, the field showed the value before until left, and Enter there
    saved that one again (a time, which Qt reads again on Enter) over the one just set."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)  # Working hours: the start, 09:00
    dialog.show_settings(saved_elsewhere(paths, schedule__start="08:00"))
    assert focused() is dialog.work_start
    assert dialog.work_start.text() == "08:00"
    press(qtbot, Qt.Key.Key_Return)
    assert load(paths.settings_file).schedule.start == "08:00"


@pytest.mark.parametrize(
    "finish", [Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape], ids=["Enter", "Tab", "Esc"]
)
@pytest.mark.parametrize("begun", [False, True], ids=["then-typed", "while-typed"])
def test_the_value_shown_before_a_change_elsewhere_is_saved_when_typed(
    qtbot: QtBot, paths: Paths, finish: Qt.Key, begun: bool
) -> None:
    """`timo config set capacity.hours_per_week 30` while Settings showed 40, then 40 typed
    in Capacity: not saved, the field comparing it with the 40 it showed, not the 30 saved.
    `begun`: the change elsewhere came while 40 was being typed."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_C, ALT)  # Capacity, 40 h a week
    press(qtbot, Qt.Key.Key_A, CTRL)
    if begun:
        type_text(qtbot, "4")
    dialog.show_settings(saved_elsewhere(paths, capacity__hours_per_week="30"))
    type_text(qtbot, "0" if begun else "40")
    press(qtbot, finish)
    assert load(paths.settings_file).capacity.hours_per_week == 40
    assert dialog.errors["capacity.hours_per_week"].isHidden()
    assert dialog.capacity.text() == "40.0 h a week"


@pytest.mark.parametrize(
    "finish", [Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape], ids=["Enter", "Tab", "Esc"]
)
def test_the_time_shown_before_a_change_elsewhere_is_saved_when_typed(
    qtbot: QtBot, paths: Paths, finish: Qt.Key
) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)  # Working hours: the start, 09:00
    type_text(qtbot, "0")
    dialog.show_settings(saved_elsewhere(paths, schedule__start="08:00"))
    type_text(qtbot, "9")
    press(qtbot, finish)
    assert load(paths.settings_file).schedule.start == "09:00"
    assert dialog.work_start.text() == "09:00"


def test_a_number_finished_after_a_change_elsewhere_is_saved(qtbot: QtBot, paths: Paths) -> None:
    """Typed while another value was saved elsewhere, the number finished after it is the
    later change, and is kept."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
    replace_text(qtbot, "7")
    dialog.show_settings(saved_elsewhere(paths, idle__threshold_seconds="900"))
    assert dialog.idle.text() == "7"  # as typed, while the keyboard is there
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.idle.text() == "7 min"
    assert load(paths.settings_file).idle.threshold_seconds == 7 * 60


def test_putting_back_a_refused_change_puts_back_what_is_saved_now(
    qtbot: QtBot, paths: Paths
) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    type_text(qtbot, "1730")  # the end, 17:30
    press(qtbot, Qt.Key.Key_Return)  # refused, and kept in the field
    assert not dialog.errors["schedule.start"].isHidden()
    dialog.show_settings(saved_elsewhere(paths, schedule__start="08:00"))
    assert dialog.work_start.text() == "17:30"
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Return)  # put back the saved values and close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.work_start.text() == "08:00"
    assert load(paths.settings_file).schedule.start == "08:00"


@pytest.mark.parametrize("begun", [False, True], ids=["then-typed", "while-typed"])
def test_a_number_refused_after_a_change_elsewhere_leaves_that_change_saved(
    qtbot: QtBot, paths: Paths, begun: bool
) -> None:
    """9999 typed in Capacity after `timo config set capacity.hours_per_week 30`: "Not
    saved", and yet the 40 shown before was written over the 30. `begun`: the change came
    while it was being typed."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_C, ALT)  # Capacity, 40 h a week
    if begun:
        replace_text(qtbot, "99")
    dialog.show_settings(saved_elsewhere(paths, capacity__hours_per_week="30"))
    if begun:
        type_text(qtbot, "99")
    else:
        replace_text(qtbot, "9999")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["capacity.hours_per_week"].text().startswith("Not saved: 9999")
    assert load(paths.settings_file).capacity.hours_per_week == 30
    assert dialog.capacity.text() == "9999 h a week"  # kept, to fix


def test_a_time_cleared_after_a_change_elsewhere_leaves_that_change_saved(
    qtbot: QtBot, paths: Paths
) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)  # Working hours: the start, 09:00
    dialog.show_settings(saved_elsewhere(paths, schedule__start="08:00"))
    press(qtbot, Qt.Key.Key_Backspace)  # the time cleared
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["schedule.start"].text().startswith("Not saved: this needs a time")
    assert load(paths.settings_file).schedule.start == "08:00"
    assert dialog.work_start.text() == ""
