"""Settings › Time zone: this computer's, or one chosen from the real zone list, saved at
once; the window shows its days and times there at once, and so after `timo config set`
while it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from timo_desktop.core.entry import Source
from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, load
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column
from timo_desktop.ui.settings_dialog import SettingsDialog

# Monday 2 March 2026, 15:00 UTC: 10:00 in New York, 16:00 in Berlin. The call was at
# 00:30 UTC, Sunday evening in New York but early Monday in Berlin.
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
CALL = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)
SETTLE_MS = 30_000  # only guards against a hang


@pytest.fixture(autouse=True)
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # where this computer is


@pytest.fixture
def app(qtbot: QtBot, paths: Paths) -> Iterator[TimoApp]:
    """The app, started, on a Tracker that follows this computer's zone."""
    tracker = Tracker.open(paths.database, source=Source.DESKTOP, clock=Clock(NOW))
    tracker.add("Early call", CALL, CALL + timedelta(minutes=30))
    made = TimoApp(tracker, paths, Settings(), use_tray=False)
    made.start(background=False)
    qtbot.waitExposed(made.window)
    yield made
    made.shutdown()
    made.window.deleteLater()
    made.deleteLater()
    tracker.close()


def shown(app: TimoApp) -> tuple[str, str]:
    """The first day's header and its first entry's times, as the list shows them."""
    model = app.window.model
    day = model.index(0, 0)
    return model.data(day), model.data(model.index(0, Column.TIMES, day))


def choose(dialog: SettingsDialog, qtbot: QtBot, typed: str) -> None:
    """Type `typed` over the time zone field and press Enter, as a person would."""
    field = dialog.time_zone.lineEdit()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_the_time_zone_is_chosen_from_the_real_list(qtbot: QtBot, paths: Paths) -> None:
    dialog = SettingsDialog(Settings(), paths.settings_file, autostart=None, account=None)
    qtbot.addWidget(dialog)
    combo = dialog.time_zone
    assert combo.currentText() == "This computer's (America/New_York)"
    assert combo.itemText(0) == combo.currentText()
    listed = [combo.itemText(i) for i in range(1, combo.count())]
    assert listed == sorted(listed) and "Europe/Berlin" in listed and "Asia/Kolkata" in listed
    # Part of a name, in any case, finds it.
    completer = combo.completer()
    completer.setCompletionPrefix("berl")
    assert completer.currentCompletion() == "Europe/Berlin"

    dialog.show()
    choose(dialog, qtbot, "Europe/Berln")
    problem = dialog.errors["day.time_zone"]
    assert not problem.isHidden()
    assert problem.text() == (
        "Not saved: 'Europe/Berln' is not a time zone name such as Europe/Berlin"
        " — did you mean 'Europe/Berlin'?"
    )
    assert combo.currentText() == "Europe/Berln"  # what was typed stays, to be fixed
    assert not paths.settings_file.exists()

    choose(dialog, qtbot, "Europe/Berlin")
    assert problem.isHidden()
    assert load(paths.settings_file).day.time_zone == "Europe/Berlin"
    again = SettingsDialog(
        load(paths.settings_file), paths.settings_file, autostart=None, account=None
    )
    qtbot.addWidget(again)
    assert again.time_zone.currentText() == "Europe/Berlin"

    combo.setCurrentIndex(0)  # picked from the list: this computer's again
    combo.activated.emit(0)
    assert load(paths.settings_file).day.time_zone is None


def test_the_window_shows_days_in_the_zone_chosen(qtbot: QtBot, app: TimoApp) -> None:
    assert shown(app) == ("Yesterday — 0:30 total, 0:00 billable", "19:30–20:00")
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    choose(dialog, qtbot, "Europe/Berlin")
    assert app.tracker.zone == "Europe/Berlin"
    assert shown(app) == ("Today — 0:30 total, 0:00 billable", "01:30–02:00")
    app.follow_the_clock()  # the minute's look at this computer's zone moves nothing
    assert shown(app)[1] == "01:30–02:00"


def test_config_set_while_the_app_runs_moves_its_days(qtbot: QtBot, app: TimoApp) -> None:
    qtbot.waitUntil(lambda: app.presence is not None, timeout=SETTLE_MS)  # settings watched
    for value, times in (("Europe/Berlin", "01:30–02:00"), ("null", "19:30–20:00")):
        done = subprocess.run(
            [sys.executable, "-m", "timo_desktop", "config", "set", "day.time_zone", value],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(lambda times=times: shown(app)[1] == times, timeout=SETTLE_MS)
