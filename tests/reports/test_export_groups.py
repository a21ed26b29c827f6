"""Grouped CSV rows keep apart what an invoice must: time booked to a record (no project)
goes by its record, not into one nameless row with every other client's."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.reports.export_csv import write_csv
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ACME, INITECH, SITE, add

MON = date(2026, 11, 23)


@pytest.mark.parametrize("group_by", [GroupBy.PROJECT, GroupBy.TASK])
def test_time_on_records_of_two_clients_stays_two_rows(
    tracker: Tracker, reports: Reports, group_by: GroupBy
) -> None:
    add(tracker, MON, "09:00", 60, Target(record_id=ACME.id), description="Call", billable=True)
    add(tracker, MON, "10:00", 30, Target(record_id=INITECH.id), description="Call", billable=True)
    add(tracker, MON, "11:00", 15, Target(SITE.id), description="Layout", billable=True)
    out = io.StringIO()
    write_csv(
        reports.lines(Span(MON, MON)),
        out,
        zone=tracker.zone,
        start_of_day=tracker.start_of_day,
        now=tracker.clock(),
        group_by=group_by,
    )
    out.seek(0)
    rows = {(r["client"], r["project"], r["record"]): r["hours"] for r in csv.DictReader(out)}
    assert rows == {
        (ACME.display_name, "", ACME.display_name): "1",
        (INITECH.display_name, "", INITECH.display_name): "0.5",
        (ACME.display_name, SITE.name, ""): "0.25",
    }
