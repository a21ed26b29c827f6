"""A report over 100,000 entries (a year of a busy team on one machine) against `count(*)`.

Target: a year's report under 100 ms in every grouping shown (by project with
estimates included).
Baselines, same table, same run: a bare `SELECT count(*)` (SQLite answers it
from the smallest index without reading rows) and `count(*)` of live entries,
which has to read every row as the report does.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.core.entry import Target, new_entry
from timo_desktop.core.reports import GroupBy, Span
from timo_desktop.services import Tracker
from timo_desktop.services.reports import Reports
from timo_desktop.store.outbox import Op

ENTRIES = 100_000
ROUNDS = 7
FIRST = date(2025, 12, 1)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _seed(tracker: Tracker) -> None:
    rng = random.Random(7)
    clients = [Record(f"rec_{n}", "client", f"Client {n}", segment=f"s{n % 3}") for n in range(12)]
    projects = [
        Project(
            f"prj_{n}",
            f"Project {n}",
            clients[n % 12].id,
            service_type=f"service {n % 5}",
            phase=f"phase {n % 4}",
            estimate_minutes=None if n % 4 == 0 else 200 * 60,
        )
        for n in range(40)
    ]
    tasks = [
        Task(f"tsk_{n}", f"prj_{n % 40}", f"Task {n}", estimate_minutes=30 * 60) for n in range(120)
    ]
    per_day = ENTRIES // 365 + 1
    made = 0
    with tracker.store.write() as tx:
        tx.put_records(clients)
        tx.put_projects(projects)
        tx.put_tasks(tasks)
        for day in range(366):
            begin = datetime.combine(FIRST + timedelta(days=day), datetime.min.time(), tzinfo=UTC)
            for slot in range(per_day):
                if made == ENTRIES:
                    return
                task = rng.choice(tasks)
                start = begin + timedelta(minutes=5 * slot)
                entry = new_entry(
                    start=start,
                    end=start + timedelta(minutes=rng.choice([1, 2, 3, 4])),
                    zone="Europe/Berlin",
                    now=start,
                    description="Work",
                    target=Target(task.project_id, task.id),
                    tags=(rng.choice(["design", "call", "build"]),),
                    billable=rng.random() < 0.7,
                )
                tx.save(entry, Op.CREATE, start)
                made += 1


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker.open(
            Path(folder) / "timo.sqlite3", zone="Europe/Berlin", clock=lambda: NOW
        )
        _seed(tracker)
        reports = Reports(tracker)
        year = Span(FIRST, FIRST + timedelta(days=364))
        connection = tracker.store.connection
        counted = connection.execute("SELECT count(*) FROM entries").fetchone()[0]
        count = _median_ms(lambda: connection.execute("SELECT count(*) FROM entries").fetchone())
        live = "SELECT count(*) FROM entries WHERE deleted_at IS NULL"
        scan = _median_ms(lambda: connection.execute(live).fetchone())
        print(f"   SELECT count(*) over {counted} entries: {count:.2f} ms (baseline)")
        print(f"   count(*) of live entries (reads every row): {scan:.1f} ms (baseline)")

        def show(name: str, spent: float, target: str = "") -> None:
            ratios = f"{spent / count:.0f}x count(*), {spent / scan:.1f}x the full scan"
            print(f"   {name}: {spent:.1f} ms ({ratios}) {target}".rstrip())

        for group_by in (GroupBy.PROJECT, GroupBy.CLIENT, GroupBy.TASK, GroupBy.TAG, GroupBy.DAY):
            spent = _median_ms(lambda g=group_by: reports.report(year, g))
            show(f"report of a year by {group_by.value}", spent, "target < 100 ms")
        week = Span.week_of(FIRST + timedelta(days=180))
        show("report of one week by project", _median_ms(lambda: reports.report(week)))
        tracker.close()
