"""`timo report`'s text fits 80 columns, and names in Chinese, Japanese or Korean, which
take two columns a character, keep the figures beside them in line."""

from __future__ import annotations

from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.core.text_width import LINE_WIDTH, display_width
from timo_desktop.reports.formats import report_text
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker

from .workspace import ACME, add, seed_review_week

WEEK = Span.iso_week("2026-W48")


def test_a_report_with_estimates_fits_80_columns(tracker: Tracker, reports: Reports) -> None:
    seed_review_week(tracker, running=False)
    lines = report_text(reports.report(WEEK)).splitlines()
    assert max(display_width(line) for line in lines) <= LINE_WIDTH
    assert any(line.startswith("Capacity ") for line in lines)
    assert any(line.startswith("Targets: billable ratio 75 %") for line in lines)


def test_wide_tags_keep_the_figures_in_line(tracker: Tracker, reports: Reports) -> None:
    monday = WEEK.first
    tags = ("设计", "design", "デザイン", "디자인")
    for hour, tag in enumerate(tags, start=9):
        add(tracker, monday, f"{hour:02d}:00", 45, tags=(tag,))
    lines = report_text(reports.report(WEEK, GroupBy.TAG)).splitlines()
    rows = {tag: next(line for line in lines if line.startswith(tag)) for tag in tags}
    # Where each row's hours end on the screen: the label's columns, then the padding.
    ends = {
        tag: display_width(tag) + row.removeprefix(tag).index("45m") + len("45m")
        for tag, row in rows.items()
    }
    assert len(set(ends.values())) == 1, rows


def test_a_long_name_wraps_in_its_column(tracker: Tracker, reports: Reports) -> None:
    name = "Acme website relaunch, phase two: the shop, the blog and the newsletter signup"
    with tracker.store.write() as tx:
        tx.put_projects([Project("prj_long", name, ACME.id, billable_default=True)])
    add(tracker, WEEK.first, "09:00", 90, Target(project_id="prj_long"))
    lines = report_text(reports.report(WEEK)).splitlines()
    assert max(display_width(line) for line in lines) <= LINE_WIDTH
    first = next(i for i, line in enumerate(lines) if line.startswith("Acme website relaunch"))
    # The figures beside the name's first line, the rest of the name under it.
    assert lines[first : first + 2] == [
        "Acme website relaunch, phase two: the       1h 30m    1h 30m         0m  100 %",
        "shop, the blog and the newsletter signup",
    ]
