"""A report as JSON (the documented shape of `timo report --json`), text and CSV rows.

Hours are decimals to four places that add up as the export's do (`hours_split`):
the rows' and the days' hours to the totals' (grouped by tag, where an entry counts
under each of its tags, to their own sum), each object's billable and non-billable
hours to its hours, and the billable hours to the totals' wherever the rows' hours
leave room. Each figure is less than 0.0001 h from its exact length (one of exactly
27 minutes is 0.45); every object also carries the exact whole seconds.
Ratios have four places too, or five where four would put one on the other side
of its target (as `percent` keeps the text's).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from timo_desktop.core.bidi import isolated
from timo_desktop.core.durations import format_duration
from timo_desktop.core.entry import described
from timo_desktop.core.folding import one_of_each
from timo_desktop.core.local_time import describe_instant, to_text
from timo_desktop.core.reports import (
    PLACES_PER_HOUR,
    EstimateUse,
    Figures,
    GroupBy,
    Report,
    ReportRow,
    hours,
    hours_split,
    on_target,
)
from timo_desktop.core.text_width import LINE_WIDTH, display_width, pad, wrap


def _figures(side_by_side: Sequence[Figures], target: float) -> list[dict[str, Any]]:
    """Hours, billable ratio (kept on its side of `target`), seconds and entries of each of
    figures shown side by side: the hours add up to their sum to four places, as the
    export's do, each one's billable and non-billable hours to its hours (`hours_split`)."""
    parts = [(f.billable_seconds, f.non_billable_seconds) for f in side_by_side]
    return [
        {
            "hours": (billable + other) / PLACES_PER_HOUR,
            "billable_hours": billable / PLACES_PER_HOUR,
            "non_billable_hours": other / PLACES_PER_HOUR,
            "billable_ratio": _fraction(figures.billable_ratio, target),
            "seconds": figures.seconds,
            "billable_seconds": figures.billable_seconds,
            "entries": figures.entries,
        }
        for figures, (billable, other) in zip(side_by_side, hours_split(parts), strict=True)
    ]


def _fraction(value: float | None, target: float | None = None) -> float | None:
    """`value` to four places; beside a `target`, on its side of it, as `percent` keeps a
    figure (0.749981 under a 0.75 target is 0.74998, not 0.75)."""
    if value is None:
        return None
    if target is None:
        return round(value, 4)
    return float(_beside(value, 4, target, bool(on_target(value, target))))


def _estimate(use: EstimateUse | None) -> dict[str, Any]:
    if use is None:
        return dict.fromkeys(
            (
                "estimate_hours",
                "actual_to_date_hours",
                "variance_hours",
                "percent_used",
                "over_estimate",
            )
        )
    estimate, actual = hours(use.estimate_seconds), hours(use.actual_seconds)
    return {
        "estimate_hours": estimate,
        "actual_to_date_hours": actual,
        # From the two figures beside it, so it is their difference to the last place.
        "variance_hours": round(actual - estimate, 4),
        "percent_used": _fraction(use.percent_used),
        "over_estimate": use.over,
    }


def rows_json(report: Report) -> list[dict[str, Any]]:
    """Each row: key, label, figures (hours adding up), billable-ratio mark and estimate
    use (null where unknown)."""
    target = report.targets.billable_ratio
    return [
        {
            "key": row.key,
            "label": row.label,
            **figures,
            "billable_ratio_on_target": on_target(row.figures.billable_ratio, target),
            **_estimate(row.estimate),
            "actual_to_date_source": to_date_source(report, row),
        }
        for row, figures in zip(
            report.rows, _figures([row.figures for row in report.rows], target), strict=True
        )
    ]


def to_date_source(report: Report, row: ReportRow) -> str | None:
    """Whose time a row's "to date" counts: `everyone` (Vmoox's count of all people's
    time, with this person's up to now) or `yours` (Vmoox has given no count yet); None
    without an estimate."""
    if row.estimate is None or report.to_date is None:
        return None
    return "yours" if row.key in report.to_date.own_only else "everyone"


def _to_date_json(report: Report) -> dict[str, Any] | None:
    """Where the estimates' "to date" comes from: the note, and when Vmoox counted (the
    oldest count used; null when only the person's own time counts); null without estimates."""
    source = report.to_date
    if source is None:
        return None
    counted = source.counted_at
    return {
        "note": to_date_note(report),
        "vmoox_counted_at": to_text(counted) if counted is not None else None,
    }


def _filters(report: Report) -> dict[str, Any]:
    """What narrowed the report: empty lists and a null `billable` when nothing did."""
    chosen = report.filters
    return {
        "projects": [{"id": k, "name": n} for k, n in _named(report, chosen.project_ids)],
        "clients": [{"id": k, "name": n} for k, n in _named(report, chosen.client_ids)],
        "tags": list(chosen.tags),
        "billable": chosen.billable,
    }


def report_json(report: Report, *, zone: str, start_of_day: str) -> dict[str, Any]:
    """The whole report as `timo report --json` prints it."""
    return {
        # Whose entries it counts (null: every entry, no workspace being known yet).
        "workspace": None
        if report.workspace_id is None
        else {"id": report.workspace_id, "name": report.workspace_name},
        "range": {
            "label": report.span.label,
            "first": report.span.first.isoformat(),
            "last": report.span.last.isoformat(),
            "timezone": zone,
            "start_of_day": start_of_day,
        },
        "group_by": report.group_by.value,
        "filters": _filters(report),
        "generated_at": to_text(report.generated_at),
        "rows": rows_json(report),
        "to_date": _to_date_json(report),
        # The timer still running it counts, up to when: its figures are still growing.
        "running": None
        if report.running is None
        else {
            "description": report.running.description,
            "counted_to": to_text(report.running.counted_to),
        },
        "totals": {
            **_figures([report.totals], report.targets.billable_ratio)[0],
            "capacity_hours": hours(report.capacity_seconds),
            "capacity_source": report.capacity_source,
            # Utilization's divisor: the working days up to today (all of a past range's).
            "capacity_to_date_hours": hours(report.capacity_to_date_seconds),
            "utilization": _fraction(report.utilization, report.utilization_target),
            "billable_ratio_on_target": report.billable_ratio_on_target,
            "utilization_on_target": report.utilization_on_target,
        },
        "targets": {
            "billable_ratio": report.targets.billable_ratio,
            "utilization": report.targets.utilization,
        },
        "days": [
            {"date": d.day.isoformat(), **figures}
            for d, figures in zip(
                report.days,
                _figures([d.figures for d in report.days], report.targets.billable_ratio),
                strict=True,
            )
        ],
    }


CSV_COLUMNS = (
    "key",
    "label",
    "hours",
    "billable_hours",
    "non_billable_hours",
    "billable_ratio",
    "estimate_hours",
    "actual_to_date_hours",
    "variance_hours",
    "percent_used",
    "actual_to_date_source",
)


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet shows as text and never runs: a `'` in
    front of what would start a formula (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`).
    Only for text: a negative number (`-1.5`) must stay a number."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_report_csv(report: Report, out: IO[str]) -> None:
    """The report's rows as CSV (`timo report --csv`), one line per group, no totals line,
    their hours adding up as `--json`'s do; the key and label made safe for a spreadsheet,
    as the export's names are."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for data in rows_json(report):
        for text in ("key", "label"):
            if data[text] is not None:
                data[text] = spreadsheet_text(data[text])
        writer.writerow(["" if data[c] is None else data[c] for c in CSV_COLUMNS])


def percent(value: float | None, target: float | None = None) -> str:
    """`78 %`, or a dash when there is nothing to divide.

    Beside its `target` a figure never contradicts its mark (`on_target`): where whole
    percents would put it on the target's other side (a ratio of 0.749 as `75 %` under a
    75 % target), it takes a decimal (`74.9 %`), cut toward its own side if even that would.
    """
    if value is None:
        return "–"
    figure = value * 100
    if target is None:
        return f"{_half_up(figure, 0)} %"
    return f"{_beside(figure, 0, _target_figure(target), bool(on_target(value, target)))} %"


def used_percent(use: EstimateUse) -> str:
    """How much of its estimate `use` has used, `100 %` only once all of it is: 7:58 of 8:00
    reads `99.6 %`, not a rounded `100 %` that says the budget is spent."""
    return percent(use.percent_used, 1.0)


def _beside(figure: float, places: int, line: float, reached: bool) -> str:
    """`figure` to `places` decimals on the side of `line` that `reached` says it is on (at or
    past it, or short of it): with one more decimal where rounding would put it across, cut
    toward its own side if even that would."""
    more = places + 1
    cut = (math.ceil if reached else math.floor)(figure * 10**more) / 10**more
    for text in (_half_up(figure, places), _half_up(figure, more), f"{cut:.{more}f}"):
        if (float(text) >= line) == reached:
            break
    return text


def _half_up(figure: float, places: int) -> str:
    """`figure` to `places` decimals, a half rounded up as people do (52.5 % is 53 %;
    Python's own rounding makes it 52), read as the shortest text that gives the float
    back, so 0.525 * 100's float noise does not decide it."""
    exact = Decimal(repr(figure)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{exact:f}"


def target_percent(target: float) -> str:
    """`75 %`, `75.5 %`: a target as Settings hold it (rounded, 75.5 would read as 76)."""
    return f"{_target_figure(target):g} %"


def _target_figure(target: float) -> float:
    # Two places: what a person sets, without float noise (0.7 * 100 is 70.00000000000001).
    return round(target * 100, 2)


def signed(seconds: int, length: Callable[[int], str] = format_duration) -> str:
    """`+8h 45m` or `-39h 00m`: a variance, its length written by `length`."""
    return ("+" if seconds >= 0 else "-") + length(abs(seconds))


def whole_capacity(report: Report, length: Callable[[int], str] = format_duration) -> str:
    """`40h 00m in the week`: the range's whole capacity, to say beside the capacity to date
    while working days of the range are still to come ("" once none are)."""
    if not report.capacity_partial:
        return ""
    return f"{length(report.capacity_seconds)} in the {report.span.noun}"


def capacity_words(report: Report, length: Callable[[int], str] = format_duration) -> str:
    """`40h 00m in the week; Northwind Agency's working week`: the whole range's capacity
    while days are still to come (`whole_capacity`), and whose the capacity is."""
    return "; ".join(
        part for part in (whole_capacity(report, length), report.capacity_source) if part
    )


# Said after a workspace time can no longer be tracked in, in a report's heading.
LOST_WORKSPACE = "you can no longer track time there — from this computer's entries"


def report_heading(report: Report) -> str:
    """`Northwind Agency · 2026-W48`: the range, after the workspace it covers, if any, and
    where that is one time can no longer be tracked in, that the figures are this
    computer's (`LOST_WORKSPACE`)."""
    label = report.span.label
    if not report.workspace_name:
        return label
    lost = f" ({LOST_WORKSPACE})" if report.workspace_lost else ""
    return f"{report.workspace_name}{lost} · {label}"


def to_date(name: str, report: Report) -> str:
    """`Utilization to date` while working days of the range are still to come, else `name`:
    the figure then counts only the capacity up to today."""
    return f"{name} to date" if report.capacity_partial else name


# What utilization is on a filtered report, said beside it in place of its target.
PART_OF_CAPACITY = "this part's share of the capacity"


def nothing_tracked(report: Report) -> str:
    """What the text, the window and the PDF say in place of the figures when the range
    holds no entry (all of them 0, and utilization a 0 % below target as if one were
    missed); "" when it holds some. One rule for all, so they never disagree on what an
    empty range looks like."""
    if report.totals.entries:
        return ""
    span = report.span
    said = f"No time tracked from {span.first:%a %d %b} to {span.last:%a %d %b %Y}"
    if report.still_to_come:
        return f"{said}: those days are still to come."
    if filter_words(report):  # the range may well hold time, just none of this part's
        return f"{said} matches the filters."
    return f"{said}."


def running_note(report: Report) -> str:
    """`Includes the timer still running (“Design”, counted to 15:42).`: the figures hold
    time still growing ("" when they hold no running timer)."""
    running = report.running
    if running is None:
        return ""
    when = describe_instant(running.counted_to, running.zone, relative_to=report.generated_at)
    name = isolated(described(running.description))
    return f"Includes the timer still running (“{name}”, counted to {when})."


def filter_words(report: Report) -> str:
    """`Only: client Green Fields e.V.; billable`: what narrowed the report ("" if nothing)."""
    chosen = report.filters
    parts = [
        _listed("project", [name for _, name in _named(report, chosen.project_ids)]),
        _listed("client", [name for _, name in _named(report, chosen.client_ids)]),
        _listed("tag", one_of_each(chosen.tags)),  # every spelling kept of a tag is one
    ]
    if chosen.billable is not None:
        parts.append("billable" if chosen.billable else "not billable")
    said = "; ".join(part for part in parts if part)
    return f"Only: {said}" if said else ""


def _listed(kind: str, names: Sequence[str]) -> str:
    if not names:
        return ""
    return f"{kind}{'s' if len(names) > 1 else ''} {', '.join(names)}"


def _named(report: Report, ids: Sequence[str]) -> list[tuple[str, str]]:
    """Each id with its name (an id the catalog cache does not know is its own name)."""
    return [(key, report.filter_names.get(key, key)) for key in ids]


SEVERAL_TAGS = (
    "An entry with several tags counts under each of them,"
    " so the rows can add up to more than the total."
)


def _tags_note(report: Report) -> str:
    """Why the rows do not add up to the total, where they may not ("" elsewhere)."""
    return SEVERAL_TAGS if report.group_by is GroupBy.TAG else ""


NOT_COUNTED = "not fetched from Vmoox yet"
NAMED_AT_MOST = 3  # rows named in the note as counting only the person's time


def to_date_note(report: Report) -> str:
    """`To date: everyone's time on Vmoox as of 14:05, with yours up to now.`: whose time
    the estimates' "to date" counts, and when Vmoox counted it ("" without estimates)."""
    source = report.to_date
    if source is None:
        return ""
    if source.counted_at is None:
        return f"To date: your time only ({NOT_COUNTED})."
    when = describe_instant(source.counted_at, source.zone, relative_to=report.generated_at)
    said = f"To date: everyone's time on Vmoox as of {when}, with yours up to now"
    alone = [row.label for row in report.rows if row.key in source.own_only]
    if not alone:
        return f"{said}."
    which = (
        ", ".join(alone)
        if len(alone) <= NAMED_AT_MOST
        else f"{len(alone)} of the {report.group_by.value}s"
    )
    return f"{said}; your time only for {which} ({NOT_COUNTED})."


def group_note(report: Report) -> str:
    """The notes under the rows: why they do not add up to the total, where they may not,
    and whose time "to date" counts, where rows have estimates ("" when neither)."""
    return " ".join(note for note in (_tags_note(report), to_date_note(report)) if note)


def _below(value: float | None, target: float) -> str:
    """The mark after a figure: ▼ below its target."""
    return " ▼" if on_target(value, target) is False else "  "


def report_text(report: Report) -> str:
    """The report as plain tables for a terminal, 80 columns wide, with targets marked: the
    hours of each group, then (grouped by project or task) the estimates of those that have
    one; a range with nothing tracked says so (`nothing_tracked`) in place of the tables.
    Names are lined up by the columns they take (a CJK name takes two a character)."""
    targets = report.targets
    heading = report.group_by.heading
    rows = [
        (
            row.label,
            format_duration(row.figures.shown_seconds),
            format_duration(row.figures.shown_billable_seconds),
            format_duration(row.figures.shown_non_billable_seconds),
            _ratio(row.figures.billable_ratio, targets.billable_ratio),
        )
        for row in report.rows
    ]
    totals = report.totals
    total = (
        "Total",
        format_duration(totals.shown_seconds),
        format_duration(totals.shown_billable_seconds),
        format_duration(totals.shown_non_billable_seconds),
        _ratio(totals.billable_ratio, targets.billable_ratio),
    )
    head = (heading, "Hours", "Billable", "Non-bill.", "Ratio")
    title = report_heading(report)
    if report.span.label != report.span.dates:  # a range typed is named by its dates already
        title += f"  ({report.span.dates})"
    nothing = nothing_tracked(report)
    utilization = percent(report.utilization, report.utilization_target)
    if report.filtered:  # a part's share, not judged against the target
        utilization += f" ({PART_OF_CAPACITY})"
    elif report.utilization_on_target is False:
        utilization += " ▼"
    capacity = f"Capacity {format_duration(report.capacity_to_date_seconds)}"
    whole = whole_capacity(report)
    if whole:  # "Capacity 24h 00m to date (40h 00m in the week)"
        capacity += f" to date ({whole})"
    ratio_target = f"billable ratio {target_percent(targets.billable_ratio)}"
    utilization_target = f"utilization {target_percent(targets.utilization)}"
    sentences = [
        running_note(report),
        f"{capacity}  {to_date('Utilization', report)} {utilization}",
        f"Capacity: {report.capacity_source}." if report.capacity_source else "",
        f"Targets: {ratio_target} (▼ below target); {utilization_target},"
        " judged on reports of all the time only."
        if report.filtered
        else f"Targets: {ratio_target}, {utilization_target} (▼ below target).",
        "" if nothing else _tags_note(report),
    ]
    heading_lines = _sentences([title, filter_words(report)])
    if nothing:  # as the window and the PDF say it, not a table of zeros; the capacity stays
        return "\n".join([*heading_lines, *_sentences([nothing, *sentences])])
    parts = [*heading_lines, *_table(head, rows, total), *_sentences(sentences)]
    estimates = [
        (row.label, *_estimate_cells(row.estimate))
        for row in report.rows
        if row.estimate is not None
    ]
    if report.group_by.has_estimates and estimates:
        parts += [
            "",
            *_table((heading, "Estimate", "To date", "Variance", "Used"), estimates),
            *_sentences(
                [
                    f"{to_date_note(report)} Variance: to date minus the estimate;"
                    " ▲ over the estimate."
                ]
            ),
        ]
    return "\n".join(parts)


def _ratio(value: float | None, target: float) -> str:
    return percent(value, target) + _below(value, target)


def _sentences(texts: Sequence[str]) -> list[str]:
    """Each text wrapped to the terminal's width; empty ones left out."""
    return [line for text in texts if text for line in wrap(text)]


def _table(
    head: tuple[str, ...], rows: Sequence[tuple[str, ...]], total: tuple[str, ...] | None = None
) -> list[str]:
    """`head`, `rows` and `total` lined up in columns of display width, the first (the
    names) left-aligned and wrapped to what the figures leave of the line, the figures
    right-aligned; a rule under the heading and above the total."""
    lines = [head, *rows, *([total] if total else [])]
    figures = [max(display_width(line[i]) for line in lines) for i in range(1, len(head))]
    room = LINE_WIDTH - sum(figures) - 2 * len(figures)
    names = max(display_width(line[0]) for line in lines)
    label = max(display_width(head[0]), min(names, room))

    def rendered(line: tuple[str, ...]) -> list[str]:
        first, *more = wrap(line[0], label)
        cells = [pad(first, label)]
        for cell, width in zip(line[1:], figures, strict=True):
            cells.append(pad(cell, width, right=True))
        return ["  ".join(cells).rstrip(), *more]

    body = [text for row in rows for text in rendered(row)]
    top = rendered(head)
    rule = "-" * max(display_width(text) for text in top)
    ending = [rule, *rendered(total)] if total else []
    return [*top, rule, *body, *ending]


def _estimate_cells(use: EstimateUse) -> tuple[str, ...]:
    """Estimate, to date, variance and used (▲ over the estimate)."""
    return (
        format_duration(use.estimate_seconds),
        format_duration(use.actual_seconds),
        signed(use.shown_variance_seconds),
        used_percent(use) + (" ▲" if use.over else "  "),
    )
