"""A person in two workspaces tells their projects apart: the picker lists each workspace's
under its name (its tooltips and search have it too), and where both have a project of
one name (Dana's "Admin" in Northwind Agency and in her Side Studio) the timer line and
the list name the workspace beside it. With one workspace the picker stays as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from pytestqt.qtbot import QtBot

from tests.support.sandbox import SandboxHandle
from tests.ui.signed_in import app, sync_round  # noqa: F401
from tests.ui.workday import list_cell
from timo_desktop.core.catalog import Project
from timo_desktop.core.entry import Target
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_model import Column


def children(parent: QStandardItem) -> dict[str, QStandardItem]:
    return {parent.child(row).text(): parent.child(row) for row in range(parent.rowCount())}


def top(model: QStandardItemModel) -> dict[str, QStandardItem]:
    return children(model.invisibleRootItem())


def test_two_workspaces_admin_is_told_apart_in_the_picker_the_timer_line_and_the_list(
    qtbot: QtBot,
    app: TimoApp,  # noqa: F811
    sandbox: SandboxHandle,
) -> None:
    hiring = app.tracker.start("Hiring call", target=Target("prj_7", "tsk_17")).started
    assert hiring is not None
    app.reload()
    assert list_cell(app, hiring.client_ref, Column.TARGET).data() == (
        "Internal: agency admin › Hiring"
    )
    sandbox.set_project("prj_7", name="Admin")  # Northwind Agency's
    sandbox.set_project("prj_9", name="Admin")  # Dana's Side Studio's
    sync_round(qtbot, app, app.sync_now)
    # The row shown already names its workspace now that another has an "Admin" too.
    assert list_cell(app, hiring.client_ref, Column.TARGET).data() == (
        "Admin (Northwind Agency) › Hiring"
    )

    workspaces = top(app.catalog)
    assert list(workspaces) == ["Northwind Agency", "Dana's Side Studio"]
    northwind, side = workspaces.values()
    assert {"Admin", "Acme website relaunch", "Records"} <= set(children(northwind))
    assert list(children(side)) == ["Admin"]  # not "Admin (Dana's Side Studio)": under it
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert children(northwind)["Admin"].data(tooltip) == "Admin\nin Northwind Agency"
    assert children(side)["Admin"].data(tooltip) == "Admin\nin Dana's Side Studio"

    bar = app.window.timer_bar
    qtbot.keyClicks(bar.description, "Invoices")
    bar.target.click()
    qtbot.keyClicks(bar.target.popup.search, "side admin")  # the workspace's name finds it
    qtbot.keyClick(bar.target.popup.search, Qt.Key.Key_Return)
    choice = bar.target.choice()
    assert choice is not None and choice.project_id == "prj_9"
    assert bar.target.text() == "Admin (Dana's Side Studio)"
    qtbot.keyClick(bar.description, Qt.Key.Key_Return)

    running = app.tracker.running()
    assert running is not None and running.target == Target("prj_9")
    assert bar.running_label.text() == "● Invoices · Admin (Dana's Side Studio)"
    assert bar.target.text() == "Admin (Dana's Side Studio)"
    assert list_cell(app, running.client_ref, Column.TARGET).data() == (
        "Admin (Dana's Side Studio)"
    )
    assert list_cell(app, hiring.client_ref, Column.TARGET).data() == (
        "Admin (Northwind Agency) › Hiring"
    )
    assert app.target_label(Target("prj_1")) == "Acme website relaunch"  # its name is its own


def test_one_workspace_keeps_its_projects_at_the_top_and_their_names_plain(
    qtbot: QtBot, timo: TimoApp
) -> None:
    with timo.tracker.store.write() as tx:
        tx.put_projects(
            [
                Project("prj_1", "Admin", workspace_id="ws_1"),
                Project("prj_2", "Site", workspace_id="ws_1"),
            ]
        )
    timo.reload_catalog()
    projects = top(timo.catalog)
    assert {"Admin", "Site", "Records"} <= set(projects)  # no workspace above them
    assert projects["Admin"].data(Qt.ItemDataRole.ToolTipRole) == "Admin"
    assert timo.target_label(Target("prj_1")) == "Admin"
