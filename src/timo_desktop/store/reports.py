"""Report queries: seconds summed per working day and group key, in SQL.

Working days are passed in as their UTC bounds (computed in the user's zone
with the start of day, so a DST day is 23 or 25 hours long); each entry falls
in the day its start is in, and SQLite walks `ix_entries_start_at` once per
day. A running timer counts up to `now`. Durations are computed with
`julianday`, which every SQLite Timo may meet has (`unixepoch` needs 3.38).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.entry import Entry
from timo_desktop.core.local_time import from_text, to_text
from timo_desktop.core.reports import NO_FILTER, DaySum, GroupBy, KeySum, ReportFilter
from timo_desktop.store.connection import read
from timo_desktop.store.database import ENTRY_COLUMNS, Reader, _entry

DayBounds = tuple[date, datetime, datetime]  # a working day and its UTC [start, end)

_SECONDS = (
    "MAX(0, CAST(round((julianday(COALESCE(e.end_at, :now)) - julianday(e.start_at)) * 86400)"
    " AS INTEGER))"
)
_CLIENT = "COALESCE(p.client_record_id, e.record_id)"

# group key -> (key expression, joins it needs)
_KEYS: dict[GroupBy, tuple[str, tuple[str, ...]]] = {
    GroupBy.PROJECT: ("e.project_id", ()),
    GroupBy.CLIENT: (_CLIENT, ("p",)),
    GroupBy.TASK: ("e.task_id", ()),
    GroupBy.RECORD: ("e.record_id", ()),
    GroupBy.TAG: ("tag.value", ("tag",)),
    GroupBy.SERVICE_TYPE: ("p.service_type", ("p",)),
    GroupBy.PHASE: ("p.phase", ("p",)),
    GroupBy.SEGMENT: ("c.segment", ("p", "c")),
    GroupBy.DAY: ("NULL", ()),
}
# Names of ids, read from the small catalog tables rather than joined to every entry.
_LABELS: dict[GroupBy, str] = {
    GroupBy.PROJECT: "SELECT id, name FROM projects",
    GroupBy.CLIENT: "SELECT id, display_name FROM records",
    GroupBy.TASK: "SELECT t.id, p.name || ' › ' || t.name FROM tasks t"
    " LEFT JOIN projects p ON p.id = t.project_id",
    GroupBy.RECORD: "SELECT id, display_name FROM records",
}
_JOINS = {
    "p": "LEFT JOIN projects p ON p.id = e.project_id",
    "c": f"LEFT JOIN records c ON c.id = {_CLIENT}",
    "t": "LEFT JOIN tasks t ON t.id = e.task_id",
    "r": "LEFT JOIN records r ON r.id = e.record_id",
    "tag": "LEFT JOIN json_each(e.tags) tag",
}


def _joins(needed: Iterable[str]) -> str:
    wanted = set(needed)
    return " ".join(sql for name, sql in _JOINS.items() if name in wanted)


def _where(filters: ReportFilter, params: dict[str, object]) -> tuple[str, set[str]]:
    """SQL conditions for `filters` (parameters added to `params`) and the joins they need."""
    clauses = ["e.deleted_at IS NULL"]
    needed: set[str] = set()

    def listed(name: str, values: Sequence[str]) -> str:
        names = []
        for index, value in enumerate(values):
            params[f"{name}{index}"] = value
            names.append(f":{name}{index}")
        return ", ".join(names)

    if filters.project_ids:
        clauses.append(f"e.project_id IN ({listed('project', filters.project_ids)})")
    if filters.client_ids:
        clauses.append(f"{_CLIENT} IN ({listed('client', filters.client_ids)})")
        needed.add("p")
    if filters.tags:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(e.tags) t2"
            f" WHERE t2.value IN ({listed('tag', filters.tags)}))"
        )
    if filters.billable is not None:
        params["billable"] = int(filters.billable)
        clauses.append("e.billable = :billable")
    return " AND ".join(clauses), needed


def _days_table(days: Sequence[DayBounds], params: dict[str, object]) -> str:
    rows = []
    for index, (day, start, end) in enumerate(days):
        params[f"d{index}"], params[f"s{index}"], params[f"x{index}"] = (
            day.isoformat(),
            to_text(start),
            to_text(end),
        )
        rows.append(f"(:d{index}, :s{index}, :x{index})")
    return f"days(day, lo, hi) AS (VALUES {', '.join(rows)})"


def sums(
    reader: Reader,
    days: Sequence[DayBounds],
    group_by: GroupBy,
    filters: ReportFilter,
    now: datetime,
) -> tuple[list[KeySum], list[DaySum]]:
    """Seconds and entry counts of live entries per key and per working day, billable or not.

    Each day's entries are grouped by key on their own (one index range scan
    and a small sort per day, much cheaper than sorting a year of entries at
    once) and come back as one JSON list per day. Days are summed from those
    groups, except for tags: an entry with two tags is in two groups, so its
    day is summed from a second, tag-free grouping.
    """
    if not days:
        return [], []
    params: dict[str, object] = {"now": to_text(now)}
    key, key_joins = _KEYS[group_by]
    where, filter_joins = _where(filters, params)

    def grouped(expression: str, joins: Iterable[str]) -> str:
        return (
            "(SELECT json_group_array(json_array(k, b, s, n)) FROM"
            f" (SELECT {expression} AS k, e.billable AS b, sum({_SECONDS}) AS s, count(*) AS n"
            f" FROM entries e {_joins(joins)}"
            f" WHERE e.start_at >= days.lo AND e.start_at < days.hi AND {where}"
            " GROUP BY 1, 2))"
        )

    columns = grouped(key, (*key_joins, *filter_joins))
    separate_days = group_by is GroupBy.TAG
    if separate_days:
        columns += ", " + grouped("NULL", filter_joins)
    sql = f"WITH {_days_table(days, params)} SELECT days.day, {columns} FROM days"
    by_key: dict[tuple[str | None, bool], tuple[int, int]] = {}
    by_day: dict[tuple[date, bool], tuple[int, int]] = {}

    def add(into: dict[Any, tuple[int, int]], at: Any, seconds: int, count: int) -> None:
        before = into.get(at, (0, 0))
        into[at] = (before[0] + seconds, before[1] + count)

    for row in read(reader.connection, reader.path, sql, params):
        day = date.fromisoformat(row[0])
        for value, billable, seconds, count in json.loads(row[1]):
            add(by_key, (value, bool(billable)), seconds, count)
            if not separate_days:
                add(by_day, (day, bool(billable)), seconds, count)
        if separate_days:
            for _, billable, seconds, count in json.loads(row[2]):
                add(by_day, (day, bool(billable)), seconds, count)
    names = labels(reader, group_by)
    return [
        KeySum(value, names.get(value, value) if value is not None else None, billable, *totals)
        for (value, billable), totals in by_key.items()
    ], [DaySum(day, billable, *totals) for (day, billable), totals in by_day.items()]


def labels(reader: Reader, group_by: GroupBy) -> dict[str, str]:
    """Names by id for keys that are catalog ids (others are their own label)."""
    sql = _LABELS.get(group_by)
    if sql is None:
        return {}
    return {str(k): str(v) for k, v in read(reader.connection, reader.path, sql) if v is not None}


SLICE = timedelta(days=28)


def actual_to_date(
    reader: Reader,
    group_by: GroupBy,
    now: datetime,
    *,
    outside: tuple[datetime, datetime] | None = None,
) -> dict[str, int]:
    """Seconds ever tracked per key (live entries, running ones up to `now`), no filters.

    With `outside=(start, end)`, entries starting in [start, end) are left out
    (the caller has them already). History is read in four-week slices, each
    grouped on its own, like the days of a report.
    """
    first = _edge(reader, "ASC")
    last = _edge(reader, "DESC")
    if first is None or last is None:
        return {}
    slices: list[DayBounds] = []
    begin = first
    while begin <= last:
        end = begin + SLICE
        if outside is None or end <= outside[0] or begin >= outside[1]:
            slices.append((begin.date(), begin, end))
        else:
            slices += [
                (low.date(), low, high)
                for low, high in ((begin, outside[0]), (outside[1], end))
                if low < high
            ]
        begin = end
    key_sums, _ = sums(reader, slices, group_by, NO_FILTER, now)
    found: dict[str, int] = {}
    for part in key_sums:
        if part.key is not None:
            found[part.key] = found.get(part.key, 0) + part.seconds
    return found


def _edge(reader: Reader, order: str) -> datetime | None:
    rows = read(
        reader.connection,
        reader.path,
        f"SELECT start_at FROM entries WHERE deleted_at IS NULL ORDER BY start_at {order} LIMIT 1",
    )
    return from_text(rows[0][0]) if rows else None


def estimates(reader: Reader, group_by: GroupBy) -> dict[str, int]:
    """Estimates in seconds by project or task id (only those that have one)."""
    if not group_by.has_estimates:
        return {}
    items: Sequence[Project | Task] = (
        reader.projects(include_inactive=True) if group_by is GroupBy.PROJECT else reader.tasks()
    )
    return {
        item.id: item.estimate_minutes * 60 for item in items if item.estimate_minutes is not None
    }


@dataclass(frozen=True, slots=True)
class EntryLine:
    """An entry with the names an invoice needs (None where unknown or not set)."""

    entry: Entry
    client_id: str | None  # the project's client record, else the entry's own record
    client: str | None
    project: str | None
    task: str | None
    record: str | None


def lines(reader: Reader, start: datetime, end: datetime, filters: ReportFilter) -> list[EntryLine]:
    """Live entries starting in [start, end), by start, with client, project, task and record."""
    params: dict[str, object] = {"start": to_text(start), "end": to_text(end)}
    where, _ = _where(filters, params)
    columns = ", ".join(f"e.{name.strip()}" for name in ENTRY_COLUMNS.split(","))
    sql = (
        f"SELECT {columns}, {_CLIENT}, c.display_name, p.name, t.name, r.display_name"
        " FROM entries e"
        f" {_joins(('p', 'c', 't', 'r'))}"
        f" WHERE e.start_at >= :start AND e.start_at < :end AND {where}"
        " ORDER BY e.start_at, e.client_ref"
    )
    width = len(ENTRY_COLUMNS.split(","))
    return [
        EntryLine(_entry(row[:width]), *row[width:])
        for row in read(reader.connection, reader.path, sql, params)
    ]


def sync_problems(reader: Reader) -> tuple[set[str], dict[str, str]]:
    """`client_ref`s with a parked sync operation, and the server's words for refused entries."""
    parked = {
        str(row[0])
        for row in read(
            reader.connection,
            reader.path,
            "SELECT DISTINCT client_ref FROM outbox WHERE state = 'parked'",
        )
    }
    words: dict[str, str] = {}
    for ref, message in read(
        reader.connection,
        reader.path,
        "SELECT e.client_ref, COALESCE(e.last_error_message, o.last_error_message)"
        " FROM entries e LEFT JOIN outbox o ON o.client_ref = e.client_ref AND o.state = 'parked'"
        " WHERE (e.sync_state = 'attention' OR o.id IS NOT NULL) AND e.deleted_at IS NULL",
    ):
        if message:
            words[str(ref)] = str(message)
    return parked, words
