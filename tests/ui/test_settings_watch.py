"""`timo config set` while the app runs takes effect in the app; a broken file changes nothing."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import Settings, load, save, with_value
from timo_desktop.store.database import WORKSPACE_RULES_KEY
from timo_desktop.ui.controller import TimoApp

SETTLE_MS = 30_000  # only guards against a hang


def _config_set(key: str, value: str) -> None:
    """The real CLI in its own process, on this test's TIMO_HOME (inherited)."""
    done = subprocess.run(
        [sys.executable, "-m", "timo_desktop", "config", "set", key, value],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _threshold(timo: TimoApp) -> timedelta | None:
    """The away threshold the running presence monitor uses."""
    assert timo.presence is not None and timo.presence.monitor is not None
    return timo.presence.monitor.machine.config.threshold


@pytest.fixture
def started(qtbot: QtBot, timo: TimoApp) -> TimoApp:
    """The app once its settings, presence and file watch are loaded."""
    qtbot.waitUntil(lambda: timo.presence is not None, timeout=SETTLE_MS)
    return timo


def test_config_set_from_the_cli_reaches_the_running_app(qtbot: QtBot, started: TimoApp) -> None:
    assert _threshold(started) == timedelta(minutes=5)
    _config_set("idle.threshold_seconds", "420")
    qtbot.waitUntil(lambda: _threshold(started) == timedelta(minutes=7), timeout=SETTLE_MS)
    assert started.settings is not None and started.settings.idle.threshold_seconds == 420

    _config_set("idle.threshold_seconds", "540")  # the file was replaced: still watched
    qtbot.waitUntil(lambda: _threshold(started) == timedelta(minutes=9), timeout=SETTLE_MS)


def test_a_broken_settings_file_keeps_the_settings_in_use(
    qtbot: QtBot, started: TimoApp, caplog: pytest.LogCaptureFixture
) -> None:
    file = started.paths.settings_file
    save(with_value(Settings(), "idle.threshold_seconds", "60"), file)
    qtbot.waitUntil(lambda: _threshold(started) == timedelta(seconds=60), timeout=SETTLE_MS)

    with caplog.at_level(logging.WARNING, logger="timo_desktop.ui.settings_watch"):
        file.write_text('{"idle": {"threshold_seconds": ', encoding="utf-8")
        qtbot.waitUntil(lambda: "not valid JSON" in caplog.text, timeout=SETTLE_MS)
    assert "keeping the settings in use" in caplog.text
    assert _threshold(started) == timedelta(seconds=60)
    assert started.settings is not None and started.settings.idle.threshold_seconds == 60

    file.write_text('{"idle": {"threshold_seconds": 0}}', encoding="utf-8")  # fixed by hand
    qtbot.waitUntil(lambda: _threshold(started) is None, timeout=SETTLE_MS)


def test_the_capacity_set_to_its_default_or_unset_again_elsewhere_reaches_the_app(
    qtbot: QtBot, started: TimoApp, tracker: Tracker
) -> None:
    """40 h set with `timo config set` while the workspace sets 32 h, and 40 h unset again
    with `""`: each file held the same values as the app's settings, only set or not, and
    Reports and Settings kept the other capacity until a restart."""
    with tracker.store.write() as tx:  # as sync keeps the workspace's rules
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps({"capacity_hours_per_week": 32}))
    dialog = started.open_settings()
    qtbot.waitExposed(dialog)
    assert started.reports().capacity() == (32, "your workspace's working week")
    file = started.paths.settings_file

    save(with_value(Settings(), "capacity.hours_per_week", "40"), file)
    qtbot.waitUntil(lambda: started.reports().capacity() == (40, "your setting"), timeout=SETTLE_MS)
    assert dialog.capacity.value() == 40 and dialog.capacity_back.isVisible()

    save(with_value(load(file), "capacity.hours_per_week", ""), file)
    qtbot.waitUntil(
        lambda: started.reports().capacity() == (32, "your workspace's working week"),
        timeout=SETTLE_MS,
    )
    assert dialog.capacity.value() == 32 and dialog.capacity_source.isVisible()
    dialog.close()
