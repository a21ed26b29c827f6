"""In dark mode (Fusion with Timo's dark palette), fields and boxes can be seen: their
outlines stand out from the window by at least 3:1, as WCAG asks of controls."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from timo_desktop.ui import style


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "make",
    [lambda: QCheckBox("Sat"), lambda: QRadioButton("Session"), QLineEdit, QSpinBox],
    ids=["check box", "radio button", "field", "spin box"],
)
def test_outlines_stand_out_in_dark_mode(qtbot: QtBot, dark: QPalette, make: type[QWidget]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    control = make()
    QHBoxLayout(window).addWidget(control)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    background = dark.color(QPalette.ColorRole.Window)
    # The outline alone: the indicator of a box (unchecked: no mark), the top edge of a field
    # (its text sits lower).
    area = control.geometry()
    if isinstance(control, QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        control.initStyleOption(option)
        kind = QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(control, QRadioButton):
            kind = QStyle.SubElement.SE_RadioButtonIndicator
        area = control.style().subElementRect(kind, option, control).translated(area.topLeft())
    else:
        area.setHeight(3)
    seen = [
        QColor(image.pixel(x, y))
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    ]
    assert max(contrast(colour, background) for colour in seen) >= 3.0


def test_back_to_light_the_controls_take_the_light_palette(qapp: QApplication) -> None:
    light = QPalette(qapp.palette())
    style.use_palette(qapp, style.dark_palette())
    style.use_palette(qapp, light)
    box = QCheckBox("Sat")
    assert box.palette().color(QPalette.ColorRole.Window) == light.color(QPalette.ColorRole.Window)
    box.deleteLater()
