"""The weekly review covers one Vmoox workspace at a time: `timo report` and the PDF the
default one (`timo workspace`) or the one `--workspace` names, with that workspace's
capacity, and say which; `timo export` names each entry's workspace and takes
`--workspace all`. Real `timo` processes against the sandbox, where the demo user Dana
tracks in ws_1 "Northwind Agency" (three weeks of history) and ws_2 "Dana's Side Studio"
(the project "Portfolio site")."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Timo
from tests.reports.test_cli import pdf_words
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle
from timo_desktop.reports.formats import LOST_WORKSPACE

NORTHWIND = "Northwind Agency"
SIDE = "Dana's Side Studio"


@pytest.fixture
def signed_in(
    timo: Timo, sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> FileKeyring:
    """Signed in as Dana (Northwind the default workspace) and synced once."""
    keyring = use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    login = timo("login", "--server", sandbox.base_url, "--token", sandbox.token)
    assert login.returncode == 0, login.stderr
    assert timo("sync").returncode == 0
    return keyring


def last_week() -> tuple[str, str]:
    """Last ISO week (the demo history has Northwind's time in it) and its Wednesday."""
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    wednesday = today - timedelta(days=today.weekday() + 5)
    year, week, _ = wednesday.isocalendar()
    return f"{year}-W{week:02d}", wednesday.isoformat()


def ok(timo: Timo, *args: str) -> str:
    done = timo(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def report(timo: Timo, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(ok(timo, "report", "--json", *args))
    return found


def export(timo: Timo, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(timo, "export", *args))))


def test_a_report_covers_one_workspace_and_says_which(timo: Timo, signed_in: FileKeyring) -> None:
    week, day = last_week()
    before = report(timo, "--week", week)
    ok(timo, "add", "Portfolio build", "--date", day, "--start", "15:00", "--end", "18:00",
       "--project", "Portfolio site", "--billable")  # fmt: skip

    northwind = report(timo, "--week", week)
    assert northwind["workspace"] == {"id": "ws_1", "name": NORTHWIND}
    assert "Portfolio site" not in [row["label"] for row in northwind["rows"]]
    # Side Studio's billable hours do not count toward Northwind's utilization.
    assert northwind["totals"] == before["totals"]
    assert f"{NORTHWIND} · {week}" in ok(timo, "report", "--week", week).splitlines()[0]

    side = report(timo, "--week", week, "--workspace", "side")
    assert side["workspace"] == {"id": "ws_2", "name": SIDE}
    assert [(row["label"], row["billable_hours"]) for row in side["rows"]] == [
        ("Portfolio site", 3.0)
    ]

    # The export names each entry's workspace: all of them, or the one named.
    assert {row["workspace"] for row in export(timo, "--week", week, "--workspace", "north")} == {
        NORTHWIND
    }
    every = export(timo, "--week", week)
    assert every == export(timo, "--week", week, "--workspace", "all")
    assert {row["workspace"] for row in every} == {NORTHWIND, SIDE}
    [portfolio] = [row for row in every if row["project"] == "Portfolio site"]
    assert portfolio["workspace"] == SIDE
    grouped = export(timo, "--week", week, "--by", "day")
    assert {(row["date"], row["workspace"]) for row in grouped if row["date"] == day} == {
        (day, NORTHWIND),
        (day, SIDE),
    }

    mixed = timo("report", "--week", week, "--workspace", "all")
    assert mixed.returncode != 0
    assert "a report covers one workspace at a time" in mixed.stderr
    unknown = timo("report", "--week", week, "--workspace", "Acme")
    assert unknown.returncode != 0
    assert 'no workspace is called "Acme"' in unknown.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_a_report_on_another_workspaces_project_covers_that_workspace(
    timo: Timo, signed_in: FileKeyring, tmp_path: Path
) -> None:
    """`-p` finds a project in any workspace: with no --workspace the report, the PDF and
    the CSV all cover the one it is in, and say which, instead of an empty report."""
    week, day = last_week()
    ok(timo, "add", "Portfolio build", "--date", day, "--start", "15:00", "--end", "18:00",
       "--project", "Portfolio site")  # fmt: skip
    side = report(timo, "--week", week, "-p", "Portfolio")
    assert side["workspace"] == {"id": "ws_2", "name": SIDE}
    assert side["totals"]["hours"] == 3.0
    assert ok(timo, "report", "--week", week, "-p", "Portfolio").startswith(f"{SIDE} · {week}")
    pdf = tmp_path / "portfolio.pdf"
    ok(timo, "export", "--week", week, "-p", "Portfolio", "--format", "pdf", "-o", str(pdf))
    assert f"{SIDE} · {week}" in pdf_words(pdf) and "No time tracked" not in pdf_words(pdf)
    assert [row["hours"] for row in export(timo, "--week", week, "-p", "Portfolio")] == ["3"]

    # Named elsewhere, or beside a project of another workspace, it is refused, not empty.
    chosen = timo("report", "--week", week, "-p", "Portfolio", "--workspace", "north")
    assert chosen.returncode != 0
    assert f"project 'Portfolio site' is in {SIDE}, not in {NORTHWIND}" in chosen.stderr
    assert timo("export", "--week", week, "-p", "Portfolio", "--workspace", "north").returncode
    both = timo("report", "--week", week, "-p", "Portfolio", "-p", "Acme website")
    assert both.returncode != 0
    assert "a report covers one workspace at a time" in both.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_a_report_narrowed_to_tags_covers_the_workspace_their_time_is_in(
    timo: Timo, signed_in: FileKeyring, tmp_path: Path
) -> None:
    """A tag is on entries of any workspace: with no --workspace, `--tag` alone covers the
    one the range's tagged time is in, in the report, the PDF and the CSV alike, instead of
    the default workspace's "Total 0m"; time in several, or not in the one named, is
    refused with where it is."""
    week, day = last_week()
    ok(timo, "add", "side work", "--date", day, "--start", "07:00", "--end", "08:15",
       "-p", "Portfolio site", "--tag", "Design")  # fmt: skip
    ok(timo, "add", "side work2", "--date", day, "--start", "19:00", "--end", "19:30",
       "-p", "Portfolio site", "--tag", "design")  # fmt: skip
    side = report(timo, "--week", week, "--tag", "Design")
    assert side["workspace"] == {"id": "ws_2", "name": SIDE}
    assert side["totals"]["hours"] == 1.75
    assert ok(timo, "report", "--week", week, "--tag", "Design").startswith(f"{SIDE} · {week}")
    pdf = tmp_path / "design.pdf"
    ok(timo, "export", "--week", week, "--tag", "design", "--format", "pdf", "-o", str(pdf))
    assert f"{SIDE} · {week}" in pdf_words(pdf) and "No time tracked" not in pdf_words(pdf)
    rows = export(timo, "--week", week, "--tag", "Design")
    assert sorted(row["hours"] for row in rows) == ["0.5", "1.25"]

    chosen = timo("report", "--week", week, "--tag", "Design", "--workspace", "north")
    assert chosen.returncode != 0
    assert f"is in {SIDE}, not in {NORTHWIND}: name its workspace" in chosen.stderr
    assert timo("export", "--week", week, "--tag", "Design", "--workspace", "north").returncode

    # Tagged time in two workspaces: the one named has its share; none named, refused.
    ok(timo, "add", "sketches", "--date", day, "--start", "16:00", "--end", "17:00",
       "--tag", "design")  # fmt: skip
    both = timo("report", "--week", week, "--tag", "Design")
    assert both.returncode != 0
    assert f"is in {NORTHWIND}, {SIDE}: a report covers one workspace at a time" in both.stderr
    pdf_both = timo("export", "--week", week, "--tag", "Design", "--format", "pdf", "-o", str(pdf))
    assert "a report covers one workspace at a time" in pdf_both.stderr
    north = report(timo, "--week", week, "--tag", "Design", "--workspace", "north")
    assert (north["workspace"]["id"], north["totals"]["hours"]) == ("ws_1", 1.0)
    assert len(export(timo, "--week", week, "--tag", "Design")) == 3  # a CSV covers them all


def test_an_entry_without_a_project_counts_where_it_syncs_to(
    timo: Timo, signed_in: FileKeyring
) -> None:
    week, day = last_week()
    ok(timo, "add", "Sketches", "--date", day, "--start", "19:00", "--end", "20:00")
    sketches = [r for r in export(timo, "--week", week) if r["description"] == "Sketches"]
    assert [r["workspace"] for r in sketches] == [NORTHWIND]

    ok(timo, "workspace", "side")  # not sent yet: it goes to the new default
    assert report(timo, "--week", week)["workspace"]["name"] == SIDE
    side = [r for r in export(timo, "--week", week) if r["description"] == "Sketches"]
    assert [r["workspace"] for r in side] == [SIDE]
    ok(timo, "sync")
    ok(timo, "workspace", "northwind")  # sent to Side Studio, it stays there
    every = export(timo, "--week", week, "--workspace", "all")
    assert [r["workspace"] for r in every if r["description"] == "Sketches"] == [SIDE]


def test_utilization_uses_the_capacity_of_the_workspace_reported(
    timo: Timo, sandbox: SandboxHandle, signed_in: FileKeyring
) -> None:
    week, _ = last_week()
    sandbox.set_workspace("ws_1", capacity_hours_per_week=32)
    sandbox.set_workspace("ws_2", capacity_hours_per_week=20)
    ok(timo, "sync")
    northwind = report(timo, "--week", week)["totals"]
    assert (northwind["capacity_hours"], northwind["capacity_source"]) == (
        32,
        f"{NORTHWIND}'s working week",
    )
    assert f"Capacity: {NORTHWIND}'s working week." in ok(timo, "report", "--week", week)

    ok(timo, "workspace", "side")
    ok(timo, "sync")
    # Still Northwind's 32 h for Northwind's week, whichever workspace is the default.
    again = report(timo, "--week", week, "--workspace", "northwind")["totals"]
    assert (again["capacity_hours"], again["utilization"]) == (32, northwind["utilization"])
    side = report(timo, "--week", week)["totals"]
    assert (side["capacity_hours"], side["capacity_source"]) == (20, f"{SIDE}'s working week")

    ok(timo, "config", "set", "capacity.hours_per_week", "30")
    mine = report(timo, "--week", week)["totals"]
    assert (mine["capacity_hours"], mine["capacity_source"]) == (30, "your setting")


def test_a_tag_spelled_two_ways_is_named_once_and_a_refusal_says_how_to_choose(
    timo: Timo, signed_in: FileKeyring
) -> None:
    """`design` and `Design` are one tag: the report names it once, as typed (else as most
    often spelled); its time in two workspaces is refused saying how to choose one."""
    week, day = last_week()
    for start, tag in (("05:00", "Design"), ("05:30", "Design"), ("06:00", "design")):
        ok(timo, "add", "sketches", "--date", day, "--start", start, "--duration", "30m",
           "--tag", tag)  # fmt: skip
    assert "\nOnly: tag design\n" in ok(timo, "report", "--week", week, "--tag", "design")
    assert "\nOnly: tag Design\n" in ok(timo, "report", "--week", week, "--tag", "DESIGN")

    ok(timo, "add", "side sketches", "--date", day, "--start", "06:30", "--duration", "30m",
       "-p", "Portfolio site", "--tag", "design")  # fmt: skip
    both = timo("report", "--week", week, "--tag", "design")
    assert both.returncode != 0
    said = " ".join(both.stderr.split())
    assert "the time tagged design from " in said
    assert f"is in {NORTHWIND}, {SIDE}: a report covers one workspace at a time" in said
    assert "choose one with `--workspace NAME`, or export the entries of all" in said


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_a_workspace_whose_access_was_removed_is_reported_from_this_computers_entries(
    timo: Timo, sandbox: SandboxHandle, signed_in: FileKeyring, tmp_path: Path
) -> None:
    """The weeks of a workspace one lost access to are the ones to invoice or keep: it is
    still reported and exported, the default report still covers it while `timo workspace`
    names it, and the heading says the figures are this computer's."""
    week, day = last_week()
    ok(timo, "add", "Acme layout", "--date", day, "--start", "06:00", "--end", "07:00",
       "-p", "Acme website relaunch")  # fmt: skip
    ok(timo, "sync")
    before = report(timo, "--week", week)
    acme_before = report(timo, "--week", week, "-p", "Acme website relaunch")
    rows_before = export(timo, "--week", week, "--workspace", "north")
    sandbox.set_membership(workspace_id="ws_1", status="revoked")
    ok(timo, "sync")

    lost = f"{NORTHWIND} ({LOST_WORKSPACE}) · {week}"
    for chosen in ((), ("--workspace", "north"), ("--workspace", "ws_1")):
        found = report(timo, "--week", week, *chosen)
        assert found["workspace"] == {"id": "ws_1", "name": NORTHWIND}
        assert found["totals"] == before["totals"]
        assert " ".join(ok(timo, "report", "--week", week, *chosen).split()).startswith(lost)
    acme = report(timo, "--week", week, "-p", "Acme website relaunch")
    assert acme["workspace"] == {"id": "ws_1", "name": NORTHWIND}
    assert acme["totals"] == acme_before["totals"] and acme["totals"]["hours"] >= 1
    assert export(timo, "--week", week, "--workspace", "ws_1") == rows_before
    pdf = tmp_path / "northwind.pdf"
    ok(timo, "export", "--week", week, "--workspace", "north", "--format", "pdf", "-o", str(pdf))
    assert lost in pdf_words(pdf) and "No time tracked" not in pdf_words(pdf)
