"""The variance beside an estimate and its time to date is their difference as shown, in
whole minutes: 120:00 against 20:17:03 reads -99:43 (20:17 shown), not -99:42 (the
true -99:42:57 cut to whole minutes), in the text, the window's table and its words; and
an estimate is over (▲, red) when that variance is, not a few seconds before it shows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.core.reports import Span
from timo_desktop.reports.formats import report_json, report_text
from timo_desktop.services.reports import Reports
from timo_desktop.services.tracker import Tracker
from timo_desktop.ui.report_table import cell_text, cell_words

from .workspace import SITE, ZONE, at

BIG = Project("prj_big", "Big build", estimate_minutes=120 * 60)
MONDAY = date(2026, 11, 23)


def test_the_variance_is_the_shown_estimate_minus_the_shown_to_date(
    tracker: Tracker, reports: Reports
) -> None:
    with tracker.store.write() as tx:
        tx.put_projects([BIG])
    start = at(MONDAY, "08:00")
    tracker.add("Build", start, start + timedelta(hours=10), target=Target(BIG.id))
    start = at(MONDAY + timedelta(days=1), "08:00")
    tracker.add("Build", start, start + timedelta(hours=10, minutes=17, seconds=3),
                target=Target(BIG.id))  # fmt: skip
    report = reports.report(Span.iso_week("2026-W48"))
    # The estimates table's row: estimate, to date, variance, used.
    *_, row = [line for line in report_text(report).splitlines() if line.startswith("Big build")]
    assert row.split()[2:8] == ["120h", "00m", "20h", "17m", "-99h", "43m"]

    [big] = [r for r in report.rows if r.key == BIG.id]
    assert [cell_text(report, big, column)[0] for column in (5, 6, 7)] == [
        "120:00",
        "20:17",
        "-99:43",
    ]
    assert cell_words(report, big, 7) == "99h 43m under the estimate"


# Against Acme website's 10:00 estimate: 30 s past it reads 10:00, on it (not a red "+0:00"
# over it); a minute past it is over.
JUST_PAST = timedelta(hours=10, seconds=30)
A_MINUTE_PAST = timedelta(hours=10, minutes=1)
# 2 minutes short of it: 99.7 % with time left, never a rounded 100 % that reads as spent.
TWO_MINUTES_SHORT = timedelta(hours=9, minutes=58)


@pytest.mark.parametrize(
    ("tracked", "over", "variance", "used", "words", "text"),
    [
        (JUST_PAST, False, "+0:00", "100 %", "on the estimate", "+0m 100 %"),
        (A_MINUTE_PAST, True, "+0:01", "100 % ▲", "1m over the estimate", "+1m 100 % ▲"),
        (TWO_MINUTES_SHORT, False, "-0:02", "99.7 %", "2m under the estimate", "-2m 99.7 %"),
    ],
)
def test_an_estimate_is_over_when_its_variance_shows_it(
    tracker: Tracker,
    reports: Reports,
    tracked: timedelta,
    over: bool,
    variance: str,
    used: str,
    words: str,
    text: str,
) -> None:
    start = at(MONDAY, "07:00")
    tracker.add("Long", start, start + tracked, target=Target(SITE.id))
    report = reports.report(Span.iso_week("2026-W48"))
    [site] = [r for r in report.rows if r.key == SITE.id]
    tone = False if over else None  # red, or plain
    assert [cell_text(report, site, column) for column in (7, 8)] == [
        (variance, tone),
        (used, tone),
    ]
    assert cell_words(report, site, 7) == words
    assert cell_words(report, site, 8) == f"{used.removesuffix(' ▲')} of the estimate" + (
        ", over it" if over else ""
    )
    *_, line = [line for line in report_text(report).splitlines() if line.startswith(SITE.name)]
    assert " ".join(line.split()[6:]) == text  # after the name, the estimate and the to date
    [row] = report_json(report, zone=ZONE, start_of_day="00:00")["rows"]
    assert row["over_estimate"] is over
