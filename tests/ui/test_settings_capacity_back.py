"""Settings' weekly capacity, once set here, can go back to the workspace's: a button under
the field does what `timo config set capacity.hours_per_week ""` does."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from timo_desktop.paths import Paths
from timo_desktop.services.reports import own_capacity
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import load
from timo_desktop.store.database import WORKSPACE_RULES_KEY
from timo_desktop.ui.controller import TimoApp


def test_the_capacity_goes_back_to_the_workspace_s(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker, paths: Paths
) -> None:
    with tracker.store.write() as tx:  # as sync keeps the workspace's rules
        rules = {"capacity_hours_per_week": 20, "name": "Northwind Agency"}
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps(rules))
    dialog = timo.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.capacity_back.isHidden()  # the workspace's already
    dialog.capacity.setValue(32)
    assert dialog.capacity_back.isVisible()
    assert dialog.capacity_back.text() == "Use Northwind Agency's 20 h instead"

    dialog.capacity_back.click()
    assert not own_capacity(load(paths.settings_file))
    assert dialog.capacity.value() == 20
    assert dialog.capacity_source.isVisible() and dialog.capacity_back.isHidden()
    assert timo.reports().capacity() == (20, "Northwind Agency's working week")
    dialog.close()
