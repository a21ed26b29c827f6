"""The target pickers' catalog after every sync round: one model, refilled only when the
catalog changed. A new one was built after every round and each kept by the app, ~40 KB a
round, all day long (a long-running audit measured 16 MB after 350 rounds)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot

from timo_desktop.core.catalog import Project
from timo_desktop.ui.controller import TimoApp


def models_kept(timo: TimoApp) -> int:
    return len(timo.findChildren(QStandardItemModel))


def labels(model: QStandardItemModel) -> list[str]:
    return [model.item(row).text() for row in range(model.rowCount())]


def test_rounds_that_change_nothing_keep_one_model(qtbot: QtBot, timo: TimoApp) -> None:
    catalog, kept = timo.catalog, models_kept(timo)
    for _ in range(50):
        timo.reload_catalog()  # what every sync round ends with
    assert timo.catalog is catalog
    assert models_kept(timo) == kept


def test_a_new_project_reaches_pickers_already_open(qtbot: QtBot, timo: TimoApp) -> None:
    dialog = timo.add_manually()
    with timo.tracker.store.write() as tx:
        tx.put_projects([Project("prj_new", "Brand new project")])
    kept = models_kept(timo)
    timo.reload_catalog()
    assert "Brand new project" in labels(timo.catalog)
    assert models_kept(timo) == kept
    dialog.target.click()  # the open dialog's picker offers it too
    qtbot.keyClicks(dialog.target.popup.search, "brand new")
    qtbot.keyClick(dialog.target.popup.search, Qt.Key.Key_Return)
    choice = dialog.target.choice()
    assert choice is not None and choice.label == "Brand new project"
