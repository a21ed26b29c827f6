"""Write screenshots of the timer window, the tray menu, the manual entry dialog and the
Reports view with its PDF.

    .venv/bin/python scripts/screenshots.py [OUTPUT_DIR]     (default: docs/screenshots)

Runs Qt offscreen on a throw-away TIMO_HOME with a small demo catalog and a few
days of entries, at a fixed time of day so every run draws the same picture.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WHEN = time(15, 47)  # the moment the pictures show
ZONE = "Europe/Berlin"


def main(output: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="timo-screens-"))
    os.environ["TIMO_HOME"] = str(home)

    from tests.ui.seed import HOMEPAGE, WEBSITE, seed_catalog, seed_entries

    from timo_desktop.core.entry import Source, Target
    from timo_desktop.core.local_time import at_local, local, utc_now
    from timo_desktop.paths import resolve
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.settings import Settings

    paths = resolve().ensure()
    today = local(utc_now(), ZONE).date()
    now = at_local(today, WHEN, ZONE)
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, zone=ZONE, clock=lambda: now)
    seed_catalog(tracker)
    seed_entries(tracker, now - timedelta(minutes=20), days=3)
    tracker.start(
        "Homepage layout",
        target=Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id),
        tags=["design"],
        at=now - timedelta(minutes=12),
    )
    _as_if_synced(paths.database, before=at_local(today, time(0, 0), ZONE))

    from PySide6.QtCore import QDate, QPoint
    from PySide6.QtWidgets import QApplication

    from timo_desktop.sync.status import SyncStatus, WorkerState
    from timo_desktop.ui import style
    from timo_desktop.ui.controller import TimoApp
    from timo_desktop.ui.tray import Tray

    app = QApplication(sys.argv[:1])
    style.apply(app)
    timo = TimoApp(tracker, paths, Settings(), use_tray=False)
    timo.window.show_notice(None)
    timo.update_sync(
        SyncStatus(
            WorkerState.IDLE,
            5,
            5,
            0,
            0,
            0,
            _iso(now - timedelta(minutes=3)),
            None,
            "5 entries waiting to sync",
        )
    )
    timo.reload()
    timo.window.resize(900, 620)
    timo.window.show()
    output.mkdir(parents=True, exist_ok=True)
    _settle(app)
    timo.window.grab().save(str(output / "window.png"))

    style.use_palette(app, style.dark_palette())  # as a dark system colour scheme makes it
    _settle(app)
    timo.window.grab().save(str(output / "window-dark.png"))
    style.use_palette(app, app.style().standardPalette())

    tray = Tray(timo.tray_state)
    tray.menu.popup(QPoint(0, 0))
    _settle(app)
    tray.menu.grab().save(str(output / "menu.png"))
    tray.menu.hide()

    dialog = timo.add_manually()
    yesterday = today - timedelta(days=1)
    dialog.date.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    dialog.start.setText("11:30")
    dialog.end.setText("12:45")
    dialog.description.setText("Design review with Acme")
    dialog.target.set_choice(timo.choice_for(Target(project_id=WEBSITE.id, task_id=HOMEPAGE.id)))
    dialog.tags.setText("review")
    _settle(app)
    dialog.grab().save(str(output / "manual-entry.png"))
    timo.shutdown()
    tracker.close()
    for widget in (dialog, tray.menu, timo.window):
        widget.deleteLater()
    _settle(app)
    _reports(home, output, app)
    print(f"screenshots written to {output}")


def _reports(home: Path, output: Path, app: object) -> None:
    """The Reports view on the review week the report tests use, and its PDF's first page."""
    from tests.reports.workspace import FRIDAY_AFTERNOON, Clock, seed_review_week

    from timo_desktop.services.reports import Reports
    from timo_desktop.services.tracker import Tracker
    from timo_desktop.ui.reports_view import ReportsView

    tracker = Tracker.open(home / "review.sqlite3", zone=ZONE, clock=Clock(FRIDAY_AFTERNOON))
    seed_review_week(tracker)
    view = ReportsView(Reports(tracker))
    view.resize(1040, 760)
    view.show()
    _settle(app)
    view.grab().save(str(output / "reports.png"))
    if shutil.which("pdftoppm"):
        view.export_pdf(home / "week.pdf")
        pdf, png = str(home / "week.pdf"), str(output / "report-pdf")
        first_page = ["-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(["pdftoppm", "-png", "-r", "80", *first_page, pdf, png], check=True)
    else:
        print("report-pdf.png not written: pdftoppm (poppler-utils) is missing")
    view.close()
    tracker.close()


def _as_if_synced(database: Path, *, before: datetime) -> None:
    """Mark entries before today synced, as the sync worker would have (badges turn green)."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE entries SET sync_state = 'synced' WHERE start_at < ?", (_iso(before),)
        )


def _iso(moment: datetime) -> str:
    from timo_desktop.core.local_time import to_text

    return to_text(moment)


def _settle(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
