"""`--week`, `--month`, `--from` and `--to` name the same days in `timo log` as in `timo
report` (`timo log --week` was "unrecognized arguments"), and a combination that names
none is refused alike, in words that say what is wrong: the real CLI, in-process or in its
own process, on a real database in a fresh TIMO_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from timo_desktop.cli import run_cli

COMMANDS = ("log", "report")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run_cli(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (  # `log` listed that one day; `report` asked for --from
            ("--to", "2026-03-03"),
            "--to needs --from, the range's first day;"
            " for that day alone: --from 2026-03-03 --to 2026-03-03",
        ),
        (  # `log` listed nothing, as though the days had no entries
            ("--from", "2026-03-04", "--to", "2026-03-01"),
            "the range ends (2026-03-01) before it begins (2026-03-04)",
        ),
        (  # `log` listed that one day to come; `report` refused it
            ("--from", "2999-01-01"),
            "--from 2999-01-01 is after today, where the range ends without --to",
        ),
    ],
)
def test_log_and_report_refuse_the_same_ranges_alike(
    timo_home: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    args: tuple[str, ...],
    message: str,
) -> None:
    assert _run(capsys, command, *args) == (1, "", f"timo: {message}\n")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("named", [("--week", "2026-W10"), ("--month", "2026-03")])
def test_to_with_a_week_or_a_month_is_refused_for_what_it_is(
    timo_home: Path, capsys: pytest.CaptureFixture[str], command: str, named: tuple[str, str]
) -> None:
    """It said "--to needs --from", where --from would have been refused beside --week."""
    status, out, err = _run(capsys, command, *named, "--to", "2026-03-03")
    said = f"timo: {' '.join(named)} names its own last day; --to goes only with --from\n"
    assert (status, out, err) == (1, "", said)


def test_log_and_report_cover_the_same_days(
    timo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = ("--from", "2026-03-02", "--to", "2026-03-03")
    assert _run(capsys, "add", "Design", "--date", "2026-03-02", "-s", "09:00", "-d", "1h")[0] == 0
    assert _run(capsys, "add", "Call", "--date", "2026-03-04", "-s", "09:00", "-d", "1h")[0] == 0
    status, out, _ = _run(capsys, "log", "--json", *days)
    assert status == 0 and [e["description"] for e in json.loads(out)] == ["Design"]
    status, out, _ = _run(capsys, "report", "--json", *days)
    assert status == 0
    covered = json.loads(out)["range"]
    assert (covered["first"], covered["last"]) == ("2026-03-02", "2026-03-03")
    assert json.loads(out)["totals"]["hours"] == 1.0


@pytest.mark.parametrize(
    ("named", "listed", "days"),
    [
        (("--week", "2026-W10"), ["Design", "Review"], "from 2026-03-02 to 2026-03-08"),
        (("--month", "2026-03"), ["Call", "Design", "Review"], "from 2026-03-01 to 2026-03-31"),
    ],
)
def test_log_lists_a_week_or_a_month_as_report_covers_it(
    timo_home: Path, named: tuple[str, str], listed: list[str], days: str
) -> None:
    """The real CLI in its own process, as a user runs it."""
    for description, day in [
        ("Call", "2026-03-01"),  # a Sunday, the ISO week before
        ("Design", "2026-03-02"),
        ("Review", "2026-03-08"),
        ("Plan", "2026-04-01"),
    ]:
        added = run_timo(timo_home, "add", description, "--date", day, "-s", "09:00", "-d", "1h")
        assert added.returncode == 0, added.stderr
    logged = run_timo(timo_home, "log", "--json", *named)
    assert logged.returncode == 0, logged.stderr
    assert [e["description"] for e in json.loads(logged.stdout)] == listed
    text = run_timo(timo_home, "log", *named)
    assert text.stdout.splitlines()[-1] == f"Total {len(listed)}h 00m {days}"
    report = json.loads(run_timo(timo_home, "report", "--json", *named).stdout)["range"]
    assert days == f"from {report['first']} to {report['last']}"


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (("--from", "2026-03-02", "--to", "2026-03-03"), "2026-03-02 – 2026-03-03"),
        (("--week", "2026-W10"), "2026-W10  (2026-03-02 – 2026-03-08)"),
    ],
)
def test_the_report_names_its_days_once(
    timo_home: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], title: str
) -> None:
    """A range typed was named twice: `2026-03-02 – 2026-03-03  (2026-03-02 – 2026-03-03)`;
    a week's name is followed by its days."""
    status, out, _ = _run(capsys, "report", *args)
    assert status == 0 and out.splitlines()[0] == title
