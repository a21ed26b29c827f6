"""Invoice CSV read back with the csv module, row by row: names, days, times, rounding, groups."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.reports.export_csv import COLUMNS, write_csv
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import APP, HOOLI, LAYOUT, SITE, Clock, add

MON = date(2026, 11, 23)
WEEK = Span.iso_week("2026-W48")


def seed(tracker: Tracker, clock: Clock) -> None:
    add(tracker, MON, "09:00", 7, Target(SITE.id, LAYOUT.id), description="Kick-off")
    add(tracker, MON, "23:30", 61, Target(APP.id), description="Night deploy")
    add(
        tracker,
        MON + timedelta(days=1),
        "10:00",
        16,
        Target(record_id=HOOLI.id),
        description="Call",
    )
    add(tracker, MON + timedelta(days=2), "11:00", 30, NO_TARGET, billable=True)
    tracker.start("Wireframes", target=Target(SITE.id), at=clock.now - timedelta(minutes=20))


def export(reports: Reports, tracker: Tracker, **options: object) -> list[dict[str, str]]:
    out = io.StringIO()
    count = write_csv(
        reports.lines(WEEK),
        out,
        zone=tracker.zone,
        start_of_day=tracker.start_of_day,
        now=tracker.clock(),
        **options,  # type: ignore[arg-type]
    )
    out.seek(0)
    reader = csv.DictReader(out)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert len(rows) == count
    return rows


def test_one_row_per_entry(tracker: Tracker, reports: Reports, clock: Clock) -> None:
    seed(tracker, clock)
    rows = export(reports, tracker)
    assert {r["workspace"] for r in rows} == {""}  # no workspace known: none is named
    assert [list(r.values())[:-1] for r in rows] == [
        [
            "Acme Corp",
            "Acme website",
            "Layout",
            "",
            "Kick-off",
            "2026-11-23",
            "09:00",
            "09:07",
            "0.1167",
            "yes",
            "UTC+01:00",
            "",
            "no",
        ],
        # Crosses midnight: the day it starts, the end with its own date.
        [
            "Initech",
            "Initech app",
            "",
            "",
            "Night deploy",
            "2026-11-23",
            "23:30",
            "2026-11-24 00:31",
            "1.0167",
            "yes",
            "UTC+01:00",
            "",
            "no",
        ],
        # 16 min are 0.26667 h, but the column adds up to the total, 134 min (2.2333), and
        # the billable rows to the billable 118 min (1.9667): the non-billable rest is 0.2666.
        [
            *("Hooli", "", "", "Hooli", "Call", "2026-11-24", "10:00", "10:16", "0.2666"),
            *("no", "UTC+01:00", "", "no"),
        ],
        [
            *("", "", "", "", "Work", "2026-11-25", "11:00", "11:30", "0.5", "yes"),
            *("UTC+01:00", "", "no"),
        ],
        # The running timer: no end yet, counted up to now (Saturday 12:40 in Berlin),
        # and marked as running, so the bill is not taken for final.
        [
            "Acme Corp",
            "Acme website",
            "",
            "",
            "Wireframes",
            "2026-11-28",
            "12:40",
            "",
            "0.3333",
            "yes",
            "UTC+01:00",
            "",
            "yes",
        ],
    ]


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [
        (1, ["0.1167", "1.0167", "0.2666", "0.5", "0.3333"]),
        (6, ["0.2", "1.1", "0.3", "0.5", "0.4"]),
        (15, ["0.25", "1.25", "0.5", "0.5", "0.5"]),
    ],
)
def test_rounding_up_each_entry(
    tracker: Tracker, reports: Reports, clock: Clock, minutes: int, hours: list[str]
) -> None:
    seed(tracker, clock)
    rows = export(reports, tracker, rounding=minutes)
    assert [r["hours"] for r in rows] == hours
    assert [r["start"] for r in rows] == ["09:00", "23:30", "10:00", "11:00", "12:40"]
    # Each row says the rounding its hours carry: the sheet alone tells 0.2 h from 7 min.
    assert {r["rounded_to_minutes"] for r in rows} == {str(minutes)}


def test_one_row_per_project_and_billable(tracker: Tracker, reports: Reports, clock: Clock) -> None:
    seed(tracker, clock)
    add(
        tracker,
        MON + timedelta(days=3),
        "09:00",
        60,
        Target(SITE.id),
        billable=False,
        description="Kick-off",
    )
    rows = export(reports, tracker, rounding=6, group_by=GroupBy.PROJECT)
    assert [list(r.values())[:-1] for r in rows] == [
        # 7 min and 20 min, each rounded up to 6 minutes first: 0.2 + 0.4; the 20 min are
        # the running timer's, so the group is still growing.
        ["Acme Corp", "Acme website", "", "", "", "", "", "", "0.6", "yes", "", "6", "yes"],
        [
            *("Initech", "Initech app", "", "", "Night deploy", "2026-11-23", "", "", "1.1"),
            *("yes", "", "6", "no"),
        ],
        # The Hooli call has no project; alone in its group, it keeps every column.
        ["Hooli", "", "", "Hooli", "Call", "2026-11-24", "", "", "0.3", "no", "", "6", "no"],
        ["", "", "", "", "Work", "2026-11-25", "", "", "0.5", "yes", "", "6", "no"],
        [
            *("Acme Corp", "Acme website", "", "", "Kick-off", "2026-11-26", "", "", "1"),
            *("no", "", "6", "no"),
        ],
    ]


def test_one_row_per_day(tracker: Tracker, reports: Reports, clock: Clock) -> None:
    seed(tracker, clock)
    rows = export(reports, tracker, group_by=GroupBy.DAY)
    assert [(r["date"], r["hours"], r["billable"]) for r in rows] == [
        # 68 min (1.13333 h) and 20 min (0.33333 h) lose as much cut to four places; the
        # first gets the place back that makes the billable rows 118 min, 1.9667 h.
        ("2026-11-23", "1.1334", "yes"),
        ("2026-11-24", "0.2666", "no"),
        ("2026-11-25", "0.5", "yes"),
        ("2026-11-28", "0.3333", "yes"),
    ]


def test_groups_that_cannot_be_invoiced_are_refused(tracker: Tracker, reports: Reports) -> None:
    with pytest.raises(
        InvalidInput, match="grouped by client, project, task, record, day, not by tag"
    ):
        export(reports, tracker, group_by=GroupBy.TAG)


def test_the_columns_before_the_new_ones_keep_their_places() -> None:
    # Sheets and scripts that read the invoice columns by position still find them.
    assert COLUMNS[:10] == (
        *("client", "project", "task", "record", "description", "date", "start", "end"),
        *("hours", "billable"),
    )
    assert COLUMNS[10:] == ("utc_offset", "rounded_to_minutes", "running", "workspace")


def test_the_night_the_clocks_go_back_reads_unambiguously(
    tracker: Tracker, reports: Reports
) -> None:
    # 2026-10-25 in Berlin: at 03:00 summer time the clocks go back to 02:00, so 02:15
    # happens twice; the half hour from 02:45 summer time ends at 02:15 winter time.
    first = datetime(2026, 10, 25, 0, 15, tzinfo=UTC)  # 02:15 summer time (UTC+2)
    across = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 summer time
    second = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 winter time (UTC+1)
    for name, start in (("First 02:15", first), ("Across", across), ("Second 02:15", second)):
        tracker.add(name, start, start + timedelta(minutes=30), target=Target(SITE.id))
    out = io.StringIO()
    write_csv(
        reports.lines(Span(date(2026, 10, 25), date(2026, 10, 25))),
        out,
        zone=tracker.zone,
        start_of_day=tracker.start_of_day,
        now=tracker.clock(),
    )
    out.seek(0)
    rows = [
        (r["description"], r["start"], r["end"], r["utc_offset"], r["hours"])
        for r in csv.DictReader(out)
    ]
    assert rows == [
        ("First 02:15", "02:15", "02:45", "UTC+02:00", "0.5"),
        ("Across", "02:45", "02:15 UTC+01:00", "UTC+02:00", "0.5"),
        ("Second 02:15", "02:15", "02:45", "UTC+01:00", "0.5"),
    ]
