"""Disabled controls look disabled in dark mode and can still be read; on a selected row the
billable mark and the sync badge stand out from the selection colour (3:1, as WCAG asks of
the parts of a control that carry meaning)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, time

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.clocked import Clock
from tests.ui.entries import finished
from tests.ui.test_dark_outlines import contrast
from tests.ui.workday import DAY, MORNING
from timo_desktop.core.entry import SyncState
from timo_desktop.ui import style
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import Column, EntryListModel, ListContext

DISABLED, ACTIVE = QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Active
TEXTS = (
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.ButtonText,
)
# Where each text is drawn: on the window, in a field, on a button.
BEHIND = {
    QPalette.ColorRole.WindowText: QPalette.ColorRole.Window,
    QPalette.ColorRole.Text: QPalette.ColorRole.Base,
    QPalette.ColorRole.ButtonText: QPalette.ColorRole.Button,
}


@pytest.mark.parametrize("role", TEXTS, ids=lambda role: role.name)
def test_dark_disabled_text_is_dimmed_but_readable(role: QPalette.ColorRole) -> None:
    palette = style.dark_palette()
    behind = BEHIND[role]
    disabled, enabled = palette.color(DISABLED, role), palette.color(ACTIVE, role)
    assert disabled != enabled
    # Plainly dimmer than enabled text, yet readable on what it is drawn on and on the window.
    assert contrast(disabled, palette.color(DISABLED, behind)) < (
        contrast(enabled, palette.color(ACTIVE, behind)) / 2
    )
    assert contrast(disabled, palette.color(DISABLED, behind)) >= 3
    assert contrast(disabled, palette.color(DISABLED, QPalette.ColorRole.Window)) >= 3


def test_a_disabled_button_is_drawn_dimmer_in_dark_mode(qtbot: QtBot, dark: QPalette) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    enabled, disabled = QPushButton("Add"), QPushButton("Add")
    disabled.setEnabled(False)
    row.addWidget(enabled)
    row.addWidget(disabled)
    window.show()
    qtbot.waitExposed(window)
    button = dark.color(ACTIVE, QPalette.ColorRole.Button)
    ink = [_strongest(b.grab().toImage(), button) for b in (enabled, disabled)]
    assert contrast(ink[1], button) < contrast(ink[0], button) / 2
    assert contrast(ink[1], button) >= 3


def _strongest(image: QImage, behind: QColor) -> QColor:
    """The pixel of `image` that stands out most from `behind` (a glyph's core)."""
    return max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda colour: contrast(colour, behind),
    )


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    light = QPalette(qapp.palette())
    if request.param == "dark":
        style.use_palette(qapp, style.dark_palette())
    yield request.param
    style.use_palette(qapp, light)


@pytest.mark.parametrize("state", [SyncState.SYNCED, SyncState.PENDING, SyncState.ATTENTION])
def test_marks_on_a_selected_row_stand_out(qtbot: QtBot, scheme: str, state: SyncState) -> None:
    clock = Clock(datetime.combine(DAY, time(12, 0), tzinfo=MORNING.tzinfo))
    model = EntryListModel()
    model.set_entries(
        [finished(DAY, "09:00", 30, "Billable", billable=True, sync_state=state)],
        ListContext(
            zone="UTC",
            start_of_day=time(0, 0),
            today=clock.now.date(),
            target_label=lambda _target: "Website",
            clock=clock,
        ),
    )
    view = EntryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 200)
    view.show()
    qtbot.waitExposed(view)
    day = view.model().index(0, 0)
    view.selectionModel().select(
        view.model().index(0, 0, day),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    for column in (Column.BILLABLE, Column.SYNC):
        cell = view.visualRect(view.model().index(0, column, day))
        image = view.viewport().grab(cell).toImage()
        # What most of the cell is painted with: the selection colour.
        background = Counter(
            image.pixel(x, y) for x in range(image.width()) for y in range(image.height())
        ).most_common(1)[0][0]
        selection = QColor.fromRgb(background)
        assert contrast(selection, view.palette().color(QPalette.ColorRole.Base)) > 1.2
        mark = _strongest(image, selection)
        assert contrast(mark, selection) >= 3, (scheme, column.name, mark.name(), selection.name())


def test_timos_application_is_made_in_fusion_on_linux() -> None:
    """The app asks for Fusion as it is made (`style.qt_arguments`), not with `setStyle`,
    and it wins over a style the desktop asks for (Fusion is also Qt's own choice where
    none is asked for). Qt takes the argument out of what the app sees as its own."""
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; "
        "from timo_desktop.ui import style; "
        "app = QApplication(style.qt_arguments('timo')); "
        "print(app.style().name(), app.arguments())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    made = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    name, arguments = made.stdout.split(" ", 1)
    assert name == ("fusion" if sys.platform.startswith("linux") else "windows")
    assert arguments.strip() == "['timo']"
