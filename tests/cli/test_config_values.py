"""Values for `timo config set` (and the Settings window, which sets them the same way):
each refused one says what would be right, none is taken for something else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timo_desktop.core.errors import InvalidInput
from timo_desktop.settings import Settings, get, load, with_value

from .conftest import Timo


@pytest.mark.parametrize(
    ("key", "typed", "said"),
    [
        (
            "idle.threshold_seconds",
            "99999999999999999999999",
            "idle.threshold_seconds must be at most 86400 (got '99999999999999999999999')",
        ),
        (
            "idle.threshold_seconds",
            "30",  # under the 5 s poll, every poll opened an away period
            "idle.threshold_seconds must be 0 (off) or at least 60 (got '30')",
        ),
        (
            "idle.threshold_seconds",
            "-5",
            "idle.threshold_seconds must be 0 (off) or at least 60 (got '-5')",
        ),
        ("schedule.working_days", "Mon,Mon,Sat", "working days name Mon more than once"),
        (
            "schedule.working_days",
            ",",
            "working days must name at least one day, for example Mon,Tue,Wed",
        ),
        ("reminders.long_timer.hours", "nan", "reminders.long_timer.hours must be a number"),
        ("capacity.hours_per_week", "inf", "capacity.hours_per_week must be a number"),
        (
            "reminders.not_tracking.minutes",
            "5000",
            "reminders.not_tracking.minutes must be at most 1440",
        ),
        (  # "at most 1.0" alone did not say that 75 % is written 0.75
            "targets.billable_ratio",
            "75",
            "targets.billable_ratio must be at most 1, a share written as a fraction or a"
            " percent (0.75 or 75%) (got '75')",
        ),
        (
            "targets.billable_ratio",
            "150%",
            "targets.billable_ratio must be at most 1, a share written as a fraction or a"
            " percent (0.75 or 75%) (got '150%')",
        ),
        (  # a tenth of a percent, as Settings shows it: not "3 decimals", which 75.55 has not
            "targets.utilization",
            "75.55%",
            "targets.utilization must be a percent with 1 decimal at most (got '75.55%')",
        ),
        (
            "reminders.long_timer.hours",
            "0",
            "reminders.long_timer.hours must be at least 0.1 (got '0')",
        ),
        (  # taken as "more than 0": a reminder at every check
            "reminders.long_timer.hours",
            "1e-9",
            "reminders.long_timer.hours must be at least 0.1 (got '1e-9')",
        ),
        (
            "capacity.hours_per_week",
            "1e-300",
            "capacity.hours_per_week must be at least 0.1 (got '1e-300')",
        ),
        (  # the Settings window takes as many decimals, and says so alike
            "capacity.hours_per_week",
            "36.257",
            "capacity.hours_per_week must be a number with 2 decimals at most (got '36.257')",
        ),
        (
            "targets.utilization",
            "0.7525",
            "targets.utilization must be a number with 3 decimals at most (got '0.7525')",
        ),
    ],
)
def test_a_value_out_of_sense_is_refused_in_plain_words(key: str, typed: str, said: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{re.escape(said)}"):
        with_value(Settings(), key, typed)


@pytest.mark.parametrize("key", ["day.start_of_day", "schedule.start"])
def test_a_time_is_taken_without_its_leading_zero(key: str) -> None:
    assert get(with_value(Settings(), key, "8:30"), key) == "08:30"
    assert get(with_value(Settings(), key, " 08:45 "), key) == "08:45"


def test_a_server_address_follows_the_sign_in_s_rule() -> None:
    with pytest.raises(InvalidInput, match=r"^'http://example.com' uses plain http; "):
        with_value(Settings(), "account.server_url", "http://example.com")
    kept = with_value(Settings(), "account.server_url", "https://vmoox.example.com/")
    assert get(kept, "account.server_url") == "https://vmoox.example.com"
    # The scheme in capitals, as the sign-in takes it (it was "must start with https://").
    shouted = with_value(Settings(), "account.server_url", "HTTPS://vmoox.example.com")
    assert get(shouted, "account.server_url") == "https://vmoox.example.com"
    local = with_value(Settings(), "account.server_url", "http://127.0.0.1:8765")
    assert get(local, "account.server_url") == "http://127.0.0.1:8765"


@pytest.mark.parametrize(("saved", "read"), [(3, 60), (59, 60), (0, 0), (60, 60)])
def test_a_time_away_under_a_minute_an_older_timo_saved_reads_as_a_minute(
    tmp_path: Path, saved: int, read: int
) -> None:
    """Refused now, it is no reason to refuse the whole file (every other setting with it)."""
    file = tmp_path / "settings.json"
    file.write_text(json.dumps({"idle": {"threshold_seconds": saved}}), encoding="utf-8")
    assert load(file).idle.threshold_seconds == read


def test_days_are_typed_in_any_case() -> None:
    """`mon,tue` was refused: "must be a list of days from Mon, Tue, …"."""
    days = with_value(Settings(), "schedule.working_days", "mon,TUE, Wed")
    assert get(days, "schedule.working_days") == ["Mon", "Tue", "Wed"]
    assert get(with_value(Settings(), "schedule.week_starts", "sun"), "schedule.week_starts") == (
        "Sun"
    )


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("90 minutes", 5400), ("1h 30m", 5400), ("2m", 120), ("off", 0), ("OFF", 0), ("600", 600)],
)
def test_a_time_away_is_typed_as_settings_takes_it(typed: str, seconds: int) -> None:
    """The Settings field read `90 minutes` while `timo config set` refused it ("must be a
    whole number"); a bare number stays seconds, as the key says."""
    changed = with_value(Settings(), "idle.threshold_seconds", typed)
    assert get(changed, "idle.threshold_seconds") == seconds


@pytest.mark.parametrize("typed", ["1.5", "90.5"])
def test_a_time_away_that_is_no_whole_seconds_is_still_refused(typed: str) -> None:
    with pytest.raises(
        InvalidInput, match=f"^idle.threshold_seconds must be a whole number .*'{typed}'"
    ):
        with_value(Settings(), "idle.threshold_seconds", typed)


@pytest.mark.parametrize("typed", ["abc", "90 furlongs", "1e1"])
def test_a_time_away_that_reads_as_none_says_what_is_taken(typed: str) -> None:
    """It said "must be a whole number", though 5m, 1h 30m and off are taken too."""
    with pytest.raises(InvalidInput) as refused:
        with_value(Settings(), "idle.threshold_seconds", typed)
    assert str(refused.value) == (
        "idle.threshold_seconds must be a time away: seconds (300), or 5m, 1h 30m, off"
        f" (got '{typed}')"
    )


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("capacity.hours_per_week", "37,5", 37.5),
        ("targets.utilization", "0,7", 0.7),
        ("reminders.long_timer.hours", " 8,5 ", 8.5),
        ("entries.long_entry_hours", "12,25", 12.25),
    ],
)
def test_a_number_takes_a_decimal_comma_as_settings_does(
    key: str, typed: str, value: float
) -> None:
    assert get(with_value(Settings(), key, typed), key) == value


@pytest.mark.parametrize("key", ["targets.billable_ratio", "targets.utilization"])
@pytest.mark.parametrize(("typed", "share"), [("75%", 0.75), ("75 %", 0.75), ("75,5 %", 0.755)])
def test_a_target_is_typed_as_a_percent_too(key: str, typed: str, share: float) -> None:
    """`75%` was refused: "must be a number (got '75%')", though Settings shows it so."""
    assert get(with_value(Settings(), key, typed), key) == share


def test_a_target_set_as_a_percent_reads_back_as_the_share_kept(timo: Timo) -> None:
    set_to = timo("config", "set", "targets.billable_ratio", "75%")
    assert (set_to.returncode, set_to.stdout) == (0, "targets.billable_ratio = 0.75\n")
    assert timo("config", "get", "targets.billable_ratio").stdout == "0.75\n"


def test_a_number_an_older_timo_took_is_read_as_the_nearest_taken_now(tmp_path: Path) -> None:
    """A file holding 1e-9 h or 37.123 h, which `timo config set` took, is read, not
    refused whole (every setting at its default until it was fixed)."""
    file = tmp_path / "settings.json"
    held = {
        "reminders": {"long_timer": {"hours": 1e-9}},
        "capacity": {"hours_per_week": 37.123},
        "targets": {"billable_ratio": 0.7525},
        "entries": {"long_entry_hours": 0},  # refused then, refused now
    }
    file.write_text(json.dumps(held), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"entries\.long_entry_hours"):
        load(file)
    del held["entries"]
    file.write_text(json.dumps(held), encoding="utf-8")
    read = load(file)
    assert read.reminders.long_timer.hours == 0.1
    assert read.capacity.hours_per_week == 37.12
    assert read.targets.billable_ratio == 0.752  # 0.7525 is a little under, in binary


def test_night_shift_hours_end_the_next_morning() -> None:
    """22:00 to 06:00 was refused ("working hours past midnight cannot be set"): an end before
    the start is the next morning. Only an end at the start is refused, saying what to do."""
    night = with_value(Settings(), "schedule.start", "22:00")
    night = with_value(night, "schedule.end", "06:00")
    assert (get(night, "schedule.start"), get(night, "schedule.end")) == ("22:00", "06:00")
    with pytest.raises(InvalidInput) as refused:
        with_value(night, "schedule.end", "22:00")
    assert str(refused.value) == (
        "working hours cannot start and end at the same time (22:00 to 22:00):"
        " set the end to when work stops (an end before the start is the next morning)"
    )
