"""A week read on its Wednesday: utilization against the capacity to date, said so in the text,
in the window's figures and in the JSON (which keeps its keys and adds the capacity to date)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Span
from timo_desktop.reports.formats import report_json, report_text
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ADMIN, APP, SITE, ZONE, Clock, add

H = 3600
WEEK = Span.iso_week("2026-W48")
MON = date(2026, 11, 23)
WEDNESDAY_NOON = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)  # 12:30 in Berlin


def seed_to_wednesday(tracker: Tracker) -> None:
    """8 h on Monday and on Tuesday (7 h billable each), 3 h billable on Wednesday morning."""
    for day in (MON, MON + timedelta(days=1)):
        add(tracker, day, "09:00", 240, Target(SITE.id))
        add(tracker, day, "13:30", 180, Target(APP.id))
        add(tracker, day, "16:30", 60, Target(ADMIN.id))
    add(tracker, MON + timedelta(days=2), "09:00", 180, Target(SITE.id))


@pytest.fixture
def wednesday(tracker: Tracker, clock: Clock) -> Tracker:
    clock.now = WEDNESDAY_NOON
    seed_to_wednesday(tracker)
    return tracker


def test_on_wednesday_the_week_is_measured_to_date(wednesday: Tracker, reports: Reports) -> None:
    report = reports.report(WEEK)
    assert report.totals.billable_seconds == 17 * H
    assert (report.capacity_to_date_seconds, report.capacity_seconds) == (24 * H, 40 * H)
    assert report.utilization == pytest.approx(17 / 24)  # 71 %, on target; 17 / 40 was 42 %
    assert report.utilization_on_target is True


def test_the_text_says_the_capacity_is_to_date(wednesday: Tracker, reports: Reports) -> None:
    text = report_text(reports.report(WEEK))
    # 71 %, not marked ▼: not below the 70 % target.
    assert "\nCapacity 24h 00m to date (40h 00m in the week)  Utilization to date 71 %\n" in text


def test_a_past_week_reads_as_before(wednesday: Tracker, reports: Reports) -> None:
    last_week = reports.report(Span.iso_week("2026-W47"))
    assert last_week.capacity_to_date_seconds == last_week.capacity_seconds
    [line] = [line for line in report_text(last_week).splitlines() if "Utilization" in line]
    assert line == "Capacity 40h 00m  Utilization 0 % ▼"


def test_a_week_still_to_come_has_no_utilization(wednesday: Tracker, reports: Reports) -> None:
    next_week = reports.report(Span.iso_week("2026-W49"))
    assert next_week.utilization is None
    assert "Capacity 0m to date (40h 00m in the week)  Utilization to date –" in report_text(
        next_week
    )


def test_json_keeps_its_keys_and_adds_the_capacity_to_date(
    wednesday: Tracker, reports: Reports
) -> None:
    totals = report_json(reports.report(WEEK), zone=ZONE, start_of_day="00:00")["totals"]
    assert totals["capacity_hours"] == 40
    assert totals["capacity_to_date_hours"] == 24
    assert totals["utilization"] == round(17 / 24, 4)
    assert totals["utilization_on_target"] is True
    past = report_json(reports.report(Span.iso_week("2026-W47")), zone=ZONE, start_of_day="00:00")
    assert past["totals"]["capacity_to_date_hours"] == past["totals"]["capacity_hours"] == 40
    future = report_json(reports.report(Span.iso_week("2026-W49")), zone=ZONE, start_of_day="00:00")
    assert future["totals"]["capacity_to_date_hours"] == 0
    assert future["totals"]["utilization"] is None


def test_today_is_the_day_in_the_users_zone(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    # Tuesday 23:30 UTC is already Wednesday 00:30 in Berlin: Wednesday's capacity counts.
    clock.now = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    report = reports.report(WEEK)
    assert report.today == date(2026, 11, 25)
    assert report.capacity_to_date_seconds == 24 * H
