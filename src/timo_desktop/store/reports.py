"""Report queries: seconds summed per working day and group key, in SQL.

Working days are passed in as their UTC bounds (computed in the user's zone
with the start of day, so a DST day is 23 or 25 hours long); each entry falls
in the day its start is in. A running timer counts up to `now`. Durations are
end minus start in the integer epoch-second columns, read from the covering
`ix_entries_report` without touching table rows (parsing two text instants
per entry used to be most of a report's time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.entry import Entry
from timo_desktop.core.folding import folded
from timo_desktop.core.local_time import from_text, to_text
from timo_desktop.core.reports import DaySum, GroupBy, KeySum, ReportFilter
from timo_desktop.store.connection import read
from timo_desktop.store.database import ENTRY_COLUMNS, Reader, _entry, epoch

DayBounds = tuple[date, datetime, datetime]  # a working day and its UTC [start, end)

_SECONDS = "MAX(0, COALESCE(e.end_epoch, :now) - e.start_epoch)"
_CLIENT = "COALESCE(p.client_record_id, e.record_id)"
# The workspace an entry belongs to, as sync places it (`SyncEngine._workspace_of`): its
# project's or record's, else the one it was sent to, else the default workspace. As a
# CASE with the record looked up only for entries without a project's, SQLite reads an
# entry's own row (not in the report indexes) only for those: a year stays an index read.
_WORKSPACE = (
    "CASE WHEN p.workspace_id <> '' THEN p.workspace_id ELSE COALESCE("
    "NULLIF((SELECT w.workspace_id FROM records w WHERE w.id = e.record_id), ''),"
    " NULLIF(e.workspace_id, ''), :default_workspace) END"
)
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
# keys with an index in key order (`ix_entries_project_time`, `ix_entries_task_time`)
_KEY_ORDERED = (GroupBy.PROJECT, GroupBy.TASK)
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


@dataclass(frozen=True, slots=True)
class InWorkspace:
    """Whose entries a report or export counts: one workspace's, or (`workspace_id` None)
    every one's; `default_id` is where entries without a project or record go."""

    workspace_id: str | None
    default_id: str | None


EVERY_WORKSPACE = InWorkspace(None, None)  # nothing known of workspaces: every entry


def _where(
    filters: ReportFilter, params: dict[str, object], within: InWorkspace = EVERY_WORKSPACE
) -> tuple[str, set[str]]:
    """SQL conditions for `filters` and `within` (parameters added to `params`) and the
    joins they need."""
    clauses = ["e.deleted_at IS NULL"]
    needed: set[str] = set()
    params["default_workspace"] = within.default_id
    if within.workspace_id is not None:
        params["workspace"] = within.workspace_id
        clauses.append(f"{_WORKSPACE} = :workspace")
        needed.add("p")

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


DAYS_PER_QUERY = 3000


def _days_table(days: Sequence[DayBounds], params: dict[str, object]) -> str:
    rows = []
    for index, (day, start, end) in enumerate(days):
        params[f"d{index}"], params[f"s{index}"], params[f"x{index}"] = (
            day.isoformat(),
            epoch(start),
            epoch(end),
        )
        rows.append(f"(:d{index}, :s{index}, :x{index})")
    return f"days(day, lo, hi) AS (VALUES {', '.join(rows)})"


def _totals(seconds: str) -> str:
    """Entries, billable entries, seconds and billable seconds, in one aggregate row."""
    return f"count(*), total(e.billable), total({seconds}), total(e.billable * {seconds})"


def _parts(totals: Sequence[float]) -> Iterator[tuple[bool, int, int]]:
    """(billable, seconds, entries) of the billable and the other entries, where there are any."""
    count, billable_count, seconds, billable_seconds = (int(n) for n in totals)
    if billable_count:
        yield True, billable_seconds, billable_count
    if count > billable_count:
        yield False, seconds - billable_seconds, count - billable_count


def sums(
    reader: Reader,
    days: Sequence[DayBounds],
    group_by: GroupBy,
    filters: ReportFilter,
    now: datetime,
    within: InWorkspace = EVERY_WORKSPACE,
) -> tuple[list[KeySum], list[DaySum]]:
    """Seconds and entry counts of live entries per key and per working day, billable or not.

    `days` are consecutive. Each day is summed on its own without grouping (a
    range of `ix_entries_report`, no sort) and counts each entry once, even
    one with two tags; keys are grouped once over the whole range. Grouped by
    project or task, entries without a project go by their record, and by task,
    a project's entries without a task by their project, as an export groups them.
    """
    if not days:
        return [], []
    params: dict[str, object] = {
        "now": epoch(now),
        "lo": epoch(days[0][1]),
        "hi": epoch(days[-1][2]),
    }
    where, filter_joins = _where(filters, params, within)
    day_sums: list[DaySum] = []
    for first in range(0, len(days), DAYS_PER_QUERY):
        # Three values a day: SQLite builds take 32,766 in one statement (a report of
        # every year to come took more, and was refused as "too many SQL variables").
        chunk = dict(params)
        per_day = (
            f"WITH {_days_table(days[first : first + DAYS_PER_QUERY], chunk)} SELECT days.day,"
            f" (SELECT json_array({_totals(_SECONDS)}) FROM entries e {_joins(filter_joins)}"
            f" WHERE e.start_epoch >= days.lo AND e.start_epoch < days.hi AND {where})"
            " FROM days"
        )
        day_sums += [
            DaySum(date.fromisoformat(day), *part)
            for day, totals in read(reader.connection, reader.path, per_day, chunk)
            for part in _parts(json.loads(totals))
        ]
    if group_by is GroupBy.DAY:
        return [], day_sums
    names = labels(reader, group_by)
    if group_by is GroupBy.CLIENT:
        grouped = _by_client(reader, where, filter_joins, params)
    elif group_by is GroupBy.TAG:
        grouped = _by_tag(reader, where, filter_joins, params)
    elif group_by in _KEY_ORDERED:
        grouped = _by_target(reader, group_by, where, filter_joins, params, names)
    else:
        key, key_joins = _KEYS[group_by]
        grouped = _grouped(reader, key, (*key_joins, *filter_joins), where, params, group_by)
    key_sums = [
        KeySum(value, names.get(value, value) if value is not None else None, *part)
        for value, totals in grouped.items()
        for part in _parts(totals)
    ]
    return key_sums, day_sums


def running(
    reader: Reader,
    days: Sequence[DayBounds],
    filters: ReportFilter,
    within: InWorkspace = EVERY_WORKSPACE,
) -> str | None:
    """The description of the timer still running that `sums` of `days` count (up to now),
    as `filters` and `within` keep it; None when they count none."""
    if not days:
        return None
    params: dict[str, object] = {"lo": epoch(days[0][1]), "hi": epoch(days[-1][2])}
    where, needed = _where(filters, params, within)
    sql = (
        f"SELECT e.description FROM entries e {_joins(needed)} WHERE e.end_at IS NULL"
        f" AND e.start_epoch >= :lo AND e.start_epoch < :hi AND {where}"
    )
    found = read(reader.connection, reader.path, sql, params)
    return str(found[0][0] or "") if found else None


Totals = list[float]  # entries, billable entries, seconds, billable seconds (`_totals`)


def _grouped(
    reader: Reader,
    key: str,
    joins: Iterable[str],
    where: str,
    params: dict[str, object],
    order: GroupBy | None = None,
) -> dict[str | None, Totals]:
    """`_totals` of the entries in [:lo, :hi) per value of `key`."""
    # Project and task ids have an index in id order: a unary + keeps SQLite from
    # reading the range by date and sorting it, so it reads that index in order
    # instead (a year in a quarter of the time; a week a few ms slower).
    start = "+e.start_epoch" if order in _KEY_ORDERED else "e.start_epoch"
    sql = (
        f"SELECT {key}, {_totals(_SECONDS)} FROM entries e {_joins(joins)}"
        f" WHERE {start} >= :lo AND {start} < :hi AND {where} GROUP BY 1"
    )
    return {value: totals for value, *totals in read(reader.connection, reader.path, sql, params)}


def _add(into: dict[str | None, Totals], key: str | None, totals: Totals) -> None:
    into[key] = [a + b for a, b in zip(into.get(key, [0, 0, 0, 0]), totals, strict=True)]


def _by_client(
    reader: Reader, where: str, joins: set[str], params: dict[str, object]
) -> dict[str | None, Totals]:
    """Totals per client: summed per project in project order (no sort of the range),
    then rolled up to each project's client; entries without a project by their record.

    An entry has a project or a record, never both (`Target`), so a project's
    entries belong to the project's client alone, as `_CLIENT` says.
    """
    clients: dict[str, str | None] = {
        str(k): v
        for k, v in read(
            reader.connection, reader.path, "SELECT id, client_record_id FROM projects"
        )
    }
    found: dict[str | None, Totals] = {}
    with_project = f"e.project_id IS NOT NULL AND {where}"
    for project_id, totals in _grouped(
        reader, "e.project_id", joins, with_project, params, GroupBy.PROJECT
    ).items():
        _add(found, clients.get(str(project_id)), totals)
    without = f"e.project_id IS NULL AND {where}"
    for record_id, totals in _grouped(reader, "e.record_id", joins, without, params).items():
        _add(found, record_id, totals)
    return found


def _by_target(
    reader: Reader,
    group_by: GroupBy,
    where: str,
    joins: set[str],
    params: dict[str, object],
    names: dict[str, str],
) -> dict[str | None, Totals]:
    """Totals per project (or task) as `_grouped` has them, but entries without one apart
    by what they were booked to, as an export's rows are: by task, a project's entries
    without a task under their project (`Website › (no task)`); entries without a project
    under their record (`Acme GmbH (no project)`); the rest, with no target, under None.
    Their labels are added to `names`."""
    key, _ = _KEYS[group_by]
    # The task index holds no project: joined to one (a workspace or client filter), tasks
    # are read by date from `ix_entries_report`, which does, rather than row by row.
    order = None if group_by is GroupBy.TASK and "p" in joins else group_by
    found = _grouped(reader, key, joins, f"{key} IS NOT NULL AND {where}", params, order)
    if group_by is GroupBy.TASK:
        projects = labels(reader, GroupBy.PROJECT)
        untasked = f"e.task_id IS NULL AND e.project_id IS NOT NULL AND {where}"
        for project_id, totals in _grouped(
            reader, "e.project_id", joins, untasked, params, GroupBy.PROJECT
        ).items():
            _add(found, project_id, totals)
            name = projects.get(str(project_id), str(project_id))
            names[str(project_id)] = f"{name} › {GroupBy.TASK.missing}"
    records = labels(reader, GroupBy.RECORD)
    without = f"e.project_id IS NULL AND {where}"
    for record_id, totals in _grouped(reader, "e.record_id", joins, without, params).items():
        _add(found, record_id, totals)
        if record_id is not None:
            name = records.get(str(record_id), str(record_id))
            names[str(record_id)] = f"{name} {GroupBy.PROJECT.missing}"
    return found


def _by_tag(
    reader: Reader, where: str, joins: set[str], params: dict[str, object]
) -> dict[str | None, Totals]:
    """Totals per tag: summed per distinct tag list (a short text key, no per-entry
    `json_each`), then added to each tag in the list; an untagged entry counts under
    no tag, as `LEFT JOIN json_each` has it. A tag is one row however it is spelled
    (`Design`, `design`), as a filter on it takes every spelling, and is named as most of
    its time spells it."""
    found: dict[str | None, Totals] = {}
    spelt: dict[str, dict[str, float]] = {}  # a folded tag: the seconds of each spelling
    for text, totals in _grouped(reader, "e.tags", joins, where, params).items():
        tags = {folded(tag): tag for tag in reversed(json.loads(str(text)) or [])}
        if not tags:
            _add(found, None, totals)
        for key, tag in tags.items():  # an entry's first spelling, once, if it has two
            _add(found, key, totals)
            seconds = spelt.setdefault(key, {})
            seconds[tag] = seconds.get(tag, 0) + totals[2]
    named = {key: max(sorted(seconds), key=seconds.__getitem__) for key, seconds in spelt.items()}
    return {None if key is None else named[key]: totals for key, totals in found.items()}


def labels(reader: Reader, group_by: GroupBy) -> dict[str, str]:
    """Names by id for keys that are catalog ids (others are their own label)."""
    sql = _LABELS.get(group_by)
    if sql is None:
        return {}
    return {str(k): str(v) for k, v in read(reader.connection, reader.path, sql) if v is not None}


@dataclass(frozen=True, slots=True)
class ToDate:
    """The time ever tracked on a project or task, and whose it is: everyone's, as Vmoox
    counted it at `counted_at`, with this computer's own as it is now; or, where Vmoox
    has given no count (`counted_at` None), this person's own time only."""

    seconds: int
    counted_at: datetime | None


# Per project or task with a count from Vmoox: the seconds of it that are not this
# computer's entries as Vmoox had them then (other people's, and this person's from
# elsewhere not yet pulled), and when it was counted (`WriteTransaction._counts`).
_COUNTED = {
    group_by: f"SELECT id, max(0, tracked_minutes * 60 - tracked_own_seconds), tracked_at"
    f" FROM {table} WHERE tracked_at IS NOT NULL"
    for group_by, table in ((GroupBy.PROJECT, "projects"), (GroupBy.TASK, "tasks"))
}


def actual_to_date(reader: Reader, group_by: GroupBy, now: datetime) -> dict[str, ToDate]:
    """Time ever tracked per project or task, no filters: Vmoox's count of everyone's
    finished time, less what of it was this computer's entries when counted (to the
    nearest minute, as Vmoox counts), plus this computer's live entries now (running
    ones up to `now`, changes not yet sent included): so an entry counts once, as it is
    here, to the second, whatever happened to it since Vmoox counted. Only this
    person's time where Vmoox has given no count.

    For projects and tasks SQLite reads their index in id order, so a year of
    history needs no sort.
    """
    key, joins = _KEYS[group_by]
    sql = (
        f"SELECT {key}, sum({_SECONDS}) FROM entries e {_joins(joins)}"
        " WHERE e.deleted_at IS NULL GROUP BY 1"
    )
    rows = read(reader.connection, reader.path, sql, {"now": epoch(now)})
    own = {str(k): int(seconds) for k, seconds in rows if k is not None}
    found = {k: ToDate(seconds, None) for k, seconds in own.items()}
    counted = _COUNTED.get(group_by)
    for k, others, at in read(reader.connection, reader.path, counted) if counted else ():
        # Vmoox counts in whole minutes, so everyone else's time is whole minutes: up to
        # half of one left once this computer's exact seconds are off is Vmoox rounding
        # them, not anyone's work.
        others_minutes = (int(others) + 29) // 60
        found[str(k)] = ToDate(others_minutes * 60 + own.get(str(k), 0), from_text(at))
    return found


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
    workspace_id: str | None = None  # where it goes (`_WORKSPACE`); None where none is known


def lines(
    reader: Reader,
    start: datetime,
    end: datetime,
    filters: ReportFilter,
    within: InWorkspace = EVERY_WORKSPACE,
) -> list[EntryLine]:
    """Live entries starting in [start, end), by start, with client, project, task, record
    and workspace."""
    params: dict[str, object] = {"start": to_text(start), "end": to_text(end)}
    where, _ = _where(filters, params, within)
    columns = ", ".join(f"e.{name.strip()}" for name in ENTRY_COLUMNS.split(","))
    sql = (
        f"SELECT {columns}, {_CLIENT}, c.display_name, p.name, t.name, r.display_name,"
        f" {_WORKSPACE}"
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


def workspaces(
    reader: Reader, start: datetime, end: datetime, filters: ReportFilter, default_id: str | None
) -> set[str]:
    """The workspaces (`_WORKSPACE`) of the live entries starting in [start, end) that
    `filters` keep, whichever workspace a report covers; `default_id` is where entries
    without a project or record go."""
    params: dict[str, object] = {"lo": epoch(start), "hi": epoch(end)}
    where, needed = _where(filters, params, InWorkspace(None, default_id))
    sql = (
        f"SELECT DISTINCT {_WORKSPACE} FROM entries e {_joins({*needed, 'p'})}"
        f" WHERE e.start_epoch >= :lo AND e.start_epoch < :hi AND {where}"
    )
    return {str(ws) for (ws,) in read(reader.connection, reader.path, sql, params) if ws}


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
