"""`timo start`, `stop` and `continue` with a timer longer than any entry may be."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from tests.support.cli import run_timo
from timo_desktop.core.entry import Source, new_entry
from timo_desktop.core.local_time import utc_now
from timo_desktop.store.database import Store
from timo_desktop.store.outbox import Op


def test_a_timer_cannot_start_further_back_than_the_longest_entry(timo_home: Path) -> None:
    for ago in ("30h ago", "8000h ago"):
        done = run_timo(timo_home, "start", "forgot", "--at", ago)
        assert done.returncode == 1 and done.stdout == ""
        assert re.fullmatch(
            r"timo: a timer started at \d{4}-\d\d-\d\d \d\d:\d\d would already be \d+h \d\dm"
            r" long; the longest allowed is 24h 00m\n",
            done.stderr,
        ), done.stderr
    assert run_timo(timo_home, "status").stdout == "No timer is running.\n"


def test_a_timer_run_too_long_says_how_to_stop_it_and_then_stops(timo_home: Path) -> None:
    now = utc_now()
    # Started two days ago on another device and synced in: it is already 48 hours long.
    forgot = new_entry(
        start=now - timedelta(hours=48), end=None, zone="Europe/Berlin", now=now,
        description="forgot", source=Source.SERVER,
    )  # fmt: skip
    earlier = new_entry(
        start=now - timedelta(hours=50), end=now - timedelta(hours=49), zone="Europe/Berlin",
        now=now, description="earlier", source=Source.SERVER,
    )  # fmt: skip
    with Store.open(timo_home / "data" / "timo.sqlite3") as store, store.write() as tx:
        tx.save(earlier, Op.CREATE, now)
        tx.save(forgot, Op.CREATE, now)
    way_out = re.compile(
        r"timo: the entry is 4[78]h \d\dm long; the longest allowed is 24h 00m, so stop the"
        r" timer at an earlier time \((?P<latest>\d{4}-\d\d-\d\d \d\d:\d\d) at the latest\):"
        r" timo stop --at 'YYYY-MM-DD HH:MM'\n"
    )
    for command in (("stop",), ("start", "other"), ("continue", earlier.client_ref)):
        refused = run_timo(timo_home, *command)
        assert refused.returncode == 1 and refused.stdout == ""
        found = way_out.fullmatch(refused.stderr)
        assert found is not None, refused.stderr
    stopped = run_timo(timo_home, "stop", "--at", found["latest"])
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.startswith("Stopped 'forgot'")
