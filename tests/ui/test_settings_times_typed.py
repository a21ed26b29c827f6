"""A time typed in Settings is taken once finished (Enter, leaving its field, closing), as a
number is: typing 19:45 over 17:30 saved 19:30 on the way, and a start typed past the end
was refused while still being typed (a start typed equal to the end is refused now)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_settings_refusals import opened, saved_as
from tests.ui.workday import ALT, focused, press
from timo_desktop.paths import Paths
from timo_desktop.settings import Settings, get, load, save


def test_a_time_is_saved_once_typed_not_at_each_keystroke(qtbot: QtBot, paths: Paths) -> None:
    """Typing 19:45 over 17:30 saved 19:30 on the way, and the running app acted on it."""
    dialog = opened(qtbot, paths)
    told: list[Settings] = []
    dialog.changed.connect(told.append)
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Tab)  # Working hours: the end, 17:30
    assert focused() is dialog.work_end
    for key in "19:45":
        qtbot.keyClicks(focused(), key)
        assert load(paths.settings_file).schedule.end == "17:30"
    assert dialog.work_end.text() == "19:45"
    assert told == []
    press(qtbot, Qt.Key.Key_Return)
    assert load(paths.settings_file).schedule.end == "19:45"
    assert [settings.schedule.end for settings in told] == ["19:45"]
    press(qtbot, Qt.Key.Key_Return)  # nothing new: nothing saved again
    assert len(told) == 1


def test_a_start_typed_at_the_end_is_refused_only_once_left(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    said = dialog.errors["schedule.start"]
    press(qtbot, Qt.Key.Key_H, ALT)
    for key in "1730":  # the end, 17:30
        qtbot.keyClicks(focused(), key)
        assert said.isHidden()
    press(qtbot, Qt.Key.Key_Tab)
    assert said.text().startswith("Not saved: working hours cannot start and end at the same")
    assert dialog.work_start.text() == "17:30"  # kept as typed, to fix
    assert load(paths.settings_file).schedule.start == "09:00"


def test_closing_right_after_typing_saves_the_time(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_Y, ALT)  # A new day starts at
    qtbot.keyClicks(focused(), "0415")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load(paths.settings_file).day.start_of_day == "04:15"


def test_closing_right_after_typing_a_refused_time_says_so(qtbot: QtBot, paths: Paths) -> None:
    """Closed at once, the refusal is read before the dialog goes, with the way out."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.keyClicks(focused(), "1730")
    press(qtbot, Qt.Key.Key_Escape)
    said = dialog.errors["schedule.start"]
    assert dialog.isVisible()
    assert said.text().startswith("Not saved: working hours cannot start and end at the same")
    assert dialog.unsaved.text() == (
        "Working hours start is not saved (see beside it). Fix it, or put back the saved value."
    )
    assert focused() is dialog.put_back_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.work_start.text() == "09:00"
    assert load(paths.settings_file).schedule.start == "09:00"


@pytest.mark.parametrize(
    ("letter", "tabs", "key", "saved"),
    [
        (Qt.Key.Key_H, 0, "schedule.start", "09:00"),
        (Qt.Key.Key_H, 1, "schedule.end", "17:30"),  # when the end-of-day summary comes
        (Qt.Key.Key_Y, 0, "day.start_of_day", "04:00"),
    ],
)
@pytest.mark.parametrize("finish", [Qt.Key.Key_Return, Qt.Key.Key_Tab], ids=["Enter", "Tab"])
def test_a_time_cleared_is_said_and_the_saved_one_stays(
    qtbot: QtBot, paths: Paths, letter: Qt.Key, tabs: int, key: str, saved: str, finish: Qt.Key
) -> None:
    """The hour cleared and the field left saved 00:00, midnight, without a word."""
    settings = saved_as(day__start_of_day="04:00")  # not midnight, which is what was saved
    save(settings, paths.settings_file)
    dialog = opened(qtbot, paths, settings)
    press(qtbot, letter, ALT)
    for _ in range(tabs):
        press(qtbot, Qt.Key.Key_Tab)
    field = focused()
    press(qtbot, Qt.Key.Key_Backspace)  # the time, selected on arriving
    assert field.text() == ""
    press(qtbot, finish)
    assert dialog.errors[key].text() == "Not saved: this needs a time, such as 09:00"
    assert not dialog.errors[key].isHidden()
    assert get(load(paths.settings_file), key) == saved
    assert field.text() == ""  # kept as typed, to fix


def test_closing_right_after_clearing_a_time_says_so(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and focused() is dialog.put_back_button
    assert dialog.errors["schedule.start"].text() == "Not saved: this needs a time, such as 09:00"
    assert dialog.work_start.text() == ""
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.work_start.text() == "09:00"
    assert load(paths.settings_file).schedule.start == "09:00"


def test_night_shift_hours_are_saved_and_said_to_end_the_next_day(
    qtbot: QtBot, paths: Paths
) -> None:
    """22:00 to 06:00 was refused ("working hours past midnight cannot be set"): it is a
    night shift, saved as typed and said beside the fields to end the next day."""
    dialog = opened(qtbot, paths)
    assert dialog.next_day.isHidden()  # 09:00 to 17:30
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.keyClicks(focused(), "2200")
    press(qtbot, Qt.Key.Key_Tab)  # the end
    qtbot.keyClicks(focused(), "0600")
    press(qtbot, Qt.Key.Key_Return)
    assert all(said.isHidden() for said in dialog.errors.values())
    saved = load(paths.settings_file).schedule
    assert (saved.start, saved.end) == ("22:00", "06:00")
    assert not dialog.next_day.isHidden()
    assert dialog.next_day.text() == "ends the next day"
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Tab)  # the end again
    qtbot.keyClicks(focused(), "2330")  # the same evening
    press(qtbot, Qt.Key.Key_Return)
    assert load(paths.settings_file).schedule.end == "23:30"
    assert dialog.next_day.isHidden()


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("16:00", "16:00"), ("6", "06:00"), ("1", "01:00"), ("10pm", "22:00"), ("0415", "04:15")],
)
def test_a_time_is_read_whole_as_other_time_fields_read_it(
    qtbot: QtBot, paths: Paths, typed: str, saved: str
) -> None:
    """Typed section by section, the minutes saved before stayed: "1" over 00:05 saved
    01:05, and "10pm" was refused with the time before put back."""
    save(saved_as(day__start_of_day="00:05"), paths.settings_file)
    dialog = opened(qtbot, paths, load(paths.settings_file))
    press(qtbot, Qt.Key.Key_Y, ALT)  # A new day starts at
    qtbot.keyClicks(focused(), typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["day.start_of_day"].isHidden()
    assert load(paths.settings_file).day.start_of_day == saved
    assert dialog.start_of_day.text() == saved


@pytest.mark.parametrize("typed", ["25:00", "9:75", "noon"])
def test_what_is_no_time_is_refused_and_kept_to_fix(qtbot: QtBot, paths: Paths, typed: str) -> None:
    """ "25:00" saved 02:30."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.keyClicks(focused(), typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["schedule.start"].text() == (
        f"Not saved: '{typed}' is not a time of day; use HH:MM, for example 09:30"
    )
    assert dialog.work_start.text() == typed
    assert load(paths.settings_file).schedule.start == "09:00"


@pytest.mark.usefixtures("twelve_hour")
@pytest.mark.parametrize("typed", ["10:00 PM", "22:00", "10pm", "10 p.m."])
def test_a_time_typed_on_a_twelve_hour_clock_is_saved_as_typed(
    qtbot: QtBot, paths: Paths, typed: str
) -> None:
    """ "10:00 PM", typed as the field shows times, put back 9:00 AM and saved nothing;
    "22:00" saved 14:00."""
    dialog = opened(qtbot, paths)
    assert dialog.work_start.text() == "9:00 AM"
    press(qtbot, Qt.Key.Key_H, ALT)
    qtbot.keyClicks(focused(), typed)
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.errors["schedule.start"].isHidden()
    assert load(paths.settings_file).schedule.start == "22:00"
    assert dialog.work_start.text() == "10:00 PM"
    assert not dialog.next_day.isHidden()  # to 5:30 PM the next day


@pytest.mark.usefixtures("twelve_hour")
@pytest.mark.parametrize("typed", ["6", "6:00"])
def test_an_hour_either_half_of_the_day_asks_for_am_or_pm(
    qtbot: QtBot, paths: Paths, typed: str
) -> None:
    """ "6" typed in the end after an evening start saved 18:00, and the night shift was gone
    without a word."""
    save(saved_as(schedule__start="22:00", schedule__end="05:00"), paths.settings_file)
    dialog = opened(qtbot, paths, load(paths.settings_file))
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Tab)  # the end
    qtbot.keyClicks(focused(), typed)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["schedule.end"].text() == (
        f"Not saved: '{typed}' could be 6:00 AM or 6:00 PM; add AM or PM"
    )
    assert dialog.work_end.text() == typed
    assert load(paths.settings_file).schedule.end == "05:00"
    qtbot.keyClicks(focused(), " am")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.errors["schedule.end"].isHidden()
    assert load(paths.settings_file).schedule.end == "06:00"
    assert dialog.work_end.text() == "6:00 AM"


@pytest.mark.usefixtures("twelve_hour")
def test_a_new_day_typed_in_the_afternoon_on_a_twelve_hour_clock(
    qtbot: QtBot, paths: Paths
) -> None:
    """ "16:00" showed "10:0 AM" and saved 01:00."""
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_Y, ALT)
    qtbot.keyClicks(focused(), "16:00")
    press(qtbot, Qt.Key.Key_Tab)
    assert load(paths.settings_file).day.start_of_day == "16:00"
    assert dialog.start_of_day.text() == "4:00 PM"


def test_the_arrows_step_a_time_an_hour_at_once(qtbot: QtBot, paths: Paths) -> None:
    dialog = opened(qtbot, paths)
    press(qtbot, Qt.Key.Key_H, ALT)
    press(qtbot, Qt.Key.Key_Down)
    assert load(paths.settings_file).schedule.start == "08:00"
    assert dialog.work_start.text() == "08:00"
