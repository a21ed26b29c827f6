"""A report as JSON (the documented shape of `timo report --json`), text and CSV rows.

Hours are decimals to four places (so minutes add up exactly enough); every
object also carries whole seconds, from which each figure can be recomputed.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from timo_desktop.core.durations import format_duration
from timo_desktop.core.local_time import to_text
from timo_desktop.core.reports import EstimateUse, Figures, Report, ReportRow, hours


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
        "billable_ratio_on_target": None
        if ratio is None
        else ratio >= report.targets.billable_ratio,
        **_estimate(row.estimate),
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
        "generated_at": to_text(report.generated_at),
        "rows": [row_json(report, row) for row in report.rows],
        "totals": {
            **_figures(report.totals),
            "capacity_hours": hours(report.capacity_seconds),
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


def percent(value: float | None) -> str:
    """`78 %`, or a dash when there is nothing to divide."""
    return "–" if value is None else f"{value * 100:.0f} %"


def report_text(report: Report) -> str:
    """The report as a plain table for the terminal, with targets marked."""
    head = (report.group_by.heading, "Hours", "Billable", "Non-bill.", "Ratio", "Estimate", "Used")
    lines: list[tuple[str, ...]] = [head]
    for row in report.rows:
        ratio = row.figures.billable_ratio
        mark = "  " if ratio is None or ratio >= report.targets.billable_ratio else " ▼"
        used = row.estimate
        lines.append(
            (
                row.label,
                format_duration(row.figures.seconds),
                format_duration(row.figures.billable_seconds),
                format_duration(row.figures.non_billable_seconds),
                percent(ratio) + mark,
                format_duration(used.estimate_seconds) if used else "",
                (percent(used.percent_used) + (" ▲" if used.over else "  ")) if used else "",
            )
        )
    totals = report.totals
    lines.append(
        (
            "Total",
            format_duration(totals.seconds),
            format_duration(totals.billable_seconds),
            format_duration(totals.non_billable_seconds),
            percent(totals.billable_ratio)
            + ("  " if report.billable_ratio_on_target is not False else " ▼"),
            "",
            "",
        )
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
    utilization = percent(report.utilization)
    if report.utilization_on_target is False:
        utilization += " ▼"
    rendered.append(
        f"Capacity {format_duration(report.capacity_seconds)}  Utilization {utilization}"
        f"  (targets: billable ratio {percent(report.targets.billable_ratio)},"
        f" utilization {percent(report.targets.utilization)}; ▼ below target, ▲ over estimate)"
    )
    return f"{report.span.label}  ({report.span.first} – {report.span.last})\n" + "\n".join(
        rendered
    )
