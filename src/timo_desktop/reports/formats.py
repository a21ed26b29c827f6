"""A report as JSON (the documented shape of `timo report --json`), text and CSV rows.

Hours are decimals to four places (so minutes add up exactly enough); every
object also carries whole seconds, from which each figure can be recomputed.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Sequence
from typing import IO, Any

from timo_desktop.core.durations import format_duration
from timo_desktop.core.local_time import to_text
from timo_desktop.core.reports import (
    EstimateUse,
    Figures,
    GroupBy,
    Report,
    ReportRow,
    hours,
    on_target,
)


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "hours": hours(figures.seconds),
        "billable_hours": hours(figures.billable_seconds),
        "non_billable_hours": hours(figures.non_billable_seconds),
        "billable_ratio": _fraction(figures.billable_ratio),
        "seconds": figures.seconds,
        "billable_seconds": figures.billable_seconds,
        "entries": figures.entries,
    }


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _estimate(use: EstimateUse | None) -> dict[str, Any]:
    return {
        "estimate_hours": hours(use.estimate_seconds) if use else None,
        "actual_to_date_hours": hours(use.actual_seconds) if use else None,
        "variance_hours": hours(use.variance_seconds) if use else None,
        "percent_used": _fraction(use.percent_used) if use else None,
        "over_estimate": use.over if use else None,
    }


def row_json(report: Report, row: ReportRow) -> dict[str, Any]:
    """One row: key, label, figures, billable-ratio mark and estimate use (null where unknown)."""
    ratio = row.figures.billable_ratio
    return {
        "key": row.key,
        "label": row.label,
        **_figures(row.figures),
        "billable_ratio_on_target": on_target(ratio, report.targets.billable_ratio),
        **_estimate(row.estimate),
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
        "rows": [row_json(report, row) for row in report.rows],
        "totals": {
            **_figures(report.totals),
            "capacity_hours": hours(report.capacity_seconds),
            # Utilization's divisor: the working days up to today (all of a past range's).
            "capacity_to_date_hours": hours(report.capacity_to_date_seconds),
            "utilization": _fraction(report.utilization),
            "billable_ratio_on_target": report.billable_ratio_on_target,
            "utilization_on_target": report.utilization_on_target,
        },
        "targets": {
            "billable_ratio": report.targets.billable_ratio,
            "utilization": report.targets.utilization,
        },
        "days": [{"date": d.day.isoformat(), **_figures(d.figures)} for d in report.days],
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
)


def write_report_csv(report: Report, out: IO[str]) -> None:
    """The report's rows as CSV (`timo report --csv`), one line per group, no totals line."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        data = row_json(report, row)
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
        return f"{figure:.0f} %"
    reached = bool(on_target(value, target))
    line = _target_figure(target)
    cut = (math.ceil if reached else math.floor)(figure * 10) / 10
    for text in (f"{figure:.0f}", f"{figure:.1f}", f"{cut:.1f}"):
        if (float(text) >= line) == reached:
            break
    return f"{text} %"


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


def to_date(name: str, report: Report) -> str:
    """`Utilization to date` while working days of the range are still to come, else `name`:
    the figure then counts only the capacity up to today."""
    return f"{name} to date" if report.capacity_partial else name


def filter_words(report: Report) -> str:
    """`Only: client Green Fields e.V.; billable`: what narrowed the report ("" if nothing)."""
    chosen = report.filters
    parts = [
        _listed("project", [name for _, name in _named(report, chosen.project_ids)]),
        _listed("client", [name for _, name in _named(report, chosen.client_ids)]),
        _listed("tag", chosen.tags),
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


def group_note(report: Report) -> str:
    """Why the rows do not add up to the total, where they may not ("" elsewhere)."""
    return SEVERAL_TAGS if report.group_by is GroupBy.TAG else ""


def _below(value: float | None, target: float) -> str:
    """The mark after a figure: ▼ below its target."""
    return " ▼" if on_target(value, target) is False else "  "


def report_text(report: Report) -> str:
    """The report as a plain table for the terminal, with targets marked."""
    targets = report.targets
    estimates = report.group_by.has_estimates
    head: tuple[str, ...] = (report.group_by.heading, "Hours", "Billable", "Non-bill.", "Ratio")
    if estimates:
        head += ("Estimate", "To date", "Variance", "Used")
    lines: list[tuple[str, ...]] = [head]
    for row in report.rows:
        ratio = row.figures.billable_ratio
        cells: tuple[str, ...] = (
            row.label,
            format_duration(row.figures.seconds),
            format_duration(row.figures.billable_seconds),
            format_duration(row.figures.non_billable_seconds),
            percent(ratio, targets.billable_ratio) + _below(ratio, targets.billable_ratio),
        )
        if estimates:
            cells += _estimate_cells(row.estimate)
        lines.append(cells)
    totals = report.totals
    ratio = totals.billable_ratio
    lines.append(
        (
            "Total",
            format_duration(totals.seconds),
            format_duration(totals.billable_seconds),
            format_duration(totals.non_billable_seconds),
            percent(ratio, targets.billable_ratio) + _below(ratio, targets.billable_ratio),
        )
        + ("",) * (len(head) - 5)
    )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    rendered = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    rendered.insert(1, "-" * len(rendered[0]))
    rendered.insert(len(rendered) - 1, "-" * len(rendered[0]))
    utilization = percent(report.utilization, targets.utilization)
    capacity = f"Capacity {format_duration(report.capacity_to_date_seconds)}"
    whole = whole_capacity(report)
    if whole:  # "Capacity 24h 00m to date (40h 00m in the week)"
        capacity += f" to date ({whole})"
    rendered.append(
        f"{capacity}  {to_date('Utilization', report)} {utilization}"
        f"{_below(report.utilization, targets.utilization).rstrip()}"
        f"  (targets: billable ratio {target_percent(targets.billable_ratio)},"
        f" utilization {target_percent(targets.utilization)}; ▼ below target"
        + (", ▲ over estimate)" if estimates else ")")
    )
    if estimates:
        rendered.append(
            f"To date: all time ever tracked on the {report.group_by.value}, up to now;"
            " variance: to date minus the estimate."
        )
    title = f"{report.span.label}  ({report.span.first} – {report.span.last})"
    return "\n".join(filter(None, [title, filter_words(report), *rendered, group_note(report)]))


def _estimate_cells(use: EstimateUse | None) -> tuple[str, ...]:
    """Estimate, to date, variance and used (▲ over the estimate); blanks without one."""
    if use is None:
        return ("",) * 4
    return (
        format_duration(use.estimate_seconds),
        format_duration(use.actual_seconds),
        signed(use.variance_seconds),
        percent(use.percent_used) + (" ▲" if use.over else "  "),
    )
