"""Every command end to end in a temporary TIMO_HOME, and every refusal."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.cli import ZONE
from timo_desktop.invocation import AppOptions, app_options

from .conftest import Timo, as_json, outbox_size

ENTRY_KEYS = {
    "client_ref",
    "description",
    "start",
    "end",
    "duration_seconds",
    "billable",
    "tags",
    "project_id",
    "project_name",
    "task_id",
    "task_name",
    "record_id",
    "record_name",
    "timezone",
    "source",
    "sync_state",
}


def refused(process: object, message: str) -> None:
    """A refusal: exit status 1 and exactly one plain line on stderr."""
    assert process.returncode == 1, process.stdout  # type: ignore[attr-defined]
    assert process.stderr == f"timo: {message}\n"  # type: ignore[attr-defined]


def test_gui_or_cli() -> None:
    assert app_options([]) == AppOptions()
    assert app_options(["--home", "/tmp/x"]) == AppOptions(home="/tmp/x")
    assert app_options(["--home=/tmp/x"]) == AppOptions(home="/tmp/x")
    assert app_options(["--background"]) == AppOptions(background=True)
    assert app_options(["--home", "/tmp/x", "--background"]) == AppOptions(True, "/tmp/x")
    assert app_options(["--background", "status"]) is None
    assert app_options(["status"]) is None
    assert app_options(["--version"]) is None
    assert app_options(["--home"]) is None  # the command line says what is missing
    assert app_options(["--home", ""]) is None  # likewise for an empty one
    assert app_options(["--home="]) is None
    assert app_options(["--home", "/tmp/x", "log"]) is None


def test_version(timo: Timo) -> None:
    process = timo("--version")
    assert process.returncode == 0 and process.stdout.startswith("timo ")


def test_start_status_stop(timo: Timo, catalog: Path) -> None:
    assert as_json(timo("status", "--json")) == {"running": None, "stopped_elsewhere": []}
    started = timo("start", "Homepage", "--project", "Website", "--task", "Layout", "--tag", "ux")
    assert started.returncode == 0 and started.stdout.startswith("Started 'Homepage'")
    running = as_json(timo("status", "--json"))["running"]  # type: ignore[index]
    assert set(running) == ENTRY_KEYS
    assert running["project_name"] == "Website" and running["task_name"] == "Layout"
    assert running["billable"] is True and running["tags"] == ["ux"]
    assert running["end"] is None and running["timezone"] == "Europe/Berlin"
    assert running["sync_state"] == "pending"
    assert "Running 'Homepage' (Website › Layout)" in timo("status").stdout
    stopped = timo("stop")
    assert stopped.returncode == 0 and stopped.stdout.startswith("Stopped 'Homepage'")
    assert as_json(timo("status", "--json")) == {"running": None, "stopped_elsewhere": []}
    assert outbox_size(catalog) == 2


def test_start_while_running_switches(timo: Timo) -> None:
    timo("start", "A", "--at", "30m ago")
    switched = timo("start", "B")
    assert switched.stdout.splitlines()[0].startswith("Stopped 'A'")
    first, second = as_json(timo("log", "--json"))  # type: ignore[misc]
    assert first["end"] == second["start"] and second["end"] is None


def test_stop_when_nothing_runs(timo: Timo, catalog: Path) -> None:
    refused(timo("stop"), "no timer is running")
    assert outbox_size(catalog) == 0


def test_unknown_project_lists_the_closest(timo: Timo, catalog: Path) -> None:
    refused(
        timo("start", "x", "--project", "Webiste"),
        "unknown project 'Webiste' — did you mean 'Website' or 'Webshop'?",
    )
    assert as_json(timo("status", "--json")) == {"running": None, "stopped_elsewhere": []}
    assert outbox_size(catalog) == 0


def test_a_task_of_another_project_names_its_project(timo: Timo, catalog: Path) -> None:
    """It was "unknown task 'Layout'", though the task is there, in another project."""
    refused(
        timo("start", "x", "--project", "Webshop", "--task", "layout"),
        "task 'Layout' is in project 'Website', not in 'Webshop'",
    )
    assert outbox_size(catalog) == 0


def test_add_forms_and_log(timo: Timo) -> None:
    assert (
        timo(
            "add", "Design review", "--start", "09:00", "--end", "10:00", "--date", "yesterday"
        ).returncode
        == 0
    )
    assert timo("add", "Standup", "-s", "10:00", "-d", "15m", "--date", "yesterday").returncode == 0
    assert (
        timo(
            "add", "Email", "--end", "12:00", "--duration", "1h30", "--date", "yesterday"
        ).returncode
        == 0
    )
    assert timo("add", "Call", "--duration", "0:20").returncode == 0
    entries: list[dict[str, object]] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[assignment]
    assert [e["description"] for e in entries] == ["Design review", "Standup", "Email", "Call"]
    assert [e["duration_seconds"] for e in entries] == [3600, 900, 5400, 1200]
    text = timo("log", "--from", "yesterday").stdout
    assert "Design review" in text and "Total 3h 05m" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "10:00", "--end", "09:00"], "end 09:00 is before start 10:00"),
        (["--start", "09:30", "--end", "11:00"], "overlaps 'Design review' 09:00–10:00"),
        (
            ["--start", "09:00", "--duration", "1h90"],
            "'1h90' is not a duration; use for example 1h30, 1h 30m, 90m, 1.5 or 1:30",
        ),
        (
            ["--start", "nine", "--end", "10:00"],
            "'nine' is not a time; use HH:MM, 'YYYY-MM-DD HH:MM', 'now' or '15m ago'",
        ),
        (["--start", "09:00"], "give --start and --end, --start and --duration, or --duration"),
        (["--duration", "1h"], "--duration alone ends now; give --start for another day"),
        (["--start", "11:00", "--end", "12:00", "--project", "Nope"], "unknown project 'Nope'"),
    ],
)
def test_add_refusals_write_nothing(
    timo: Timo, catalog: Path, args: list[str], message: str
) -> None:
    timo("add", "Design review", "--start", "09:00", "--end", "10:00", "--date", "yesterday")
    refused(timo("add", "x", "--date", "yesterday", *args), message)
    assert outbox_size(catalog) == 1


def test_add_takes_am_pm_and_prints_24_hour(timo: Timo) -> None:
    added = timo("add", "Call", "--start", "1:30 pm", "--end", "2:15PM", "--date", "yesterday")
    assert added.returncode == 0, added.stderr
    [entry] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    assert entry["duration_seconds"] == 45 * 60
    assert "13:30–14:15" in timo("log", "--from", "yesterday").stdout  # scripts read these


def test_add_in_the_future_is_refused(timo: Timo) -> None:
    process = timo("add", "x", "--start", "2099-01-01 09:00", "--end", "2099-01-01 10:00")
    assert process.returncode == 1 and "is in the future" in process.stderr


def test_edit_delete_undo(timo: Timo, catalog: Path) -> None:
    timo("add", "Draft", "--start", "09:00", "--end", "10:00", "--date", "yesterday")
    [entry] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    ref = entry["client_ref"][:8]
    edited = timo(
        "edit",
        ref,
        "--description",
        "Final",
        "--end",
        "10:30",
        "--project",
        "Webshop",
        "--billable",
    )
    assert edited.returncode == 0, edited.stderr
    [entry] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    assert entry["description"] == "Final" and entry["duration_seconds"] == 5400
    assert entry["project_name"] == "Webshop" and entry["billable"] is True
    refused(timo("edit", ref, "--end", "08:00"), "end 08:00 is before start 09:00")
    refused(timo("edit", "ffffffff"), "no entry 'ffffffff'")
    refused(timo("edit", ref), "nothing to change; give at least one new value")
    assert timo("delete", ref).returncode == 0
    assert as_json(timo("log", "--json", "--from", "yesterday")) == []
    refused(timo("delete", ref), f"no entry '{ref}'")
    assert timo("undo").stdout.startswith("Restored 'Final'")
    assert len(as_json(timo("log", "--json", "--from", "yesterday"))) == 1  # type: ignore[arg-type]
    refused(timo("undo"), "there is no deleted entry to bring back")


def test_continue(timo: Timo) -> None:
    timo("add", "Writing", "--duration", "10m", "--tag", "docs")
    assert timo("continue").returncode == 0
    running = as_json(timo("status", "--json"))["running"]  # type: ignore[index]
    assert running["description"] == "Writing" and running["tags"] == ["docs"]


def test_duplicate_copies_an_entry_to_a_given_start(timo: Timo, catalog: Path) -> None:
    # Where the copy goes without --start is the tracker's rule (tests/services/test_duplicate.py).
    yesterday = (datetime.now(ZoneInfo(ZONE)) - timedelta(days=1)).date()
    timo(
        *("add", "Review", "--start", "09:00", "--end", "09:45", "--date", "yesterday"),
        *("--project", "Website", "--tag", "ux", "--billable"),
    )
    [original] = as_json(timo("log", "--json", "--from", "yesterday"))  # type: ignore[misc]
    ref = original["client_ref"][:8]
    copied = timo("duplicate", ref, "--start", f"{yesterday} 13:00")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith(f"Added 'Review' (Website) {yesterday:%a %Y-%m-%d} 13:00–13:45")
    copy = as_json(timo("log", "--json", "--from", "yesterday"))[1]  # type: ignore[index]
    same = ("description", "project_id", "tags", "billable", "duration_seconds")
    assert {k: copy[k] for k in same} == {k: original[k] for k in same}
    assert copy["client_ref"] != original["client_ref"]
    refused(
        timo("duplicate", ref, "--start", f"{yesterday} 09:30"), "overlaps 'Review' 09:00–09:45"
    )
    refused(timo("duplicate", "nope"), "'nope' is not an entry reference")
    assert len(as_json(timo("log", "--json", "--from", "yesterday"))) == 2  # type: ignore[arg-type]


def test_config_get_set(timo: Timo, timo_home: Path) -> None:
    assert timo("config", "get", "idle.threshold_seconds").stdout == "300\n"
    assert timo("config", "set", "idle.threshold_seconds", "600").returncode == 0
    assert timo("config", "get", "idle.threshold_seconds").stdout == "600\n"
    assert "schedule.working_days = Mon,Tue,Wed,Thu,Fri" in timo("config", "get").stdout
    saved = (timo_home / "config" / "settings.json").read_text()
    refused(
        timo("config", "set", "idle.threshold_seconds", "soon"),
        "idle.threshold_seconds must be a time away: seconds (300), or 5m, 1h 30m, off"
        " (got 'soon')",
    )
    refused(
        timo("config", "set", "idle.treshold", "1"),
        "unknown setting 'idle.treshold' — did you mean 'idle.threshold_seconds'?",
    )
    refused(
        timo("config", "set", "schedule.end", "09:00"),
        "working hours cannot start and end at the same time (09:00 to 09:00):"
        " set the end to when work stops (an end before the start is the next morning)",
    )
    assert (timo_home / "config" / "settings.json").read_text() == saved


def test_config_set_takes_night_shift_hours_saying_they_end_the_next_day(timo: Timo) -> None:
    """22:00 to 06:00 was refused; set, it is said to end the next day, as Settings says."""
    night = " (working hours 22:00 to {} end the next day)\n"
    said = timo("config", "set", "schedule.start", "22:00").stdout
    assert said == "schedule.start = 22:00" + night.format("17:30")
    assert timo("config", "set", "schedule.end", "06:00").stdout == "schedule.end = 06:00" + (
        night.format("06:00")
    )
    assert timo("config", "get", "schedule.end").stdout == "06:00\n"
    assert timo("config", "set", "schedule.end", "23:00").stdout == "schedule.end = 23:00\n"


def test_start_of_day_setting_moves_late_work(timo: Timo) -> None:
    timo("config", "set", "day.start_of_day", "04:00")
    timo("add", "Late", "--start", "01:00", "--end", "02:00", "--date", "yesterday")
    entries = as_json(timo("log", "--json", "--from", "yesterday", "--to", "yesterday"))
    # Yesterday's 01:00 is in yesterday's night, after midnight: listed under yesterday.
    listed = [(e["description"], e["duration_seconds"]) for e in entries]  # type: ignore[union-attr]
    assert listed == [("Late", 3600)]


def test_doctor(timo: Timo) -> None:
    report = as_json(timo("doctor", "--json"))
    names = [c["name"] for c in report["checks"]]  # type: ignore[index]
    assert report["ok"] is True  # type: ignore[index]
    assert {"paths", "database", "schema", "settings"} <= set(names)


def test_home_option_puts_everything_there(timo: Timo, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    assert timo("--home", str(other), "start", "x").returncode == 0
    assert (other / "data" / "timo.sqlite3").exists()


def test_a_reader_that_goes_away_is_no_error(timo: Timo) -> None:
    """`timo start X | head -c0`: the output has nowhere to go; no traceback, the timer runs."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written
    try:
        process = timo("start", "Piped", stdout=writer)
    finally:
        os.close(writer)
    assert (process.returncode, process.stderr) == (141, "")  # as git's, cut off by `head`
    assert as_json(timo("status", "--json"))["running"]["description"] == "Piped"  # type: ignore[index]


def test_a_code_page_without_the_characters_still_gets_them_as_utf8(
    timo: Timo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A redirected `timo.exe` writes in the Windows code page: the timer started, then
    printing "☕" failed with a traceback and exit 1, and a script might start it again."""
    monkeypatch.setenv("PYTHONIOENCODING", "cp1252")
    process = timo("start", "☕ coffee", encoding="utf-8")  # read back as UTF-8, strictly
    assert (process.returncode, process.stderr) == (0, "")
    assert process.stdout.startswith("Started '☕ coffee' at ")


def test_output_with_no_room_says_so_in_one_line(timo: Timo) -> None:
    """`timo start X > /dev/full`: the timer runs; a traceback was all that was said."""
    with open("/dev/full", "w") as full:
        process = timo("start", "No room", stdout=full)
    assert process.returncode == 1
    assert process.stderr == "timo: could not write its output: No space left on device\n"
    assert as_json(timo("status", "--json"))["running"]["description"] == "No room"  # type: ignore[index]


def test_no_standard_output_at_all_is_no_error(timo: Timo) -> None:
    """`timo status >&-`: Python has no sys.stdout then; flushing it was a traceback."""
    process = timo("status", preexec_fn=lambda: os.close(1))
    assert (process.returncode, process.stderr) == (0, "")


def test_a_description_typed_without_quotes_is_shown_quoted(timo: Timo) -> None:
    """`timo start Homepage layout` said only "unrecognized arguments: layout", and sent to
    `timo --help`, not the command's own."""
    process = timo("start", "Homepage", "layout", "--billable")
    assert (process.returncode, process.stdout) == (2, "")
    assert process.stderr == (
        'timo: unrecognized arguments: layout; several words go in quotes: "Homepage layout"'
        " (see 'timo start --help')\n"
    )
    assert as_json(timo("status", "--json"))["running"] is None  # type: ignore[index]


def test_a_time_with_am_or_pm_typed_without_quotes_is_shown_quoted(timo: Timo) -> None:
    """`timo start x --at 9 PM` was told the PM belonged to the description: "x PM"."""
    process = timo("start", "x", "--at", "9", "PM")
    assert process.stderr == (
        'timo: unrecognized arguments: PM; a time with AM or PM goes in quotes: --at "9 PM"'
        " (see 'timo start --help')\n"
    )
    assert as_json(timo("status", "--json"))["running"] is None  # type: ignore[index]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("sync", "--timeout", "5"), "--timeout needs --until-done (a single sync does not wait)"),
        (("sync", "status", "--until-done"), "--until-done is for a sync, not 'timo sync status'"),
        (("sync", "health", "--until-done"), "--until-done is for a sync, not 'timo sync health'"),
    ],
)
def test_sync_options_that_would_do_nothing_are_refused(
    timo: Timo, command: tuple[str, ...], said: str
) -> None:
    """They were passed over: a script's `--timeout 5` waited for nothing."""
    refused(timo(*command), said)


@pytest.mark.parametrize("value", ["-5", "0", "nan", "inf", "soon"])
@pytest.mark.parametrize("command", [("sync", "--until-done"), ("login",)])
def test_a_timeout_is_a_number_of_seconds_above_0(
    timo: Timo, command: tuple[str, ...], value: str
) -> None:
    """`--timeout -5` was taken, and the browser "did not come back within -5 seconds"."""
    process = timo(*command, "--timeout", value)
    assert process.returncode == 2
    assert f"argument --timeout: '{value}' is not a number of seconds" in process.stderr


def test_bad_command_line_is_one_line(timo: Timo) -> None:
    process = timo("frobnicate")
    assert process.returncode == 2 and len(process.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("add", "t", "--start", "", "--duration", "30m"), "--start/-s"),  # once: ended now
        (("add", "t", "--date", " ", "--start", "09:00", "--duration", "1m"), "--date"),
        (("start", "t", "--project", ""), "--project/-p"),  # once: no project
        (("add", "t", "--duration", "1m", "--tag", "a", "--tag", ""), "--tag"),
        (("report", "--from", "", "--to", "2026-01-01"), "--from"),
        (("export", "-o", ""), "-o/--output"),  # once: written to stdout
        (("--home", "", "status"), "--home"),  # once: the real data folder
    ],
)
def test_an_empty_value_is_refused_not_taken_as_not_given(
    timo: Timo, args: tuple[str, ...], option: str
) -> None:
    """A script's unset variable (`--start "$START"`) must not quietly mean something else."""
    process = timo(*args)
    assert process.returncode == 2
    assert f"argument {option}: give a value, not ''" in process.stderr
    assert timo("log", "--json").stdout.strip() == "[]"


def test_conflicting_options_are_refused_not_one_silently_won(timo: Timo, catalog: Path) -> None:
    refused(
        timo("add", "b", "--date", "2026-11-20", "--start", "2026-11-19 10:00", "--duration", "5m"),
        "--start '2026-11-19 10:00' has its own day; with --date give a time of day",
    )
    added = timo("add", "b", "--date", "2026-03-02", "--start", "10:00", "--end", "10:05")
    assert added.stdout.startswith("Added 'b' Mon 2026-03-02 10:00–10:05 (5m)")  # dated: not today
    [entry] = as_json(timo("log", "--json", "--from", "2026-03-02"))  # type: ignore[misc]
    refused(
        timo("edit", entry["client_ref"][:8], "--no-target", "--project", "Website"),
        "give --no-target or a project, task or record, not both",
    )


def test_an_end_by_the_clock_is_on_the_start_s_day_or_the_night_after(timo: Timo) -> None:
    late = timo("add", "Release", "--date", "2026-03-02", "--start", "23:00", "--end", "01:00")
    assert late.stdout.startswith("Added 'Release' Mon 2026-03-02 23:00–01:00 (2h 00m)")
    dated = timo("add", "Call", "--start", "2026-03-04 09:00", "--end", "09:30")
    assert dated.stdout.startswith("Added 'Call' Wed 2026-03-04 09:00–09:30 (30m)")
    refused(
        timo("add", "Typo", "--date", "2026-03-05", "--start", "10:00", "--end", "09:00"),
        "end 09:00 is before start 10:00",
    )


def test_an_empty_description_still_clears_one(timo: Timo) -> None:
    timo("add", "Draft", "--duration", "10m")
    [entry] = as_json(timo("log", "--json"))  # type: ignore[misc]
    assert timo("edit", entry["client_ref"][:8], "--description", "").returncode == 0
    assert as_json(timo("log", "--json"))[0]["description"] == ""  # type: ignore[index]


def test_text_that_is_not_utf8_is_refused_before_anything_is_written(
    timo: Timo, timo_home: Path
) -> None:
    # A Latin-1 "café" from an old script: the process gets bytes its locale cannot decode.
    process = timo("add", "caf\udce9", "--duration", "10m")
    assert process.returncode == 2
    assert process.stderr.startswith("timo: 'caf\\xe9' is not UTF-8 text")
    assert timo("log", "--json").stdout.strip() == "[]"
    (timo_home / "config").mkdir(parents=True)  # nothing written: not even the home
    (timo_home / "config" / "settings.json").write_bytes(b"\xff\xfe{}")
    refused(
        timo("config", "get", "idle.threshold_seconds"),
        f"the settings file {timo_home / 'config' / 'settings.json'} is not UTF-8 text;"
        " fix or delete it",
    )


def test_a_settings_file_holding_no_settings_says_so_without_pydantics_words(
    timo: Timo, timo_home: Path
) -> None:
    """`[]` or `null` read "bad value for '': Input should be a valid dictionary or
    instance of Settings"."""
    (timo_home / "config").mkdir(parents=True, exist_ok=True)
    for held in ("[]", "null", "3"):
        (timo_home / "config" / "settings.json").write_text(held)
        refused(
            timo("config", "get", "idle.threshold_seconds"),
            f"the settings file {timo_home / 'config' / 'settings.json'} holds no settings"
            " (keys and values in braces, {…}); fix or delete it",
        )


def test_log_text_groups_by_day(timo: Timo) -> None:
    # Whole past days, dated in the CLI's zone: the test does not depend on the hour it runs.
    today = datetime.now(ZoneInfo(ZONE)).date()
    yesterday, before = (str(today - timedelta(days=back)) for back in (1, 2))
    timo("add", "A", "--start", "09:00", "--end", "10:00", "--date", yesterday)
    timo("add", "B", "--start", "09:00", "--end", "09:30", "--date", before)
    text = timo("log", "--from", before).stdout
    assert yesterday in text and before in text and "Total 1h 30m" in text
