"""Run `timo` as a user would: a real process, a temp TIMO_HOME, Berlin time."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from tests.support.cli import run_timo
from timo_desktop.core.catalog import Project, Record, Task
from timo_desktop.store.database import Store

Timo = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def timo(timo_home: Path) -> Timo:
    """`timo(*args)` runs `python -m timo_desktop ARGS` and returns the finished process."""
    return partial(run_timo, timo_home)


@pytest.fixture
def catalog(timo_home: Path) -> Path:
    """A database with a few cached projects, tasks and records."""
    database = timo_home / "data" / "timo.sqlite3"
    with Store.open(database) as store, store.write() as tx:
        tx.put_projects(
            [Project("prj_1", "Website", billable_default=True), Project("prj_2", "Webshop")]
        )
        tx.put_tasks([Task("tsk_1", "prj_1", "Layout")])
        tx.put_records([Record("rec_1", "client", "Acme GmbH")])
    return database


def outbox_size(database: Path) -> int:
    """How many operations are queued for sync."""
    with Store.open(database) as store:
        return len(store.outbox())


def as_json(process: subprocess.CompletedProcess[str]) -> object:
    """The JSON a successful command printed."""
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)
