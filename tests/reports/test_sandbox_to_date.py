"""`timo report` against the sandbox through `timo sync`: estimates to date count the whole
team's time and say so in every output; a task's estimate changed on Vmoox arrives."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.cli import run_timo
from tests.support.sandbox import SandboxHandle

EVERYONE = re.compile(r"To date: everyone's time on Vmoox as of \d\d:\d\d, with yours up to now\.")


def _berlin_today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def _timo(home: Path, *args: str, server: SandboxHandle | None = None) -> str:
    done = run_timo(home, *args, server=server)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sam_tracks_on_the_retainer(sandbox: SandboxHandle, hours: int) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    body = {
        "client_ref": str(uuid.uuid4()),
        "target": {"type": "project", "id": "prj_4", "task_id": "tsk_11"},
        "billable": True,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=hours)).isoformat(),
        "timezone": "Europe/Berlin",
    }
    headers = {
        "Authorization": f"Bearer {sandbox.mint_pat('usr_2')}",
        "Idempotency-Key": str(uuid.uuid4()),
    }
    sent = sandbox.admin.post(sandbox.entries_path(), json=body, headers=headers)
    assert sent.status_code == 201, sent.text


def _seo(report: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in report["rows"] if row["key"] == "prj_4")


def test_to_date_is_the_teams_and_says_so_in_text_json_and_csv(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _sam_tracks_on_the_retainer(sandbox, 12)
    _timo(timo_home, "sync", server=sandbox)
    # A quarter hour on the retainer, not sent yet, counts on top (before the seeded day).
    quarter = ("--date", "yesterday", "--start", "06:00", "--end", "06:15")
    _timo(timo_home, "add", "Briefs", "--project", "Globex SEO", *quarter)
    today = _berlin_today()
    span = ("--from", str(today - timedelta(days=30)), "--to", str(today))
    listed = sandbox.client.get(f"/v1/workspaces/{sandbox.workspace_id}/projects").json()
    counted = next(p["tracked_minutes"] for p in listed["data"] if p["id"] == "prj_4")
    report = json.loads(_timo(timo_home, "report", *span, "--json"))
    seo = _seo(report)
    assert seo["actual_to_date_hours"] == round((counted + 15) / 60, 4)
    assert seo["actual_to_date_source"] == "everyone"
    assert EVERYONE.fullmatch(report["to_date"]["note"])
    assert report["to_date"]["vmoox_counted_at"].endswith("Z")
    text = _timo(timo_home, "report", *span)
    assert EVERYONE.search(" ".join(text.split()))
    rows = list(csv.DictReader(io.StringIO(_timo(timo_home, "report", *span, "--csv"))))
    assert {row["actual_to_date_source"] for row in rows if row["estimate_hours"]} == {"everyone"}


def test_a_task_estimate_changed_on_vmoox_reaches_the_report_at_the_next_sync(
    timo_home: Path,
    sandbox: SandboxHandle,
) -> None:
    _timo(timo_home, "sync", server=sandbox)
    hour = ("--date", "yesterday", "--start", "06:00", "--end", "07:00")
    _timo(timo_home, "add", "Briefs", "--project", "Globex SEO", "--task", "Content", *hour)
    days = ("--from", str(_berlin_today() - timedelta(days=1)), "--to", str(_berlin_today()))
    by_task = ("report", "--by", "task", *days, "--json")
    assert _seo_task(json.loads(_timo(timo_home, *by_task)))["estimate_hours"] == 12
    sandbox.set_task("tsk_11", estimate_minutes=90)
    _timo(timo_home, "sync", server=sandbox)
    briefs = _seo_task(json.loads(_timo(timo_home, *by_task)))
    assert briefs["estimate_hours"] == 1.5


def _seo_task(report: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in report["rows"] if row["key"] == "tsk_11")
