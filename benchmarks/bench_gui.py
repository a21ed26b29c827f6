"""The desktop app against a bare PySide6 tray app, on a real X server with a real tray.

Figures (each a ratio to the bare app measured in the same run, under Xvfb + trayer):

- start-up: process start until the window is mapped and the tray icon embedded
  (median of warm runs; target ≤ 1.35×), also with a year of entries in the database,
  and against the bare app touching the Qt types every real window uses (`--qt-types`:
  PySide6's Python enums for them are the floor under any such window's start-up);
- RSS after 5 s idle (target < 90 MiB);
- CPU while idle with a timer running and the window open (target < 0.5 %);
- opening 20,000 entries (model filled, given to the list with the window's filter,
  which it lists through only while a filter is on; first paint, scrolled and painted
  again) against the same rows in a QStandardItemModel
  (target < 300 ms).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9
IDLE_SECONDS = 5.0
CPU_SECONDS = 30.0
MIB = 1024 * 1024
YEAR_OF_ENTRIES = 365 * 8


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.support.desktop import desktop_session, missing_programs, stop

    if missing_programs():
        print(f"   skipped: needs {', '.join(missing_programs())}")
        return
    compiled()
    work = Path(tempfile.mkdtemp(prefix="timo-bench-gui-"))
    year = _a_year_of_entries(_prepared_home(work / "year"))
    home = _prepared_home(work / "home")  # last: TIMO_HOME stays this one
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_tray_app.py")]
    floor = [*bare, "--qt-types"]
    timo = [sys.executable, "-m", "timo_desktop"]
    with desktop_session(work / "desktop") as desktop:
        env = desktop.app_env(home)
        starts = (
            ("bare", bare, env),
            ("floor", floor, env),
            ("timo", timo, env),
            ("year", timo, desktop.app_env(year)),
        )
        start: dict[str, list[float]] = {name: [] for name, _command, _env in starts}
        rss: dict[str, float] = {}
        for run in range(RUNS + 1):  # the first round warms the caches and is not counted
            for name, command, environment in starts:
                seconds, process = _start_until_shown(desktop.run, command, environment)
                if run:
                    start[name].append(seconds)
                if run == RUNS and name in ("bare", "timo"):
                    time.sleep(IDLE_SECONDS)
                    rss[name] = _rss(process.pid)
                stop(process)
        bare_start, floor_start, timo_start, year_start = (
            statistics.median(start[name]) for name in ("bare", "floor", "timo", "year")
        )
        print(
            f"   start-up to window + tray icon: timo {timo_start * 1000:.0f} ms, "
            f"bare {bare_start * 1000:.0f} ms ({timo_start / bare_start:.2f}×) target ≤ 1.35×"
        )
        print(
            f"   the bare app touching Qt, QStyle and QEvent: {floor_start * 1000:.0f} ms "
            f"({floor_start / bare_start:.2f}× bare); timo is {timo_start / floor_start:.2f}× it"
        )
        print(
            f"   the same with a year of entries ({YEAR_OF_ENTRIES:,}): "
            f"{year_start * 1000:.0f} ms ({year_start / bare_start:.2f}× bare)"
        )
        print(
            f"   RSS after {IDLE_SECONDS:.0f} s idle: timo {rss['timo'] / MIB:.1f} MiB, "
            f"bare {rss['bare'] / MIB:.1f} MiB ({rss['timo'] / rss['bare']:.2f}×) "
            "target < 90 MiB"
        )
        _idle_cpu(desktop.run, timo, bare, env, home)
    _open_20000()


def compiled() -> None:
    """Write Timo's bytecode, as an installed Timo has it.

    Under PYTHONDONTWRITEBYTECODE (set in some shells and CI), every measured start would
    otherwise compile ~100 modules from source: slower, and the compiler's memory stays
    in the process's heap (~3 MiB for the sync engine alone)."""
    compileall.compile_dir(ROOT / "src" / "timo_desktop", quiet=1)


def _prepared_home(home: Path) -> Path:
    """A TIMO_HOME whose database exists already (start-up is measured, not first install)."""
    os.environ["TIMO_HOME"] = str(home)
    from timo_desktop.paths import resolve
    from timo_desktop.services.tracker import Tracker

    Tracker.open(resolve().ensure().database).close()
    return home


def _a_year_of_entries(home: Path) -> Path:
    """Eight entries a working day for the past year in `home` (start-up with a history)."""
    from datetime import time as clock
    from datetime import timedelta

    from timo_desktop.core.local_time import at_local
    from timo_desktop.services.tracker import Tracker

    tracker = Tracker.open(home / "data" / "timo.sqlite3")
    today = tracker.today()
    with tracker.batch():
        for back in range(1, 366):
            day = today - timedelta(days=back)
            for hour in range(8, 8 + YEAR_OF_ENTRIES // 365):
                start = at_local(day, clock(hour), tracker.zone)
                tracker.add(f"Work {back}.{hour}", start, start + timedelta(minutes=50))
    tracker.close()
    return home


def _start_until_shown(
    run: Callable[..., subprocess.CompletedProcess[str]], command: list[str], env: dict[str, str]
) -> tuple[float, subprocess.Popen[bytes]]:
    """Seconds from process start until two windows are visible: the window and the tray icon."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while True:
        found = run("xdotool", "search", "--onlyvisible", "--pid", str(process.pid), check=False)
        if len(found.stdout.split()) >= 2:
            return time.perf_counter() - began, process
        if process.poll() is not None:
            raise RuntimeError(f"{command} exited with {process.returncode}")
        if time.perf_counter() - began > 60:
            raise RuntimeError(f"{command} showed no window and tray icon within a minute")
        time.sleep(0.01)


def _rss(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _idle_cpu(
    run: Callable[..., subprocess.CompletedProcess[str]],
    timo: list[str],
    bare: list[str],
    env: dict[str, str],
    home: Path,
) -> None:
    """CPU share over CPU_SECONDS with a timer running and the window open, against the bare app."""
    from tests.support.desktop import stop

    subprocess.run(
        [sys.executable, "-m", "timo_desktop", "start", "Benchmark"],
        env={**os.environ, "TIMO_HOME": str(home)},
        check=True,
        capture_output=True,
    )
    shares = {}
    for name, command in (("timo", timo), ("bare", bare)):
        _seconds, process = _start_until_shown(run, command, env)
        time.sleep(3)  # let the deferred start-up work finish
        before, began = _cpu_seconds(process.pid), time.perf_counter()
        time.sleep(CPU_SECONDS)
        shares[name] = (_cpu_seconds(process.pid) - before) / (time.perf_counter() - began)
        stop(process)
    ratio = shares["timo"] / shares["bare"] if shares["bare"] else float("inf")
    print(
        f"   CPU idle with a timer running, window open ({CPU_SECONDS:.0f} s): "
        f"timo {shares['timo'] * 100:.2f} %, bare {shares['bare'] * 100:.2f} % "
        f"({ratio:.1f}×) target < 0.5 %"
    )


def _open_20000() -> None:
    """20,000 entries into the day-grouped model and painted, against plain QStandardItems."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import UTC, datetime, timedelta
    from datetime import time as clock

    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTreeView

    from timo_desktop.core.entry import Target, new_entry
    from timo_desktop.ui.entry_list import EntryListView
    from timo_desktop.ui.entry_model import EntryFilter, EntryListModel, ListContext

    app = QApplication.instance() or QApplication([])
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    entries = [
        new_entry(
            start=start
            + timedelta(hours=10 * (i // 55) + (i % 55) * 10 // 60, minutes=(i * 10) % 60),
            end=start
            + timedelta(hours=10 * (i // 55) + (i % 55) * 10 // 60, minutes=(i * 10) % 60 + 9),
            zone="UTC",
            now=start,
            description=f"Entry {i}",
            target=Target(project_id=f"p{i % 40}"),
        )
        for i in range(20_000)
    ]
    context = ListContext("UTC", clock(0), entries[-1].start.date(), lambda t: t.project_id or "")

    def show_and_scroll(view: QTreeView, model: QAbstractItemModel) -> None:
        """Show `model` in `view`, paint it, scroll to the middle, paint again, close."""
        view.setModel(model)
        view.resize(900, 600)
        view.show()
        app.processEvents()
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
        app.processEvents()
        view.close()
        view.deleteLater()

    def ours() -> None:
        """As the window shows them: given the filter that search and "Needs attention"
        use, which the list goes through only while one is on (none is here)."""
        view = EntryListView()
        model = EntryListModel(view)
        model.set_entries(entries, context)
        show_and_scroll(view, EntryFilter(model, view))

    def plain() -> None:
        view = QTreeView()
        model = QStandardItemModel(view)
        for entry in entries:
            model.appendRow(
                [QStandardItem(entry.description), QStandardItem(entry.target.project_id)]
            )
        show_and_scroll(view, model)

    times = {}
    for name, work in (("ours", ours), ("plain", plain)):
        work()  # warm
        samples = []
        for _ in range(3):
            began = time.perf_counter()
            work()
            samples.append(time.perf_counter() - began)
        times[name] = statistics.median(samples)
    app.processEvents()  # the views' deferred deletes, before the interpreter tears down
    print(
        f"   20,000 entries opened and scrolled: {times['ours'] * 1000:.0f} ms, "
        f"QStandardItemModel {times['plain'] * 1000:.0f} ms "
        f"({times['ours'] / times['plain']:.2f}×) target < 300 ms"
    )


if __name__ == "__main__":
    main()
