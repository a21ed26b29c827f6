"""The zone days and times are in: the one chosen in `day.time_zone`, else this computer's;
a chosen name is checked against the real zone files, a typo refused with the name meant."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timo_desktop.core.errors import InvalidInput
from timo_desktop.platform import zone
from timo_desktop.settings import Settings, format_value, get, load, with_value


def test_a_chosen_zone_stays_wherever_the_computer_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert zone.zone_in_use("Europe/Berlin") == "Europe/Berlin"
    assert zone.zone_in_use(None) == "America/New_York"
    assert zone.local_zone_source() == "TZ"
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # landed
    assert zone.zone_in_use("Europe/Berlin") == "Europe/Berlin"
    assert zone.zone_in_use(None) == "Asia/Tokyo"


def test_a_typo_is_refused_with_the_name_meant() -> None:
    assert zone.zone_problem("Europe/Berlin") is None
    assert zone.zone_problem("Europe/Berln") == (
        "'Europe/Berln' is not a time zone name such as Europe/Berlin"
        " — did you mean 'Europe/Berlin'?"
    )
    with pytest.raises(InvalidInput) as refused:
        with_value(Settings(), "day.time_zone", "Europe/Berln")
    assert str(refused.value) == zone.zone_problem("Europe/Berln")


def test_the_setting_is_a_zone_name_or_unset() -> None:
    chosen = with_value(Settings(), "day.time_zone", " America/Argentina/Buenos_Aires ")
    assert get(chosen, "day.time_zone") == "America/Argentina/Buenos_Aires"
    # Unset as `account.server_url` is: `null`, or nothing at all.
    for cleared in ("null", ""):
        back = with_value(chosen, "day.time_zone", cleared)
        assert get(back, "day.time_zone") is None
        assert format_value(get(back, "day.time_zone")) == "null"
    assert Settings().day.time_zone is None  # by default, this computer's


def test_a_typo_in_the_file_is_named_in_the_rules_own_words(tmp_path: Path) -> None:
    file = tmp_path / "settings.json"
    file.write_text(json.dumps({"day": {"time_zone": "Europe/Berln"}}), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load(file)
    assert str(refused.value) == (
        f"the settings file {file} has a bad value for 'day.time_zone': 'Europe/Berln' is not a"
        " time zone name such as Europe/Berlin — did you mean 'Europe/Berlin'?"
    )


def test_a_computer_without_zone_data_is_told_so(tmp_path: Path) -> None:
    """Without zone files (and without the tzdata package, as the frozen app is built),
    every name was refused as "'Europe/Berlin' is not a time zone name such as
    Europe/Berlin"."""
    no_zone_data = (
        "import sys, zoneinfo; sys.modules['tzdata'] = None; zoneinfo.reset_tzpath(to=[]);"
        " from timo_desktop.__main__ import main;"
        " sys.exit(main(['config', 'set', 'day.time_zone', 'Europe/Berlin']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", no_zone_data],
        env={**os.environ, "TIMO_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "this computer has no time zone data (install the tzdata package)" in done.stderr
