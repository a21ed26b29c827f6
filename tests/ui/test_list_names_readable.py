"""Which task a row is on can be read: in a wide window the target and tags columns are as
wide as their names (up to a share of the room, the description keeping the most), and a
name a narrow column shortens is told whole on hover, with why the entry needs attention
when it does."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.clocked import ZONE
from tests.ui.workday import DAY
from timo_desktop.core.catalog import Project, Task
from timo_desktop.core.entry import NO_TARGET, Target
from timo_desktop.core.local_time import at_local
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import ENTRY_ROLE, Column
from timo_desktop.ui.main_window import MINIMUM_WIDTH

ACME = Project("p-acme", "Acme website relaunch", billable_default=True)
HOMEPAGE = Task("t-acme-home", ACME.id, "Homepage layout")
CHECKOUT = Task("t-acme-checkout", ACME.id, "Checkout flow")
TAGS = ("design", "frontend")
ENDLESS = " ".join(["Acme"] * 60)
LONG = (
    "Went through the homepage wireframes with the client's marketing team and wrote up "
    "every change they asked for"
)


def acme_day(timo: TimoApp) -> None:
    """Two Acme tasks, tagged; an entry with no project and a long description; a short one."""
    with timo.tracker.store.write() as tx:
        tx.put_projects([ACME])
        tx.put_tasks([HOMEPAGE, CHECKOUT])
    rows = [
        ("Layout", Target(project_id=ACME.id, task_id=HOMEPAGE.id), TAGS),
        ("Checkout", Target(project_id=ACME.id, task_id=CHECKOUT.id), ("design",)),
        (LONG, NO_TARGET, ()),
    ]
    for hour, (description, target, tags) in enumerate(rows, start=6):
        start = at_local(DAY, time(hour, 0), ZONE)
        timo.tracker.add(
            description, start, start + timedelta(minutes=45), target=target, tags=tags
        )
    timo.reload_catalog()
    timo.reload()


def cell(view: EntryListView, description: str, column: Column) -> QModelIndex:
    model = view.model()
    day = model.index(0, 0)
    for row in range(model.rowCount(day)):
        if model.index(row, 0, day).data(ENTRY_ROLE).description == description:
            return model.index(row, column, day)
    raise AssertionError(f"no row {description!r}")


def hover(qtbot: QtBot, view: EntryListView, description: str, column: Column) -> str:
    """The tooltip shown over the cell in `column` of the row `description` ("" for none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # a shown tip lingers a moment
    # The cell looked up now: the app may have refilled the list while the tip went.
    at = view.visualRect(cell(view, description, column)).center()
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_wide_window_shows_every_target_and_tags_whole(qtbot: QtBot, day_app: TimoApp) -> None:
    acme_day(day_app)
    # And a name longer than any window: it takes its share of the room, no more.
    with day_app.tracker.store.write() as tx:
        tx.put_projects([Project("p-long", ENDLESS)])
    start = at_local(DAY, time(5, 0), ZONE)
    target = Target(project_id="p-long")
    day_app.tracker.add("Long", start, start + timedelta(minutes=45), target=target)
    day_app.reload_catalog()
    day_app.reload()
    day_app.window.resize(1280, 700)
    view = day_app.window.entries
    header = view.header()
    qtbot.waitUntil(lambda: view.viewport().width() > 1200)
    for description in ("Layout", "Checkout"):
        for column in (Column.TARGET, Column.TAGS):
            # As wide as the cell needs for its whole text, by the style's own measure.
            needed = view.sizeHintForIndex(cell(view, description, column)).width()
            assert needed <= header.sectionSize(column)
            assert hover(qtbot, view, description, column) == ""  # nothing shortened to tell
    assert hover(qtbot, view, "Long", Column.TARGET) == ENDLESS  # shortened there
    assert header.sectionSize(Column.DESCRIPTION) > header.sectionSize(Column.TARGET)
    assert header.length() <= view.viewport().width()  # nothing hidden off to the side


def test_a_shortened_name_is_told_whole_on_hover(qtbot: QtBot, day_app: TimoApp) -> None:
    acme_day(day_app)
    window = day_app.window
    window.resize(300, 600)
    qtbot.waitUntil(lambda: window.width() == MINIMUM_WIDTH)
    view = window.entries
    qtbot.waitUntil(lambda: view.header().length() <= view.viewport().width())
    label = "Acme website relaunch › Homepage layout"
    assert hover(qtbot, view, "Layout", Column.TARGET) == label
    assert hover(qtbot, view, "Layout", Column.TAGS) == ", ".join(TAGS)
    assert hover(qtbot, view, "Layout", Column.DESCRIPTION) == ""  # short: shown whole
    # A row that needs attention: its whole text, then why (the reason alone where whole).
    reason = "No project or record — pick a project: double-click its project cell"
    assert hover(qtbot, view, LONG, Column.DESCRIPTION) == f"{LONG}\n{reason}"
    assert hover(qtbot, view, LONG, Column.TARGET) == reason
