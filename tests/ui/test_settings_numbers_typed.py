"""A number typed in Settings that its field cannot take is said beside it, as typed, and
what was saved before stays: "500" h in Capacity saved 50 h, "150" % in a target 15 %,
"1h" in Ask when away 1 minute, each without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_refusals import opened, replace_text
from tests.ui.workday import ALT, CTRL, focused, press
from timo_desktop.paths import Paths
from timo_desktop.settings import Settings, get, load


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
            "37.255",
            "Not saved: 37.255 h a week — this takes a number with 2 decimals at most",
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


@pytest.mark.parametrize(
    ("typed", "seconds", "shown"),
    [
        ("90 minutes", 90 * 60, "90 min"),
        ("10 mins", 10 * 60, "10 min"),
        ("3 hrs", 3 * 3600, "180 min"),
        ("1 hour", 3600, "60 min"),
        ("1h 30m", 90 * 60, "90 min"),
        ("1.5 h", 90 * 60, "90 min"),
        ("0.5 h", 30 * 60, "30 min"),
        ("1.5", 90, "1 min 30 s"),  # a bare number is minutes, as the field shows them
        ("0", 0, "Off"),
    ],
)
def test_the_time_away_is_read_as_people_type_it(
    qtbot: QtBot, paths: Paths, typed: str, seconds: int, shown: str
) -> None:
    """Letters the field did not expect were dropped as typed: "1.5" saved 15 min, "0.5 h"
    5 h, and "1 hour" was refused as "1 ho"."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)  # Ask when away for
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["idle.threshold_seconds"].isHidden()
    assert load(paths.settings_file).idle.threshold_seconds == seconds
    assert dialog.idle.text() == shown


READ_AS = "this takes a time such as 5 (minutes), 90 min or 1h 30m, or 0 for off"
RANGE = "this takes 0 (off) or from 1 min to 1440 min"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2 days", READ_AS),  # saved 2 s
        ("1 day", READ_AS),  # saved 60 s
        ("1d", READ_AS),
        ("1e3", READ_AS),
        ("30 s", RANGE),  # under a minute: an away period at every poll
        ("25 h", RANGE),
    ],
)
def test_a_time_away_it_cannot_take_is_said_whole_and_the_saved_one_stays(
    qtbot: QtBot, paths: Paths, typed: str, said: str
) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_A, ALT)
    replace_text(qtbot, typed)
    assert dialog.idle.text() == typed  # every keystroke kept
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["idle.threshold_seconds"].text() == f"Not saved: {typed} — {said}"
    assert not dialog.errors["idle.threshold_seconds"].isHidden()
    assert load(paths.settings_file).idle.threshold_seconds == 300  # as before the typing
    assert dialog.idle.text() == typed  # kept, to fix


def test_a_capacity_takes_a_decimal_comma(qtbot: QtBot, paths: Paths) -> None:
    """ "37,5" was refused as "a number with 1 decimal at most"."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_C, ALT)  # Capacity
    replace_text(qtbot, "37,5")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["capacity.hours_per_week"].isHidden()
    assert load(paths.settings_file).capacity.hours_per_week == 37.5
    assert dialog.capacity.text() == "37.5 h a week"


@pytest.mark.parametrize(
    ("letter", "key", "typed", "said"),
    [
        (
            Qt.Key.Key_C,
            "capacity.hours_per_week",
            "1e3",  # saved as 13 h
            "Not saved: 1e3 h a week — this takes a number from 0.1 to 168.0 h a week",
        ),
        (
            Qt.Key.Key_U,
            "targets.utilization",
            "7x",  # saved as 7 %
            "Not saved: 7x % — this takes a number from 0 to 100 %",
        ),
    ],
)
def test_a_letter_typed_in_a_number_is_kept_and_refused_plainly(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, key: str, typed: str, said: str
) -> None:
    dialog = opened(qtbot, paths)
    before = get(load(paths.settings_file), key)
    press(qtbot, letter, ALT)
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors[key].text() == said
    assert get(load(paths.settings_file), key) == before


@pytest.mark.parametrize(
    ("letter", "tabs", "key", "typed", "shown"),
    [
        (Qt.Key.Key_C, 0, "capacity.hours_per_week", "36.25", "36.25 h a week"),  # 7 h 15 min
        (Qt.Key.Key_L, 1, "reminders.long_timer.hours", "0.25", "0.25 h"),  # past the switch
        (Qt.Key.Key_G, 0, "entries.long_entry_hours", "8.75", "8.75 h"),
    ],
)
def test_hours_take_the_decimals_timo_config_set_takes(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, tabs: int, key: str, typed: str, shown: str
) -> None:
    """A capacity of 36.25 h, which `timo config set` took, was refused here as "a number
    with 1 decimal at most": the decimals came from the value saved before."""
    dialog = opened(qtbot, paths)
    press(qtbot, letter, ALT)
    for _ in range(tabs):
        press(qtbot, Qt.Key.Key_Tab)
    field = focused()
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors[key].isHidden()
    assert get(load(paths.settings_file), key) == float(typed)
    assert field.text() == shown


def test_a_target_takes_a_tenth_of_a_percent(qtbot: QtBot, paths: Paths) -> None:
    """ "7.5" % was refused as "a number with 0 decimals at most"."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_B, ALT)  # Billable ratio
    replace_text(qtbot, "7.5")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["targets.billable_ratio"].isHidden()
    assert load(paths.settings_file).targets.billable_ratio == 0.075
    assert dialog.billable_target.text() == "7.5 %"
    assert dialog.utilization_target.text() == "70 %"  # a whole one as before


@pytest.mark.parametrize(
    ("letter", "key", "typed", "said"),
    [
        (
            Qt.Key.Key_C,
            "capacity.hours_per_week",
            "1000",
            "Not saved: 1000 h a week — this takes a number from 0.1 to 168.0 h a week",
        ),
        (Qt.Key.Key_A, "idle.threshold_seconds", "2 days", f"Not saved: 2 days — {READ_AS}"),
        (
            Qt.Key.Key_B,
            "targets.billable_ratio",
            "755",
            "Not saved: 755 % — this takes a number from 0 to 100 %",
        ),
        (
            Qt.Key.Key_G,
            "entries.long_entry_hours",
            "100",
            "Not saved: 100 h — this takes a number from 0.1 to 72.0 h",
        ),
    ],
)
def test_enter_on_a_number_it_cannot_take_says_why_as_leaving_it_does(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, key: str, typed: str, said: str
) -> None:
    """Enter put the saved value back without a word: Qt took Enter as setting that value
    anew, which saved it again and took the refusal away."""
    dialog = opened(qtbot, paths)
    before = get(load(paths.settings_file), key)
    press(qtbot, letter, ALT)
    field = focused()
    replace_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors[key].text() == said
    assert not dialog.errors[key].isHidden()
    assert get(load(paths.settings_file), key) == before
    assert focused() is field and dialog.isVisible()


def test_a_number_is_saved_once_typed_not_at_each_keystroke(qtbot: QtBot, paths: Paths) -> None:
    """Typing 1000 in Capacity (up to 168 h) saved 1 h, 10 h and 100 h on the way to its
    refusal, and the running app acted on each."""
    dialog = opened(qtbot, paths)
    told: list[Settings] = []
    dialog.changed.connect(told.append)
    press(qtbot, Qt.Key.Key_C, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    for key in "1000":
        qtbot.keyClicks(focused(), key)
        assert load(paths.settings_file).capacity.hours_per_week == 40
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["capacity.hours_per_week"].text() == (
        "Not saved: 1000 h a week — this takes a number from 0.1 to 168.0 h a week"
    )
    press(qtbot, Qt.Key.Key_C, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    for key in "32":
        qtbot.keyClicks(focused(), key)
        assert load(paths.settings_file).capacity.hours_per_week == 40
    assert told == []
    press(qtbot, Qt.Key.Key_Return)
    assert load(paths.settings_file).capacity.hours_per_week == 32
    assert [settings.capacity.hours_per_week for settings in told] == [32]
    assert dialog.errors["capacity.hours_per_week"].isHidden()


def test_closing_right_after_typing_saves_the_number(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_C, ALT)
    replace_text(qtbot, "32")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load(paths.settings_file).capacity.hours_per_week == 32


def test_closing_right_after_typing_a_number_it_cannot_take_says_so(
    qtbot: QtBot, paths: Paths
) -> None:
    """Closed at once, the refusal is read before the dialog goes, with the way out."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_C, ALT)
    replace_text(qtbot, "1000")
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and focused() is dialog.put_back_button
    assert dialog.errors["capacity.hours_per_week"].text() == (
        "Not saved: 1000 h a week — this takes a number from 0.1 to 168.0 h a week"
    )
    assert dialog.capacity.text() == "1000 h a week"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.capacity.text() == "40.0 h a week"
    assert load(paths.settings_file).capacity.hours_per_week == 40


@pytest.mark.parametrize(
    ("letter", "key", "typed", "said"),
    [
        (
            Qt.Key.Key_B,
            "targets.billable_ratio",
            "75.55",
            "Not saved: 75.55 % — this takes a number with 1 decimal at most",
        ),
        (
            Qt.Key.Key_C,
            "capacity.hours_per_week",
            "0",
            "Not saved: 0 h a week — this takes a number from 0.1 to 168.0 h a week",
        ),
        (
            Qt.Key.Key_A,
            "idle.threshold_seconds",
            "0.5",
            "Not saved: 0.5 — this takes 0 (off) or from 1 min to 1440 min",
        ),
    ],
)
@pytest.mark.parametrize("leave", ["click Close", "Tab then Esc"])
def test_closing_after_leaving_a_number_it_cannot_take_says_so(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, key: str, typed: str, said: str, leave: str
) -> None:
    """Close clicked took the keyboard from the field, which put the saved value back: the
    dialog closed at once, nothing saved and the refusal never seen."""
    dialog = opened(qtbot, paths)
    before = get(load(paths.settings_file), key)
    press(qtbot, letter, ALT)
    field = focused()
    replace_text(qtbot, typed)
    if leave == "click Close":
        buttons = dialog.findChild(QDialogButtonBox)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    else:
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.errors[key].text() == said
    assert not dialog.errors[key].isHidden()
    assert field.text().startswith(typed)  # kept as typed, to fix
    assert not dialog.closing.isHidden()
    assert focused() is dialog.put_back_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get(load(paths.settings_file), key) == before


def test_a_refused_number_fixed_to_the_value_before_is_saved(qtbot: QtBot, paths: Paths) -> None:
    """The value the field held before the refused text was typed, typed over it, is the fix:
    the refusal goes, and the dialog closes."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_B, ALT)  # Billable ratio, 75 %
    replace_text(qtbot, "75.55")
    press(qtbot, Qt.Key.Key_Tab)
    assert not dialog.errors["targets.billable_ratio"].isHidden()
    press(qtbot, Qt.Key.Key_B, ALT)
    replace_text(qtbot, "75")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["targets.billable_ratio"].isHidden()
    assert dialog.billable_target.text() == "75 %"
    assert load(paths.settings_file).targets.billable_ratio == 0.75
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
