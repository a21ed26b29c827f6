"""Reports from a real SQLite file: a hand-computed week, every grouping, midnight, DST, timers."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.reports import GroupBy, ReportFilter, Span
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import (
    ACME,
    ADMIN,
    APP,
    BRAND,
    COPY,
    HOOLI,
    INITECH,
    LAYOUT,
    SITE,
    Clock,
    add,
    at,
)

MON, TUE, WED, THU, FRI = (date(2026, 11, 23) + timedelta(days=n) for n in range(5))
WEEK = Span.iso_week("2026-W48")
H = 3600
M = 60


def seed_week(tracker: Tracker) -> None:
    """13 h in 2026-W48 (6 h billable), Wednesday empty; 8 h on the site the week before."""
    add(tracker, MON, "09:00", 120, Target(SITE.id, LAYOUT.id), tags=("design",))
    add(tracker, MON, "11:00", 60, Target(BRAND.id), tags=("design", "call"))
    add(tracker, MON, "13:00", 90, Target(ADMIN.id))
    add(tracker, TUE, "09:00", 180, Target(APP.id))
    add(tracker, TUE, "14:00", 30, Target(record_id=HOOLI.id))
    add(tracker, THU, "09:00", 240, Target(SITE.id, COPY.id), billable=False)
    add(tracker, FRI, "10:00", 60, NO_TARGET)
    add(tracker, MON - timedelta(days=7), "09:00", 480, Target(SITE.id, LAYOUT.id))


Row = tuple[str | None, str, int, int]


def rows(reports: Reports, group_by: GroupBy) -> list[Row]:
    report = reports.report(WEEK, group_by)
    return [(r.key, r.label, r.figures.seconds, r.figures.billable_seconds) for r in report.rows]


def test_week_totals_ratio_capacity_and_utilization(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)
    report = reports.report(WEEK)
    assert report.totals.seconds == 13 * H
    assert report.totals.billable_seconds == 6 * H
    assert report.totals.non_billable_seconds == 7 * H
    assert report.totals.billable_ratio == pytest.approx(6 / 13)
    assert report.capacity_seconds == 40 * H  # the empty Wednesday is still a working day
    assert report.utilization == pytest.approx(6 / 40)
    assert report.billable_ratio_on_target is False
    assert [d.figures.seconds for d in report.days] == [270 * M, 210 * M, 0, 240 * M, 60 * M, 0, 0]


def test_grouped_by_project_with_estimates(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)
    assert rows(reports, GroupBy.PROJECT) == [
        (SITE.id, SITE.name, 360 * M, 120 * M),
        (APP.id, APP.name, 180 * M, 180 * M),
        (ADMIN.id, ADMIN.name, 90 * M, 0),
        (BRAND.id, BRAND.name, 60 * M, 60 * M),
        (None, "(no project)", 60 * M, 0),
        # Time booked to a record goes by its record, as `timo export --by project` has it.
        (HOOLI.id, f"{HOOLI.display_name} (no project)", 30 * M, 0),
    ]
    by_key = {r.key: r for r in reports.report(WEEK).rows}
    site = by_key[SITE.id].estimate
    assert site is not None  # 10 h estimated; 6 h this week + 8 h the week before
    assert (site.estimate_seconds, site.actual_seconds) == (10 * H, 14 * H)
    assert (site.variance_seconds, site.percent_used, site.over) == (4 * H, 1.4, True)
    brand = by_key[BRAND.id].estimate
    assert brand is not None and (brand.variance_seconds, brand.over) == (-39 * H, False)
    assert by_key[APP.id].estimate is None  # no estimate: none shown, nothing invented
    assert by_key[None].estimate is None


def test_grouped_by_task_with_estimates(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)
    # A project's time without a task goes by its project, a record's by its record, as
    # `timo export --by task` has them: not all in one "(no task)" row.
    assert rows(reports, GroupBy.TASK) == [
        (COPY.id, "Acme website › Copy", 240 * M, 0),
        (APP.id, f"{APP.name} › (no task)", 180 * M, 180 * M),
        (LAYOUT.id, "Acme website › Layout", 120 * M, 120 * M),
        (ADMIN.id, f"{ADMIN.name} › (no task)", 90 * M, 0),
        (BRAND.id, f"{BRAND.name} › (no task)", 60 * M, 60 * M),
        (None, "(no project or record)", 60 * M, 0),  # was "(no task)", as Acme's
        (HOOLI.id, f"{HOOLI.display_name} (no project)", 30 * M, 0),
    ]
    layout = {r.key: r for r in reports.report(WEEK, GroupBy.TASK).rows}[LAYOUT.id].estimate
    assert layout is not None
    assert (layout.actual_seconds, layout.variance_seconds, layout.percent_used) == (
        10 * H,
        6 * H,
        2.5,
    )


def test_client_segment_service_phase_record_and_day(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)
    # A project's client is its client record; an entry on a record (a lead) is that record's.
    assert rows(reports, GroupBy.CLIENT) == [
        (ACME.id, ACME.display_name, 420 * M, 180 * M),
        (INITECH.id, INITECH.display_name, 180 * M, 180 * M),
        (None, "(no client)", 150 * M, 0),
        (HOOLI.id, HOOLI.display_name, 30 * M, 0),
    ]
    assert rows(reports, GroupBy.SEGMENT) == [
        ("enterprise", "enterprise", 450 * M, 180 * M),
        ("smb", "smb", 180 * M, 180 * M),
        (None, "(no segment)", 150 * M, 0),
    ]
    assert [(k, s) for k, _, s, _ in rows(reports, GroupBy.SERVICE_TYPE)] == [
        ("web-design", 360 * M),
        ("ux", 180 * M),
        ("internal", 90 * M),
        (None, 90 * M),
        ("branding", 60 * M),
    ]
    assert [(k, s) for k, _, s, _ in rows(reports, GroupBy.PHASE)] == [
        ("design", 360 * M),
        (None, 360 * M),  # a tie: the named group first
        ("discovery", 60 * M),
    ]
    assert rows(reports, GroupBy.RECORD) == [
        (None, "(no record)", 750 * M, 360 * M),
        (HOOLI.id, HOOLI.display_name, 30 * M, 0),
    ]
    assert [s for _, _, s, _ in rows(reports, GroupBy.DAY)] == [
        270 * M,
        210 * M,
        0,
        240 * M,
        60 * M,
        0,
        0,
    ]


def test_every_grouping_adds_up_to_the_same_total(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)
    for group_by in GroupBy:
        report = reports.report(WEEK, group_by)
        assert report.totals.seconds == 13 * H, group_by
        if group_by is not GroupBy.TAG:
            assert sum(r.figures.seconds for r in report.rows) == 13 * H, group_by


def test_an_entry_with_two_tags_is_in_both_rows_but_counted_once(
    tracker: Tracker, reports: Reports
) -> None:
    seed_week(tracker)
    assert rows(reports, GroupBy.TAG) == [
        (None, "(no tag)", 600 * M, 180 * M),
        ("design", "design", 180 * M, 180 * M),
        ("call", "call", 60 * M, 60 * M),
    ]
    assert reports.report(WEEK, GroupBy.TAG).totals.seconds == 13 * H


def test_a_tag_is_one_row_however_it_is_spelled(tracker: Tracker, reports: Reports) -> None:
    """`Design` and `design` were two rows, while a filter on either took both; named as
    most of its time spells it. An entry with both spellings (as sync may bring one) is
    counted once."""
    add(tracker, MON, "09:00", 120, tags=("Design",))
    add(tracker, MON, "11:00", 30, tags=("design", "call"))
    both = add(tracker, TUE, "09:00", 60, tags=("DESIGN",))
    with sqlite3.connect(tracker.store.path) as raw:  # as synced in: two spellings, one entry
        raw.execute(
            "UPDATE entries SET tags = ? WHERE client_ref = ?",
            ('["DESIGN", "design"]', both.client_ref),
        )
    raw.close()
    assert [r[:3] for r in rows(reports, GroupBy.TAG)] == [
        ("Design", "Design", 210 * M),
        ("call", "call", 30 * M),
    ]
    assert reports.report(WEEK, GroupBy.TAG).totals.seconds == 210 * M


def test_filters(tracker: Tracker, reports: Reports) -> None:
    seed_week(tracker)

    def total(**filters: object) -> int:
        chosen = ReportFilter(**filters)  # type: ignore[arg-type]
        return reports.report(WEEK, filters=chosen).totals.seconds

    assert total(billable=True) == 6 * H
    assert total(billable=False) == 7 * H
    assert total(client_ids=(ACME.id,)) == 420 * M
    assert total(project_ids=(APP.id, ADMIN.id)) == 270 * M
    assert total(tags=("design",)) == 180 * M
    # A filter narrows the rows, not a project's actual time to date.
    site = reports.report(WEEK, filters=ReportFilter(billable=False)).rows[0]
    assert (site.key, site.figures.seconds) == (SITE.id, 240 * M)
    assert site.estimate is not None and site.estimate.actual_seconds == 14 * H


def test_deleted_entries_do_not_count(tracker: Tracker, reports: Reports) -> None:
    kept = add(tracker, MON, "09:00", 60)
    gone = add(tracker, MON, "10:00", 45)
    tracker.delete(gone.client_ref)
    assert reports.report(WEEK).totals.seconds == 60 * M
    assert kept.client_ref != gone.client_ref


def test_an_entry_crossing_midnight_belongs_to_the_day_it_starts(
    tracker: Tracker, reports: Reports
) -> None:
    add(tracker, TUE, "23:00", 120)  # Tue 23:00 – Wed 01:00
    days = {d.day: d.figures.seconds for d in reports.report(WEEK).days}
    assert (days[TUE], days[WED]) == (2 * H, 0)
    assert reports.report(Span(WED, WED)).totals.seconds == 0


def test_start_of_day_moves_night_work_to_the_previous_day(
    tracker: Tracker, reports: Reports
) -> None:
    add(tracker, WED, "02:00", 60)
    add(tracker, WED, "04:00", 30)
    tracker.start_of_day = time(4, 0)
    days = {d.day: d.figures.seconds for d in reports.report(WEEK).days}
    assert (days[TUE], days[WED]) == (60 * M, 30 * M)


def test_spring_forward_day_is_23_hours(tracker: Tracker, reports: Reports) -> None:
    sunday = date(2026, 3, 29)  # Berlin: 02:00 becomes 03:00
    begin = at(sunday, "01:30")
    tracker.add("Night release", begin, at(sunday, "03:30"))  # one real hour
    add(tracker, sunday, "23:30", 20)  # still Sunday
    add(tracker, sunday + timedelta(days=1), "00:10", 15)  # Monday, though Sunday in UTC
    week = {d.day: d.figures.seconds for d in reports.report(Span.week_of(sunday)).days}
    assert week[sunday] == 80 * M
    assert reports.report(Span.week_of(sunday + timedelta(days=1))).totals.seconds == 15 * M


def test_fall_back_day_is_25_hours(tracker: Tracker, reports: Reports) -> None:
    sunday = date(2026, 10, 25)  # Berlin: 03:00 becomes 02:00 again
    tracker.add("Migration", at(sunday, "00:30"), at(sunday, "03:30"))  # four real hours
    # 00:30 Berlin is 22:30 UTC on Saturday: the day is still Sunday.
    report = reports.report(Span(sunday, sunday))
    assert report.totals.seconds == 4 * H
    saturday = sunday - timedelta(days=1)
    assert reports.report(Span(saturday, saturday)).totals.seconds == 0


def test_a_running_timer_counts_up_to_now(tracker: Tracker, reports: Reports, clock: Clock) -> None:
    # Saturday 2026-11-28 12:00 UTC is 13:00 in Berlin; the timer started 90 minutes earlier.
    tracker.start("Prototype", target=Target(APP.id), at=clock.now - timedelta(minutes=90))
    saturday = date(2026, 11, 28)
    report = reports.report(WEEK)
    assert {d.day: d.figures.seconds for d in report.days}[saturday] == 90 * M
    assert report.totals.billable_seconds == 90 * M
    clock.now += timedelta(minutes=10)
    assert reports.report(WEEK).totals.seconds == 100 * M
    site_running = reports.report(WEEK, GroupBy.PROJECT).rows[0]
    assert site_running.key == APP.id and site_running.figures.seconds == 100 * M


def test_running_timer_counts_in_actual_to_date(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    tracker.start("Layout", target=Target(SITE.id), at=clock.now - timedelta(hours=11))
    site = reports.report(WEEK).rows[0]
    assert site.estimate is not None and site.estimate.variance_seconds == 1 * H


def test_capacity_and_targets_come_from_settings(tracker: Tracker) -> None:
    from timo_desktop.settings import Settings, with_value

    settings = with_value(Settings(), "schedule.working_days", "Mon,Tue,Wed,Thu")
    settings = with_value(settings, "capacity.hours_per_week", "32")
    settings = with_value(settings, "targets.billable_ratio", "0.4")
    seed_week(tracker)
    report = Reports.from_settings(tracker, settings).report(WEEK)
    assert report.capacity_seconds == 32 * H
    assert report.utilization == pytest.approx(6 / 32)
    assert report.billable_ratio_on_target is True  # 46 % ≥ 40 %


def test_night_shift_hours_leave_capacity_as_hours_a_week_over_working_days(
    tracker: Tracker,
) -> None:
    """Working hours 22:00 to 06:00 (which could not be set) change no capacity: 32 h a week
    over Monday to Thursday is 8 h for each of those days, whatever hours they are worked."""
    from timo_desktop.settings import Settings, with_value

    settings = with_value(Settings(), "schedule.working_days", "Mon,Tue,Wed,Thu")
    settings = with_value(settings, "capacity.hours_per_week", "32")
    for key, value in (("schedule.start", "22:00"), ("schedule.end", "06:00")):
        settings = with_value(settings, key, value)
    seed_week(tracker)
    reports = Reports.from_settings(tracker, settings)
    assert reports.report(WEEK).capacity_seconds == 32 * H
    assert reports.report(Span(MON, TUE)).capacity_seconds == 16 * H
    assert reports.report(WEEK).utilization == pytest.approx(6 / 32)


def test_workspace_capacity_applies_when_settings_do_not_set_one(tracker: Tracker) -> None:
    from timo_desktop.settings import Settings, load, save, with_value
    from timo_desktop.store.database import WORKSPACE_RULES_KEY

    with tracker.store.write() as tx:
        tx.set_meta(WORKSPACE_RULES_KEY, '{"capacity_hours_per_week": 30}')
    assert Reports.from_settings(tracker, Settings()).report(WEEK).capacity_seconds == 30 * H
    mine = with_value(Settings(), "capacity.hours_per_week", "35")
    assert Reports.from_settings(tracker, mine).report(WEEK).capacity_seconds == 35 * H
    # Another setting changed and saved, the capacity is still the workspace's: saving had
    # written every default, and 40 h then counted as chosen.
    other = with_value(Settings(), "targets.billable_ratio", "0.6")
    path = tracker.store.path.parent / "settings.json"
    save(other, path)
    assert Reports.from_settings(tracker, load(path)).report(WEEK).capacity_seconds == 30 * H


def test_client_and_tag_rows_roll_up_filtered_and_running_entries(
    tracker: Tracker, reports: Reports, clock: Clock
) -> None:
    seed_week(tracker)
    tracker.start(
        "Prototype", target=Target(APP.id), tags=("call",), at=clock.now - timedelta(minutes=30)
    )
    design = ReportFilter(tags=("design",))
    assert [r[:3] for r in rows_of(reports, GroupBy.CLIENT, design)] == [
        (ACME.id, ACME.display_name, 180 * M),
    ]
    assert [
        r[:3] for r in rows_of(reports, GroupBy.TAG, ReportFilter(client_ids=(INITECH.id,)))
    ] == [
        (None, "(no tag)", 180 * M),
        ("call", "call", 30 * M),
    ]
    clock.now += timedelta(minutes=10)
    by_client = {r[0]: r[2] for r in rows_of(reports, GroupBy.CLIENT)}
    assert by_client[INITECH.id] == 180 * M + 40 * M
    by_tag = {r[0]: r[2] for r in rows_of(reports, GroupBy.TAG)}
    assert by_tag["call"] == 60 * M + 40 * M


def rows_of(reports: Reports, group_by: GroupBy, filters: ReportFilter | None = None) -> list[Row]:
    report = reports.report(WEEK, group_by, filters=filters or ReportFilter())
    return [(r.key, r.label, r.figures.seconds, r.figures.billable_seconds) for r in report.rows]


def test_a_report_of_many_years_is_summed_day_by_day(tracker: Tracker, reports: Reports) -> None:
    """Thirty-six years, on an SQLite built to take 32,766 values in a statement (as
    Python's own builds are): "too many SQL variables" was all `timo report` said."""
    tracker.store.connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32766)
    first, last = date(1990, 1, 1), date(2026, 11, 27)
    add(tracker, first, "09:00", 60)
    add(tracker, last, "09:00", 30)
    report = reports.report(Span(first, last), GroupBy.DAY)
    assert len(report.days) == (last - first).days + 1
    assert report.totals.seconds == 90 * M
    assert [d.figures.seconds for d in report.days if d.figures.seconds] == [60 * M, 30 * M]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_pdf_title_is_whole_however_long(reports: Reports, tmp_path: Path) -> None:
    """Drawn on one line of the page's width, "Timo report · Northwind Agency · 2026-11-23 –
    2026-11-29" was cut off at "…2026-11-2"."""
    from timo_desktop.reports.formats import report_heading
    from timo_desktop.ui.report_pdf import export_pdf

    span = Span(date(2026, 11, 23), date(2026, 11, 29))
    report = replace(reports.report(span), workspace_name="Northwind Creative Agency Holdings")
    export_pdf(report, tmp_path / "week.pdf", zone="Europe/Berlin")
    words = subprocess.run(
        ["pdftotext", str(tmp_path / "week.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert f"Timo report · {report_heading(report)}" in " ".join(words.split())
