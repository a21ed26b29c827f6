"""A settings file Timo saves holds what was chosen, key by key, and is marked so: a value
equal to its default stays chosen however many keys the file holds. Once every key an
older Timo wrote whole was set, a weekly capacity of 40 h set by hand was read as an old
default, reports took the workspace's, and the next change dropped it from the file."""

from __future__ import annotations

import json
from pathlib import Path

from timo_desktop.services.reports import own_capacity
from timo_desktop.settings import FORMAT, FORMAT_KEY, Settings, load, save_value

# Each key an older Timo wrote whole, set to a value other than its default; the server
# last, as a sign-in alone writes it.
CHANGED = {
    "idle.threshold_seconds": "600",
    "schedule.working_days": "Mon,Tue,Wed,Thu",
    "schedule.start": "08:00",
    "schedule.end": "16:30",
    "reminders.not_tracking.enabled": "false",
    "reminders.not_tracking.minutes": "30",
    "reminders.end_of_day.enabled": "false",
    "reminders.long_timer.enabled": "false",
    "reminders.long_timer.hours": "8",
    "targets.billable_ratio": "0.6",
    "targets.utilization": "0.8",
    "entries.long_entry_hours": "12",
    "account.server_url": "https://vmoox.example.com",
}


def test_a_capacity_set_by_hand_stays_once_every_key_is_set(tmp_path: Path) -> None:
    file = tmp_path / "settings.json"
    save_value(file, "capacity.hours_per_week", "40")  # the default, chosen
    for key, value in CHANGED.items():
        save_value(file, key, value)
    assert own_capacity(load(file))  # reports use it, not the workspace's
    save_value(file, "targets.utilization", "0.65")
    assert json.loads(file.read_text(encoding="utf-8"))["capacity"] == {"hours_per_week": 40.0}


def test_a_file_an_older_timo_wrote_whole_is_read_as_before_and_saved_marked(
    tmp_path: Path,
) -> None:
    """The upgrade: its default values are no choice, once saved by key as before."""
    file = tmp_path / "settings.json"
    written_whole = Settings().model_dump(mode="json")
    written_whole["schedule"]["start"] = "08:30"  # the one change the user made
    file.write_text(json.dumps(written_whole), encoding="utf-8")
    assert not own_capacity(load(file))
    assert load(file).schedule.start == "08:30"

    save_value(file, "schedule.end", "17:00")
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert saved == {FORMAT_KEY: FORMAT, "schedule": {"start": "08:30", "end": "17:00"}}
    assert not own_capacity(load(file))
    save_value(file, "capacity.hours_per_week", "40")
    assert own_capacity(load(file))
    assert FORMAT_KEY not in load(file).model_dump()  # the mark is no setting


def test_a_mark_of_another_kind_is_no_mark(tmp_path: Path) -> None:
    """`"format": "2"` or null marked a file written whole as saved key by key: its
    default capacity was taken as the user's, over the workspace's."""
    file = tmp_path / "settings.json"
    for mark in ("2", None, True, 1, [2]):
        written_whole = {FORMAT_KEY: mark, **Settings().model_dump(mode="json")}
        file.write_text(json.dumps(written_whole), encoding="utf-8")
        assert not own_capacity(load(file)), mark
        assert FORMAT_KEY not in load(file).model_dump()
    file.write_text(json.dumps({FORMAT_KEY: FORMAT + 1, **Settings().model_dump()}), "utf-8")
    assert own_capacity(load(file))  # a newer Timo's: saved key by key too
