"""`timo report`, `timo export` and `timo attention` as a user runs them, against `timo log`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, time, timedelta
from functools import partial
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from timo_desktop.core.local_time import at_local
from timo_desktop.paths import resolve
from timo_desktop.reports.formats import SEVERAL_TAGS
from timo_desktop.services.tracker import Tracker

from .workspace import ZONE, seed_review_week

Timo = Callable[..., subprocess.CompletedProcess[str]]
MONDAY = date(2026, 11, 2)  # 2026-W45, safely in the past
ROW_KEYS = {
    "key",
    "label",
    "hours",
    "billable_hours",
    "non_billable_hours",
    "billable_ratio",
    "estimate_hours",
    "variance_hours",
}
TOTAL_KEYS = {
    "hours",
    "billable_hours",
    "non_billable_hours",
    "billable_ratio",
    "capacity_hours",
    "utilization",
}


@pytest.fixture
def timo(timo_home: Path) -> Timo:
    """`timo(*args)`: a real `timo` process on a seeded week, in Berlin time."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    seed_review_week(tracker, MONDAY, running=False)
    tracker.close()

    return partial(run_timo, timo_home)


def ok(process: subprocess.CompletedProcess[str]) -> str:
    assert process.returncode == 0, process.stderr
    return process.stdout


def test_report_json_totals_equal_the_log(timo: Timo) -> None:
    report = json.loads(ok(timo("report", "--week", "2026-W45", "--json")))
    log = json.loads(ok(timo("log", "--from", "2026-11-02", "--to", "2026-11-08", "--json")))
    logged = sum(entry["duration_seconds"] for entry in log)
    billable = sum(entry["duration_seconds"] for entry in log if entry["billable"])
    totals = report["totals"]
    assert set(totals) >= TOTAL_KEYS
    assert totals["seconds"] == logged == (45 + 135 + 90 + 60 + 75 + 390 + 390 + 240) * 60
    assert totals["hours"] == round(logged / 3600, 4)
    assert totals["billable_seconds"] == billable
    assert totals["capacity_hours"] == 40
    assert totals["utilization"] == round(billable / (40 * 3600), 4)
    for row in report["rows"]:
        assert set(row) >= ROW_KEYS
    assert sum(row["seconds"] for row in report["rows"]) == logged
    site = next(row for row in report["rows"] if row["label"] == "Acme website")
    # 8:45 this week, 8 h the week before (2026-10-26), a 10 h estimate.
    assert (site["estimate_hours"], site["actual_to_date_hours"], site["variance_hours"]) == (
        10.0,
        16.75,
        6.75,
    )
    assert site["over_estimate"] is True
    initech = next(row for row in report["rows"] if row["label"] == "Initech app")
    assert initech["estimate_hours"] is None and initech["variance_hours"] is None
    assert report["days"][0]["date"] == "2026-11-02"
    assert report["range"] == {
        "label": "2026-W45",
        "first": "2026-11-02",
        "last": "2026-11-08",
        "timezone": ZONE,
        "start_of_day": "00:00",
    }


def test_grouping_by_client_adds_up_to_grouping_by_project(timo: Timo) -> None:
    totals = {}
    for key in ("project", "client", "task", "segment", "day"):
        report = json.loads(
            ok(timo("report", "--from", "2026-11-02", "--to", "2026-11-08", "--by", key, "--json"))
        )
        assert report["group_by"] == key
        totals[key] = (report["totals"]["seconds"], sum(r["seconds"] for r in report["rows"]))
    assert len(set(totals.values())) == 1
    assert totals["client"][0] == totals["project"][0] > 0


def test_report_text_and_csv(timo: Timo) -> None:
    text = ok(timo("report", "--week", "2026-W45", "--by", "client"))
    assert text.startswith("2026-W45  (2026-11-02 – 2026-11-08)\nClient ")
    assert "Acme Corp" in text and "\nTotal " in text and "Utilization" in text
    rows = list(csv.DictReader(io.StringIO(ok(timo("report", "--week", "2026-W45", "--csv")))))
    assert rows[0]["label"] == "Acme website" and rows[0]["hours"] == "8.75"
    assert rows[0]["estimate_hours"] == "10.0" and rows[0]["variance_hours"] == "6.75"


def test_export_csv_with_rounding(timo: Timo, tmp_path: Path) -> None:
    target = tmp_path / "invoice.csv"
    out = ok(
        timo(
            "export",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-08",
            "--round",
            "15",
            "-o",
            str(target),
        )
    )
    assert out == f"Wrote 15 rows to {target}\n"
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["hours"] for r in rows[:5]] == ["0.75", "2.25", "1.5", "1", "1.25"]
    assert rows[1] == {
        "client": "Acme Corp",
        "project": "Acme website",
        "task": "Layout",
        "record": "",
        "description": "Homepage layout",
        "date": "2026-11-02",
        "start": "09:45",
        "end": "12:00",
        "hours": "2.25",
        "billable": "yes",
        "utc_offset": "UTC+01:00",
        "rounded_to_minutes": "15",
        "running": "no",
        "workspace": "",
    }
    grouped = list(
        csv.DictReader(io.StringIO(ok(timo("export", "--week", "2026-W45", "--by", "client"))))
    )
    # In order of each group's first entry.
    assert [(r["client"], r["billable"], r["hours"]) for r in grouped] == [
        ("", "no", "3.25"),  # agency admin and the receipts: no client
        ("Acme Corp", "yes", "11.25"),
        ("Hooli", "no", "1"),
        ("Initech", "yes", "7.25"),
        ("Acme Corp", "no", "1"),  # the internal review
    ]


def test_export_pdf(timo: Timo, tmp_path: Path) -> None:
    target = tmp_path / "week.pdf"
    assert (
        ok(timo("export", "--week", "2026-W45", "--format", "pdf", "-o", str(target)))
        == f"Wrote {target}\n"
    )
    assert target.read_bytes().startswith(b"%PDF")


def test_export_follows_the_file_name(timo: Timo, tmp_path: Path) -> None:
    """`-o november.pdf` wrote CSV into a file named .pdf."""
    pdf, csv_file = tmp_path / "november.PDF", tmp_path / "november.csv"
    assert ok(timo("export", "--week", "2026-W45", "-o", str(pdf))) == f"Wrote {pdf}\n"
    assert pdf.read_bytes().startswith(b"%PDF")
    ok(timo("export", "--week", "2026-W45", "-o", str(csv_file)))
    assert csv_file.read_text().startswith("client,")


def test_a_filtered_report_says_what_it_kept(timo: Timo) -> None:
    kept = ("--week", "2026-W45", "--client", "Acme Corp", "--billable")
    assert ok(timo("report", *kept)).splitlines()[1] == "Only: client Acme Corp; billable"
    assert json.loads(ok(timo("report", *kept, "--json")))["filters"] == {
        "projects": [],
        "clients": [{"id": "rec_acme", "name": "Acme Corp"}],
        "tags": [],
        "billable": True,
    }


def pdf_words(path: Path) -> str:
    """The PDF's text, its lines joined (as the page wraps them)."""
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_pdf_says_what_it_kept_and_that_tags_overlap(timo: Timo, tmp_path: Path) -> None:
    filtered, tags = tmp_path / "acme.pdf", tmp_path / "tags.pdf"
    ok(timo("export", "--week", "2026-W45", "--format", "pdf", "-c", "Acme", "-o", str(filtered)))
    ok(timo("export", "--week", "2026-W45", "--format", "pdf", "--by", "tag", "-o", str(tags)))
    assert "Only: client Acme Corp" in pdf_words(filtered)
    assert SEVERAL_TAGS not in pdf_words(filtered)
    assert SEVERAL_TAGS in pdf_words(tags)
    assert "Only:" not in pdf_words(tags)


def test_attention_json(timo: Timo) -> None:
    found = json.loads(ok(timo("attention", "--week", "2026-W45", "--json")))
    assert [
        (e["description"], [a["concern"] for a in e["attention"]]) for e in found["entries"]
    ] == [("Sorting receipts", ["no_target"])]
    assert "Sorting receipts" in ok(timo("attention", "--week", "2026-W45"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("report", "--week", "2026-W60"),
            "'2026-W60' is not an ISO week; use for example 2026-W48",
        ),
        (
            ("report", "--by", "colour"),
            "cannot group by 'colour'; choose one of project, client, task,"
            " record, tag, service_type, phase, segment, day — did you mean 'record'?",
        ),
        (
            ("report", "--to", "2026-11-08"),
            "--to needs --from, the range's first day;"
            " for that day alone: --from 2026-11-08 --to 2026-11-08",
        ),
        (  # not "the range ends (today) before it begins": no end was typed
            ("report", "--from", "2999-01-01"),
            "--from 2999-01-01 is after today, where the range ends without --to",
        ),
        (("export", "--round", "90"), "rounding must be 1 to 60 minutes (got 90)"),
        (("export", "--round", "0"), "rounding must be 1 to 60 minutes (got 0)"),
        (("report", "--tag", "zzzz"), "no entry has the tag 'zzzz'"),  # not an empty report
        (
            ("export", "--by", "tag"),  # a report's grouping, not an export's
            "an export can be grouped by client, project, task, record, day, not by tag",
        ),
        (
            ("export", "--by", "colour"),  # offering only what an export takes
            "cannot group by 'colour'; choose one of client, project, task, record, day"
            " — did you mean 'record'?",
        ),
        (
            ("export", "--format", "pdf", "-o", "/nonexistent/report.pdf"),
            "cannot write /nonexistent/report.pdf: No such file or directory",
        ),
        (
            ("export", "--format", "csv", "-o", "november.pdf"),
            "'november.pdf' names a PDF file, but --format csv writes CSV; name it .csv,"
            " or leave out --format",
        ),
        (
            ("export", "--format", "pdf", "-o", "november.csv"),
            "'november.csv' names a CSV file, but --format pdf writes PDF; name it .pdf,"
            " or leave out --format",
        ),
        (
            # Not silently left unrounded (and, were it not refused, written nowhere).
            ("export", "--format", "pdf", "--round", "6", "-o", os.devnull),
            "--round rounds the entries of a CSV export; the PDF report shows time as tracked"
            " (leave out --round, or use --format csv)",
        ),
    ],
)
def test_bad_input_is_refused_in_plain_words(
    timo: Timo, args: tuple[str, ...], message: str
) -> None:
    process = timo(*args)
    assert (process.returncode, process.stderr, process.stdout) == (1, f"timo: {message}\n", "")


# Each command with what lets it run here (offline, signed out, no keyring); one left out
# runs bare, and must load no Qt either.
RUNS = {
    "start": ["start", "Probe"],
    "add": ["add", "Probe", "--date", "2026-11-03", "--start", "09:00", "-d", "30m"],
    "duplicate": ["duplicate", "nope"],
    "edit": ["edit", "nope", "--description", "Probe"],
    "delete": ["delete", "nope"],
    "config": ["config", "list"],
    "login": ["login", "--server", "http://127.0.0.1:9", "--token", "nope"],
    "keyring": ["keyring", "check"],
    "restore": ["restore", "nope"],
    "keep-mine": ["keep-mine", "nope"],
    "keep-theirs": ["keep-theirs", "nope"],
    "retry": ["retry", "nope"],
}
QT_PROBE = """
import json, sys
from timo_desktop.cli import run_cli
loaded = {}
for args in json.loads(sys.argv[1]):
    try:
        run_cli(args)
    except SystemExit:
        pass
    loaded[" ".join(args)] = any(m.startswith("PySide6") for m in sys.modules)
with open(sys.argv[2], "w") as out:
    json.dump(loaded, out)
"""


def test_only_the_pdf_export_loads_qt(timo: Timo, timo_home: Path, tmp_path: Path) -> None:
    """Every command loads no Qt but `timo export --format pdf`, which draws the PDF with
    it, as the README and `timo export --help` say."""
    import argparse

    from timo_desktop.cli import build_parser

    [commands] = [
        action.choices
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    runs = [RUNS.get(name, [name]) for name in commands]
    runs += [["sync", "status"], ["sync", "health"], ["export", "--week", "2026-W45"]]
    env = {**os.environ, "TIMO_HOME": str(timo_home), "TZ": ZONE}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never this computer's
    env.pop("QT_QPA_PLATFORM", None)
    found = tmp_path / "loaded.json"
    subprocess.run(
        [sys.executable, "-c", QT_PROBE, json.dumps(runs), str(found)],
        capture_output=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(found.read_text()) == {" ".join(run): False for run in runs}

    pdf = ["export", "--week", "2026-W45", "--format", "pdf", "-o", str(tmp_path / "r.pdf")]
    subprocess.run(
        [sys.executable, "-c", QT_PROBE, json.dumps([pdf]), str(found)],
        capture_output=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(found.read_text()) == {" ".join(pdf): True}
    said = " ".join(ok(timo("export", "--help")).split())
    assert "pdf: the report drawn with Qt, the one command that loads it" in said


def test_a_tag_is_found_in_any_case_however_its_accent_was_typed(timo_home: Path) -> None:
    """Before: "no entry has the tag 'café' — did you mean 'café'?" (typed with é as one
    character, kept as an e and a combining accent), and a capital found nothing."""
    tracker = Tracker.open(resolve().ensure().database, zone=ZONE)
    for hour, tag in ((9, "cafe\u0301"), (11, "Cafe\u0301"), (14, "lunch")):
        start = at_local(MONDAY, time(hour), ZONE)
        tracker.add(f"At {hour}", start, start + timedelta(hours=1), tags=(tag,))
    tracker.close()
    for typed in ("caf\u00e9", "CAF\u00c9"):
        report = json.loads(
            ok(run_timo(timo_home, "report", "--week", "2026-W45", "--tag", typed, "--json"))
        )
        assert report["totals"]["hours"] == 2.0
