"""Settings' weekly capacity while reports use the workspace's (set on Vmoox, none set
here): under the field, whose hours they are, by the workspace's name, and that one set
here goes before them."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from timo_desktop.paths import Paths
from timo_desktop.services.tracker import Tracker
from timo_desktop.settings import load
from timo_desktop.store.database import WORKSPACE_RULES_KEY
from timo_desktop.ui.controller import TimoApp

SOURCE = "Northwind Agency's 20 h a week, set on Vmoox: reports use it until you set your own here."


def test_the_capacity_field_says_whose_hours_it_shows(
    qtbot: QtBot, timo: TimoApp, tracker: Tracker, paths: Paths
) -> None:
    with tracker.store.write() as tx:  # as sync keeps the workspace's rules
        rules = {"capacity_hours_per_week": 20, "name": "Northwind Agency"}
        tx.set_meta(WORKSPACE_RULES_KEY, json.dumps(rules))
    dialog = timo.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.capacity.value() == 20
    assert dialog.capacity_source.isVisible() and dialog.capacity_source.text() == SOURCE
    under = dialog.capacity_source.mapTo(dialog, dialog.capacity_source.rect().topLeft())
    field = dialog.capacity.mapTo(dialog, dialog.capacity.rect().bottomLeft())
    assert under.y() >= field.y()  # under the field, not beside it

    dialog.capacity.setValue(32)
    assert load(paths.settings_file).capacity.hours_per_week == 32
    assert dialog.capacity_source.isHidden()
    dialog.close()
