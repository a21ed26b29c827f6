"""Times of day follow the computer's clock: `2:30 PM` where it uses AM/PM, `14:30` elsewhere."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time as wall
from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex
from pytestqt.qtbot import QtBot

from tests.ui.test_manual_entry import dialog
from tests.ui.test_sync_health_layout import FINDINGS, page_with
from tests.ui.typed import type_time
from timo_desktop.core.local_time import at_local, local
from timo_desktop.paths import Paths, resolve
from timo_desktop.reports.export_csv import write_csv
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings
from timo_desktop.store.reports import EntryLine
from timo_desktop.sync.health import HealthReport
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column
from timo_desktop.ui.formatting import twelve_hour
from timo_desktop.ui.main_window import MINIMUM_WIDTH
from timo_desktop.ui.settings_dialog import SettingsDialog
from timo_desktop.ui.sync_health import COLUMNS

STARTED = 60.0  # seconds the app process is given to come up before the test gives up


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en_US", True),
        ("en_AU", True),
        ("ko_KR", True),  # AM/PM before the hour
        ("en_GB", False),
        ("de_DE", False),
        ("fr_CA", False),  # `HH 'h' mm`: the quoted h is text, not an hour on a 12-hour clock
        ("C", False),
    ],
)
def test_which_computers_use_a_12_hour_clock(name: str, expected: bool) -> None:
    assert twelve_hour(QLocale(name)) is expected


@pytest.mark.parametrize(
    ("setting", "shown"), [("en_US.UTF-8", "2:30 PM"), ("en_GB.UTF-8", "14:30")]
)
def test_the_app_follows_the_computers_clock(tmp_path: Path, setting: str, shown: str) -> None:
    """The real app, started as people start it, with Linux's time format set to `setting`."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG")}
    env.update(LC_TIME=setting, TIMO_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    log = resolve(tmp_path / "home").log_file
    app = subprocess.Popen([sys.executable, "-m", "timo_desktop"], env=env)
    try:
        given_up = wall.monotonic() + STARTED
        while "times of day show as" not in (log.read_text() if log.exists() else ""):
            assert app.poll() is None, "Timo exited before showing its window"
            assert wall.monotonic() < given_up, "Timo did not come up"
            wall.sleep(0.1)
    finally:
        app.terminate()
        app.wait()
    assert f"times of day show as {shown}" in log.read_text()


@pytest.fixture
def clock_app(twelve_hour: None, timo: TimoApp) -> TimoApp:
    """The window on a 12-hour clock (`twelve_hour` first: set before the window is built,
    as at start-up)."""
    return timo


def test_the_list_shows_whole_am_pm_times(clock_app: TimoApp) -> None:
    view = clock_app.window.entries
    model = view.model()
    day = model.index(0, 0)
    texts = [model.index(row, Column.TIMES, day).data() for row in range(model.rowCount(day))]
    assert "9:00 AM–9:45 AM" in texts
    widest = max(view.fontMetrics().horizontalAdvance(text) for text in texts)
    assert view.columnWidth(Column.TIMES) > widest  # not cut to "9:00 AM–9:4…"


def test_at_its_narrowest_the_description_keeps_its_room(qtbot: QtBot, clock_app: TimoApp) -> None:
    window = clock_app.window
    window.resize(300, 500)
    qtbot.waitUntil(lambda: window.width() > MINIMUM_WIDTH)  # longer times need more room
    view = window.entries
    header = view.header()
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionSize(Column.DESCRIPTION) >= 100


def test_editing_times_in_place_takes_am_pm(clock_app: TimoApp, tracker: Tracker) -> None:
    model = clock_app.window.entries.model()

    def latest() -> QModelIndex:  # looked up afresh: a change refills the list
        return model.index(0, Column.TIMES, model.index(0, 0))

    entry = latest().data(ENTRY_ROLE)
    assert model.setData(latest(), "4:45 PM–6:15 PM")
    changed = tracker.get(entry.client_ref)
    assert local(changed.start, tracker.zone).time() == time(16, 45)
    assert changed.end - changed.start == timedelta(minutes=90)
    assert latest().data(ENTRY_ROLE).client_ref == entry.client_ref
    model.setData(latest(), "4:45–6:15")
    said = clock_app.window.undo_bar.message.text()
    assert "'4:45' could be 4:45 AM or 4:45 PM; add AM or PM" in said
    assert tracker.get(entry.client_ref).start == changed.start  # nothing changed


@pytest.mark.usefixtures("twelve_hour")
def test_manual_entry_asks_am_or_pm_and_keeps_what_was_typed(qtbot: QtBot) -> None:
    window = dialog(qtbot)
    window.show()
    qtbot.waitExposed(window)
    assert window.start.placeholderText() == "9:00 AM"
    type_time(qtbot, window.start, "2:30")
    type_time(qtbot, window.end, "3:45 pm")
    said = window.errors["start"]
    assert said.text() == "'2:30' could be 2:30 AM or 2:30 PM; add AM or PM"
    assert said.height() >= said.heightForWidth(said.width())  # every line shows
    assert not window.save_button.isEnabled()
    assert window.start.text() == "2:30"
    type_time(qtbot, window.start, " pm")
    assert window.errors["start"].isHidden() and window.save_button.isEnabled()
    assert window.duration.placeholderText() == "1h 15m"


@pytest.mark.usefixtures("twelve_hour")
def test_settings_show_working_hours_on_the_same_clock(qtbot: QtBot, paths: Paths) -> None:
    dialog = SettingsDialog(Settings(), paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(dialog)
    assert dialog.work_end.text() == "5:30 PM"
    dialog.work_end.setValue(time(9, 0))
    assert dialog.errors["schedule.end"].text() == "Not saved: " + (
        "working hours cannot start and end at the same time (9:00 AM to 9:00 AM):"
        " set the end to when work stops (an end before the start is the next morning)"
    )


@pytest.mark.usefixtures("twelve_hour")
def test_sync_health_says_when_on_the_same_clock(qtbot: QtBot) -> None:
    report = HealthReport("2026-02-17T00:00:00Z", 14, 40, 39, FINDINGS[1:2])
    page = page_with(qtbot, report)  # the finding is from 08:00 UTC, 09:00 in Berlin
    assert page.table.item(0, COLUMNS.index("When")).text() == "Mon 02 Mar 9:00 AM"


@pytest.mark.usefixtures("twelve_hour")
def test_csv_export_keeps_24_hour_times(tracker: Tracker) -> None:
    yesterday = tracker.today() - timedelta(days=1)
    start = at_local(yesterday, time(19, 30), tracker.zone)
    entry = tracker.add("Call", start, start + timedelta(minutes=45))
    out = io.StringIO()
    line = EntryLine(entry, None, None, None, None, None)
    write_csv([line], out, zone=tracker.zone, start_of_day=time(0), now=tracker.clock())
    assert ",19:30,20:15," in out.getvalue()
