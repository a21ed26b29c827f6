"""`timo config get` on the weekly capacity while reports use the workspace's (set on
Vmoox, none set here): it says so, naming the workspace, and stops once one is set here."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

KEY = "capacity.hours_per_week"
SOURCE = " (reports use Northwind Agency's 20 h a week, set on Vmoox)"


def _get(home: Path, *key: str) -> str:
    done = run_timo(home, "config", "get", *key)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_config_get_says_reports_use_the_workspace_s_capacity(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    assert _get(timo_home, KEY) == "40\n"  # never synced: no workspace to speak of
    sandbox.set_workspace(capacity_hours_per_week=20)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    assert _get(timo_home, KEY) == f"40{SOURCE}\n"
    assert f"{KEY} = 40{SOURCE}\n" in _get(timo_home)
    report = json.loads(run_timo(timo_home, "report", "--json").stdout)
    assert report["totals"]["capacity_hours"] == 20  # what it said reports use

    assert run_timo(timo_home, "config", "set", KEY, "32").returncode == 0
    assert _get(timo_home, KEY) == "32.0\n"  # set here, it is the one reports use
    assert f"{KEY} = 32.0\n" in _get(timo_home)


def test_a_settings_file_an_older_timo_wrote_whole_leaves_capacity_to_the_workspace(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """An older Timo saved every default with any change: after the upgrade its 40 h counted
    as chosen, and utilization came out 38 % where the workspace's 30 h gave 50 %."""
    from timo_desktop.settings import Settings

    written_whole = Settings().model_dump(mode="json")
    written_whole["schedule"]["start"] = "08:30"  # the one change the user made
    settings_file = timo_home / "config" / "settings.json"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps(written_whole))
    sandbox.set_workspace(capacity_hours_per_week=20)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    assert _get(timo_home, KEY) == f"40{SOURCE}\n"
    assert _get(timo_home, "schedule.start") == "08:30\n"  # what was chosen stays
    report = json.loads(run_timo(timo_home, "report", "--json").stdout)
    assert report["totals"]["capacity_hours"] == 20
    assert run_timo(timo_home, "config", "set", "schedule.end", "17:00").returncode == 0
    saved = json.loads(settings_file.read_text())  # as chosen: no longer whole
    assert saved == {"format": 2, "schedule": {"start": "08:30", "end": "17:00"}}
    assert run_timo(timo_home, "config", "set", KEY, "40").returncode == 0
    assert _get(timo_home, KEY) == "40.0\n"  # now chosen, and it stands


def test_a_capacity_chosen_beside_a_setting_in_every_section_stands(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """Chosen now, 40 h was dropped as an old default once every section held a setting."""
    sandbox.set_workspace(capacity_hours_per_week=20)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    for key, value in (
        (KEY, "40"),
        ("idle.threshold_seconds", "600"),
        ("schedule.end", "18:00"),
        ("reminders.long_timer.hours", "9"),
        ("targets.utilization", "0.8"),
        ("entries.long_entry_hours", "12"),
    ):
        assert run_timo(timo_home, "config", "set", key, value).returncode == 0
    assert _get(timo_home, KEY) == "40.0\n"
    report = json.loads(run_timo(timo_home, "report", "--json").stdout)
    assert report["totals"]["capacity_hours"] == 40


SIDE = " (reports use Dana's Side Studio's 25 h a week, set on Vmoox)"


def test_config_says_the_capacity_of_the_workspace_named(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """Capacity is each workspace's: `config get` spoke of the default one's only, and took
    no `--workspace` as `timo report` does."""
    sandbox.set_workspace(capacity_hours_per_week=20)
    sandbox.set_workspace("ws_2", capacity_hours_per_week=25)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    assert _get(timo_home, KEY) == f"40{SOURCE}\n"  # the default workspace's
    assert _get(timo_home, KEY, "--workspace", "side") == f"40{SIDE}\n"
    assert f"{KEY} = 40{SIDE}\n" in _get(timo_home, "--workspace", "Side Studio")
    report = json.loads(run_timo(timo_home, "report", "--json", "--workspace", "side").stdout)
    assert report["totals"]["capacity_hours"] == 25  # what it said reports use

    cleared = run_timo(timo_home, "config", "set", KEY, "", "--workspace", "side")
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout == f"{KEY} = 40{SIDE}\n"
    unknown = run_timo(timo_home, "config", "set", KEY, "30", "--workspace", "nowhere")
    assert unknown.returncode != 0 and "nowhere" in unknown.stderr
    assert _get(timo_home, KEY) == f"40{SOURCE}\n"  # not saved
    other = run_timo(timo_home, "config", "get", "schedule.start", "--workspace", "side")
    assert other.returncode != 0
    assert other.stderr.strip().endswith(
        "--workspace goes with capacity.hours_per_week only: schedule.start is the same for"
        " every workspace"
    )


def test_a_capacity_set_here_is_said_to_stand_for_the_workspace_named(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """Set here, the capacity is every workspace's: `config set … 30 --workspace side`
    printed a bare 30, as if Side Studio alone had it; `--workspace all` was taken."""
    sandbox.set_workspace("ws_2", capacity_hours_per_week=25)
    assert run_timo(timo_home, "sync", server=sandbox).returncode == 0
    saved = run_timo(timo_home, "config", "set", KEY, "30", "--workspace", "side")
    assert saved.returncode == 0, saved.stderr
    everywhere = " (set here, for every workspace, Dana's Side Studio too)"
    assert saved.stdout == f"{KEY} = 30.0{everywhere}\n"
    assert _get(timo_home, KEY, "--workspace", "ws_2") == f"30.0{everywhere}\n"
    assert _get(timo_home, KEY) == "30.0\n"
    every = run_timo(timo_home, "config", "get", KEY, "--workspace", "all")
    assert every.returncode == 1
    assert every.stderr.strip() == (
        f"timo: --workspace names one workspace for {KEY}; all is for reports"
    )
