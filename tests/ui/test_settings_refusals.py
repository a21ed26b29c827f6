"""Settings by keyboard: a refused change stays beside its own field until fixed or put back,
closing never drops one unsaid, every number shows what is saved, and Alt jumps to each
field."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_dialog import numbers_shown
from tests.ui.workday import ALT, CTRL, focused, press, type_text
from timo_desktop.paths import Paths
from timo_desktop.settings import Settings, load, with_value
from timo_desktop.ui.settings_dialog import SettingsDialog


def opened(qtbot: QtBot, paths: Paths, settings: Settings | None = None) -> SettingsDialog:
    """The dialog on `settings`, shown and holding the keyboard."""
    dialog = SettingsDialog(
        settings or Settings(), paths.settings_file, autostart=None, account=None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def saved_as(**values: str) -> Settings:
    settings = Settings()
    for key, text in values.items():
        settings = with_value(settings, key.replace("__", "."), text)
    return settings


def replace_text(qtbot: QtBot, text: str) -> None:
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)


def test_a_refusal_stays_beside_its_field_and_closing_puts_back_what_is_saved(
    qtbot: QtBot, paths: Paths
) -> None:
    """The next change saved elsewhere hid the refusal, and Close dropped the value shown."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)  # Working hours: the start
    assert focused() is dialog.work_start
    type_text(qtbot, "1730")
    said = dialog.errors["schedule.start"]
    assert said.isHidden()  # not while still typed
    press(qtbot, Qt.Key.Key_C, ALT)  # Capacity: saved once typed, here as the dialog closes
    assert said.text() == "Not saved: " + (
        "working hours cannot start and end at the same time (17:30 to 17:30):"
        " set the end to when work stops (an end before the start is the next morning)"
    )
    assert not said.isHidden()
    replace_text(qtbot, "32")
    assert not said.isHidden() and dialog.work_start.text() == "17:30"

    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # not while 17:30 shows and 09:00 is kept
    assert not dialog.closing.isHidden()
    assert dialog.unsaved.text() == (
        "Working hours start is not saved (see beside it). Fix it, or put back the saved value."
    )
    assert focused() is dialog.put_back_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.work_start.text() == "09:00" and said.isHidden()
    saved = load(paths.settings_file)
    assert (saved.schedule.start, saved.capacity.hours_per_week) == ("09:00", 32)


def test_a_refusal_that_a_later_change_makes_fit_is_saved_then(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    type_text(qtbot, "1730")  # the end, 17:30: refused once left
    press(qtbot, Qt.Key.Key_Tab)  # the end
    assert focused() is dialog.work_end
    assert not dialog.errors["schedule.start"].isHidden()
    type_text(qtbot, "19:30")
    press(qtbot, Qt.Key.Key_Return)
    assert all(said.isHidden() for said in dialog.errors.values())
    saved = load(paths.settings_file).schedule
    assert (saved.start, saved.end) == ("17:30", "19:30")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_refused_server_address_is_kept_until_fixed(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_V, ALT)  # Server
    type_text(qtbot, "vmoox.example.com")
    press(qtbot, Qt.Key.Key_Tab)
    said = dialog.errors["account.server_url"]
    assert said.text().startswith("Not saved: ") and "vmoox.example.com" in said.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.server.text() == "vmoox.example.com"
    press(qtbot, Qt.Key.Key_V, ALT)
    replace_text(qtbot, "https://vmoox.example.com")
    press(qtbot, Qt.Key.Key_Tab)
    assert said.isHidden() and dialog.closing.isHidden()
    assert load(paths.settings_file).account.server_url == "https://vmoox.example.com"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_numbers_set_elsewhere_show_as_they_are_saved(qtbot: QtBot, paths: Paths) -> None:
    """90 s read "1 min", 300 min 240, 0.5 h capacity 1, 7.25 h 7.2."""
    settings = saved_as(
        idle__threshold_seconds="90",
        reminders__not_tracking__minutes="600",
        reminders__long_timer__hours="0.25",
        capacity__hours_per_week="0.5",
        entries__long_entry_hours="7.25",
        targets__billable_ratio="0.755",
    )
    dialog = opened(qtbot, paths, settings)
    assert numbers_shown(dialog) == {
        "away": "1 min 30 s",
        "not tracking": "600 min",
        "long timer": "0.25 h",
        "capacity": "0.5 h a week",
        "long entry": "7.25 h",
        "billable": "75.5 %",
    }
    assert not paths.settings_file.exists()  # showing them saved nothing
    # Read whole: a field sized for "240 min", its top, cut the longest times short.
    idle = opened(qtbot, paths, saved_as(idle__threshold_seconds=str(240 * 60 - 1))).idle
    assert idle.text() == "239 min 59 s"
    qtbot.waitUntil(lambda: idle.lineEdit().width() > 0)
    assert idle.lineEdit().width() >= idle.fontMetrics().horizontalAdvance(idle.text())
    assert opened(qtbot, paths, saved_as(idle__threshold_seconds="75")).idle.text() == "1 min 15 s"
    long_away = saved_as(idle__threshold_seconds=str(300 * 60))
    assert opened(qtbot, paths, long_away).idle.text() == "300 min"


@pytest.mark.parametrize(("key", "seconds"), [(Qt.Key.Key_Up, 120), (Qt.Key.Key_Down, 60)])
def test_the_arrows_step_away_seconds_to_the_next_whole_minute(
    qtbot: QtBot, paths: Paths, key: Qt.Key, seconds: int
) -> None:
    dialog = opened(qtbot, paths, saved_as(idle__threshold_seconds="90"))
    press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
    assert focused() is dialog.idle
    press(qtbot, key)
    assert load(paths.settings_file).idle.threshold_seconds == seconds


@pytest.mark.parametrize(
    ("typed", "seconds", "shown"),
    [("10", 600, "10 min"), ("90 s", 90, "1 min 30 s"), ("1 min 15 s", 75, "1 min 15 s")],
)
def test_the_time_away_is_typed_in_minutes_or_seconds(
    qtbot: QtBot, paths: Paths, typed: str, seconds: int, shown: str
) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert load(paths.settings_file).idle.threshold_seconds == seconds
    assert dialog.idle.text() == shown


def test_nudging_a_small_capacity_saves_the_next_step_not_the_old_floor(
    qtbot: QtBot, paths: Paths
) -> None:
    dialog = opened(qtbot, paths, saved_as(capacity__hours_per_week="0.5"))
    press(qtbot, Qt.Key.Key_C, ALT)
    assert focused() is dialog.capacity
    press(qtbot, Qt.Key.Key_Up)
    assert load(paths.settings_file).capacity.hours_per_week == 1.5


@pytest.mark.parametrize(
    ("letter", "field"),
    [
        (Qt.Key.Key_W, "Work on Mon"),  # the section Working time
        (Qt.Key.Key_D, "Work on Mon"),
        (Qt.Key.Key_H, "Working hours start"),
        (Qt.Key.Key_S, "Week starts on"),
        (Qt.Key.Key_Y, "A new day starts at"),
        (Qt.Key.Key_A, "Ask when away for (minutes, 0 is off)"),
        (Qt.Key.Key_M, "Remind me when nothing is tracked"),  # the section Reminders
        (Qt.Key.Key_T, "Remind me when nothing is tracked"),
        (Qt.Key.Key_E, "Sum up my day when work ends"),
        (Qt.Key.Key_L, "Ask about very long timers"),
        (Qt.Key.Key_K, "Weekly capacity in hours"),  # the section Week
        (Qt.Key.Key_C, "Weekly capacity in hours"),
        (Qt.Key.Key_B, "Billable ratio target"),
        (Qt.Key.Key_U, "Utilization target"),
        (Qt.Key.Key_G, "Entries longer than this need a look"),
        (Qt.Key.Key_N, "Server address"),  # the section Account
        (Qt.Key.Key_V, "Server address"),
    ],
)
def test_alt_and_a_letter_jumps_to_each_section_and_field(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, field: str
) -> None:
    dialog = opened(qtbot, paths)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    close.setFocus()  # in no section
    press(qtbot, letter, ALT)
    assert focused().accessibleName() == field
    assert dialog.isVisible()


def test_no_two_places_share_a_letter(qtbot: QtBot, paths: Paths) -> None:
    """A shared letter only cycles between its places, which is no jump."""
    dialog = opened(qtbot, paths)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [box.title() for box in dialog.findChildren(QGroupBox)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) >= 20
    assert len(letters) == len(set(letters)), sorted(letters)


def test_a_refusal_made_to_fit_elsewhere_is_saved(qtbot: QtBot, paths: Paths) -> None:
    """Working hours refused for ending as they start, then their start moved earlier by
    `timo config set`: the dialog showed a valid 07:00 to 09:00 beside the old refusal, and
    closing put back the saved end."""
    from timo_desktop.settings import save_value

    dialog = opened(qtbot, paths)
    dialog.work_end.setValue(time(9, 0))  # as typed
    said = dialog.errors["schedule.end"].text()
    assert said.startswith("Not saved: working hours cannot start and end at the same time")

    dialog.show_settings(save_value(paths.settings_file, "schedule.start", "07:00"))

    assert dialog.errors["schedule.end"].isHidden()
    saved = load(paths.settings_file).schedule
    assert (saved.start, saved.end) == ("07:00", "09:00")


def test_a_time_field_is_one_tab_stop_and_typing_after_tab_sets_its_hour(
    qtbot: QtBot, paths: Paths
) -> None:
    """Tab went from a time field to its own minutes: "0800" typed after Tab from the start
    set the end's minutes instead, saving 09:08 as the start."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)  # Working hours: the start
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.work_end  # not the start's minutes
    type_text(qtbot, "1900")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not dialog.work_end
    saved = load(paths.settings_file).schedule
    assert (saved.start, saved.end) == ("09:00", "19:00")
