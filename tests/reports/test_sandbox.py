"""Reports on the sandbox's demo workspace pulled by `timo sync`: totals match `timo log`."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

ZONE = "Europe/Berlin"


def _timo(home: Path, *args: str, server: SandboxHandle | None = None) -> Any:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_demo_workspace_report_matches_the_log(timo_home: Path, sandbox: SandboxHandle) -> None:
    pulled = _timo(timo_home, "sync", "--json", server=sandbox)
    assert pulled["pulled"] > 0
    # The demo user's three weeks of history end yesterday (Berlin).
    today = datetime.now(ZoneInfo(ZONE)).date()
    first, last = str(today - timedelta(days=21)), str(today - timedelta(days=1))
    log = _timo(timo_home, "log", "--from", first, "--to", last, "--json")
    logged = sum(entry["duration_seconds"] for entry in log)
    assert len(log) > 30 and logged > 0
    by_project = _timo(timo_home, "report", "--from", first, "--to", last, "--json")
    by_client = _timo(
        timo_home, "report", "--from", first, "--to", last, "--by", "client", "--json"
    )
    assert by_project["totals"]["seconds"] == logged
    assert by_project["totals"]["billable_seconds"] == sum(
        e["duration_seconds"] for e in log if e["billable"]
    )
    assert (
        sum(row["seconds"] for row in by_client["rows"]) == by_client["totals"]["seconds"] == logged
    )
    assert sum(row["seconds"] for row in by_project["rows"]) == logged
    # Names and estimates come from the pulled catalog; the demo has no older history.
    estimated = [row for row in by_project["rows"] if row["estimate_hours"] is not None]
    assert estimated
    for row in estimated:
        tracked = sum(e["duration_seconds"] for e in log if e["project_id"] == row["key"])
        assert row["label"] == next(e["project_name"] for e in log if e["project_id"] == row["key"])
        assert row["actual_to_date_hours"] == round(tracked / 3600, 4) == row["hours"]
    clients = {row["label"] for row in by_client["rows"]}
    assert clients <= {"Acme Corp", "Globex GmbH", "Initech", "Green Fields e.V.", "(no client)"}


def test_workspace_capacity_reaches_the_report_through_sync(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    sandbox.set_workspace(capacity_hours_per_week=32)
    _timo(timo_home, "sync", "--json", server=sandbox)
    week = _timo(timo_home, "report", "--json")
    assert week["totals"]["capacity_hours"] == 32
    configured = run_timo(timo_home, "config", "set", "capacity.hours_per_week", "20")
    assert configured.returncode == 0, configured.stderr
    assert _timo(timo_home, "report", "--json")["totals"]["capacity_hours"] == 20


def test_tasks_of_an_archived_project_keep_their_names_and_estimates(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    """Archived on Vmoox before this computer first synced: its entries' tasks are still
    named (report rows, the invoice's task column) and estimated."""
    sandbox.set_project("prj_4", status="archived")  # Globex SEO retainer
    _timo(timo_home, "sync", "--json", server=sandbox)
    today = datetime.now(ZoneInfo(ZONE)).date()
    first, last = str(today - timedelta(days=21)), str(today - timedelta(days=1))
    span = ("--from", first, "--to", last)
    report = _timo(timo_home, "report", *span, "--by", "task", "--project", "prj_4", "--json")
    names = {"tsk_10": "Monthly audit", "tsk_11": "Content briefs"}
    labels = {(key, f"Globex SEO retainer › {name}") for key, name in names.items()}
    assert {(row["key"], row["label"]) for row in report["rows"]} <= labels
    assert report["rows"] and all(row["estimate_hours"] is not None for row in report["rows"])
    exported = run_timo(timo_home, "export", *span, "--project", "prj_4")
    assert exported.returncode == 0, exported.stderr
    invoice = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert invoice and {line["task"] for line in invoice} <= set(names.values())
