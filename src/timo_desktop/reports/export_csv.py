"""Invoice inputs as CSV: one row per entry, or one per group.

Columns: client, project, task, record, description, date, start, end, hours,
billable, utc_offset, rounded_to_minutes, running, workspace. The first ten keep their
order; the others come after them, so a sheet that reads columns by position still works.

- `date` is the working day the entry counts on (its start, in the chosen zone
  and with `day.start_of_day`), the day reports and `--by day` count it on;
  `start` and `end` are the recorded wall-clock times in that zone (`HH:MM`; a
  start on another calendar date than `date`, before the start of day, carries
  its date, `2026-11-20 01:30`, as an end on another date than its start does;
  a running timer has no end and counts up to now).
- `hours` is decimal hours to four places. With rounding, each entry's length
  is rounded *up* to a whole multiple of the given minutes before anything is
  added (`--round 6`: 7 min bills 0.2 h; `--round 15`: 16 min bills 0.5 h); the
  recorded start and end are left as they are. The column adds up to the total
  to four places, as the report has it, and its billable rows to the billable
  total (three 20-minute entries are 0.3334, 0.3333 and 0.3333, an hour, not three
  0.3333 that miss it): each row is its length cut to four places, and those that
  lost most get the last place back until they add up, so each is less than
  0.0001 h from its exact length. The non-billable rows add up to the rest, which
  is their own total to four places unless the billable and non-billable totals
  rounded apart would miss the whole by 0.0001 h.
- Grouped rows (by client, project, task, record or day) add up the rounded
  hours of their entries, separately for billable and non-billable time; a
  column keeps its value when all the group's entries share it and is empty
  otherwise. Start, end and utc_offset are empty on grouped rows.
- `billable` is `yes` or `no`. No totals line, so the file stays a table.
- `utc_offset` is the start's offset from UTC (`UTC+01:00`): on the night the clocks go
  back, 02:15 happens twice, and the offset tells the two apart. An end on the other side
  of a clock change carries its own (`03:10 UTC+01:00`). Written with `UTC` in front so a
  spreadsheet keeps it as text (a bare `+01:00` opens as a time, or as a formula).
- `rounded_to_minutes` is the rounding applied to `hours` (`6`), empty when none was.
- `running` is `yes` for a timer still running (no end; counted up to the export), else
  `no`; a grouped row says `yes` when any of its entries runs.
- `workspace` is the name of the Vmoox workspace the entry belongs to (its project's or
  record's, else the default one it syncs to); empty before a sync has found any. Grouped
  rows never mix workspaces.
- Text typed by people (client, project, task and record names, descriptions) that
  begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a `'` in
  front (`spreadsheet_text`), as OWASP advises against CSV injection: a spreadsheet
  opening the file would otherwise run it as a formula. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, time
from typing import IO

from timo_desktop.core.errors import InvalidInput
from timo_desktop.core.local_time import MIDNIGHT, at_local, describe_instant, local, local_day
from timo_desktop.core.reports import PLACES_PER_HOUR, GroupBy, hours_adding_up, round_up
from timo_desktop.reports.formats import spreadsheet_text
from timo_desktop.store.reports import EntryLine

COLUMNS = (
    "client",
    "project",
    "task",
    "record",
    "description",
    "date",
    "start",
    "end",
    "hours",
    "billable",
    "utc_offset",
    "rounded_to_minutes",
    "running",
    "workspace",
)

# How entries (with their CSV row) are gathered into one invoice row, per group key.
_GROUP_KEYS: dict[GroupBy, Callable[[EntryLine, dict[str, str]], object]] = {
    GroupBy.CLIENT: lambda line, _row: line.client_id,
    # Time booked to a record has no project: it goes by its record, not into one
    # nameless row with every other client's.
    GroupBy.PROJECT: lambda line, _row: line.entry.target.project_id or line.entry.target,
    GroupBy.TASK: lambda line, _row: (
        (line.entry.target.project_id, line.entry.target.task_id)
        if line.entry.target.project_id
        else line.entry.target
    ),
    GroupBy.RECORD: lambda line, _row: line.entry.target.record_id,
    GroupBy.DAY: lambda _line, row: row["date"],
}
EXPORT_GROUPS = tuple(_GROUP_KEYS)


def decimal_hours(places: int) -> str:
    """`1.5`, `0.1`, `2`: `places` ten-thousandths of an hour as written to the CSV."""
    whole, part = divmod(places, PLACES_PER_HOUR)
    return f"{whole}.{part:04d}".rstrip("0").removesuffix(".")


def _fill_hours(rows: Sequence[dict[str, str]], seconds: Sequence[int]) -> None:
    """Write each row's `hours` so the column adds up to the total to four places, and the
    billable rows to the billable total; the others take the rest."""
    billable = [row["billable"] == "yes" for row in rows]
    for row, places in zip(rows, hours_adding_up(seconds, billable), strict=True):
        row["hours"] = decimal_hours(places)


def billed_seconds(line: EntryLine, now: datetime, rounding: int | None) -> int:
    """An entry's length in seconds (up to `now` if running), rounded up per `rounding`."""
    return round_up(int(line.entry.duration(now).total_seconds()), rounding)


def utc_offset(instant: datetime, zone: str) -> str:
    """`UTC+01:00`: how far `instant`'s wall clock in `zone` is from UTC."""
    offset = local(instant, zone).utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def entry_row(
    line: EntryLine,
    *,
    zone: str,
    start_of_day: time,
    rounding: int | None = None,
    workspaces: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """One entry as a CSV row, `hours` left empty for `write_csv` to fill once all rows are
    known (`rounding`: the minutes lengths are rounded to; `workspaces`: the names of
    workspaces by id)."""
    entry = line.entry
    day = local_day(entry.start, zone, start_of_day)
    offset = utc_offset(entry.start, zone)
    end = ""
    if entry.end is not None:
        # 24-hour times whatever the screen shows: invoicing tools read these.
        end = describe_instant(
            entry.end, zone, relative_to=entry.start, twelve_hour=False, with_offset=False
        )
        end_offset = utc_offset(entry.end, zone)
        if end_offset != offset:  # the clocks changed during the entry
            end = f"{end} {end_offset}"
    return {
        "client": spreadsheet_text(line.client or ""),
        "project": spreadsheet_text(line.project or ""),
        "task": spreadsheet_text(line.task or ""),
        "record": spreadsheet_text(line.record or ""),
        "description": spreadsheet_text(entry.description),
        "date": day.isoformat(),
        "start": describe_instant(
            entry.start,
            zone,
            relative_to=at_local(day, MIDNIGHT, zone),
            twelve_hour=False,
            with_offset=False,
        ),
        "end": end,
        "hours": "",
        "billable": "yes" if entry.billable else "no",
        "utc_offset": offset,
        "rounded_to_minutes": str(rounding) if rounding else "",
        "running": "yes" if entry.end is None else "no",
        "workspace": spreadsheet_text(_workspace(line, workspaces or {})),
    }


def _workspace(line: EntryLine, names: Mapping[str, str]) -> str:
    """The name of `line`'s workspace (its id where the name is not known)."""
    if line.workspace_id is None:
        return ""
    return names.get(line.workspace_id, line.workspace_id)


def write_csv(
    lines: Sequence[EntryLine],
    out: IO[str],
    *,
    zone: str,
    start_of_day: time,
    now: datetime,
    rounding: int | None = None,
    group_by: GroupBy | None = None,
    workspaces: Mapping[str, str] | None = None,
) -> int:
    """Write the CSV to `out`; returns the number of rows after the header. `workspaces`
    names the workspaces by id."""
    if group_by is not None and group_by not in EXPORT_GROUPS:
        names = ", ".join(g.value for g in EXPORT_GROUPS)
        raise InvalidInput(f"an export can be grouped by {names}, not by {group_by.value}")
    seconds = [billed_seconds(line, now, rounding) for line in lines]
    rows = [
        entry_row(
            line, zone=zone, start_of_day=start_of_day, rounding=rounding, workspaces=workspaces
        )
        for line in lines
    ]
    if group_by is not None:
        rows, seconds = _grouped(lines, rows, seconds, group_by)
    _fill_hours(rows, seconds)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def _grouped(
    lines: Sequence[EntryLine],
    rows: Sequence[dict[str, str]],
    seconds: Sequence[int],
    group_by: GroupBy,
) -> tuple[list[dict[str, str]], list[int]]:
    """One row per group, and the seconds each adds up."""
    key_of = _GROUP_KEYS[group_by]
    groups: dict[tuple[object, ...], list[tuple[dict[str, str], int]]] = {}
    for line, row, length in zip(lines, rows, seconds, strict=True):
        # Per workspace too: one invoice row never adds up two workspaces' time.
        group = (line.workspace_id, key_of(line, row), row["billable"])
        groups.setdefault(group, []).append((row, length))
    return (
        [_merge([row for row, _ in members]) for members in groups.values()],
        [sum(length for _, length in members) for members in groups.values()],
    )


def _merge(members: Sequence[dict[str, str]]) -> dict[str, str]:
    # Times of day (and so their offset) belong to single entries, not to a group.
    per_entry = ("start", "end", "hours", "utc_offset", "running")
    merged = {
        column: _shared(row[column] for row in members)
        for column in COLUMNS
        if column not in per_entry
    }
    # A group holding a running timer is still growing: say so, as its entry's row would.
    running = "yes" if any(row["running"] == "yes" for row in members) else "no"
    return {
        **merged,
        "start": "",
        "end": "",
        "hours": "",
        "utc_offset": "",
        "running": running,
    }


def _shared(values: Iterable[str]) -> str:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else ""
